// `sitrep serve`: builds the site in memory, serves it on localhost, and
// rebuilds and reloads open pages on every save. Owns what the terminal
// shows (progress on a terminal, one line per rebuild, diagnostics, the URL;
// --quiet and --verbose) and the exit code; serve/ owns the server itself.
import path from 'node:path'
import {parseArgs} from 'node:util'
import {publicDirsFor} from '../build/builder.js'
import {countBySeverity} from '../diagnostics/diagnostic.js'
import {errorCode} from '../error-code.js'
import {formatText, plural} from '../diagnostics/report.js'
import {displayPath} from '../paths.js'
import {startServer, type BuildReport, type RunningServer, type ServeEvent} from '../serve/server.js'
import type {Change} from '../serve/watch.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'
import {contentOption, outputOptions, siteOptions} from './options.js'
import {progressFor} from './progress.js'
import {collectGarbage} from './memory.js'

export const serveHelp = `Usage: sitrep serve [options]

Build the site in memory and serve it on this machine, rebuilding and
reloading open pages whenever content/ or public/ changes. While a change
has errors, every page shows them; fixing the file brings the site back.
Nothing is written to disk.

Options:
  --port N          port (default: 4000; 0 picks a free one)
  --host HOST       address to listen on (default: 127.0.0.1, this machine only)
  --content DIR     content folder (default: content)
  --public DIR      static files served as they are (default: public, if present)
  --base-url URL    build for this URL instead of site.yml's baseUrl
  -q, --quiet       print only errors and the address
  -v, --verbose     also list the files each rebuild was for
  -h, --help        show this help

Stop with Ctrl-C. Exit codes: 0 stopped, 1 could not start, 2 usage error.
`

/** The CLI's io, plus a signal that stops the server (default: Ctrl-C or SIGTERM), for tests and embedding. */
export interface ServeIo extends CliIo {
  readonly signal?: AbortSignal
}

