// build/: the brief store. Every brief file's compiled result (diagnostics,
// skeleton, fragments or the section keys that stand for them), under a key
// of the file's path and text, the settings and regions, and sitrep's code;
// found in memory (serve), else the check index, else the persistent cache,
// else compiled now (in worker threads when there are many). Pages then ask
// it for each brief's key and fragments: from memory, else read back from
// the cache only when a page showing the brief is rendered again, else
// compiled again from the text it was compiled from.
import type {ImageTable, Site} from '../ast.js'
import {contentKey} from '../content-key.js'
import {appendAll, type Diagnostic} from '../diagnostics/diagnostic.js'
import {imagesKey, type BriefSkeleton} from '../link/skeleton.js'
import {readBriefTextSync, readSourceFile, textDigest, type BriefFile, type SourceFile} from '../load/files.js'
import type {FragmentReader} from '../render/fragments.js'
import {readCacheEntry, readCacheEntrySync, readCheckIndex, writeCacheEntries, writeCheckIndex, type CacheEntry, type CacheFailure, type EntryKind} from './cache.js'
import type {CompiledBrief, CompileSite, Renderer} from './compile.js'
import {reader, type PackedFragments} from './packed.js'

export interface BuildProgress {
  readonly step: 'parse'
  /** Brief files handled so far, of `total`. */
  readonly done: number
  readonly total: number
}

export interface StoreOptions {
  /** Folder of the persistent cache; default: none (memory only). */
  readonly cacheDir?: string
  /** Worker threads for compiling; default: one per core. */
  readonly threads?: number
  /** Called after each brief file is compiled (or found unchanged). */
  readonly onProgress?: (progress: BuildProgress) => void
  /** sitrep's code fingerprint (part of every key), computed once by the caller. */
  readonly fingerprint: () => Promise<string>
}

export interface CompileRequest {
  /** The brief files; one not read (an UnreadFile) is read only if it must be compiled. */
  readonly files: readonly BriefFile[]
  readonly site: Site
  /** The content folder's images (build/image-store.ts): figures are rendered with them. Default: none. */
  readonly images?: ImageTable
  /** site.yml and regions.yml as read: part of every key. */
  readonly configText: string
  /** 'full' to build (fragments needed), 'check' for diagnostics and skeletons only. */
  readonly kind: EntryKind
  /** Receives each file's text, by display path (reporters' code frames), when read. */
  readonly sources: Map<string, string>
  /** The largest brief file read (site.yml's maxBriefBytes), for files read only now. */
  readonly maxBytes: number
  /** The working directory diagnostics name files from. */
  readonly cwd: string
  /** Receives each file's diagnostics, in file order. */
  readonly diagnostics: Diagnostic[]
  /** Told of each cache write that failed (the result is right all the same). */
  readonly cacheWrote: (failure: CacheFailure | undefined) => void
}

export interface CompileOutcome {
  readonly briefs: BriefSkeleton[]
  /** Slugs of files whose frontmatter is broken: they still exist, so links to them are not links to nothing. */
  readonly broken: string[]
  /** Files compiled this time (the rest were known). */
  readonly count: number
}

export interface BriefStore {
  /** Each file compiled, from wherever it is known (see the top of this module). */
  readonly compileAll: (request: CompileRequest) => Promise<CompileOutcome>
  /** A brief's key (the hash of its inputs), for page keys. */
  readonly keyOf: (brief: BriefSkeleton) => string
  /** Its section keys, when known without its fragments. */
  readonly sectionKeysOf: (brief: BriefSkeleton) => readonly string[] | undefined
  /** Its fragments; `prepareRender` must have run if they may have to be compiled again. */
  readonly fragmentsOf: (brief: BriefSkeleton) => FragmentReader | undefined
  /** Load the parser and renderer, so lost fragments can be compiled again (checking never loads them). */
  readonly prepareRender: () => Promise<void>
}

interface Remembered {
  readonly compiled: CompiledBrief
  /** Hash of the file's path and text, the settings and regions, and sitrep's code. */
  readonly key: string
}

