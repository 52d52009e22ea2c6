// `sitrep links`: every http(s) URL the archive cites, fetched once each
// (or reported from the results cache), problems reported at every note
// citing them in check's three formats, with check's exit codes. This
// module owns the options, `git diff` for --changed-since, progress and
// output; build/links.ts runs the check.
import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {parseArgs} from 'node:util'
import {defaultCacheDir} from '../build/builder.js'
import {checkLinks, defaultMaxAgeMs, type LinksOptions} from '../build/links.js'
import {countBySeverity} from '../diagnostics/diagnostic.js'
import {format, plural} from '../diagnostics/report.js'
import {formatLinksJson} from '../links/report.js'
import {parseDuration} from '../links/plan.js'
import {version} from '../version.js'
import {cacheWarning} from './messages.js'
import {cacheOption, contentOption, formatOption, helpOption, reporterOf} from './options.js'
import {progressFor} from './progress.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'

export const linksHelp = `Usage: sitrep links [options]

Fetch every http(s) source, body link and takeaway link of every brief
(never a defanged one, never one into the archive itself) and report the
dead, moved and failing ones at the notes that cite them.

Options:
  --content DIR          content folder (default: content)
  --format FORMAT        text, json or github (default: text)
  --changed-since REF    only the briefs changed since the git ref REF (e.g. origin/main)
  --max-age DURATION     reuse results checked within DURATION: 7d, 12h, 30m, 0 (default: 7d)
  --offline              fetch nothing; report what the cache holds
  --concurrency N        requests in flight in all (default: 32)
  --host-concurrency N   requests in flight to one host (default: 2)
  --host-delay MS        least time between two requests to one host (default: 100)
  --timeout S            seconds to wait for an answer, per request (default: 10)
  --retries N            retries of a timeout, 429, 5xx, TLS or connection failure (default: 2)
  --strict               exit 1 on warnings too
  --no-cache             neither read nor write the results cache (.cache/sitrep/links/)
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.
`

/** What tests and the bench inject: where to connect, and shorter waits. */
export type LinksDeps = Pick<LinksOptions, 'connectTo' | 'backoffMs' | 'maxRetryAfterMs' | 'now'>

const run = promisify(execFile)

