// build/output.ts: what a build decides about its output folder.
import {describe, expect, it} from 'vitest'
import {manifestFiles, openBlock, otherSearchPages, planSearchIndex, searchShards, shardListFile, shardListKey, shardPages, upToDate, type SearchIndexPlan} from '../../src/build/output.js'

const keys = new Map([
  ['index.html', 'h'],
  ['feed.xml', 'f'],
  ['assets/site.css', 'c'],
  ['briefs/a/index.html', 'a1'],
  ['briefs/b/index.html', 'b1'],
  ['briefs/c/index.html', 'c1']
])
/** The briefs' content keys, by slug (the builder's contentKeys). */
const contentKeys = new Map([
  ['a', 'a1'],
  ['b', 'b1'],
  ['c', 'c1']
])
const briefs = [
  {slug: 'c', meta: {date: '2025-01-02'}},
  {slug: 'b', meta: {date: '2024-12-30'}},
  {slug: 'a', meta: {date: '2024-01-04'}}
]

describe('searchShards', () => {
  it('puts each brief page in its year\'s part, newest year first, pages in path order', () => {
    const shards = searchShards(briefs, contentKeys)
    expect(shards.map((shard) => [shard.id, shard.dir, shard.pages])).toEqual([
      ['2025.1', 'pagefind/2025.1/', ['briefs/c/index.html']],
      ['2024', 'pagefind/2024/', ['briefs/a/index.html', 'briefs/b/index.html']]
    ])
  })

  it('gives a part a new key when one of its briefs changed, and only that part', () => {
    const [newer, older] = searchShards(briefs, contentKeys)
    const edited = searchShards(briefs, new Map([...contentKeys, ['a', 'a2']]))
    expect(edited[0]?.key).toBe(newer?.key)
    expect(edited[1]?.key).not.toBe(older?.key)
    expect(older?.key).toMatch(/^[0-9a-f]{32}$/)
  })

  it('splits a year with more than shardPages brief pages by month, and only that year', () => {
    const many = Array.from({length: shardPages + 1}, (_, i) => ({slug: `d${i}`, meta: {date: `2015-0${1 + (i % 3)}-10`}}))
    const pages = new Map([...contentKeys, ...many.map((brief): [string, string] => [brief.slug, 'k'])])
    const shards = searchShards([...many, ...briefs], pages)
    expect(shards.map((shard) => [shard.id, shard.pages.length])).toEqual([
      ['2025.1', 1],
      ['2024', 2],
      ['2015-03', 50],
      ['2015-02', 50],
      ['2015-01', 51]
    ])
    // At shardPages exactly, the year stays whole.
    expect(searchShards([...many.slice(1), ...briefs], pages).map((shard) => shard.id)).toEqual(['2025.1', '2024', '2015'])
  })

  it('puts the outlets\' index in a part of its own, last, keyed by its page key (not each outlet\'s pages, which a weekly brief changes by the dozen)', () => {
    const pageKeys = new Map([
      ['sources/index.html', 's1'],
      ['sources/udn.com/index.html', 'u1'],
      ['sources/udn.com/citations-1-10.html', 'u0'],
      ['sources/udn.com/feed.xml', 'x'],
      ['regions/taiwan/index.html', 'r']
    ])
    const others = otherSearchPages(pageKeys)
    expect(others.map((page) => page.path)).toEqual(['sources/index.html'])
    const shards = searchShards(briefs, contentKeys, others)
    expect(shards.map((shard) => [shard.id, shard.dir, shard.pages])).toEqual([
      ['2025.1', 'pagefind/2025.1/', ['briefs/c/index.html']],
      ['2024', 'pagefind/2024/', ['briefs/a/index.html', 'briefs/b/index.html']],
      ['sources', 'pagefind/sources/', ['sources/index.html']]
    ])
    const edited = searchShards(briefs, contentKeys, otherSearchPages(new Map([...pageKeys, ['sources/index.html', 's2']])))
    expect(edited.map((shard) => shard.key === shards.find((other) => other.id === shard.id)?.key)).toEqual([true, true, false])
    // An outlet's own page changing changes no part.
    const outletOnly = searchShards(briefs, contentKeys, otherSearchPages(new Map([...pageKeys, ['sources/udn.com/index.html', 'u2']])))
    expect(outletOnly.map((shard) => shard.key)).toEqual(shards.map((shard) => shard.key))
  })

  it('leaves out briefs with no page in this build', () => {
    expect(searchShards([...briefs, {slug: 'ghost', meta: {date: '2023-05-05'}}], contentKeys).map((shard) => shard.id)).toEqual(['2025.1', '2024'])
  })

  it('cuts the newest period into blocks of openBlock pages from its oldest, so a newer brief leaves the full blocks alone', () => {
    const year = Array.from({length: 2 * openBlock + 3}, (_, i) => ({slug: `w${String(i).padStart(2, '0')}`, meta: {date: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`}}))
    const pages = new Map([...contentKeys, ...year.map((brief): [string, string] => [brief.slug, 'k'])])
    const shards = searchShards([...briefs, ...year], pages)
    expect(shards.map((shard) => [shard.id, shard.pages.length])).toEqual([
      ['2026.3', 3],
      ['2026.2', openBlock],
      ['2026.1', openBlock],
      ['2025', 1],
      ['2024', 2]
    ])
    // Oldest first by date: the first block holds the sixteen earliest briefs (two a day from the 1st to the 7th, then the 8th's and 9th's).
    const earliest = [0, 1, 2, 3, 4, 5, 6, 7, 8, 28, 29, 30, 31, 32, 33, 34]
    expect(shards.at(-3)?.pages).toEqual(earliest.map((i) => `briefs/w${String(i).padStart(2, '0')}/index.html`))
    const added = {slug: 'new', meta: {date: '2026-02-01'}}
    const after = searchShards([...briefs, ...year, added], new Map([...pages, ['new', 'n']]))
    expect(after.map((shard) => shard.id)).toEqual(['2026.3', '2026.2', '2026.1', '2025', '2024'])
    expect(after.slice(1).map((shard) => shard.key)).toEqual(shards.slice(1).map((shard) => shard.key))
    expect(after[0]?.key).not.toBe(shards[0]?.key)
    // Numbered as numbers: the tenth block comes before the ninth, newest first.
    const long = Array.from({length: 9 * openBlock + 1}, (_, i) => ({slug: `l${String(i).padStart(3, '0')}`, meta: {date: '2027-03-01'}}))
    const ids = searchShards(long, new Map(long.map((brief): [string, string] => [brief.slug, 'k']))).map((shard) => shard.id)
    expect(ids.slice(0, 2)).toEqual(['2027.10', '2027.9'])
  })
})

describe('planSearchIndex', () => {
  const shards = searchShards(briefs, contentKeys)
  const [newer, older] = shards
  if (!newer || !older) throw new Error('two parts expected')
  const previous = (files: Record<string, string>) => ({outDir: '/out', files})
  const built = {
    'index.html': 'h',
    'pagefind/2025.1/pagefind.js': newer.key,
    'pagefind/2025.1/index/x.pf_index': newer.key,
    'pagefind/2024/pagefind.js': older.key,
    [shardListFile]: shardListKey(shards)
  }

  it('keeps every part whose files were all made for these pages, and the list when it names the same parts', () => {
    const plan = planSearchIndex(previous(built), shards, true)
    expect(plan.todo).toEqual([])
    expect(plan.writeList).toBe(false)
    expect([...plan.kept.keys()].sort()).toEqual(['pagefind/2024/pagefind.js', 'pagefind/2025.1/index/x.pf_index', 'pagefind/2025.1/pagefind.js', shardListFile])
  })

  it('indexes again a part with a file of other pages, or with none; writes the list when the parts differ', () => {
    const plan = planSearchIndex(previous({...built, 'pagefind/2025.1/index/x.pf_index': 'old'}), shards, true)
    expect(plan.todo).toEqual([newer])
    expect([...plan.kept.keys()].sort()).toEqual(['pagefind/2024/pagefind.js', shardListFile])
    const fresh = planSearchIndex(undefined, shards, true)
    expect([fresh.todo, fresh.writeList, fresh.kept.size]).toEqual([shards, true, 0])
    const otherList = planSearchIndex(previous({...built, [shardListFile]: 'older list'}), shards, true)
    expect([otherList.todo, otherList.writeList]).toEqual([[], true])
  })

  it('plans nothing with search off', () => {
    expect(planSearchIndex(previous(built), shards, false)).toEqual({kept: new Map(), todo: [], writeList: false})
  })
})

describe('upToDate', () => {
  const kept: SearchIndexPlan = {kept: new Map([['pagefind/2024/a.js', 'K']]), todo: [], writeList: false}
  const previous = {outDir: '/out', files: {...Object.fromEntries(keys), 'pagefind/2024/a.js': 'K'}}
  const state = {wrote: false, search: true, index: kept, previous, keys}

  it('is true when nothing was written, the same files are there, and the index was kept', () => {
    expect(upToDate(state)).toBe(true)
    expect(upToDate({...state, search: false, index: {kept: new Map(), todo: [], writeList: false}, previous: {outDir: '/out', files: Object.fromEntries(keys)}})).toBe(true)
  })

  it('is false when a file was written, a part or the list is made again, a file must go, or there is no previous output', () => {
    expect(upToDate({...state, wrote: true})).toBe(false)
    expect(upToDate({...state, index: {...kept, todo: searchShards(briefs, contentKeys)}})).toBe(false)
    expect(upToDate({...state, index: {...kept, writeList: true}})).toBe(false)
    expect(upToDate({...state, previous: {outDir: '/out', files: {...previous.files, 'gone.html': 'g'}}})).toBe(false)
    expect(upToDate({...state, previous: undefined})).toBe(false)
  })
})

describe('manifestFiles', () => {
  it('lists every page and asset by its key, and the index files by their parts\' keys', () => {
    expect(manifestFiles(new Map([['index.html', 'h']]), new Map([['pagefind/2024/a.js', 'K']]))).toEqual({'index.html': 'h', 'pagefind/2024/a.js': 'K'})
  })
})
