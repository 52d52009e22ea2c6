// build/: the persistent cache (.cache/sitrep/), the one module that owns
// its on-disk format: where each entry lives, how it is encoded, how it is
// read back and written. Parse results are stored by content key; an entry
// that cannot be read, fails to deserialise, or was written for another key
// is treated as missing (and rewritten), never used. Writes go to a
// temporary file renamed into place, so a killed build never leaves a
// half-written entry. The cache only saves time: a write that fails (a full
// disk, a refused folder) never fails a build or a check; it is reported to
// the caller where one listens, and the entry is compiled again next time.
import {readFileSync} from 'node:fs'
import {cp, mkdir, readdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import type {CompiledBrief} from './compile.js'
import type {Site} from '../ast.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {FileStamp, KnownFile} from '../load/files.js'
import {findFiles} from '../load/walk.js'
import {contentKey} from '../content-key.js'
import type {ImageProbe} from './images.js'
import {errorCode} from '../error-code.js'

export interface CacheEntry {
  readonly key: string
  readonly compiled: CompiledBrief
}

/**
 * Two entries per brief: `full` (the skeleton and the rendered fragments,
 * for building) and `check` (the skeleton alone: diagnostics and what
 * linking needs, so `sitrep check` with a warm cache reads little).
 */
export type EntryKind = 'full' | 'check'

export function entryPath(cacheDir: string, key: string, kind: EntryKind = 'full'): string {
  return path.join(cacheDir, 'briefs', key.slice(0, 2), kind === 'full' ? `${key}.v8` : `${key}.check.v8`)
}

export async function readCacheEntry(cacheDir: string, key: string, kind: EntryKind = 'full'): Promise<CompiledBrief | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(entryPath(cacheDir, key, kind))
  } catch {
    return undefined
  }
  return decodeEntry(bytes, key, kind)
}

/**
 * The same, synchronously: for rendering, which asks for a brief's
 * fragments only when a page that shows it must be rendered again.
 */
export function readCacheEntrySync(cacheDir: string, key: string): CompiledBrief | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(entryPath(cacheDir, key, 'full'))
  } catch {
    return undefined
  }
  return decodeEntry(bytes, key, 'full')
}

function decodeEntry(bytes: Buffer, key: string, kind: EntryKind): CompiledBrief | undefined {
  try {
    const entry = v8.deserialize(bytes) as Partial<CacheEntry> | null
    const compiled = entry?.compiled
    if (entry?.key !== key || !compiled || !Array.isArray(compiled.result.diagnostics)) return undefined
    // A full entry of a brief without errors must carry its fragments.
    if (kind === 'full' && compiled.result.brief && !compiled.fragments && !compiled.result.diagnostics.some((d) => d.severity === 'error')) return undefined
    return compiled
  } catch {
    return undefined // corrupt: parse again
  }
}

export interface BuildManifest {
  /** The output folder these files were written to. */
  readonly outDir: string
  /** Output path → the key of the inputs it was rendered from. */
  readonly files: Record<string, string>
  /**
   * Every file in the output folder when the manifest was read, those it
   * does not name included (put there by hand): the next build updates the
   * folder in place and removes what the new site lacks (write/update.ts).
   */
  readonly present?: readonly string[]
}

/**
 * Which output folder this is: every build swaps in a new folder (a new
 * inode, a new change time), so a manifest records the folder it describes
 * and is used only for that very folder. A build killed after its swap but
 * before writing its manifest, or whose manifest could not be written,
 * leaves a manifest of an older output: without this, files would be
 * reused under keys they were not rendered from.
 */
export async function outputStamp(outDir: string): Promise<string | undefined> {
  try {
    const info = await stat(outDir, {bigint: true})
    return `${info.dev}:${info.ino}:${info.ctimeNs}`
  } catch {
    return undefined
  }
}

/**
 * The manifest of the last build into `outDir`, keeping only files that are
 * still there (someone may have deleted part of the output): a file is
 * reused only if it exists. A manifest that is garbage, or was written for
 * another folder or another output in this folder, is none.
 */
