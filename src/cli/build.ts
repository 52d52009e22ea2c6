// `sitrep build`: check, then render and write the whole site. Refuses to
// build with errors (printing them); the previous output stays untouched.
import path from 'node:path'
import {parseArgs} from 'node:util'
import {createHash} from 'node:crypto'
import {createBuilder, defaultCacheDir, publicDirsFor} from '../builder.js'
import {readManifest} from '../load/cache.js'
import {writeManifest} from '../write/cache.js'
import {formatText} from '../diagnostics/report.js'
import {progressFor} from './progress.js'
import {collectGarbage} from './memory.js'
import {contentOption, outputOptions, siteOptions} from './options.js'
import {SearchIndexError, writeSearchIndex, type SearchIndexStats} from '../write/search-index.js'
import {openStaging, type Staging} from '../write/site.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'

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

export async function runBuild(args: string[], io: CliIo): Promise<ExitCode> {
  const started = performance.now()
  const {values} = parseArgs({
    args,
    options: {
      ...contentOption,
      out: {type: 'string', default: 'dist'},
      ...siteOptions,
      'no-search': {type: 'boolean', default: false},
      'no-cache': {type: 'boolean', default: false},
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

  const cacheDir = values['no-cache'] ? undefined : path.resolve(io.cwd, defaultCacheDir)
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
  // the first one: a refused build opens none) and swapped in at the end.
  let staging: Promise<Staging> | undefined
  let written = 0
  const stage = () => (staging ??= openStaging(outDir))
  let result
  try {
    result = await builder.build({
      onFile: async (file) => {
        await (await stage()).write(file)
        written++
        if (written % 50 === 0) progress.show(`Wrote ${written} files`)
        if (written % 400 === 0) collectGarbage()
      }
    })
  } catch (error) {
    await (await staging)?.abandon()
    throw error
  }
  progress.clear()
  const color = useColor(io.stderr, io.env)
  if (!result.ok) {
    await (await staging)?.abandon()
    io.stderr.write(formatText(result.diagnostics, {color, sources: result.sources}))
    io.stderr.write(`Build refused: fix the errors above. The previous output in ${display(io.cwd, outDir)} was left as it was.\n`)
    return exit.problems
  }
  if (result.diagnostics.length > 0 && !values.quiet) {
    io.stderr.write(formatText(result.diagnostics, {color, sources: result.sources}))
  }
  const search = !values['no-search']
  let index: SearchIndexStats | undefined
  // When no page changed, the previous search index is still right: keep it.
  const indexKey = createHash('sha256').update(JSON.stringify([...(result.keys ?? [])].filter(([file]) => file.endsWith('.html')))).digest('hex').slice(0, 32)
  const previousIndex = Object.entries(previousOutput?.files ?? {}).filter(([file]) => file.startsWith('pagefind/'))
  const reusedIndex = search && previousIndex.length > 0 && previousIndex.every(([, key]) => key === indexKey) ? previousIndex.map(([file]) => file) : []
  // Nothing rendered, nothing removed, the index kept: the output is
  // already exactly this build. Leave it alone rather than relink it.
  const previousFiles = Object.keys(previousOutput?.files ?? {})
  const current = new Set([...(result.keys?.keys() ?? []), ...reusedIndex])
  if (
    staging === undefined &&
    (!search || reusedIndex.length > 0) &&
    previousFiles.length === current.size &&
    previousFiles.every((file) => current.has(file))
  ) {
    progress.clear()
    if (values.verbose) io.stdout.write(`Parsed ${result.stats.parsed} of ${result.stats.briefs} briefs (the rest from the cache); nothing changed.\n`)
    if (!values.quiet) {
      const seconds = ((performance.now() - started) / 1000).toFixed(2)
      io.stdout.write(`Up to date: ${result.stats.pages} pages from ${result.stats.briefs} briefs, nothing changed, in ${seconds} s → ${display(io.cwd, outDir)}\n`)
    }
    return exit.ok
  }
  const site = await stage()
  try {
    await site.keep(outDir, [...(result.reused ?? []), ...reusedIndex])
    if (search && reusedIndex.length === 0) progress.show('Indexing for search…')
    // Indexed in the staging folder: a failed index never replaces the previous output.
    await site.commit(async (dir) => {
      if (search && reusedIndex.length === 0) index = await writeSearchIndex(dir)
    })
    if (cacheDir !== undefined && result.keys) {
      const files = Object.fromEntries(result.keys)
      for (const file of reusedIndex) files[file] = indexKey
      if (search && index !== undefined) for (const file of index.paths) files[file] = indexKey
      await writeManifest(cacheDir, {outDir, files})
    }
  } catch (error) {
    await site.abandon()
    progress.clear()
    if (!(error instanceof SearchIndexError)) throw error
    io.stderr.write(`sitrep build: search index failed: ${error.message}\n`)
    io.stderr.write(`Build stopped. The previous output in ${display(io.cwd, outDir)} was left as it was.\n`)
    return exit.problems
  }
  progress.clear()
  if (values.verbose) {
    const {parsed, briefs, rendered = written} = result.stats
    io.stdout.write(
      `Parsed ${parsed} of ${briefs} briefs (the rest from the cache); rendered ${rendered} files, kept ${result.reused?.length ?? 0} unchanged${reusedIndex.length > 0 ? ', kept the search index' : ''}.\n`
    )
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  if (!values.quiet) {
    const searchNote =
      index !== undefined
        ? ` + search index of ${index.pages} pages, ${kilobytes(index.bytes)}`
        : reusedIndex.length > 0
          ? ' + search index, unchanged'
          : ', no search index'
    const total = written + (result.reused?.length ?? 0)
    io.stdout.write(`Built ${result.stats.pages} pages from ${result.stats.briefs} briefs (${total} files${searchNote}) in ${seconds} s → ${display(io.cwd, outDir)}\n`)
  }
  return exit.ok
}

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`
}

/** The output folder is deleted and replaced: it must never be (or contain) the project or its content. */
function guardOutput(outDir: string, protectedDirs: readonly string[]): void {
  const root = path.parse(outDir).root
  if (outDir === root) throw new UsageError('--out must not be the file system root')
  for (const dir of protectedDirs) {
    if (dir === outDir || dir.startsWith(outDir + path.sep)) {
      throw new UsageError(`--out ${outDir} would replace ${dir}; choose a folder of its own, such as dist`)
    }
  }
}

function display(cwd: string, dir: string): string {
  const relative = path.relative(cwd, dir)
  return relative === '' ? '.' : relative.startsWith('..') ? dir : `${relative}/`
}
