// A builder that remembers: the whole pipeline (load → parse → validate →
// link → render) as one call that `build`, `check` and `serve` share, keeping
// what it parsed and rendered so the next call redoes only what changed.
// Writing to disk stays with the caller (write/ for build, memory for serve).
import path from 'node:path'
import type {Site} from '../ast.js'
import {appendAll, countBySeverity, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {linkArchive, type Archive, type BriefSkeleton} from '../link/archive.js'
import {defaultPublicDir, loadAssets} from '../load/assets.js'
import {loadBriefs} from '../load/content.js'
import type {KnownFile, SourceFile} from '../load/files.js'
import {loadSite} from './site.js'
import type {CompiledBrief, Renderer} from './compile.js'
import {reader, squeezed, type PackedFragments} from './packed.js'
import type {FragmentReader} from '../render/fragments.js'
import {readCacheEntry, readCacheEntrySync, readCheckIndex, type BuildManifest, type CacheEntry, type EntryKind} from './cache.js'
import {codeFingerprint} from '../load/fingerprint.js'
import {writeCacheEntries, writeCheckIndex, type CacheFailure} from './cache.js'
import {createHash} from 'node:crypto'
import type {KeyMemo, OutputFile, PagePlan, PreviousFile} from '../render/site.js'

/** Where the CLI keeps the persistent cache, relative to the working directory (git-ignored). */
export const defaultCacheDir = '.cache/sitrep'

export interface BuilderOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Folders of static files copied as they are; later folders win. Default: sitrep's own public/. */
  readonly publicDirs?: readonly string[]
  /** Overrides site.yml's baseUrl. */
  readonly baseUrl?: string
  /** Folder of the persistent cache (e.g. `.cache/sitrep`); default: none, nothing is written. */
  readonly cacheDir?: string
  /** Worker threads for parsing; default: one per core. */
  readonly threads?: number
  /**
   * Which files' text the result's `sources` keeps: 'all' (default: serve
   * shows what it read) or 'diagnosed', the files with diagnostics (what
   * reporters need, and all a one-off build keeps in memory).
   */
  readonly sources?: 'all' | 'diagnosed'
  /**
   * Keep files deflated in `files` (serve): a large site's pages would
   * otherwise hold gigabytes of memory; a request inflates one in about a
   * millisecond. Default false.
   */
  readonly packFiles?: boolean
  /** What the previous build wrote (its manifest): pages whose keys match are reused, not rendered. */
  readonly previousOutput?: BuildManifest
  /** Called after each brief file is parsed (or found unchanged), for progress on a terminal. */
  readonly onProgress?: (progress: BuildProgress) => void
  /**
   * Called after each file rendered, with the number rendered so far in
   * this build: serve collects garbage every few hundred files here, as
   * build does as it writes them (rendering makes garbage faster than V8
   * collects it). Default: nothing.
   */
  readonly onRendered?: (count: number) => void
}

export interface BuildProgress {
  readonly step: 'parse'
  /** BriefSkeleton files handled so far, of `total`. */
  readonly done: number
  readonly total: number
}

export interface BuildResult {
  /** True when there are no errors and files were rendered. */
  readonly ok: boolean
  readonly diagnostics: Diagnostic[]
  readonly sources: ReadonlyMap<string, string>
  /** Every file of the site to write, by path, when `ok`. */
  readonly files: ReadonlyMap<string, OutputFile['contents']>
  /** Files unchanged since the previous output (`previousOutput`): reuse them as they are. */
  readonly reused?: readonly string[]
  /** Each page's key (the hash of its inputs), for the next build's manifest. */
  readonly keys?: ReadonlyMap<string, string>
  readonly archive?: Archive
  /**
   * The first cache write that failed in this run, if one did (a disk that
   * filled up mid-build, say): the result is right all the same, and what
   * could not be cached is compiled again next time; callers warn.
   */
  readonly cacheFailure?: CacheFailure
  readonly stats: {
    briefs: number
    parsed: number
    pages: number
    milliseconds: number
    /** Files rendered this time (the rest were unchanged). */
    rendered?: number
    /** Where the time went (milliseconds), for --verbose: what a slow build spends it on. */
    phases?: BuildPhases
  }
}