export async function readManifest(cacheDir: string, outDir: string): Promise<BuildManifest | undefined> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(path.join(cacheDir, 'manifest.json'), 'utf8'))
  } catch {
    return undefined
  }
  if (!isRecord(value) || value.outDir !== outDir || !isRecord(value.files) || typeof value.output !== 'string') return undefined
  if (value.output !== (await outputStamp(outDir))) return undefined
  const present = new Set(await findFiles(outDir).then((list) => list.map((file) => path.relative(outDir, file).split(path.sep).join('/'))))
  const files: Record<string, string> = {}
  for (const [file, key] of Object.entries(value.files)) if (typeof key === 'string' && present.has(file)) files[file] = key
  return {outDir, files, present: [...present]}
}

/**
 * Forget the manifest, before the output it describes is changed in place:
 * a build killed after changing files but before writing the new manifest
 * must not leave one that names those files under their old keys.
 */
export async function forgetManifest(cacheDir: string): Promise<CacheFailure | undefined> {
  const file = path.join(cacheDir, 'manifest.json')
  return tolerant(file, () => rm(file, {force: true}))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The check entries of every brief, in one file: `sitrep check` with a warm
 * cache then opens one file instead of one per brief (on 1,000 briefs the
 * opening and closing alone took longer than reading). Entries added since
 * it was last written whole go to a small file beside it: rewriting 7 MB
 * for one new brief took ~0.15 s of a weekly build.
 */
export interface CheckIndex {
  readonly entries: ReadonlyMap<string, CompiledBrief>
  /** Keys whose entries are in the small file (see writeCheckIndex). */
  readonly added: ReadonlySet<string>
  /** Entries read from the whole index (0 when it is missing or corrupt: it is then written again). */
  readonly whole: number
}

const checkIndexFile = 'check-index.v8'
const checkAddedFile = 'check-index.added.v8'

export async function readCheckIndex(cacheDir: string): Promise<CheckIndex> {
  const entries = new Map<string, CompiledBrief>()
  const added = new Set<string>()
  const whole = (await readIndexFile(path.join(cacheDir, checkIndexFile), entries)).length
  for (const key of await readIndexFile(path.join(cacheDir, checkAddedFile), entries)) added.add(key)
  return {entries, added, whole}
}

/** Entries of one index file into `into`; their keys (none if the file is missing or corrupt: those briefs are read or parsed again). */
async function readIndexFile(file: string, into: Map<string, CompiledBrief>): Promise<string[]> {
  try {
    const value = v8.deserialize(await readFile(file)) as unknown
    if (!(value instanceof Map)) return []
    const keys: string[] = []
    for (const [key, compiled] of value as Map<unknown, Partial<CompiledBrief> | null>) {
      if (typeof key === 'string' && compiled?.result && Array.isArray(compiled.result.diagnostics)) {
        into.set(key, compiled as CompiledBrief)
        keys.push(key)
      }
    }
    return keys
  } catch {
    return []
  }
}

/**
 * site.yml and regions.yml as resolved last time, under a key of their text
 * and sitrep's code: a warm run then loads neither the YAML parser nor the
 * schemas (~100 ms of a 0.4 s warm check).
 */
export interface SiteEntry {
  readonly key: string
  readonly site: Site
  readonly diagnostics: Diagnostic[]
}

export const siteEntryFile = 'site.v8'

export async function readSiteEntry(cacheDir: string, key: string): Promise<SiteEntry | undefined> {
  try {
    const entry = v8.deserialize(await readFile(path.join(cacheDir, siteEntryFile))) as Partial<SiteEntry> | null
    const site = entry?.site
    if (entry?.key !== key || !site || typeof site.settings !== 'object' || !Array.isArray(site.regions) || !Array.isArray(entry.diagnostics)) return undefined
    return {key, site, diagnostics: entry.diagnostics}
  } catch {
    return undefined // missing or corrupt: parse again
  }
}

/** Why the cache could not be written: the path and the system's error code. */
export interface CacheFailure {
  readonly path: string
  readonly code: string
}

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  try {
    // The folder is made only when it is missing: a cold build writes a
    // thousand entries into 256 folders, and a mkdir before each write
    // cost ~0.2 s of the main thread's time while the workers compiled.
    await writeFile(temp, data).catch(async (error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error
      await mkdir(path.dirname(file), {recursive: true})
      await writeFile(temp, data)
    })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, {force: true}).catch(() => undefined)
    throw error
  }
}

