// build/page-keys.ts and build/delivery.ts: which pages changed since the
// previous build, and where each file goes.
import {describe, expect, it} from 'vitest'
import {assetKeyOf, pageChanges, previousFiles, siteKeyOf} from '../../src/build/page-keys.js'
import {contentKey} from '../../src/content-key.js'
import {createDelivery} from '../../src/build/delivery.js'
import {unsqueezed} from '../../src/build/packed.js'
import type {PagePlan} from '../../src/render/site.js'

const plan = (entries: Record<string, string>): PagePlan[] =>
  Object.entries(entries).map(([path, key]) => ({path, key: () => key, render: () => `rendered ${path}`}))

describe('siteKeyOf and assetKeyOf', () => {
  it('are content keys: the code and the settings and regions (40 digits), a file\'s bytes (32)', () => {
    const site = {settings: {title: 'T'}, regions: [{id: 'europe'}]} as unknown as Parameters<typeof siteKeyOf>[1]
    expect(siteKeyOf('code', site)).toBe(contentKey(['code', JSON.stringify([site.settings, site.regions])], 40))
    expect(siteKeyOf('code', site)).toHaveLength(40)
    expect(assetKeyOf('body{}')).toBe(contentKey([Buffer.from('body{}')]))
    expect(assetKeyOf('body{}')).toHaveLength(32)
  })
})

describe('previousFiles', () => {
  it('takes the pages kept in memory over the manifest, and the manifest (keys only) without them', () => {
    const manifest = {outDir: '/out', files: {'a.html': 'k1'}}
    expect(previousFiles(undefined, manifest)).toEqual(new Map([['a.html', {key: 'k1'}]]))
    expect(previousFiles(new Map([['b.html', {key: 'k2', contents: 'b'}]]), manifest)).toEqual(new Map([['b.html', {key: 'k2', contents: 'b'}]]))
    expect(previousFiles(undefined, undefined)).toEqual(new Map())
  })
})

describe('pageChanges', () => {
  it('sorts pages into rendered again, kept from memory and reused on disk, counting HTML pages', () => {
    const previous = new Map([
      ['same-disk.html', {key: 'a'}],
      ['same-memory.html', {key: 'b', contents: 'kept'}],
      ['changed.html', {key: 'old'}]
    ])
    const changes = pageChanges(plan({'same-disk.html': 'a', 'same-memory.html': 'b', 'changed.html': 'new', 'feed.xml': 'f'}), previous)
    expect([...changes.keys]).toEqual([
      ['same-disk.html', 'a'],
      ['same-memory.html', 'b'],
      ['changed.html', 'new'],
      ['feed.xml', 'f']
    ])
    expect(changes.htmlPages).toBe(3)
    expect(changes.todo.map(({page, key}) => [page.path, key])).toEqual([
      ['changed.html', 'new'],
      ['feed.xml', 'f']
    ])
    expect(changes.kept).toEqual([{path: 'same-memory.html', key: 'b', contents: 'kept'}])
    expect(changes.reused).toEqual(['same-disk.html'])
  })
})

describe('createDelivery', () => {
  it('hands files to onFile and keeps none; an asset unchanged on disk is reused, not handed', async () => {
    const handed: string[] = []
    const delivery = createDelivery({
      previous: new Map([['assets/site.css', {key: 'css'}]]),
      onFile: (file) => {
        handed.push(`${file.path}: ${String(file.contents)}`)
        return Promise.resolve()
      }
    })
    await delivery.page('index.html', 'k', 'home')
    expect(await delivery.asset('assets/site.css', 'css', 'body{}')).toBe(false)
    expect(await delivery.asset('assets/new.js', 'js', 'x')).toBe(true)
    const result = await delivery.finish()
    expect(handed).toEqual(['index.html: home', 'assets/new.js: x'])
    expect(result).toEqual({files: new Map(), remembered: undefined, rendered: 1})
  })

  it('keeps files in memory without onFile, packed if asked, and does not count a page kept from memory as rendered', async () => {
    const kept = new Uint8Array([1, 2, 3])
    const counts: number[] = []
    const delivery = createDelivery({previous: new Map([['old.html', {key: 'o', contents: kept}]]), packFiles: true, onRendered: (count) => counts.push(count)})
    await delivery.page('old.html', 'o', kept)
    await delivery.page('new.html', 'n', '<p>new</p>')
    expect(await delivery.asset('a.css', 'a', 'css')).toBe(true)
    const {files, remembered, rendered} = await delivery.finish()
    expect(files.get('old.html')).toBe(kept)
    expect(unsqueezed(files.get('new.html') as Uint8Array).toString('utf8')).toBe('<p>new</p>')
    expect(unsqueezed(files.get('a.css') as Uint8Array).toString('utf8')).toBe('css')
    expect([...(remembered?.keys() ?? [])]).toEqual(['old.html', 'new.html'])
    expect(rendered).toBe(1)
    expect(counts).toEqual([1])
  })
})
