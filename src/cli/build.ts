// `sitrep build`: check, then render and write the whole site. Refuses to
// build with errors (printing them); the previous output stays untouched.
// Owns what the analyst is told when the output cannot be written (a full
// disk, a refused folder, another build at work): what failed, that the
// previous output was kept, what to do; never a stack trace.
import path from 'node:path'
import {hostname} from 'node:os'
import {parseArgs} from 'node:util'
import {createBuilder, defaultCacheDir, publicDirsFor, type BuildPhases} from '../build/builder.js'
import {readManifest} from '../build/cache.js'
import {manifestFiles, otherSearchPages, planSearchIndex, searchShards, shardListFile, shardListKey, upToDate} from '../build/output.js'
import {forgetManifest, probeCache, pruneSearchParts, restoreSearchPart, saveSearchPart, writeManifest} from '../build/cache.js'
import {readFile} from 'node:fs/promises'
import {formatText, plural} from '../diagnostics/report.js'
import {errorWords} from '../error-code.js'
import {displayPath, isInside} from '../paths.js'
import {progressFor} from './progress.js'
import {collectGarbage} from './memory.js'
import {cacheOption, contentOption, outputOptions, siteOptions} from './options.js'
import {SearchIndexError, writeSearchIndex, type SearchIndexStats} from '../write/search-index.js'
import {defaultSiteFs, openStaging, OutputError, recoverOutput, type SiteFs, type Staging} from '../write/site.js'
import {lockOutput, OutputLockedError, type LockHolder, type OutputLock} from '../write/lock.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'
import {buildAdvice, cacheWarning} from './messages.js'

export const buildHelp = `Usage: sitrep build [options]

Check the archive, then build the static site.

Options:
  --content DIR     content folder (default: content)
  --out DIR         output folder, replaced as a whole (default: dist)
  --public DIR      static files copied as they are (default: public, if present)
  --base-url URL    publish under this URL instead of site.yml's baseUrl
  --no-cache        rebuild everything: neither read nor write .cache/sitrep/
  --no-search       skip the search index (the search page then says search is unavailable)
  -q, --quiet       print only errors
  -v, --verbose     also say what was parsed, rendered and kept from the cache
  -h, --help        show this help
`