/** Run cache writes; a failure is returned, not thrown (see the top of this module). */
async function tolerant(file: string, write: () => Promise<void>): Promise<CacheFailure | undefined> {
  try {
    await write()
    return undefined
  } catch (error) {
    const code = errorCode(error) ?? 'EUNKNOWN'
    // mkdir says EEXIST when a file stands where a folder should be.
    return {path: file, code: code === 'EEXIST' ? 'ENOTDIR' : code}
  }
}

/**
 * Whether the cache folder can be written: created if need be, and a small
 * file written and removed. A build asks once, up front, and runs without
 * the cache (as --no-cache) when it cannot: an unwritable cache may also
 * hold entries it could not replace.
 */
export async function probeCache(cacheDir: string): Promise<CacheFailure | undefined> {
  return tolerant(cacheDir, async () => {
    const probe = path.join(cacheDir, `.probe-${process.pid}`)
    await atomicWrite(probe, '')
    await rm(probe, {force: true})
  })
}

/** The `full` entry of each brief that has fragments (what building reads). */
export async function writeCacheEntries(cacheDir: string, entries: readonly CacheEntry[]): Promise<CacheFailure | undefined> {
  const full = entries.filter((entry) => entry.compiled.fragments !== undefined)
  for (let i = 0; i < full.length; i += 64) {
    const failures = await Promise.all(
      full.slice(i, i + 64).map((entry) => {
        const file = entryPath(cacheDir, entry.key, 'full')
        return tolerant(file, () => atomicWrite(file, v8.serialize(entry)))
      })
    )
    // The first failure says why; the rest would only repeat it (a full disk fails every write).
    const failure = failures.find((found) => found !== undefined)
    if (failure !== undefined) return failure
  }
  return undefined
}

/**
 * Keep the check entries of the archive's current briefs (skeletons
 * already, without fragments; see CheckIndex). Compared with the index as
 * read (`previous`): nothing is written when no entry changed; a few new
 * entries go to the small file; the whole index is written again when
 * the small file, or the entries of briefs no longer in the archive, would
 * pass a tenth of it (at least 64).
 */
export async function writeCheckIndex(cacheDir: string, index: ReadonlyMap<string, CompiledBrief>, previous?: CheckIndex): Promise<CacheFailure | undefined> {
  const changed = [...index.keys()].filter((key) => previous?.entries.get(key) !== index.get(key))
  const stale = previous === undefined ? 0 : [...previous.entries.keys()].filter((key) => !index.has(key)).length
  const limit = Math.max(64, Math.floor(index.size / 10))
  if (previous !== undefined && changed.length === 0 && stale <= limit) return undefined
  const added = new Set([...(previous?.added ?? [])].filter((key) => index.has(key)))
  for (const key of changed) added.add(key)
  const base = path.join(cacheDir, checkIndexFile)
  const small = path.join(cacheDir, checkAddedFile)
  if (previous !== undefined && previous.whole > 0 && added.size <= limit && stale <= limit) {
    return tolerant(small, () => atomicWrite(small, v8.serialize(leanIndex(index, added))))
  }
  // Whole: the small file goes after (its entries, were it left, are the same entries under the same keys).
  return (await tolerant(base, () => atomicWrite(base, v8.serialize(leanIndex(index, index.keys()))))) ?? tolerant(small, () => rm(small, {force: true}))
}

/** The entries named, as the index keeps them: section keys say a full entry exists. */
function leanIndex(index: ReadonlyMap<string, CompiledBrief>, keys: Iterable<string>): Map<string, CompiledBrief> {
  const lean = new Map<string, CompiledBrief>()
  for (const key of keys) {
    const compiled = index.get(key)
    if (compiled === undefined) continue
    const {result, sectionKeys, images} = compiled
    lean.set(key, sectionKeys === undefined ? {result} : {result, sectionKeys, ...(images === undefined ? {} : {images})})
  }
  return lean
}