export interface BuildPhases {
  /** Reading settings and brief files. */
  readonly read: number
  /** Parsing, validating and rendering fragments (or finding them in the cache). */
  readonly compile: number
  /** Linking the archive and sorting diagnostics. */
  readonly link: number
  /** Rendering pages and handing them to be written (with `onFile`, their writing too). */
  readonly render: number
}

export interface BuildRequest {
  /**
   * Receives each file as it is rendered; the result's `files` then stays
   * empty, so a build never holds the whole site in memory. Default: none,
   * every file is kept in `files` (serve).
   */
  readonly onFile?: (file: {path: string; contents: OutputFile['contents']}) => Promise<void>
  /**
   * The files that changed since the last build, when the caller knows
   * (serve's watcher). Edits to known briefs then read only those files;
   * any other change (a file added or removed) walks the folder as usual.
   */
  readonly changes?: readonly {readonly kind: string; readonly path: string}[]
}

export interface Builder {
  /** Check only: load, parse, validate, link. */
  check(): Promise<BuildResult>
  /** Check, then render every file (in memory). */
  build(request?: BuildRequest): Promise<BuildResult>
}

interface Remembered {
  readonly compiled: CompiledBrief
  /** Hash of the file's path and text, regions.yml (headings resolve through it) and sitrep's code. */
  readonly key: string
}

