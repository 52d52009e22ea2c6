// build/output.ts: what a build decides about its output folder.
import {describe, expect, it} from 'vitest'
import {keptSearchIndex, manifestFiles, searchIndexKey, upToDate} from '../../src/build/output.js'

const keys = new Map([
  ['index.html', 'h'],
  ['feed.xml', 'f'],
  ['assets/site.css', 'c']
])

describe('searchIndexKey', () => {
  it('changes with the HTML pages only', () => {
    const key = searchIndexKey(keys)
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    expect(searchIndexKey(new Map([...keys, ['feed.xml', 'other']]))).toBe(key)
    expect(searchIndexKey(new Map([...keys, ['index.html', 'other']]))).not.toBe(key)
  })
})

describe('keptSearchIndex', () => {
  const manifest = (files: Record<string, string>) => ({outDir: '/out', files})
  it('keeps the previous index when every file of it was made for these pages', () => {
    const previous = manifest({'index.html': 'h', 'pagefind/a.js': 'K', 'pagefind/b.pf': 'K'})
    expect(keptSearchIndex(previous, 'K', true)).toEqual(['pagefind/a.js', 'pagefind/b.pf'])
  })

  it('keeps nothing when a file of it is older, when there was none, or when search is off', () => {
    expect(keptSearchIndex(manifest({'pagefind/a.js': 'K', 'pagefind/b.pf': 'old'}), 'K', true)).toEqual([])
    expect(keptSearchIndex(manifest({'index.html': 'h'}), 'K', true)).toEqual([])
    expect(keptSearchIndex(undefined, 'K', true)).toEqual([])
    expect(keptSearchIndex(manifest({'pagefind/a.js': 'K'}), 'K', false)).toEqual([])
  })
})

describe('upToDate', () => {
  const previous = {outDir: '/out', files: {'index.html': 'h', 'feed.xml': 'f', 'assets/site.css': 'c', 'pagefind/a.js': 'K'}}
  const state = {wrote: false, search: true, keptIndex: ['pagefind/a.js'], previous, keys}

  it('is true when nothing was written, the same files are there, and the index was kept', () => {
    expect(upToDate(state)).toBe(true)
    expect(upToDate({...state, search: false, keptIndex: [], previous: {outDir: '/out', files: Object.fromEntries(keys)}})).toBe(true)
  })

  it('is false when a file was written, the index is made again, a file must go, or there is no previous output', () => {
    expect(upToDate({...state, wrote: true})).toBe(false)
    expect(upToDate({...state, keptIndex: []})).toBe(false)
    expect(upToDate({...state, previous: {outDir: '/out', files: {...previous.files, 'gone.html': 'g'}}})).toBe(false)
    expect(upToDate({...state, previous: undefined})).toBe(false)
  })
})

describe('manifestFiles', () => {
  it('lists every page and asset by its key, and the index files by the index key', () => {
    expect(manifestFiles(keys, ['pagefind/a.js'], 'K')).toEqual({'index.html': 'h', 'feed.xml': 'f', 'assets/site.css': 'c', 'pagefind/a.js': 'K'})
  })
})
