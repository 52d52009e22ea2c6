// A builder that remembers: the whole pipeline (load → parse → validate →
// link → render) as one call that `build`, `check` and `serve` share, keeping
// what it parsed and rendered so the next call redoes only what changed.
// This module is the orchestration; each step's state lives with its owner:
// the brief store (store.ts: compiled briefs, cache, workers), page keys
// (page-keys.ts: which pages changed) and delivery (delivery.ts: files to
// `onFile` or into memory). Writing to disk stays with the caller (write/
// for build, memory for serve).
import path from 'node:path'
import {appendAll, countBySeverity, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {checkFigureImages, linkArchive, type Archive} from '../link/archive.js'
import {defaultPublicDir, loadAssets} from '../load/assets.js'
import {listImages, loadBriefs, type ContentImage} from '../load/content.js'
import {readSourceFile, type KnownFile} from '../load/files.js'
import {codeFingerprint} from '../load/fingerprint.js'
import {contentKey} from '../content-key.js'
import type {KeyMemo, PreviousFile} from '../render/site.js'
import {readBriefStamps, writeBriefStamps, type BuildManifest, type CacheFailure} from './cache.js'
import {createDelivery, type FileContents} from './delivery.js'
import {assetKeyOf, pageChanges, previousFiles, siteKeyOf} from './page-keys.js'
import {loadSite} from './site.js'
import {createBriefStore, type BuildProgress} from './store.js'
import type {ImageStore, ResolvedImages} from './image-store.js'
import type {ImageTable} from '../ast.js'
import type {BriefSkeleton} from '../link/skeleton.js'

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

export type {BuildProgress} from './store.js'

export interface BuildResult {
  /** True when there are no errors and files were rendered. */
  readonly ok: boolean
  readonly diagnostics: Diagnostic[]
  readonly sources: ReadonlyMap<string, string>
  /** Every file of the site to write, by path, when `ok`. */
  readonly files: ReadonlyMap<string, FileContents>
  /** Files unchanged since the previous output (`previousOutput`): reuse them as they are. */
  readonly reused?: readonly string[]
  /** Each page's key (the hash of its inputs), for the next build's manifest. */
  readonly keys?: ReadonlyMap<string, string>
  /**
   * By slug, each brief page's key of its own content (its brief, the
   * settings, sitrep's code), not of what surrounds it (the neighbours its
   * series links to): what the search index reads of it (its article).
   */
  readonly contentKeys?: ReadonlyMap<string, string>
  readonly archive?: Archive
  /**
   * The first cache write that failed in this run, if one did (a disk that
   * filled up mid-build, say): the result is right all the same, and what
   * could not be cached is compiled again next time; callers warn.
   */
  readonly cacheFailure?: CacheFailure
  readonly stats: {
    briefs: number
    /** Brief files read this time (the others were known unchanged by their stamps). */
    read?: number
    parsed: number
    pages: number
    milliseconds: number
    /** Files rendered this time (the rest were unchanged). */
    rendered?: number
    /** Figures' images processed this time (the rest were in the cache or memory). */
    images?: number
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
  /** Processing figures' images not yet in the cache. */
  readonly images: number
  /** Rendering pages and handing them to be written (with `onFile`, their writing too). */
  readonly render: number
}

export interface BuildRequest {
  /**
   * Receives each file as it is rendered; the result's `files` then stays
   * empty, so a build never holds the whole site in memory. Default: none,
   * every file is kept in `files` (serve).
   */
  readonly onFile?: (file: {path: string; contents: FileContents}) => Promise<void>
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

export function createBuilder(options: BuilderOptions): Builder {
  let fingerprintPromise: Promise<string> | undefined
  const fingerprint = () => (fingerprintPromise ??= codeFingerprint())
  const store = createBriefStore({
    fingerprint,
    ...(options.cacheDir === undefined ? {} : {cacheDir: options.cacheDir}),
    ...(options.threads === undefined ? {} : {threads: options.threads}),
    ...(options.onProgress === undefined ? {} : {onProgress: options.onProgress})
  })
  // Pages of the last build kept in memory (serve), with their keys.
  let lastPages: Map<string, PreviousFile> | undefined
  // Page keys and what they were computed from (render/site.ts): a rebuild hashes only pages whose briefs changed.
  const pageKeys = new Map<string, KeyMemo>()
  // Files read last time (serve): unchanged ones (same mtime and size) are not read or hashed again.
  let knownFiles = new Map<string, KnownFile>()
  // The content folder's images as last listed (see `edits` below).
  let knownImages: ContentImage[] | undefined
  // What they are and their processed files (loaded with the first image).
  let imageStore: ImageStore | undefined

  async function run(render: boolean, request: BuildRequest = {}): Promise<BuildResult> {
    const started = performance.now()
    let cacheFailure: CacheFailure | undefined
    const cacheWrote = (failure: CacheFailure | undefined) => {
      cacheFailure ??= failure
    }
    const failed = () => (cacheFailure === undefined ? {} : {cacheFailure})

    // Load: the site, then the brief files.
    const loadedSite = await loadSite({
      contentDir: options.contentDir,
      cwd: options.cwd,
      ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
      ...(options.cacheDir === undefined ? {} : {cache: {dir: options.cacheDir, code: await fingerprint()}})
    })
    const {sources, diagnostics, site} = loadedSite
    cacheWrote(loadedSite.cacheFailure)
    if (!site) {
      return {ok: false, diagnostics: sortDiagnostics(diagnostics), sources, files: new Map(), ...failed(), stats: {briefs: 0, parsed: 0, pages: 0, milliseconds: performance.now() - started}}
    }
    const edits = request.changes?.every((change) => change.kind === 'change' && knownFiles.has(change.path))
      ? new Set(request.changes.map((change) => change.path))
      : undefined
    // From the command line (texts kept only for diagnostics), the cache's
    // stamps stand for the files read last time: unchanged ones are not read.
    const stamped = knownFiles.size === 0 && options.cacheDir !== undefined && options.sources === 'diagnosed'
    if (stamped && options.cacheDir !== undefined) knownFiles = await readBriefStamps(options.cacheDir)
    const loaded = await loadBriefs(options.contentDir, options.cwd, site.settings.maxBriefBytes, knownFiles, edits)
    if (stamped && options.cacheDir !== undefined && (loaded.known.size !== knownFiles.size || loaded.files.some((file) => file.value !== undefined))) {
      cacheWrote(await writeBriefStamps(options.cacheDir, loaded.known))
    }
    knownFiles = loaded.known
    appendAll(diagnostics, loaded.diagnostics)
    // Listed, not read: link/ checks figures against them. A save that only
    // changed known briefs (serve's watcher says so) changed no image, and
    // walking the content folder again would cost every such rebuild its
    // share of the edit-to-reload time.
    const imageFiles = edits !== undefined && knownImages !== undefined ? knownImages : await listImages(options.contentDir, options.cwd)
    knownImages = imageFiles
    // What each image is (read only when changed; the store is loaded only for a site that has images).
    let resolved: (ResolvedImages & {readonly cacheFailure?: CacheFailure}) | undefined
    if (imageFiles.length > 0) {
      imageStore ??= (await import('./image-store.js')).createImageStore(options.cacheDir === undefined ? {} : {cacheDir: options.cacheDir})
      const {imageSettingsOf} = await import('./images.js')
      resolved = await imageStore.resolve(imageFiles, imageSettingsOf(site.settings.images))
      cacheWrote(resolved.cacheFailure)
    }
    const read = performance.now()

    // Parse and validate (and, to build, render fragments): the brief store.
    const {briefs, broken, count} = await store.compileAll({
      files: loaded.files,
      site,
      ...(resolved === undefined ? {} : {images: resolved.table}),
      configText: loadedSite.configText,
      maxBytes: site.settings.maxBriefBytes,
      cwd: options.cwd,
      kind: render ? 'full' : 'check',
      sources,
      diagnostics,
      cacheWrote
    })
    // Code frames need the text of files with diagnostics, even those not read this time.
    const diagnosed = new Set(diagnostics.map((d) => d.file))
    for (const file of loaded.files) {
      if (file.value !== undefined || sources.has(file.file) || !diagnosed.has(file.file)) continue
      const read = await readSourceFile(file.path, options.cwd, site.settings.maxBriefBytes)
      if (read.source) sources.set(file.file, read.source.value)
    }
    const compiled = performance.now()

    // Link.
    const linked = linkArchive(briefs, site, broken, {files: imageFiles, ...resolved})
    appendAll(diagnostics, linked.diagnostics)
    // To build, the figures' images are processed now (those not in the cache):
    // pixels that fail to decode are errors at the figures showing them.
    const shown = render && resolved !== undefined && countBySeverity(diagnostics).errors === 0 ? shownImages(linked.archive.briefs, resolved.table) : []
    let processed = 0
    const imagesFrom = performance.now()
    if (shown.length > 0 && imageStore) {
      const made = await imageStore.process(shown)
      processed = made.processed
      cacheWrote(made.cacheFailure)
      if (made.failures.size > 0) appendAll(diagnostics, checkFigureImages(briefs, {files: imageFiles, problems: made.failures}))
    }
    const sorted = sortDiagnostics(diagnostics)
    const ok = countBySeverity(sorted).errors === 0
    const linkedAt = performance.now()
    const imagesMs = linkedAt - imagesFrom
    const phases = (rendered = linkedAt): BuildPhases => ({
      read: read - started,
      compile: compiled - read,
      link: linkedAt - compiled - imagesMs,
      images: imagesMs,
      render: rendered - linkedAt
    })
    if (options.sources === 'diagnosed') {
      // Only files with diagnostics need their text kept (for code frames).
      const shown = new Set(sorted.map((d) => d.file))
      for (const file of sources.keys()) if (!shown.has(file)) sources.delete(file)
    }
    const stats = {briefs: loaded.files.length, read: loaded.read, parsed: count, pages: 0, milliseconds: 0}
    if (!render || !ok) {
      return {ok, diagnostics: sorted, sources, files: new Map(), archive: linked.archive, ...failed(), stats: {...stats, milliseconds: performance.now() - started, phases: phases()}}
    }

    // Render: plan every page, find which changed, render those, deliver all.
    // Pages whose keys are unchanged are not rendered again: from memory
    // (serve), else unchanged files of the previous output (the manifest).
    const previous = previousFiles(lastPages, options.previousOutput)
    const {planPages} = await import('../render/site.js')
    // Keys read each brief's section keys, from its fragments when not known
    // apart, and these may have to be compiled again.
    if (linked.archive.briefs.some((brief) => store.sectionKeysOf(brief) === undefined)) await store.prepareRender()
    const siteKey = siteKeyOf(await fingerprint(), site)
    const plan = planPages(linked.archive, {
      keyOf: store.keyOf,
      fragmentsOf: store.fragmentsOf,
      sectionKeysOf: store.sectionKeysOf,
      siteKey,
      keyMemo: pageKeys
    })
    const contentKeys = new Map(linked.archive.briefs.map((brief) => [brief.slug, contentKey([siteKey, store.keyOf(brief)])]))
    const assets = await loadAssets(options.publicDirs ?? [defaultPublicDir])
    const changes = pageChanges(plan, previous)
    const keys = changes.keys
    const reused = [...changes.reused]
    const delivery = createDelivery({
      previous,
      ...(request.onFile === undefined ? {} : {onFile: request.onFile}),
      ...(options.packFiles === undefined ? {} : {packFiles: options.packFiles}),
      ...(options.onRendered === undefined ? {} : {onRendered: options.onRendered})
    })
    for (const page of changes.kept) await delivery.page(page.path, page.key, page.contents)
    // To compile again a brief whose fragments the cache lost.
    if (changes.todo.length > 0) await store.prepareRender()
    for (const {page, key} of changes.todo) await delivery.page(page.path, key, page.render())
    // The figures' files: named by content hash, so a name unchanged since the previous output is that very file.
    if (imageStore) {
      for (const image of imageStore.outputs(shown)) {
        keys.set(image.path, image.key)
        const contents = async () => {
          const bytes = await image.read()
          if (bytes === undefined) throw new Error(`the cache lost ${image.path} while building: build again`)
          return bytes
        }
        if (!(await delivery.asset(image.path, image.key, contents))) reused.push(image.path)
      }
    }
    for (const asset of assets) {
      const key = assetKeyOf(asset.contents)
      keys.set(asset.path, key)
      if (!(await delivery.asset(asset.path, key, asset.contents))) reused.push(asset.path)
    }
    const {files, remembered, rendered} = await delivery.finish()
    lastPages = remembered
    return {
      ok: true,
      diagnostics: sorted,
      sources,
      files,
      reused,
      keys,
      contentKeys,
      archive: linked.archive,
      ...failed(),
      stats: {...stats, pages: changes.htmlPages, rendered, images: processed, milliseconds: performance.now() - started, phases: phases(performance.now())}
    }
  }

  return {check: () => run(false), build: (request) => run(true, request)}
}

/** The images the briefs' figures show, each once, in path order. */
function shownImages(briefs: readonly BriefSkeleton[], table: ImageTable): string[] {
  const shown = new Set<string>()
  for (const brief of briefs) for (const figure of brief.figures ?? []) if (table.has(figure.path)) shown.add(figure.path)
  return [...shown].sort()
}

/** The public folders for a project: sitrep's defaults, then the project's own public/ if it is another folder. */
export function publicDirsFor(cwd: string, publicDir: string): string[] {
  const own = path.resolve(cwd, publicDir)
  return own === defaultPublicDir ? [defaultPublicDir] : [defaultPublicDir, own]
}
