import {gunzipSync} from 'node:zlib'
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it, vi} from 'vitest'
import {main} from '../../src/cli/main.js'
import {SearchIndexError, writeSearchIndex} from '../../src/write/search-index.js'
import {fixtureContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-search-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** Build the fixture archive without an index, to index it here. */
async function builtFixture(name: string): Promise<string> {
  expect(await main(['build', '--content', fixtureContent, '--out', name, '--no-search', '--quiet'], fakeIo(temp))).toBe(0)
  return path.join(temp, name)
}

/**
 * What Pagefind stored for each page. Its fragments are gzipped JSON behind a
 * short signature (an internal format of the pinned pagefind version).
 */
async function fragments(siteDir: string, part = 'all'): Promise<{url: string; meta: Record<string, string>; filters: Record<string, string[]>; anchors: {id: string}[]}[]> {
  const dir = path.join(siteDir, `pagefind/${part}/fragment`)
  const out = []
  for (const name of (await readdir(dir)).sort()) {
    const json = gunzipSync(await readFile(path.join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '')
    out.push(JSON.parse(json) as Awaited<ReturnType<typeof fragments>>[number])
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : 1))
}

const pages = ['briefs/week-one/index.html', 'briefs/week-two/index.html']
const one = (id: string, shardPages = pages, key = `key-${id}`) => ({id, dir: `pagefind/${id}/`, pages: shardPages, key})

describe('writeSearchIndex', () => {
  it('indexes the pages it is given, with their filters, metadata and section anchors', async () => {
    const site = await builtFixture('site')
    const all = one('all')
    const stats = await writeSearchIndex(site, {shards: [all], todo: [all], list: {path: 'pagefind/shards.json', key: 'L'}})
    expect(stats.pages).toBe(2)
    expect(stats.files).toBeGreaterThan(5)
    expect(stats.bytes).toBeGreaterThan(10_000)
    // Every file written, by the key of its part; the list by its own.
    expect([...stats.paths].filter(([file]) => file !== 'pagefind/shards.json').every(([file, key]) => file.startsWith('pagefind/all/') && key === 'key-all')).toBe(true)
    expect(stats.paths.get('pagefind/shards.json')).toBe('L')
    expect(JSON.parse(await readFile(path.join(site, 'pagefind/shards.json'), 'utf8'))).toEqual({shards: ['all/']})
    const pages = await fragments(site)
    expect(pages.map((page) => page.url)).toEqual([
      '/briefs/week-one/',
      '/briefs/week-two/'
    ])
    const weekTwo = pages[1]!
    expect(weekTwo.meta).toMatchObject({title: 'Week Two', date: 'January 11, 2024', kind: 'Brief'})
    expect(weekTwo.filters).toEqual({region: ['China', 'Taiwan'], year: ['2024']})
    expect(weekTwo.anchors.map((anchor) => anchor.id)).toEqual(expect.arrayContaining(['key-takeaways', 'region-taiwan-heading', 'topic-china--protests']))
    expect(weekTwo.anchors.map((anchor) => anchor.id)).not.toContain('notes-heading')
  })

  it('writes only the parts asked for, each to its folder, and lists them all, newest first', async () => {
    const site = await builtFixture('parts')
    const [newer, older] = [one('2025', [pages[1]!]), one('2024', [pages[0]!])]
    const first = await writeSearchIndex(site, {shards: [newer, older], todo: [older], list: {path: 'pagefind/shards.json', key: 'L'}})
    expect(first.pages).toBe(1)
    expect((await fragments(site, '2024')).map((page) => page.url)).toEqual(['/briefs/week-one/'])
    expect(await readdir(path.join(site, 'pagefind'))).toEqual(['2024', 'shards.json'])
    const second = await writeSearchIndex(site, {shards: [newer, older], todo: [newer]})
    expect(second.pages).toBe(1)
    expect([...second.paths.keys()].every((file) => file.startsWith('pagefind/2025/'))).toBe(true)
    expect((await fragments(site, '2025')).map((page) => page.url)).toEqual(['/briefs/week-two/'])
    expect(JSON.parse(await readFile(path.join(site, 'pagefind/shards.json'), 'utf8'))).toEqual({shards: ['2025/', '2024/']})
  })

  it('leaves out Pagefind\'s ready-made interfaces, which the site does not use', async () => {
    const names = await readdir(path.join(temp, 'site/pagefind/all'))
    expect(names).toContain('pagefind.js')
    expect(names.filter((name) => name.includes('-ui.') || name.includes('highlight'))).toEqual([])
  })

  it('says plainly when Pagefind\'s binary cannot be run', async () => {
    const site = await builtFixture('no-binary')
    vi.stubEnv('PAGEFIND_BINARY_PATH', path.join(temp, 'missing-binary'))
    try {
      const error = await writeSearchIndex(site, {shards: [one('all')], todo: [one('all')]}).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(SearchIndexError)
      expect((error as Error).message).toMatch(/^Pagefind's binary .*missing-binary cannot be run/)
    } finally {
      vi.unstubAllEnvs()
    }
    // A later index still works: the failure left no broken service behind.
    expect((await writeSearchIndex(site, {shards: [one('all')], todo: [one('all')]})).pages).toBe(2)
  })
})