export async function runLinks(args: string[], io: CliIo, deps: LinksDeps = {}): Promise<ExitCode> {
  const {values} = parseArgs({
    args,
    options: {
      ...contentOption,
      ...formatOption,
      'changed-since': {type: 'string'},
      'max-age': {type: 'string', default: '7d'},
      offline: {type: 'boolean', default: false},
      concurrency: {type: 'string', default: '32'},
      'host-concurrency': {type: 'string', default: '2'},
      'host-delay': {type: 'string', default: '100'},
      timeout: {type: 'string', default: '10'},
      retries: {type: 'string', default: '2'},
      strict: {type: 'boolean', default: false},
      ...cacheOption,
      ...helpOption
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) {
    io.stdout.write(linksHelp)
    return exit.ok
  }
  const kind = reporterOf(values.format)
  const maxAgeMs = parseDuration(values['max-age'])
  if (maxAgeMs === undefined) throw new UsageError(`--max-age must be a duration such as 7d, 12h, 30m or 0 (got "${values['max-age']}")`)
  const count = (name: string, value: string, min: number): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value.trim()) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}")`)
    return n
  }
  const timeout = Number(values.timeout)
  if (!/^\d+(\.\d+)?$/.test(values.timeout.trim()) || timeout <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got "${values.timeout}")`)

  const contentDir = path.resolve(io.cwd, values.content)
  const changedSince = values['changed-since']
  const only = changedSince === undefined ? undefined : await changedFiles(changedSince, io.cwd)

  const progress = progressFor(io.stderr, false)
  let last = 0
  const started = performance.now()
  const result = await checkLinks({
    contentDir,
    cwd: io.cwd,
    ...(values['no-cache'] ? {} : {cacheDir: path.resolve(io.cwd, defaultCacheDir)}),
    maxAgeMs,
    offline: values.offline,
    ...(only === undefined ? {} : {only}),
    concurrency: count('concurrency', values.concurrency, 1),
    hostConcurrency: count('host-concurrency', values['host-concurrency'], 1),
    hostIntervalMs: count('host-delay', values['host-delay'], 0),
    retries: count('retries', values.retries, 0),
    timeoutMs: Math.round(timeout * 1000),
    userAgent: (baseUrl) => `sitrep-links/${version} (+${baseUrl})`,
    onProgress: (done, total) => {
      const now = performance.now()
      // 20 redraws a second at most, and always the last one.
      if (total === 0 || (done !== total && now - last < 50)) return
      last = now
      progress.show(`Checking links ${bar(done, total)} ${done}/${plural(total, 'URL')}`)
    },
    ...deps
  })
  progress.clear()
  if (result.cacheFailure !== undefined) {
    io.stderr.write(cacheWarning(io.cwd, result.cacheFailure, 'The report is right all the same; the next run fetches these URLs again.', 'links'))
  }
  io.stdout.write(
    kind === 'json'
      ? formatLinksJson(result.diagnostics, result.cited, result.results, result.unchecked)
      : format(result.diagnostics, kind, {color: useColor(io.stdout, io.env), sources: result.sources, command: 'links'})
  )
  io.stderr.write(summary(result, maxAgeMs, values.offline, (performance.now() - started) / 1000))
  const {errors, warnings} = countBySeverity(result.diagnostics)
  return errors > 0 || (values.strict && warnings > 0) ? exit.problems : exit.ok
}

/** `[=========           ]`: twenty cells, ASCII so every terminal shows it. */
function bar(done: number, total: number): string {
  const filled = Math.round((20 * done) / Math.max(1, total))
  return `[${'='.repeat(filled)}${' '.repeat(20 - filled)}]`
}

function summary(result: Awaited<ReturnType<typeof checkLinks>>, maxAgeMs: number, offline: boolean, seconds: number): string {
  const lines: string[] = []
  const age = maxAgeMs === defaultMaxAgeMs ? '7 days' : `--max-age`
  const cached = result.fromCache === 0 ? '' : `, ${result.fromCache} from the cache (${offline ? 'offline' : `checked within ${age}`})`
  lines.push(`Checked ${plural(result.cited.length, 'URL')} cited in ${plural(result.briefs, 'brief')}: ${result.fetched} fetched${cached}, in ${seconds.toFixed(1)} s.`)
  if (result.unchecked.length > 0) lines.push(`${plural(result.unchecked.length, 'URL')} not checked: not in the cache, and --offline fetches nothing.`)
  if (result.unparsed.length > 0) lines.push(`${plural(result.unparsed.length, 'brief')} could not be read and ${result.unparsed.length === 1 ? 'was' : 'were'} skipped (${result.unparsed.join(', ')}): run sitrep check.`)
  return `${lines.join('\n')}\n`
}

/**
 * The files changed since `ref`: what differs between the working tree and
 * the commit where this branch left `ref` (so changes made on `ref` since
 * are not counted), plus new files git does not track yet. Absolute paths.
 */
async function changedFiles(ref: string, cwd: string): Promise<Set<string>> {
  const git = async (...args: string[]) => {
    try {
      return (await run('git', args, {cwd, maxBuffer: 64 * 1024 * 1024})).stdout
    } catch (error) {
      const stderr = (error as {stderr?: string}).stderr?.trim()
      throw new UsageError(`--changed-since ${ref}: git ${args[0] ?? ''} failed${stderr ? `: ${stderr.split('\n')[0] ?? ''}` : ''}`)
    }
  }
  const base = (await git('merge-base', ref, 'HEAD')).trim()
  // Paths relative to the working directory, as the content folder's are made: no symbolic link can make them differ.
  const changed = (await git('diff', '--name-only', '-z', '--relative', base, '--')).split('\0')
  const untracked = (await git('ls-files', '--others', '--exclude-standard', '-z')).split('\0')
  return new Set([...changed, ...untracked].filter((name) => name !== '').map((name) => path.join(cwd, name)))
}
