// build/: the content folder's images, across builds. Owns what each image
// is (its probe: read again only when its size or modification time
// changed, remembered in memory and in the cache), the table figures are
// rendered from, the problems link/ reports at the figures that show them,
// and the processed files: made once per image key, a few images at a time
// (sharp works off the main thread), kept in the cache (else in memory),
// read back only when delivered.
import os from 'node:os'
import type {FigureImage, ImageTable} from '../ast.js'
import {readImage as readFromDisk, type ContentImage} from '../load/content.js'
import {sameStamp} from '../load/files.js'
import {hasImageFiles, readImageFile, readImageProbes, writeImageFiles, writeImageProbes, type CacheFailure, type ImageProbeEntry} from './cache.js'
import {paths as sitePaths} from '../render/paths.js'
import {defaultImageSettings, filesOf, planImage, probeImage, renderImage, renderSvg, type ImageFailure, type ImageProbe, type ImageSettings} from './images.js'

export interface ImageStoreOptions {
  /** Folder of the persistent cache; default: none (processed files stay in memory). */
  readonly cacheDir?: string
  /**
   * Images processed at once. Default: one per core, at most 4. Each keeps
   * a core busy (libvips works on libuv's threads) and holds one decoded
   * input (up to maxPixels × 4 bytes) and an encoder's buffers: about
   * 250 MB at the peak for a 2000 × 1500 map, so more than 4 would trade
   * memory for little time on the machines briefs are built on.
   */
  readonly concurrency?: number
  /** How an image's bytes are read. Default: load/'s readImage; tests count or fail reads through it. */
  readonly read?: (image: ContentImage) => Promise<{bytes: Uint8Array} | {reason: string}>
}

export interface ResolvedImages {
  /** The usable images, planned: what figures render from. */
  readonly table: ImageTable
  /** Images that cannot be shown, and why. */
  readonly problems: ReadonlyMap<string, ImageFailure>
  /** SVGs that sanitising changed, with what it removed. */
  readonly sanitised: ReadonlyMap<string, readonly string[]>
}

export interface ImageOutput {
  /** The site path (`images/<name>`). */
  readonly path: string
  /** The file's key: its name carries the image's content hash, so the name is the key. */
  readonly key: string
  /** Its bytes, from memory or the cache; undefined if the cache lost them since `process`. */
  readonly read: () => Promise<Uint8Array | undefined>
}

export interface ImageStore {
  /** Probe every image (those with unchanged stamps from memory or the cache). */
  resolve(images: readonly ContentImage[], settings: ImageSettings): Promise<ResolvedImages & {readonly cacheFailure?: CacheFailure}>
  /** Make the files of the images at `paths` that are not made yet; the images whose pixels turned out unusable. */
  process(paths: Iterable<string>): Promise<{readonly failures: ReadonlyMap<string, ImageFailure>; readonly processed: number; readonly cacheFailure?: CacheFailure}>
  /** The files of the images at `paths`, to deliver. */
  outputs(paths: Iterable<string>): ImageOutput[]
}

interface Current {
  readonly image: ContentImage
  readonly probe: ImageProbe
  readonly plan?: FigureImage
}

