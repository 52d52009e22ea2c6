// write/ for the persistent cache: parse results and the build manifest,
// each written to a temporary file and renamed, so a killed build never
// leaves a half-written entry behind (and a corrupt one is ignored anyway).
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import {entryPath, type BuildManifest, type CacheEntry} from '../load/cache.js'
import type {CompiledBrief} from '../compile.js'

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}

/** The `full` entry of each brief that has fragments (what building reads). */
export async function writeCacheEntries(cacheDir: string, entries: readonly CacheEntry[]): Promise<void> {
  const full = entries.filter((entry) => entry.compiled.fragments !== undefined)
  for (let i = 0; i < full.length; i += 64) {
    await Promise.all(full.slice(i, i + 64).map((entry) => atomicWrite(entryPath(cacheDir, entry.key, 'full'), v8.serialize(entry))))
  }
}

/** The check entries of the archive's current briefs, in one file (see readCheckIndex). */
export async function writeCheckIndex(cacheDir: string, index: ReadonlyMap<string, CompiledBrief>): Promise<void> {
  const lean = new Map<string, CompiledBrief>()
  for (const [key, compiled] of index) {
    const brief = compiled.result.brief
    // No fragments, and of the notes only those with links into the archive
    // (the rest live on in the fragments). Section keys say a full entry exists.
    const notes = brief?.notes.filter((note) => note.sources.length > 0) ?? []
    const result = brief ? {...compiled.result, brief: {...brief, notes}} : compiled.result
    lean.set(key, compiled.sectionKeys === undefined ? {result} : {result, sectionKeys: compiled.sectionKeys})
  }
  await atomicWrite(path.join(cacheDir, 'check-index.v8'), v8.serialize(lean))
}

export async function writeManifest(cacheDir: string, manifest: BuildManifest): Promise<void> {
  await atomicWrite(path.join(cacheDir, 'manifest.json'), `${JSON.stringify(manifest)}\n`)
}