export async function runServe(args: string[], io: ServeIo): Promise<ExitCode> {
  const {values} = parseArgs({
    args,
    options: {
      port: {type: 'string', default: '4000'},
      host: {type: 'string', default: '127.0.0.1'},
      ...contentOption,
      ...siteOptions,
      ...outputOptions
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) {
    io.stdout.write(serveHelp)
    return exit.ok
  }
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${values.port}")`)
  }
  if (values.host.trim() === '') throw new UsageError('--host must not be empty')
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose cannot be combined')

  const printer = createPrinter(io, {quiet: values.quiet, verbose: values.verbose})
  let server: RunningServer
  try {
    server = await startServer({
      contentDir: path.resolve(io.cwd, values.content),
      cwd: io.cwd,
      publicDirs: publicDirsFor(io.cwd, values.public),
      ...(values['base-url'] === undefined ? {} : {baseUrl: values['base-url']}),
      host: values.host,
      port: Number(values.port),
      onEvent: printer.event,
      // The first build renders every page into memory: without collecting
      // as it goes, a 4,000-brief site left ~700 MB of garbage in the heap.
      onRendered: (count) => {
        if (count % 400 === 0) collectGarbage()
      }
    })
  } catch (error) {
    printer.clearProgress()
    io.stderr.write(`sitrep serve: ${listenProblem(error, values.host, values.port)}\n`)
    return exit.problems
  }
  io.stdout.write(`Serving ${server.url}${values.quiet ? '' : ' (Ctrl-C to stop)'}\n`)

  await stopRequested(io.signal)
  await server.close()
  if (!values.quiet) io.stdout.write('Stopped.\n')
  return exit.ok
}

interface PrintOptions {
  readonly quiet: boolean
  readonly verbose: boolean
}

/** What each server event prints. Progress only for the first build, and only on a terminal. */
function createPrinter(io: CliIo, options: PrintOptions) {
  const color = useColor(io.stderr, io.env)
  const progress = progressFor(io.stderr, options.quiet, ', rendering pages…')
  let firstDone = false
  let lastWarnings = ''
  const clearProgress = () => {
    progress.clear()
  }

  const report = (built: BuildReport) => {
    clearProgress()
    firstDone = true
    if (options.verbose) for (const change of built.changes) io.stdout.write(`  ${describeChange(change, io.cwd)}\n`)
    if (built.failure) {
      io.stderr.write(`sitrep serve: internal error while building: ${built.failure.message}\nThe next change builds again; please report this if it persists.\n`)
      return
    }
    const {errors} = countBySeverity(built.diagnostics)
    const text = built.diagnostics.length === 0 ? '' : formatText(built.diagnostics, {color, sources: built.sources})
    if (errors > 0) {
      io.stderr.write(text)
      io.stderr.write(`${built.initial ? 'The site has' : 'This change leaves'} ${plural(errors, 'error')}: every page shows them until they are fixed.\n`)
      lastWarnings = ''
      return
    }
    // Warnings do not block; they are printed when they change, not on every save.
    if (!options.quiet && text !== lastWarnings && text !== '') io.stderr.write(text)
    lastWarnings = text
    if (!options.quiet) io.stdout.write(`${summary(built)}\n`)
  }

  const event = (happened: ServeEvent) => {
    switch (happened.type) {
      case 'progress':
        // Only the first build: rebuilds are too quick to need it.
        if (!firstDone) progress.parse(happened.progress)
        return
      case 'build':
        report(happened.report)
        return
      case 'superseded':
        // Read in the middle of a save: the rebuild that follows says what is wrong, if anything still is.
        return
      case 'templates-changed':
        if (options.quiet) return
        io.stderr.write(
          `${happened.changes.map((change) => displayPath(change.path, io.cwd)).join(', ')} changed. Templates are compiled into sitrep and a running server cannot re-import them: run \`npm run compile\`, then restart \`sitrep serve\` (open pages reload by themselves when it is back).\n`
        )
        return
      case 'watch-error':
        io.stderr.write(`sitrep serve: watching for changes failed: ${watchProblem(happened.error)}\n`)
        return
    }
  }
  return {event, clearProgress}
}

/** "Rebuilt in 34 ms: 1 brief parsed, 20 pages". */
function summary(built: BuildReport): string {
  const ms = Math.round(built.stats.milliseconds)
  return `${built.initial ? 'Built' : 'Rebuilt'} in ${ms} ms: ${plural(built.stats.parsed, 'brief')} parsed, ${plural(built.stats.pages, 'page')}`
}

function describeChange(change: Change, cwd: string): string {
  const verb = {add: 'added', change: 'changed', unlink: 'removed', addDir: 'added folder', unlinkDir: 'removed folder'}[change.kind]
  return `${verb} ${displayPath(change.path, cwd)}`
}

/** Resolves on Ctrl-C or SIGTERM (or the io's signal); a second Ctrl-C, with the handler gone, ends the process at once. */
function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) resolve()
      else
        signal.addEventListener(
          'abort',
          () => {
            resolve()
          },
          {once: true}
        )
      return
    }
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** Why watching failed. ENOSPC from a watch is no full disk: it is the system's limit on watches (inotify). */
function watchProblem(error: Error): string {
  if (errorCode(error) === 'ENOSPC') return "the system's limit on watched folders is reached (ENOSPC). Raise fs.inotify.max_user_watches (sysctl), then restart sitrep serve."
  return error.message
}

function listenProblem(error: unknown, host: string, port: string): string {
  const code = errorCode(error)
  if (code === 'EADDRINUSE') return `port ${port} is in use. Choose another with --port N, or --port 0 for any free port.`
  if (code === 'EACCES') return `not allowed to listen on port ${port} (ports below 1024 need privileges). Choose another with --port N.`
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot listen on host "${host}": it is not an address of this machine.`
  return `could not start: ${error instanceof Error ? error.message : String(error)}`
}
