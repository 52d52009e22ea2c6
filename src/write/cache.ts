// write/ for the persistent cache: parse results and the build manifest,
// each written to a temporary file and renamed, so a killed build never
// leaves a half-written entry behind (and a corrupt one is ignored anyway).
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import {entryPath, type BuildManifest, type CacheEntry} from '../load/cache.js'
import type {BriefResult} from '../pipeline.js'

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}

export async function writeCacheEntries(cacheDir: string, entries: readonly CacheEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(
      entries.slice(i, i + 64).flatMap((entry) => [
        atomicWrite(entryPath(cacheDir, entry.key, 'full'), v8.serialize(entry)),
        atomicWrite(entryPath(cacheDir, entry.key, 'check'), v8.serialize({key: entry.key, result: skeleton(entry.result)}))
      ])
    )
  }
}

/** A result without prose: diagnostics, metadata, section regions and URL sources, which is all check and link need. */
export function skeleton(result: BriefResult): BriefResult {
  const brief = result.brief
  if (!brief) return result
  return {
    diagnostics: result.diagnostics,
    brief: {
      ...brief,
      takeaways: [],
      citations: [],
      sections: brief.sections.map((section) => ({...section, children: [], topics: []})),
      notes: brief.notes.map((note) => ({...note, sources: note.sources.filter((source) => source.kind === 'url')}))
    }
  }
}

export async function writeManifest(cacheDir: string, manifest: BuildManifest): Promise<void> {
  await atomicWrite(path.join(cacheDir, 'manifest.json'), `${JSON.stringify(manifest)}\n`)
}