/** The resolved site, for the next run (see SiteEntry). */
export async function writeSiteEntry(cacheDir: string, entry: SiteEntry): Promise<CacheFailure | undefined> {
  const file = path.join(cacheDir, siteEntryFile)
  return tolerant(file, () => atomicWrite(file, v8.serialize(entry)))
}

/** The manifest of the output just swapped in, stamped with that very folder (see outputStamp). */
export async function writeManifest(cacheDir: string, manifest: BuildManifest): Promise<CacheFailure | undefined> {
  const file = path.join(cacheDir, 'manifest.json')
  return tolerant(file, async () => {
    const output = await outputStamp(manifest.outDir)
    // Without a stamp it could never be used: better no manifest than one that lies.
    if (output === undefined) await rm(file, {force: true})
    else await atomicWrite(file, `${JSON.stringify({...manifest, output})}\n`)
  })
}

/**
 * Image probes (build/image-store.ts): what each image of the content
 * folder is, remembered with the stamp (size, modification time) and the
 * settings it was read under, so a warm build reads no image file at all.
 */
export interface ImageProbeEntry {
  readonly stamp: FileStamp
  /** The image settings' key part: a probe's key depends on them. */
  readonly settings: string
  readonly probe: ImageProbe
}

const imageProbesFile = path.join('images', 'probes.v8')

const briefStampsFile = 'brief-stamps.v8'

/**
 * The brief files as the last run read them: each one's stamp, place and
 * digest, not its text. A run from the command line then reads only the
 * files whose stamp changed (on 1,000 briefs, reading and hashing every
 * file took ~0.2 s of a build that compiled one).
 */
export async function readBriefStamps(cacheDir: string): Promise<Map<string, KnownFile>> {
  try {
    const value: unknown = v8.deserialize(await readFile(path.join(cacheDir, briefStampsFile)))
    if (!(value instanceof Map)) return new Map()
    const known = new Map<string, KnownFile>()
    for (const [file, entry] of value as Map<unknown, Partial<KnownFile> | null>) {
      const source = entry?.source
      const stamp = entry?.stamp
      if (typeof file === 'string' && source && stamp && typeof source.digest === 'string' && typeof source.file === 'string' && source.path === file && typeof stamp.mtimeMs === 'number' && typeof stamp.size === 'number') {
        known.set(file, {stamp, source: {path: source.path, file: source.file, digest: source.digest, ...(typeof source.contentPath === 'string' ? {contentPath: source.contentPath} : {})}})
      }
    }
    return known
  } catch {
    return new Map() // missing or corrupt: every brief is read
  }
}

/** Keep the brief files' stamps and digests (their texts are left out). */
export async function writeBriefStamps(cacheDir: string, known: ReadonlyMap<string, KnownFile>): Promise<CacheFailure | undefined> {
  const lean = new Map<string, KnownFile>()
  for (const [file, {stamp, source}] of known) {
    if (source.digest === undefined) continue
    lean.set(file, {stamp, source: {path: source.path, file: source.file, digest: source.digest, ...(source.contentPath === undefined ? {} : {contentPath: source.contentPath})}})
  }
  const file = path.join(cacheDir, briefStampsFile)
  return tolerant(file, () => atomicWrite(file, v8.serialize(lean)))
}

export async function readImageProbes(cacheDir: string): Promise<Map<string, ImageProbeEntry>> {
  try {
    const value: unknown = v8.deserialize(await readFile(path.join(cacheDir, imageProbesFile)))
    return value instanceof Map ? (value as Map<string, ImageProbeEntry>) : new Map()
  } catch {
    return new Map() // missing or corrupt: read the images again
  }
}

export async function writeImageProbes(cacheDir: string, probes: ReadonlyMap<string, ImageProbeEntry>): Promise<CacheFailure | undefined> {
  const file = path.join(cacheDir, imageProbesFile)
  return tolerant(file, () => atomicWrite(file, v8.serialize(probes)))
}

/** Where a processed image file is kept: under its image's key, as named in pages. */
export function imageFilePath(cacheDir: string, key: string, name: string): string {
  return path.join(cacheDir, 'images', key.slice(0, 2), key, name)
}