export function createImageStore(options: ImageStoreOptions = {}): ImageStore {
  const {cacheDir} = options
  const readImage = options.read ?? readFromDisk
  let probes: Map<string, ImageProbeEntry> | undefined
  let current = new Map<string, Current>()
  let settings: ImageSettings = defaultImageSettings
  // Files made without a cache, or whose cache write failed: by image key, then name.
  const memory = new Map<string, Map<string, Uint8Array>>()
  // Image keys whose files are known to be complete (made, or found in the cache), this process.
  const made = new Set<string>()

  async function resolve(images: readonly ContentImage[], using: ImageSettings): Promise<ResolvedImages & {cacheFailure?: CacheFailure}> {
    settings = using
    const settingsKey = JSON.stringify(using)
    probes ??= cacheDir === undefined ? new Map() : await readImageProbes(cacheDir)
    const known = probes
    let changed = false
    const next = new Map<string, Current>()
    await eachLimited(images, 16, async (image) => {
      const memo = known.get(image.path)
      let probe: ImageProbe
      if (memo !== undefined && image.stamp !== undefined && memo.settings === settingsKey && sameStamp(memo.stamp, image.stamp)) probe = memo.probe
      else {
        const read = await readImage(image)
        probe = 'reason' in read ? {ok: false, problem: 'unreadable', detail: `it cannot be read (${read.reason})`} : await probeImage({bytes: read.bytes, file: image.file}, using)
        // A file that could not be read is tried again next time.
        if (image.stamp !== undefined && !('reason' in read)) {
          known.set(image.path, {stamp: image.stamp, settings: settingsKey, probe})
          changed = true
        }
      }
      next.set(image.path, probe.ok ? {image, probe, plan: planImage(probe, image.path, using)} : {image, probe})
    })
    // Forget images that are gone.
    for (const path of known.keys()) {
      if (!next.has(path)) {
        known.delete(path)
        changed = true
      }
    }
    current = new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    const table = new Map<string, FigureImage>()
    const problems = new Map<string, ImageFailure>()
    const sanitised = new Map<string, readonly string[]>()
    for (const [path, entry] of current) {
      if (!entry.probe.ok) problems.set(path, entry.probe)
      else if (entry.plan) table.set(path, entry.plan)
      if (entry.probe.ok && entry.probe.kind === 'svg' && entry.probe.removed.length > 0) sanitised.set(path, entry.probe.removed)
    }
    const cacheFailure = changed && cacheDir !== undefined ? await writeImageProbes(cacheDir, known) : undefined
    return {table, problems, sanitised, ...(cacheFailure === undefined ? {} : {cacheFailure})}
  }

  async function process(paths: Iterable<string>): Promise<{failures: Map<string, ImageFailure>; processed: number; cacheFailure?: CacheFailure}> {
    const failures = new Map<string, ImageFailure>()
    let processed = 0
    let cacheFailure: CacheFailure | undefined
    const todo = [...new Set(paths)].flatMap((path) => {
      const entry = current.get(path)
      return entry?.probe.ok && entry.plan ? [{path, entry, probe: entry.probe, plan: entry.plan}] : []
    })
    await eachLimited(todo, options.concurrency ?? Math.min(4, os.availableParallelism()), async ({path, entry, probe, plan}) => {
      if (made.has(probe.key)) return
      const names = filesOf(plan).map((file) => file.name)
      if (cacheDir !== undefined && (await hasImageFiles(cacheDir, probe.key, names))) {
        made.add(probe.key)
        return
      }
      // An SVG's files come from its sanitised text, which the probe holds; a raster image's from its pixels, read now.
      let result: Awaited<ReturnType<typeof renderImage>>
      if (probe.kind === 'svg') result = await renderSvg(probe, plan)
      else {
        const read = await readImage(entry.image)
        if ('reason' in read) {
          failures.set(path, {ok: false, problem: 'unreadable', detail: `it cannot be read (${read.reason})`})
          return
        }
        result = await renderImage(read.bytes, probe, plan, settings)
      }
      if (!result.ok) {
        failures.set(path, result)
        return
      }
      processed++
      const failure = cacheDir === undefined ? undefined : await writeImageFiles(cacheDir, probe.key, result.variants)
      cacheFailure ??= failure
      // Without a cache (or when it could not be written), memory keeps them: the build still needs them.
      if (cacheDir === undefined || failure !== undefined) memory.set(probe.key, new Map(result.variants.map((variant) => [variant.name, variant.bytes])))
      made.add(probe.key)
    })
    return {failures, processed, ...(cacheFailure === undefined ? {} : {cacheFailure})}
  }

  function outputs(paths: Iterable<string>): ImageOutput[] {
    const out = new Map<string, ImageOutput>()
    for (const path of paths) {
      const entry = current.get(path)
      if (!entry?.probe.ok || !entry.plan) continue
      const {key} = entry.probe
      for (const file of filesOf(entry.plan)) {
        out.set(file.name, {
          path: sitePaths.image(file.name),
          key: file.name,
          read: async () => memory.get(key)?.get(file.name) ?? (cacheDir === undefined ? undefined : await readImageFile(cacheDir, key, file.name))
        })
      }
    }
    return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  return {resolve, process, outputs}
}

/** Runs `work` on each item, at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker))
}
