// write/ for the persistent cache: parse results and the build manifest,
// each written to a temporary file and renamed, so a killed build never
// leaves a half-written entry behind (and a corrupt one is ignored anyway).
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import {entryPath, type BuildManifest, type CacheEntry} from '../load/cache.js'

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}

/** Each entry as a `check` entry (skeleton) and, when it has fragments, a `full` one too. */
export async function writeCacheEntries(cacheDir: string, entries: readonly CacheEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(
      entries.slice(i, i + 64).flatMap((entry) => [
        atomicWrite(entryPath(cacheDir, entry.key, 'check'), v8.serialize({key: entry.key, compiled: {result: entry.compiled.result}})),
        ...(entry.compiled.fragments === undefined ? [] : [atomicWrite(entryPath(cacheDir, entry.key, 'full'), v8.serialize(entry))])
      ])
    )
  }
}

export async function writeManifest(cacheDir: string, manifest: BuildManifest): Promise<void> {
  await atomicWrite(path.join(cacheDir, 'manifest.json'), `${JSON.stringify(manifest)}\n`)
}
