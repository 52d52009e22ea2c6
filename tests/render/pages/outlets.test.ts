// render/pages/outlets.ts on the fixture site (pageSize 1): the outlet
// index's rows, an outlet's citations newest first with links to the
// notes, defanged sources marked, pages cut like a region's; a brief's
// sourcing profile.
import {describe, expect, it} from 'vitest'
import fc from 'fast-check'
import {$, $$, attr, buildInMemory, fixtureContent, resolveHref, text} from '../../helpers/built-site.js'
import {outletPages} from '../../../src/render/pages/outlets.js'
import {blockPages} from '../../../src/render/pages/region.js'

const site = await buildInMemory(fixtureContent)
const base = 'https://fixture.example.org/archive/'
const rows = (file: string) => $$(site.page(file), 'tbody tr').map((row) => $$(row, 'th, td').map(text))

describe('the outlet index', () => {
  it('lists every outlet by domain with its notes, briefs, first and last citation; defanged ones marked not linked', () => {
    expect(rows('sources/index.html')).toEqual([
      // Two sources in one note, one of them defanged: still linked.
      ['example.cn', '1', '1', 'January 11, 2024', 'January 11, 2024'],
      ['example.com', '1', '1', 'January 4, 2024', 'January 4, 2024'],
      // The archive's own address is an outlet too: a note cites it.
      ['example.org', '3', '1', 'January 11, 2024', 'January 11, 2024'],
      ['udn.com not linked', '1', '1', 'January 4, 2024', 'January 4, 2024']
    ])
    const page = site.page('sources/index.html')
    expect($$(page, 'tbody th a').map((link) => attr(link, 'href'))).toEqual(['example.cn/', 'example.com/', 'example.org/', 'udn.com/'])
    expect(text($(page, 'h1'))).toBe('Sources')
  })
})

describe('an outlet\'s pages', () => {
  it('list its citations: brief, note linking to the note on the brief page, regions', () => {
    expect(rows('sources/udn.com/index.html')).toEqual([['Week One January 4, 2024', 'Note 2 not linked', 'Oceania']])
    const note = $(site.page('sources/udn.com/index.html'), 'tbody a[aria-label]')
    expect(attr(note, 'href')).toBe('../../briefs/week-one/#note-2')
    const target = resolveHref('sources/udn.com/index.html', attr(note, 'href'), base)
    expect(target).toEqual({path: 'briefs/week-one/index.html', fragment: 'note-2'})
    // The outlet's own address is never a link.
    expect($$(site.page('sources/udn.com/index.html'), 'main a').map((link) => attr(link, 'href')).filter((href) => href.includes('udn'))).toEqual([])
  })

  it('are cut like region pages: the newest on the front page, older blocks counted from the oldest', () => {
    expect(rows('sources/example.org/index.html')).toEqual([['Week Two January 11, 2024', 'Note 1', 'China']])
    expect(rows('sources/example.org/citations-2-2.html')).toEqual([['Week Two January 11, 2024', 'Note 3', 'Taiwan']])
    expect(rows('sources/example.org/citations-1-1.html')).toEqual([['Week Two January 11, 2024', 'Note 4', 'Not cited in the text']])
    const pager = (file: string) => $$(site.page(file), '.pagination a').map((link) => [text(link), attr(link, 'href')])
    expect(pager('sources/example.org/index.html')).toEqual([['Older →', 'citations-2-2.html']])
    expect(pager('sources/example.org/citations-2-2.html')).toEqual([
      ['← Newer', './'],
      ['Older →', 'citations-1-1.html']
    ])
    expect(text($(site.page('sources/example.org/citations-1-1.html'), 'title'))).toBe('Source: example.org (citations 1–1) · Fixture Watch')
  })

  it('are named by the outlet\'s domain', () => {
    expect(outletPages({domain: 'bbc.co.uk', citations: []}, 20).map((page) => page.dir)).toEqual(['sources/bbc.co.uk/'])
    expect(outletPages({domain: '[::1]', citations: []}, 20).map((page) => page.dir)).toEqual(['sources/---1-/'])
  })

  it('are in the sitemap', () => {
    const sitemap = String(site.files.get('sitemap.xml'))
    for (const file of ['sources/', 'sources/udn.com/', 'sources/example.org/citations-1-1.html']) expect(sitemap).toContain(`<loc>${base}${file}</loc>`)
  })
})

describe('a brief\'s sourcing profile', () => {
  it('counts its notes, sources, outlets and defanged sources, and links each outlet to its page', () => {
    const profile = $(site.page('briefs/week-two/index.html'), 'section.sourcing')!
    expect($$(profile, 'dl > div').map(text)) // dt then dd.toEqual(['Notes4', 'Sources6', 'Distinct outlets2', 'Defanged1 source (17%)'])
    expect($$(profile, '.sourcing-outlets a').map((link) => [text(link), attr(link, 'href')])).toEqual([
      ['example.org', '../../sources/example.org/'],
      ['example.cn', '../../sources/example.cn/']
    ])
    expect(text($(profile, '.sourcing-outlets'))).toBe('Outlets: example.org (3), example.cn (1)')
  })
})

describe('blockPages (region and outlet pages alike)', () => {
  const cut = (total: number, size: number) => blockPages(total, size, 'front/', (first, last) => `block-${first}-${last}.html`)

  it('cuts any list into contiguous pages: the front page size to 2 × size − 1 items, each older page one full block', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.integer({min: 1, max: 40}), (total, size) => {
        const pages = cut(total, size)
        expect(pages[0]?.start).toBe(0)
        expect(pages[pages.length - 1]?.end).toBe(total)
        pages.forEach((page, index) => {
          if (index > 0) expect(page.start).toBe(pages[index - 1]?.end)
          const count = page.end - page.start
          if (index > 0) expect(count).toBe(size)
          else if (total >= size) expect(count >= size && count < 2 * size).toBe(true)
          // Neighbours link both ways.
          const older = pages[index + 1]
          expect(page.older).toBe(older?.dir)
          if (older) expect(older.newer).toBe(page.dir)
        })
      })
    )
  })

  it('keeps every older page\'s items when an item is added at the newest end', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.integer({min: 1, max: 40}), (total, size) => {
        const before = new Map(cut(total, size).slice(1).map((page) => [page.dir, total - page.end]))
        for (const page of cut(total + 1, size).slice(1)) {
          const from = before.get(page.dir)
          // Counted from the oldest, an older page holds the same items (or is new).
          if (from !== undefined) expect(total + 1 - page.end).toBe(from)
        }
      })
    )
  })
})