/** `fs` is what the output is written with: tests pass one that fails on purpose. */
export async function runBuild(args: string[], io: CliIo, fs: SiteFs = defaultSiteFs): Promise<ExitCode> {
  const started = performance.now()
  const {values} = parseArgs({
    args,
    options: {
      ...contentOption,
      out: {type: 'string', default: 'dist'},
      ...siteOptions,
      'no-search': {type: 'boolean', default: false},
      ...cacheOption,
      ...outputOptions
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) {
    io.stdout.write(buildHelp)
    return exit.ok
  }
  const contentDir = path.resolve(io.cwd, values.content)
  const outDir = path.resolve(io.cwd, values.out)
  guardOutput(outDir, [io.cwd, contentDir])

  // The whole build holds the output's lock: what it reuses of the previous
  // output must still be there when it swaps the new one in.
  let lock: OutputLock | undefined
  try {
    lock = await lockOutput(outDir)
    const recovered = await recoverOutput(outDir, fs)
    if (recovered.restored !== undefined && !values.quiet) {
      io.stderr.write(`sitrep build: a build was killed while replacing ${displayPath(outDir, io.cwd, {folder: true})}; its previous output was put back.\n`)
    }
    if (recovered.completed !== undefined && !values.quiet) {
      io.stderr.write(`sitrep build: a build was killed while updating ${displayPath(outDir, io.cwd, {folder: true})}; its update was finished from its journal.\n`)
    }
    return await buildLocked({...values, started, contentDir, outDir}, io, fs)
  } catch (error) {
    if (error instanceof OutputLockedError) {
      io.stderr.write(lockedMessage(io.cwd, outDir, error))
      return exit.problems
    }
    if (error instanceof OutputError) {
      io.stderr.write(outputErrorMessage(io.cwd, outDir, error))
      return exit.problems
    }
    throw error
  } finally {
    await lock?.release()
  }
}

interface BuildRequest {
  readonly started: number
  readonly contentDir: string
  readonly outDir: string
  readonly public: string
  readonly 'base-url'?: string | undefined
  readonly 'no-search': boolean
  readonly 'no-cache': boolean
  readonly quiet: boolean
  readonly verbose: boolean
}

async function buildLocked(values: BuildRequest, io: CliIo, fs: SiteFs): Promise<ExitCode> {
  const {started, contentDir, outDir} = values
  let cacheDir = values['no-cache'] ? undefined : path.resolve(io.cwd, defaultCacheDir)
  // An unwritable cache only costs time: build without it, and say so.
  const unwritable = cacheDir === undefined ? undefined : await probeCache(cacheDir)
  if (unwritable !== undefined) {
    if (!values.quiet) io.stderr.write(cacheWarning(io.cwd, unwritable, 'Building without it: the site is the same, only slower to build.'))
    cacheDir = undefined
  }
  const previousOutput = cacheDir === undefined ? undefined : await readManifest(cacheDir, outDir)
  const progress = progressFor(io.stderr, values.quiet)
  const builder = createBuilder({
    onProgress: (step) => {
      progress.parse(step)
    },
    contentDir,
    cwd: io.cwd,
    sources: 'diagnosed',
    publicDirs: publicDirsFor(io.cwd, values.public),
    ...(cacheDir === undefined ? {} : {cacheDir}),
    ...(previousOutput === undefined ? {} : {previousOutput}),
    ...(values['base-url'] === undefined ? {} : {baseUrl: values['base-url']})
  })
  // Files are written to a staging folder as they are rendered (opened on
  // the first one: a refused build opens none) and put live at the end:
  // moved into the output when the manifest says what is there, else the
  // whole folder swapped in.
  let staging: Promise<Staging> | undefined
  let written = 0
  const inPlace = previousOutput?.present !== undefined
  const stage = () => (staging ??= openStaging(outDir, fs, previousOutput?.present === undefined ? {} : {present: previousOutput.present}))
  // Whatever went wrong, the staging folder goes (if it was ever opened).
  const abandon = () => staging?.then((opened) => opened.abandon(), () => undefined)
  let result
  try {
    result = await builder.build({
      onFile: async (file) => {
        await (await stage()).write(file)
        written++
        if (written % 50 === 0) progress.show(`Wrote ${plural(written, 'file')}`)
        if (written % 400 === 0) collectGarbage()
      }
    })
  } catch (error) {
    await abandon()
    progress.clear()
    throw error
  }
  progress.clear()
  if (result.cacheFailure !== undefined && !values.quiet) {
    io.stderr.write(cacheWarning(io.cwd, result.cacheFailure, 'This build is right all the same; what could not be cached is compiled again next time.'))
  }
  const color = useColor(io.stderr, io.env)
  if (!result.ok) {
    await abandon()
    io.stderr.write(formatText(result.diagnostics, {color, sources: result.sources}))
    io.stderr.write(`Build refused: fix the errors above. The previous output in ${displayPath(outDir, io.cwd, {folder: true})} was left as it was.\n`)
    return exit.problems
  }
  if (result.diagnostics.length > 0 && !values.quiet) {
    io.stderr.write(formatText(result.diagnostics, {color, sources: result.sources}))
  }
  const search = !values['no-search']
  let index: SearchIndexStats | undefined
  let indexMs: number | undefined
  // The index is in parts, one per year: parts whose pages are unchanged are kept as they are.
  const keys = result.keys ?? new Map<string, string>()
  const shards = search ? searchShards(result.archive?.briefs ?? [], result.contentKeys ?? new Map(), otherSearchPages(keys)) : []
  const plan = planSearchIndex(previousOutput, shards, search)
  const indexing = search && (plan.todo.length > 0 || plan.writeList)
  // The output is already exactly this build: leave it alone rather than relink it.
  if (upToDate({wrote: staging !== undefined, search, index: plan, previous: previousOutput, keys})) {
    progress.clear()
    if (values.verbose) io.stdout.write(`${readAndParsed(result.stats)} (the rest from the cache); nothing changed.\n`)
    if (!values.quiet) {
      const seconds = ((performance.now() - started) / 1000).toFixed(2)
      io.stdout.write(`Up to date: ${summaryCounts(result.stats.pages, result.stats.briefs)}, nothing changed, in ${seconds} s → ${displayPath(outDir, io.cwd, {folder: true})}\n`)
    }
    return exit.ok
  }
  try {
    const site = await stage()
    await site.keep(outDir, [...(result.reused ?? []), ...plan.kept.keys()])
    if (indexing) progress.show('Indexing for search…')
    // Indexed in the staging folder: a failed index never replaces the previous output.
    await site.commit(async (dir, locate) => {
      if (indexing) {
        const from = performance.now()
        // With a cache, parts indexed by an earlier build (whose output is gone: a CI runner's) are copied from it.
        const store =
          cacheDir === undefined
            ? undefined
            : {
                restore: (key: string, target: string) => restoreSearchPart(cacheDir, key, target),
                save: async (key: string, from: string) => {
                  const failed = await saveSearchPart(cacheDir, key, from)
                  if (failed !== undefined && !values.quiet) io.stderr.write(cacheWarning(io.cwd, failed, 'The search index was written; the next build indexes that part again.'))
                }
              }
        const readPage = (page: string) => readFile(locate(page), 'utf8')
        index = await writeSearchIndex(dir, {shards, todo: plan.todo, readPage, ...(store === undefined ? {} : {store}), ...(plan.writeList ? {list: {path: shardListFile, key: shardListKey(shards)}} : {})})
        indexMs = performance.now() - from
      }
      // About to change the output in place: its manifest goes first (see forgetManifest); if it cannot, nothing is changed.
      if (inPlace && cacheDir !== undefined) {
        const failed = await forgetManifest(cacheDir)
        if (failed !== undefined) throw new OutputError('forgetting the previous manifest', failed.path, failed.code, {cause: failed})
      }
      return index?.paths.keys()
    })
  } catch (error) {
    await abandon()
    progress.clear()
    if (!(error instanceof SearchIndexError)) throw error
    io.stderr.write(`sitrep build: search index failed: ${error.message}\n`)
    io.stderr.write(`Build stopped. The previous output in ${displayPath(outDir, io.cwd, {folder: true})} was left as it was.\n`)
    return exit.problems
  }
  progress.clear()
  // Parts of older versions of the index are no longer needed.
  if (cacheDir !== undefined && search) await pruneSearchParts(cacheDir, new Set(shards.map((shard) => shard.key)))
  // The new output is in place: a manifest that cannot be written costs the next build time, not this one.
  if (cacheDir !== undefined && result.keys) {
    const files = manifestFiles(result.keys, new Map([...plan.kept, ...(index?.paths ?? [])]))
    const failed = await writeManifest(cacheDir, {outDir, files})
    if (failed !== undefined && !values.quiet) io.stderr.write(cacheWarning(io.cwd, failed, 'The site was built; the next build will render every page again.'))
  }
  const keptParts = shards.length - plan.todo.length
  const restoredParts = index?.restored ?? 0
  if (values.verbose) {
    const {parsed, briefs, rendered = written, phases, images = 0} = result.stats
    io.stdout.write(
      `${readAndParsed({parsed, briefs, ...(result.stats.read === undefined ? {} : {read: result.stats.read})})} (the rest from the cache); rendered ${plural(rendered, 'file')}, kept ${result.reused?.length ?? 0} unchanged${keptParts > 0 ? `, kept ${keptParts} of ${plural(shards.length, 'search index part')}` : ''}${restoredParts > 0 ? `, copied ${plural(restoredParts, 'search index part')} from the cache` : ''}${images > 0 ? `; processed ${plural(images, 'image')}` : ''}.\n`
    )
    if (phases) io.stdout.write(`${phaseLine(phases, indexMs)}\n`)
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  if (!values.quiet) {
    // Parts indexed now (the others kept from the output, or copied from the cache).
    const indexed = plan.todo.length - restoredParts
    const searchNote = !search
      ? ', no search index'
      : indexed === 0
        ? restoredParts > 0
          ? ' + search index, from the cache'
          : ' + search index, unchanged'
        : indexed === shards.length
          ? ` + search index of ${plural(index?.pages ?? 0, 'page')}, ${kilobytes(index?.bytes ?? 0)}`
          : ` + search index: ${indexed} of ${plural(shards.length, 'part')} updated, ${plural(index?.pages ?? 0, 'page')}, ${kilobytes(index?.bytes ?? 0)}`
    const total = written + (result.reused?.length ?? 0)
    io.stdout.write(`Built ${summaryCounts(result.stats.pages, result.stats.briefs)} (${plural(total, 'file')}${searchNote}) in ${seconds} s → ${displayPath(outDir, io.cwd, {folder: true})}\n`)
  }
  return exit.ok
}

/** "Time: reading 0.10 s, compiling 5.62 s, ...": where a build's time went (--verbose). */
export function phaseLine(phases: BuildPhases, indexMs?: number): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  const index = indexMs === undefined ? '' : `, search index ${s(indexMs)}`
  return `Time: reading ${s(phases.read)}, compiling ${s(phases.compile)}, linking ${s(phases.link)}, images ${s(phases.images)}, rendering and writing ${s(phases.render)}${index}.`
}

/** "Read 1 and parsed 1 of 1,000 briefs": files read (the others known unchanged by their stamps) and compiled. */
function readAndParsed(stats: {readonly read?: number; readonly parsed: number; readonly briefs: number}): string {
  return `${stats.read === undefined ? 'Parsed' : `Read ${stats.read} and parsed`} ${stats.parsed} of ${plural(stats.briefs, 'brief')}`
}

/** "13 pages from 1 brief": the counts every build summary starts with. */
export function summaryCounts(pages: number, briefs: number): string {
  return `${plural(pages, 'page')} from ${plural(briefs, 'brief')}`
}

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`
}

/** The output folder is deleted and replaced: it must never be (or contain) the project or its content. */
function guardOutput(outDir: string, protectedDirs: readonly string[]): void {
  const root = path.parse(outDir).root
  if (outDir === root) throw new UsageError('--out must not be the file system root')
  for (const dir of protectedDirs) {
    if (isInside(dir, outDir)) {
      throw new UsageError(`--out ${outDir} would replace ${dir}; choose a folder of its own, such as dist`)
    }
  }
}

/** The output could not be written: what failed, the previous output's fate, what to do. */
function outputErrorMessage(cwd: string, outDir: string, error: OutputError): string {
  const words = errorWords(error.code)
  const reason = words === undefined ? `system error ${error.code}` : `${words} (${error.code})`
  const advice = buildAdvice[error.code] ?? 'Fix the cause, or build elsewhere with --out'
  const kept =
    error.retired === undefined
      ? `Nothing in ${displayPath(outDir, cwd, {folder: true})} was changed: the previous output is as it was.`
      : `The previous output could not be put back into ${displayPath(outDir, cwd, {folder: true})}: it is in ${error.retired}, and the next build puts it back.`
  return `sitrep build: cannot write the site: ${reason}, ${error.action} ${displayPath(error.target, cwd)}.\n${kept}\n${advice}, then run sitrep build again.\n`
}

/** Another build holds the lock: which process, since when, what to do. */
function lockedMessage(cwd: string, outDir: string, error: OutputLockedError): string {
  const holder = error.holder
  const who = holder === undefined ? 'another build (its lock file was being written)' : `another build (process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${since(holder)})`
  return (
    `sitrep build: ${displayPath(outDir, cwd, {folder: true})} is being built by ${who}.\n` +
    `Nothing was written; the output was left as it was. Wait for that build to finish, then run sitrep build again.\n` +
    `If no build is running (that process is not sitrep), delete ${error.lockFile} and try again.\n`
  )
}

function since(holder: LockHolder): string {
  const time = Date.parse(holder.started)
  if (Number.isNaN(time)) return holder.started
  const seconds = Math.max(0, Math.round((Date.now() - time) / 1000))
  const minutes = Math.round(seconds / 60)
  const ago = seconds < 120 ? `${seconds} s` : minutes < 120 ? `${minutes} min` : minutes < 2880 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC, ${ago} ago`
}