export function createBuilder(options: BuilderOptions): Builder {
  // Per brief file: the text last parsed and what parsing it gave. A file
  // whose text and region vocabulary are unchanged is not parsed again.
  const parsed = new Map<string, Remembered>()
  // The key of each brief object, and what the last render produced (serve reuses both).
  const briefKeys = new WeakMap<BriefSkeleton, string>()
  const fragments = new WeakMap<BriefSkeleton, PackedFragments>()
  const sectionKeys = new WeakMap<BriefSkeleton, readonly string[]>()
  // The text each brief was compiled from: fragments missing from the cache are compiled again from it.
  const sourceOf = new WeakMap<BriefSkeleton, SourceFile>()
  let currentSite: Site | undefined
  // Loaded by the first build (checking never loads the renderer).
  let renderer: Renderer | undefined
  // The parser, loaded only when a brief must be compiled (again): a warm
  // check or a build that renders nothing needs none of it (micromark alone
  // took ~60 ms of a warm check's start-up).
  let compiler: typeof import('./compile.js') | undefined
  /**
   * A brief's fragments: from memory, else (built from the check index
   * without them) from its cache entry, read only now that a page showing
   * it is rendered again, else compiled again.
   */
  // Fragments read back from the cache, the last few hundred: a region page
  // shows twenty briefs, and neighbouring pages often the same ones.
  const recent = new Map<BriefSkeleton, PackedFragments>()
  const fragmentsOf = (brief: BriefSkeleton): FragmentReader | undefined => {
    let packed = fragments.get(brief) ?? recent.get(brief)
    if (packed === undefined) {
      const key = briefKeys.get(brief)
      if (options.cacheDir !== undefined && key !== undefined) packed = readCacheEntrySync(options.cacheDir, key)?.fragments
      const source = sourceOf.get(brief)
      if (packed === undefined && source && currentSite && renderer && compiler) packed = compiler.compileBrief(source, currentSite, renderer).fragments
      if (packed !== undefined) {
        if (recent.size >= 256) recent.delete(recent.keys().next().value as BriefSkeleton)
        recent.set(brief, packed)
      }
    }
    return packed === undefined ? undefined : reader(packed)
  }
  const loadCompiler = async () => {
    renderer ??= (await import('../render/fragments.js')).renderFragments
    compiler ??= await import('./compile.js')
  }
  let lastPages: Map<string, PreviousFile> | undefined
  // Page keys and what they were computed from (render/site.ts): a rebuild hashes only pages whose briefs changed.
  const pageKeys = new Map<string, KeyMemo>()
  // Files read last time (serve): unchanged ones (same mtime and size) are not read or hashed again.
  let knownFiles = new Map<string, KnownFile>()
  const keyMemo = new WeakMap<SourceFile, {config: string; key: string}>()

  async function run(render: boolean, request: BuildRequest = {}): Promise<BuildResult> {
    const started = performance.now()
    let cacheFailure: CacheFailure | undefined
    const cacheWrote = (failure: CacheFailure | undefined) => {
      cacheFailure ??= failure
    }
    const failed = () => (cacheFailure === undefined ? {} : {cacheFailure})
    const loadedSite = await loadSite({
      contentDir: options.contentDir,
      cwd: options.cwd,
      ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
      ...(options.cacheDir === undefined ? {} : {cache: {dir: options.cacheDir, code: await fingerprint()}})
    })
    const {sources, diagnostics, site} = loadedSite
    cacheWrote(loadedSite.cacheFailure)
    const fail = (briefs = 0, parsedCount = 0): BuildResult => ({
      ok: false,
      diagnostics: sortDiagnostics(diagnostics),
      sources,
      files: new Map(),
      ...failed(),
      stats: {briefs, parsed: parsedCount, pages: 0, milliseconds: performance.now() - started}
    })
    if (!site) return fail()

    const edits = request.changes?.every((change) => change.kind === 'change' && knownFiles.has(change.path))
      ? new Set(request.changes.map((change) => change.path))
      : undefined
    const loaded = await loadBriefs(options.contentDir, options.cwd, site.settings.maxBriefBytes, knownFiles, edits)
    knownFiles = loaded.known
    appendAll(diagnostics, loaded.diagnostics)
    const read = performance.now()
    const {briefs, broken, count} = await parseAll(
      loaded.files,
      site,
      loadedSite.configText,
      sources,
      diagnostics,
      render ? 'full' : 'check',
      cacheWrote
    )
    const compiled = performance.now()
    const linked = linkArchive(briefs, site, broken)
    appendAll(diagnostics, linked.diagnostics)
    const sorted = sortDiagnostics(diagnostics)
    const ok = countBySeverity(sorted).errors === 0
    const linkedAt = performance.now()
    const phases = (rendered = linkedAt): BuildPhases => ({read: read - started, compile: compiled - read, link: linkedAt - compiled, render: rendered - linkedAt})
    if (options.sources === 'diagnosed') {
      // Only files with diagnostics need their text kept (for code frames).
      const shown = new Set(sorted.map((d) => d.file))
      for (const file of sources.keys()) if (!shown.has(file)) sources.delete(file)
    }
    const stats = {briefs: loaded.files.length, parsed: count, pages: 0, milliseconds: 0}
    if (!render || !ok) {
      return {ok, diagnostics: sorted, sources, files: new Map(), archive: linked.archive, ...failed(), stats: {...stats, milliseconds: performance.now() - started, phases: phases()}}
    }
    // Pages whose inputs kept their keys are not rendered again: from memory
    // (serve), else unchanged files of the previous output (the manifest).
    const previous = new Map<string, PreviousFile>()
    if (lastPages) for (const [file, page] of lastPages) previous.set(file, page)
    else for (const [file, key] of Object.entries(options.previousOutput?.files ?? {})) previous.set(file, {key})
    const siteKey = createHash('sha256')
      .update(await fingerprint())
      .update(JSON.stringify([site.settings, site.regions]))
      .digest('hex')
    const {planPages} = await import('../render/site.js')
    // Keys read each brief's section keys, from its fragments when not known
    // apart, and these may have to be compiled again (fragmentsOf).
    if (linked.archive.briefs.some((brief) => !sectionKeys.has(brief))) await loadCompiler()
    const plan = planPages(linked.archive, {
      keyOf: (brief) => briefKeys.get(brief) ?? brief.slug,
      fragmentsOf,
      sectionKeysOf: (brief) => sectionKeys.get(brief),
      siteKey,
      keyMemo: pageKeys
    })
    const assets = await loadAssets(options.publicDirs ?? [defaultPublicDir])
    // With an onFile consumer (build), each file goes to it as it is
    // rendered and is not kept; without one (serve), all stay in memory.
    const onFile = request.onFile
    const files = new Map<string, OutputFile['contents']>()
    const reused: string[] = []
    const keys = new Map<string, string>()
    const remembered = new Map<string, PreviousFile>()
    let rendered = 0
    let htmlPages = 0
    let pending: Promise<void>[] = []
    const hand = async (file: {path: string; contents: OutputFile['contents']}) => {
      if (!onFile) {
        files.set(file.path, file.contents)
        return
      }
      pending.push(onFile(file))
      // 32 writes in flight at most: fast, and memory holds a handful of pages.
      if (pending.length >= 32) {
        await Promise.all(pending)
        pending = []
      }
    }
    const deliver = async (path: string, key: string, contents: OutputFile['contents']) => {
      const fresh = previous.get(path)?.contents !== contents
      if (fresh) {
        rendered++
        options.onRendered?.(rendered)
      }
      // A page reused from memory is already packed; a new one is packed once here.
      const stored = options.packFiles && !onFile && fresh ? squeezed(contents) : contents
      if (!onFile) remembered.set(path, {key, contents: stored})
      await hand({path, contents: stored})
    }
    // Which files changed first: rendering them needs more code (below).
    const todo: {page: PagePlan; key: string}[] = []
    for (const page of plan) {
      const key = page.key()
      keys.set(page.path, key)
      if (page.path.endsWith('.html')) htmlPages++
      const before = previous.get(page.path)
      if (before?.key !== key) todo.push({page, key})
      else if (before.contents === undefined) reused.push(page.path)
      else await deliver(page.path, key, before.contents)
    }
    // To compile again a brief whose fragments the cache lost (fragmentsOf).
    if (todo.length > 0) await loadCompiler()
    for (const {page, key} of todo) await deliver(page.path, key, page.render())
    for (const asset of assets) {
      // Static files are keyed by their bytes, like pages by their inputs.
      const key = createHash('sha256').update(asset.contents).digest('hex').slice(0, 32)
      keys.set(asset.path, key)
      if (onFile && previous.get(asset.path)?.key === key && previous.get(asset.path)?.contents === undefined) reused.push(asset.path)
      else await hand(options.packFiles && !onFile ? {path: asset.path, contents: squeezed(asset.contents)} : asset)
    }
    await Promise.all(pending)
    lastPages = onFile ? undefined : remembered
    return {
      ok: true,
      diagnostics: sorted,
      sources,
      files,
      reused,
      keys,
      archive: linked.archive,
      ...failed(),
      stats: {...stats, pages: htmlPages, rendered, milliseconds: performance.now() - started, phases: phases(performance.now())}
    }
  }

  /**
   * Each brief compiled (parsed, validated and, to build, rendered to
   * fragments): from memory (serve), else the persistent cache, else
   * compiled now, in worker threads when there are many. A result is reused
   * only for the same key: the file's path and text, the settings and
   * regions it is compiled with, and sitrep's code.
   */
  async function parseAll(
    files: readonly SourceFile[],
    site: Site,
    configText: string,
    sources: Map<string, string>,
    diagnostics: Diagnostic[],
    kind: EntryKind,
    cacheWrote: (failure: CacheFailure | undefined) => void
  ) {
    currentSite = site
    const code = await fingerprint()
    const config = `${code}\0${configText}`
    const keys = files.map((file) => {
      const memo = keyMemo.get(file)
      if (memo?.config === config) return memo.key
      const key = createHash('sha256').update(config).update('\0').update(file.file).update('\0').update(file.value).digest('hex').slice(0, 40)
      keyMemo.set(file, {config, key})
      return key
    })
    const render = kind === 'full'
    // To build, a result needs its fragments (or section keys: its full entry is on disk), unless it has errors.
    const usable = (compiled: CompiledBrief | undefined) =>
      compiled !== undefined &&
      (!render || compiled.fragments !== undefined || compiled.sectionKeys !== undefined || compiled.result.diagnostics.some((d) => d.severity === 'error'))
    const results = new Array<CompiledBrief | undefined>(files.length)
    const missing: number[] = []
    // Checking reads one index of every brief's check entry; building, each brief's full entry.
    // The index serves builds too: an entry with section keys stands for a
    // full entry on disk, whose fragments are read only if a page needs them.
    const checkIndex = options.cacheDir !== undefined ? await readCheckIndex(options.cacheDir) : undefined
    // Results whose cache entries could not be written: memory keeps their fragments.
    const unsaved = new WeakSet<CompiledBrief>()
    let handled = 0
    const progress = () => options.onProgress?.({step: 'parse', done: ++handled, total: files.length})
    await Promise.all(
      files.map(async (file, i) => {
        const key = keys[i] ?? ''
        sources.set(file.file, file.value)
        const memo = parsed.get(file.path)
        if (memo?.key === key && usable(memo.compiled)) results[i] = memo.compiled
        else {
          const indexed = checkIndex?.get(key)
          if (usable(indexed)) results[i] = indexed
          else if (render && options.cacheDir !== undefined) results[i] = await readCacheEntry(options.cacheDir, key, kind)
        }
        if (results[i] === undefined) missing.push(i)
        else progress()
      })
    )
    missing.sort((a, b) => a - b)
    const cacheDir = options.cacheDir
    const fresh = missing.length === 0 ? [] : await (await import('./pool.js')).compileMany(
      missing.map((i) => files[i] as SourceFile),
      site,
      render,
      {
        ...(options.threads === undefined ? {} : {threads: options.threads}),
        // Each chunk's fragments go to the cache as they come, and leave memory.
        onChunk: async (start, chunk) => {
          chunk.forEach(() => {
            progress()
          })
          if (cacheDir === undefined) return chunk
          // A failed write keeps the chunk's fragments in memory: pages still need them.
          const failure = await writeCacheEntries(
            cacheDir,
            chunk.map((compiled, k): CacheEntry => ({key: keys[missing[start + k] ?? 0] ?? '', compiled}))
          )
          cacheWrote(failure)
          if (failure !== undefined) {
            for (const compiled of chunk) unsaved.add(compiled)
            return chunk
          }
          return chunk.map(withoutFragments)
        }
      }
    )
    const entries = fresh.length
    fresh.forEach((compiled, k) => {
      results[missing[k] ?? 0] = compiled
    })
    // The check index follows the archive: rewritten when a brief was parsed, added or removed.
    if (options.cacheDir !== undefined && (entries > 0 || (checkIndex !== undefined && (checkIndex.size !== files.length || keys.some((key) => !checkIndex.has(key)))))) {
      const index = new Map<string, CompiledBrief>()
      results.forEach((compiled, i) => {
        if (compiled) index.set(keys[i] ?? '', compiled)
      })
      cacheWrote(await writeCheckIndex(options.cacheDir, index))
    }

    const briefs: BriefSkeleton[] = []
    // Briefs whose frontmatter is broken still exist: links to them are not links to nothing.
    const broken: string[] = []
    const previous = new Map(parsed)
    parsed.clear() // forgets deleted files too
    files.forEach((file, i) => {
      const compiled = results[i]
      if (!compiled) return
      const key = keys[i] ?? ''
      // Keep what memory already had when this run only checked (no fragments).
      const kept = previous.get(file.path)
      // With a cache, memory keeps no fragments (they are read back when needed).
      const lean = options.cacheDir !== undefined && !unsaved.has(compiled) ? withoutFragments(compiled) : compiled
      parsed.set(file.path, kept?.key === key && kept.compiled.fragments !== undefined ? kept : {key, compiled: lean})
      const {result} = compiled
      appendAll(diagnostics, result.diagnostics)
      if (result.brief) {
        briefs.push(result.brief)
        briefKeys.set(result.brief, key)
        sourceOf.set(result.brief, file)
        // With a cache the fragments are on disk: memory keeps only what pages read now.
        if (compiled.fragments && (options.cacheDir === undefined || unsaved.has(compiled))) fragments.set(result.brief, compiled.fragments)
        if (compiled.sectionKeys) sectionKeys.set(result.brief, compiled.sectionKeys)
      } else if (result.slug !== undefined) broken.push(result.slug)
    })
    return {briefs, broken, count: missing.length}
  }

  let fingerprintPromise: Promise<string> | undefined
  const fingerprint = () => (fingerprintPromise ??= codeFingerprint())

  return {check: () => run(false), build: (request) => run(true, request)}
}

/** A compiled brief as memory keeps it when its fragments are in the cache: the section keys stand for them. */
function withoutFragments(compiled: CompiledBrief): CompiledBrief {
  return compiled.fragments === undefined ? compiled : {result: compiled.result, ...(compiled.sectionKeys ? {sectionKeys: compiled.sectionKeys} : {})}
}

/** The public folders for a project: sitrep's defaults, then the project's own public/ if it is another folder. */
export function publicDirsFor(cwd: string, publicDir: string): string[] {
  const own = path.resolve(cwd, publicDir)
  return own === defaultPublicDir ? [defaultPublicDir] : [defaultPublicDir, own]
}
