// The results cache of `sitrep links`: written whole and read back; a
// missing, corrupt, foreign or damaged file (or entry) is an empty cache.
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {linksCacheFile, readLinksCache} from '../../src/load/links-cache.js'
import type {UrlResult} from '../../src/links/result.js'
import {writeLinksCache} from '../../src/write/links-cache.js'

const made: string[] = []
afterAll(() => Promise.all(made.map((dir) => rm(dir, {recursive: true, force: true}))))
const dir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'sitrep-links-cache-'))
  made.push(d)
  return d
}

const ok: UrlResult = {url: 'https://a.gov/', outcome: {kind: 'http', status: 200}, finalUrl: 'https://a.gov/', redirects: [], checkedAt: '2024-03-10T00:00:00.000Z', attempts: 1}
const dead: UrlResult = {
  url: 'https://b.gov/x',
  outcome: {kind: 'network', error: 'dns', detail: 'no such host'},
  finalUrl: 'https://b.gov/x',
  redirects: [],
  checkedAt: '2024-03-10T00:00:00.000Z',
  attempts: 1,
  archived: 'https://web.archive.org/web/2024/https://b.gov/x'
}

describe('the links results cache', () => {
  it('reads back what it wrote, leaving no temporary file', async () => {
    const cache = await dir()
    expect(await writeLinksCache(cache, new Map([[ok.url, ok], [dead.url, dead]]))).toBeUndefined()
    expect(await readLinksCache(cache)).toEqual(new Map([[ok.url, ok], [dead.url, dead]]))
    expect(await readdir(path.join(cache, 'links'))).toEqual(['results.json'])
  })

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({version: 99, results: {[ok.url]: ok}})],
    ['no results', JSON.stringify({version: 1})]
  ])('is empty for a file with %s', async (_, text) => {
    const cache = await dir()
    await mkdir(path.join(cache, 'links'))
    await writeFile(linksCacheFile(cache), text)
    expect(await readLinksCache(cache)).toEqual(new Map())
  })

  it('drops damaged entries and keeps the others', async () => {
    const cache = await dir()
    await mkdir(path.join(cache, 'links'))
    const damaged = {...ok, url: 'https://c.gov/', checkedAt: 'yesterday'}
    await writeFile(linksCacheFile(cache), JSON.stringify({version: 1, results: {[ok.url]: ok, 'https://c.gov/': damaged, 'https://d.gov/': {url: 'https://e.gov/'}}}))
    expect([...(await readLinksCache(cache)).keys()]).toEqual([ok.url])
  })

  it('says which path it could not write, instead of throwing', async () => {
    const cache = await dir()
    await writeFile(path.join(cache, 'links'), 'a file where the folder goes')
    expect(await writeLinksCache(cache, new Map([[ok.url, ok]]))).toEqual({path: linksCacheFile(cache), code: 'ENOTDIR'})
  })
})
