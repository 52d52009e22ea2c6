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
async function fragments(siteDir: string): Promise<{url: string; meta: Record<string, string>; filters: Record<string, string[]>; anchors: {id: string}[]}[]> {
  const dir = path.join(siteDir, 'pagefind/fragment')
  const out = []
  for (const name of (await readdir(dir)).sort()) {
    const json = gunzipSync(await readFile(path.join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '')
    out.push(JSON.parse(json) as Awaited<ReturnType<typeof fragments>>[number])
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : 1))
}

describe('writeSearchIndex', () => {
  it('indexes the brief pages only, with their filters, metadata and section anchors', async () => {
    const site = await builtFixture('site')
    const stats = await writeSearchIndex(site)
    expect(stats.pages).toBe(2)
    expect(stats.files).toBeGreaterThan(5)
    expect(stats.bytes).toBeGreaterThan(10_000)
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

  it('leaves out Pagefind\'s ready-made interfaces, which the site does not use', async () => {
    const names = await readdir(path.join(temp, 'site/pagefind'))
    expect(names).toContain('pagefind.js')
    expect(names.filter((name) => name.includes('-ui.') || name.includes('highlight'))).toEqual([])
  })

  it('says plainly when Pagefind\'s binary cannot be run', async () => {
    const site = await builtFixture('no-binary')
    vi.stubEnv('PAGEFIND_BINARY_PATH', path.join(temp, 'missing-binary'))
    try {
      const error = await writeSearchIndex(site).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(SearchIndexError)
      expect((error as Error).message).toMatch(/^Pagefind's binary .*missing-binary cannot be run/)
    } finally {
      vi.unstubAllEnvs()
    }
    // A later index still works: the failure left no broken service behind.
    expect((await writeSearchIndex(site)).pages).toBe(2)
  })
})