export function createBriefStore(options: StoreOptions): BriefStore {
  // Per brief file: the key last compiled and what compiling gave. A file
  // whose text and settings are unchanged is not compiled again.
  const parsed = new Map<string, Remembered>()
  // The key of each brief object, and what the last render produced (serve reuses both).
  const briefKeys = new WeakMap<BriefSkeleton, string>()
  // The key of its cache entry (its text and settings; briefKeys adds its images).
  const entryKeys = new WeakMap<BriefSkeleton, string>()
  const fragments = new WeakMap<BriefSkeleton, PackedFragments>()
  const sectionKeys = new WeakMap<BriefSkeleton, readonly string[]>()
  // The file each brief was compiled from: fragments missing from the cache are compiled again from its text.
  const sourceOf = new WeakMap<BriefSkeleton, BriefFile>()
  const keyMemo = new WeakMap<BriefFile, {config: string; key: string}>()
  let currentSite: CompileSite | undefined
  // Loaded only when a brief must be compiled again for a page: a warm
  // check or a build that renders nothing needs none of it (micromark alone
  // took ~60 ms of a warm check's start-up).
  let renderer: Renderer | undefined
  let compiler: typeof import('./compile.js') | undefined
  // Fragments read back from the cache, the last few hundred: a region page
  // shows twenty briefs, and neighbouring pages often the same ones.
  const recent = new Map<BriefSkeleton, PackedFragments>()

  const fragmentsOf = (brief: BriefSkeleton): FragmentReader | undefined => {
    let packed = fragments.get(brief) ?? recent.get(brief)
    if (packed === undefined) {
      const key = entryKeys.get(brief)
      if (options.cacheDir !== undefined && key !== undefined) {
        const entry = readCacheEntrySync(options.cacheDir, key)
        // An entry rewritten since with other images is not these fragments.
        if (entry !== undefined && entry.images === imagesKey(brief, currentSite?.images)) packed = entry.fragments
      }
      const known = sourceOf.get(brief)
      const source = known?.value === undefined && known !== undefined ? readBriefTextSync(known) : known
      if (packed === undefined && source && currentSite && renderer && compiler) packed = compiler.compileBrief(source, currentSite, renderer).fragments
      if (packed !== undefined) {
        if (recent.size >= 256) recent.delete(recent.keys().next().value as BriefSkeleton)
        recent.set(brief, packed)
      }
    }
    return packed === undefined ? undefined : reader(packed)
  }

  async function compileAll(request: CompileRequest): Promise<CompileOutcome> {
    const {files, kind, sources, diagnostics, cacheWrote} = request
    const site: CompileSite = request.images === undefined ? request.site : {...request.site, images: request.images}
    currentSite = site
    const config = `${await options.fingerprint()}\0${request.configText}`
    const keys = files.map((file) => {
      const memo = keyMemo.get(file)
      if (memo?.config === config) return memo.key
      // The place in content/ too: figures' paths are resolved against it.
      const key = contentKey([config, file.file, file.contentPath ?? '', file.digest ?? textDigest(file.value ?? '')], 40)
      keyMemo.set(file, {config, key})
      return key
    })
    const render = kind === 'full'
    // To build, a result needs its fragments (or section keys: its full entry
    // is on disk), made with the images its figures show now, unless it has errors.
    const usable = (compiled: CompiledBrief | undefined) =>
      compiled !== undefined &&
      (!render ||
        compiled.result.diagnostics.some((d) => d.severity === 'error') ||
        ((compiled.fragments !== undefined || compiled.sectionKeys !== undefined) &&
          (compiled.result.brief === undefined || compiled.images === imagesKey(compiled.result.brief, request.images))))
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
        if (file.value !== undefined) sources.set(file.file, file.value)
        const memo = parsed.get(file.path)
        if (memo?.key === key && usable(memo.compiled)) results[i] = memo.compiled
        else {
          const indexed = checkIndex?.entries.get(key)
          if (usable(indexed)) results[i] = indexed
          else if (render && options.cacheDir !== undefined) {
            const entry = await readCacheEntry(options.cacheDir, key, kind)
            if (usable(entry)) results[i] = entry
          }
        }
        if (results[i] === undefined) missing.push(i)
        else progress()
      })
    )
    missing.sort((a, b) => a - b)
    // Files known by their stamp alone are read now, to be compiled. One
    // changed since it was listed is keyed by the text read; one that can
    // no longer be read is reported, and not compiled.
    const texts: SourceFile[] = []
    const compilable: number[] = []
    for (const i of missing) {
      const text = await textOf(files[i] as BriefFile, request)
      if (text === undefined) continue
      if (text.digest !== files[i]?.digest) keys[i] = contentKey([config, text.file, text.contentPath ?? '', text.digest ?? ''], 40)
      texts.push(text)
      compilable.push(i)
    }
    missing.splice(0, missing.length, ...compilable)
    const cacheDir = options.cacheDir
    const fresh =
      missing.length === 0
        ? []
        : await (await import('./pool.js')).compileMany(
            texts,
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
    fresh.forEach((compiled, k) => {
      results[missing[k] ?? 0] = compiled
    })
    // The check index follows the archive (writeCheckIndex writes what changed, if anything did).
    if (cacheDir !== undefined) {
      const index = new Map<string, CompiledBrief>()
      results.forEach((compiled, i) => {
        if (compiled) index.set(keys[i] ?? '', compiled)
      })
      cacheWrote(await writeCheckIndex(cacheDir, index, checkIndex))
    }

    const briefs: BriefSkeleton[] = []
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
      const lean = cacheDir !== undefined && !unsaved.has(compiled) ? withoutFragments(compiled) : compiled
      parsed.set(file.path, kept?.key === key && kept.compiled.fragments !== undefined ? kept : {key, compiled: lean})
      const {result} = compiled
      appendAll(diagnostics, result.diagnostics)
      if (result.brief) {
        briefs.push(result.brief)
        // Pages show the figures' images too: their key is part of the brief's.
        const images = compiled.images
        briefKeys.set(result.brief, images === undefined ? key : contentKey([key, images], 40))
        entryKeys.set(result.brief, key)
        sourceOf.set(result.brief, file)
        // With a cache the fragments are on disk: memory keeps only what pages read now.
        if (compiled.fragments && (cacheDir === undefined || unsaved.has(compiled))) fragments.set(result.brief, compiled.fragments)
        if (compiled.sectionKeys) sectionKeys.set(result.brief, compiled.sectionKeys)
      } else if (result.slug !== undefined) broken.push(result.slug)
    })
    return {briefs, broken, count: missing.length}
  }

  return {
    compileAll,
    keyOf: (brief) => briefKeys.get(brief) ?? brief.slug,
    sectionKeysOf: (brief) => sectionKeys.get(brief),
    fragmentsOf,
    prepareRender: async () => {
      renderer ??= (await import('../render/fragments.js')).renderFragments
      compiler ??= await import('./compile.js')
    }
  }
}

/** A brief's text, read now if it was known by its stamp alone; undefined (its diagnostics reported) if it cannot be read now. */
async function textOf(file: BriefFile, request: CompileRequest): Promise<SourceFile | undefined> {
  if (file.value !== undefined) return file
  const read = await readSourceFile(file.path, request.cwd, request.maxBytes)
  appendAll(request.diagnostics, read.diagnostics)
  if (read.source === undefined) return undefined
  request.sources.set(file.file, read.source.value)
  return {...read.source, digest: textDigest(read.source.value), ...(file.contentPath === undefined ? {} : {contentPath: file.contentPath})}
}

/** A compiled brief as memory keeps it when its fragments are in the cache: the section keys stand for them. */
function withoutFragments(compiled: CompiledBrief): CompiledBrief {
  if (compiled.fragments === undefined) return compiled
  return {result: compiled.result, ...(compiled.sectionKeys ? {sectionKeys: compiled.sectionKeys} : {}), ...(compiled.images === undefined ? {} : {images: compiled.images})}
}
