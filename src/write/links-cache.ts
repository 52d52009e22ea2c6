// write/: `sitrep links`' results cache, written whole to a temporary file
// and renamed into place, so a run killed mid-write leaves the previous
// cache. A failure is returned, never thrown: the report is right without it.
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {CacheFailure} from '../build/cache.js'
import {errorCode} from '../error-code.js'
import {linksCacheFile, linksCacheVersion} from '../load/links-cache.js'
import type {UrlResult} from '../links/result.js'

export async function writeLinksCache(cacheDir: string, results: ReadonlyMap<string, UrlResult>): Promise<CacheFailure | undefined> {
  const file = linksCacheFile(cacheDir)
  const temp = `${file}.${process.pid}.tmp`
  try {
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(temp, `${JSON.stringify({version: linksCacheVersion, results: Object.fromEntries(results)}, null, 1)}\n`)
    await rename(temp, file)
    return undefined
  } catch (error) {
    await rm(temp, {force: true}).catch(() => undefined)
    const code = errorCode(error) ?? 'EUNKNOWN'
    return {path: file, code: code === 'EEXIST' ? 'ENOTDIR' : code}
  }
}
