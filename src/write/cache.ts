// write/ for the persistent cache: parse results and the build manifest,
// each written to a temporary file and renamed, so a killed build never
// leaves a half-written entry behind (and a corrupt one is ignored anyway).
// The cache only saves time: a write that fails (a full disk, a refused
// folder) never fails a build or a check. It is reported to the caller
// where one listens, and the entry is simply compiled again next time.
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import {entryPath, outputStamp, siteEntryFile, type BuildManifest, type CacheEntry, type SiteEntry} from '../load/cache.js'
import type {CompiledBrief} from '../compile.js'
import {errorCode} from '../error-code.js'

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

/** The check entries of the archive's current briefs, in one file (see readCheckIndex). */
export async function writeCheckIndex(cacheDir: string, index: ReadonlyMap<string, CompiledBrief>): Promise<CacheFailure | undefined> {
  const lean = new Map<string, CompiledBrief>()
  for (const [key, compiled] of index) {
    const brief = compiled.result.brief
    // No fragments, and of the notes only those with links into the archive
    // (the rest live on in the fragments). Section keys say a full entry exists.
    const notes = brief?.notes.filter((note) => note.sources.length > 0) ?? []
    const result = brief ? {...compiled.result, brief: {...brief, notes}} : compiled.result
    lean.set(key, compiled.sectionKeys === undefined ? {result} : {result, sectionKeys: compiled.sectionKeys})
  }
  const file = path.join(cacheDir, 'check-index.v8')
  return tolerant(file, () => atomicWrite(file, v8.serialize(lean)))
}

/** The resolved site, for the next run (see load/cache.ts, SiteEntry). */
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