/** A processed image file, or undefined when it is not (or no longer) in the cache. */
export async function readImageFile(cacheDir: string, key: string, name: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(imageFilePath(cacheDir, key, name))
  } catch {
    return undefined
  }
}

/** Whether every named file of an image is in the cache (each was written whole: see atomicWrite). */
export async function hasImageFiles(cacheDir: string, key: string, names: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(names.map((name) => stat(imageFilePath(cacheDir, key, name))))
    return true
  } catch {
    return false
  }
}

export async function writeImageFiles(cacheDir: string, key: string, files: readonly {readonly name: string; readonly bytes: Uint8Array}[]): Promise<CacheFailure | undefined> {
  for (const file of files) {
    const target = imageFilePath(cacheDir, key, file.name)
    const failure = await tolerant(target, () => atomicWrite(target, file.bytes))
    if (failure !== undefined) return failure
  }
  return undefined
}

/**
 * Search index parts (write/search-index.ts), by their key: a build whose
 * output folder is gone (a CI runner restores the cache, not the output)
 * copies a part from here instead of indexing its pages again. A part is
 * written whole to a temporary folder and renamed into place, so a folder
 * under its key is always complete: `part/` holds its files, `sums.json`
 * each file's hash, checked before the part is used (a cache restored
 * damaged must not put damaged files in the site).
 */
export function searchPartDir(cacheDir: string, key: string): string {
  return path.join(cacheDir, 'search', key)
}

/** Copy a cached part into `target`; false when the cache has none under that key, or one whose files are not what was saved. */
export async function restoreSearchPart(cacheDir: string, key: string, target: string): Promise<boolean> {
  const source = searchPartDir(cacheDir, key)
  const files = path.join(source, 'part')
  try {
    const sums: unknown = JSON.parse(await readFile(path.join(source, 'sums.json'), 'utf8'))
    if (!isRecord(sums) || JSON.stringify(await sumsOf(files)) !== JSON.stringify(sums)) throw new Error('damaged')
  } catch {
    // Missing, or damaged: removed, so the part is indexed again and saved afresh.
    await rm(source, {recursive: true, force: true}).catch(() => undefined)
    return false
  }
  await rm(target, {recursive: true, force: true})
  await cp(files, target, {recursive: true})
  return true
}

/** Each file of a folder (relative path, `/`-separated) with the hash of its bytes, in path order. */
async function sumsOf(dir: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {}
  for (const file of (await findFiles(dir)).sort()) sums[path.relative(dir, file).split(path.sep).join('/')] = contentKey([await readFile(file)], 32)
  return sums
}

/** Keep a part just indexed in `from` under its key; a failure is returned, not thrown. */
export async function saveSearchPart(cacheDir: string, key: string, from: string): Promise<CacheFailure | undefined> {
  const target = searchPartDir(cacheDir, key)
  const temp = `${target}.${process.pid}.tmp`
  return tolerant(target, async () => {
    try {
      await rm(temp, {recursive: true, force: true})
      await cp(from, path.join(temp, 'part'), {recursive: true})
      await writeFile(path.join(temp, 'sums.json'), JSON.stringify(await sumsOf(path.join(temp, 'part'))))
      await rename(temp, target).catch(async (error: unknown) => {
        // Another build saved the same part meanwhile: the same files.
        if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error
        await rm(temp, {recursive: true, force: true})
      })
    } catch (error) {
      await rm(temp, {recursive: true, force: true}).catch(() => undefined)
      throw error
    }
  })
}

/** Remove the cached search parts no longer in the index (`keep`: the keys of its parts), so the cache does not grow with every edit. */
export async function pruneSearchParts(cacheDir: string, keep: ReadonlySet<string>): Promise<void> {
  let names: string[]
  try {
    names = await readdir(path.join(cacheDir, 'search'))
  } catch {
    return // none cached
  }
  // Temporary folders of a build running now are left alone.
  await Promise.all(names.filter((name) => !keep.has(name) && !name.endsWith('.tmp')).map((name) => rm(path.join(cacheDir, 'search', name), {recursive: true, force: true}).catch(() => undefined)))
}
