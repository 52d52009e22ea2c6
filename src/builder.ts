// A builder that remembers: the whole pipeline (load → parse → validate →
// link → render) as one call that `build`, `check` and `serve` share, keeping
// what it parsed and rendered so the next call redoes only what changed.
// Writing to disk stays with the caller (write/ for build, memory for serve).
import path from 'node:path'
import type {Brief, Site} from './ast.js'
import {countBySeverity, sortDiagnostics, type Diagnostic} from './diagnostics/diagnostic.js'
import {linkArchive, type Archive} from './link/archive.js'
import {defaultPublicDir, loadAssets} from './load/assets.js'
import {loadBriefs, loadConfig} from './load/content.js'
import type {SourceFile} from './load/files.js'
import {parseSite} from './parse/site.js'
import {parseBrief, type BriefResult} from './pipeline.js'
import {renderSite, type OutputFile} from './render/site.js'

export interface BuilderOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Folders of static files copied as they are; later folders win. Default: sitrep's own public/. */
  readonly publicDirs?: readonly string[]
  /** Overrides site.yml's baseUrl. */
  readonly baseUrl?: string
  /** Called after each brief file is parsed (or found unchanged), for progress on a terminal. */
  readonly onProgress?: (progress: BuildProgress) => void
}

export interface BuildProgress {
  readonly step: 'parse'
  /** Brief files handled so far, of `total`. */
  readonly done: number
  readonly total: number
}

export interface BuildResult {
  /** True when there are no errors and files were rendered. */
  readonly ok: boolean
  readonly diagnostics: Diagnostic[]
  readonly sources: ReadonlyMap<string, string>
  /** Every file of the site, by path, when `ok`. */
  readonly files: ReadonlyMap<string, OutputFile['contents']>
  readonly archive?: Archive
  readonly stats: {briefs: number; parsed: number; pages: number; milliseconds: number}
}

export interface Builder {
  /** Check only: load, parse, validate, link. */
  check(): Promise<BuildResult>
  /** Check, then render every file (in memory). */
  build(): Promise<BuildResult>
}

interface Remembered {
  readonly value: string
  /** regions.yml's text: headings resolve through it, so a change re-parses every brief. */
  readonly regions: string
  readonly result: BriefResult
}

export function createBuilder(options: BuilderOptions): Builder {
  // Per brief file: the text last parsed and what parsing it gave. A file
  // whose text and region vocabulary are unchanged is not parsed again.
  const parsed = new Map<string, Remembered>()

  async function run(render: boolean): Promise<BuildResult> {
    const started = performance.now()
    const sources = new Map<string, string>()
    const config = await loadConfig(options.contentDir, options.cwd)
    const diagnostics = [...config.diagnostics]
    for (const file of [config.site, config.regions]) if (file) sources.set(file.file, file.value)
    const fail = (briefs = 0, parsedCount = 0): BuildResult => ({
      ok: false,
      diagnostics: sortDiagnostics(diagnostics),
      sources,
      files: new Map(),
      stats: {briefs, parsed: parsedCount, pages: 0, milliseconds: performance.now() - started}
    })
    if (!config.site || !config.regions) return fail()
    const siteResult = parseSite(
      {site: config.site, regions: config.regions, contentDir: options.contentDir},
      options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}
    )
    diagnostics.push(...siteResult.diagnostics)
    const site = siteResult.site
    if (!site) return fail()

    const loaded = await loadBriefs(options.contentDir, options.cwd, site.settings.maxBriefBytes)
    diagnostics.push(...loaded.diagnostics)
    const {briefs, count} = parseAll(loaded.files, site, config.regions.value, sources, diagnostics)
    const linked = linkArchive(briefs, site)
    diagnostics.push(...linked.diagnostics)
    const sorted = sortDiagnostics(diagnostics)
    const ok = countBySeverity(sorted).errors === 0
    const stats = {briefs: loaded.files.length, parsed: count, pages: 0, milliseconds: 0}
    if (!render || !ok) {
      return {ok, diagnostics: sorted, sources, files: new Map(), archive: linked.archive, stats: {...stats, milliseconds: performance.now() - started}}
    }
    const pages = renderSite(linked.archive)
    const assets = await loadAssets(options.publicDirs ?? [defaultPublicDir])
    const files = new Map<string, OutputFile['contents']>()
    for (const file of [...pages, ...assets]) files.set(file.path, file.contents)
    return {
      ok: true,
      diagnostics: sorted,
      sources,
      files,
      archive: linked.archive,
      stats: {...stats, pages: pages.filter((file) => file.path.endsWith('.html')).length, milliseconds: performance.now() - started}
    }
  }

  function parseAll(files: readonly SourceFile[], site: Site, regionsText: string, sources: Map<string, string>, diagnostics: Diagnostic[]) {
    const briefs: Brief[] = []
    let count = 0
    let handled = 0
    const seen = new Set<string>()
    for (const file of files) {
      seen.add(file.path)
      sources.set(file.file, file.value)
      let memo = parsed.get(file.path)
      if (memo?.value !== file.value || memo.regions !== regionsText) {
        memo = {value: file.value, regions: regionsText, result: parseBrief(file, {regions: site.regions})}
        parsed.set(file.path, memo)
        count++
      }
      diagnostics.push(...memo.result.diagnostics)
      if (memo.result.brief) briefs.push(memo.result.brief)
      options.onProgress?.({step: 'parse', done: ++handled, total: files.length})
    }
    // Forget deleted files.
    for (const key of parsed.keys()) if (!seen.has(key)) parsed.delete(key)
    return {briefs, count}
  }

  return {check: () => run(false), build: () => run(true)}
}

/** The public folders for a project: sitrep's defaults, then the project's own public/ if it is another folder. */
export function publicDirsFor(cwd: string, publicDir: string): string[] {
  const own = path.resolve(cwd, publicDir)
  return own === defaultPublicDir ? [defaultPublicDir] : [defaultPublicDir, own]
}
