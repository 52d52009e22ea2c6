// The email edition (render/email.ts) of every sample brief, as built: an
// HTML document mail clients render (no script, no <style>, no class, every
// element's formatting inline, a column of at most 600 px), every address
// absolute, note numbers linking to the notes on the brief's web page,
// figures as their PNG/JPEG copies with alt text, defanged sources never
// linked; its plain-text twin email.txt; and page keys that follow the
// brief, its images and the site.
import {cp, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {h} from 'hastscript'
import {afterAll, describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {parseBrief} from '../../src/build/compile.js'
import {importBrief} from '../../src/import/brief.js'
import {renderEmail} from '../../src/render/email.js'
import {shapeOf} from '../helpers/brief-shape.js'
import {$, $$, attr, buildInMemory, sampleContent, text} from '../helpers/built-site.js'

const base = 'https://briefs.example.org/'
const site = await buildInMemory(sampleContent)
const slugs = [...site.files.keys()].filter((file) => /^briefs\/[^/]+\/index\.html$/.test(file)).map((file) => file.split('/')[1] ?? '')
const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-email-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

const email = (slug: string): Root => site.page(`briefs/${slug}/email.html`)
const elements = (tree: Root | Element): Element[] => $$(tree, '*')

describe('the email edition', () => {
  it('is built for every brief, with its plain-text twin', () => {
    expect(slugs).toHaveLength(8)
    for (const slug of slugs) {
      expect(site.files.has(`briefs/${slug}/email.html`)).toBe(true)
      expect(site.files.get(`briefs/${slug}/email.txt`)).toMatch(/\nKey Takeaways\n- /)
    }
  })

  it('states each correction, dated, at the top: a correction is never silent', () => {
    const tree = email('china-taiwan-weekly-update-2024-03-07')
    const notices = $$(tree, 'p').filter((p) => text(p).startsWith('Corrected '))
    expect(notices.map((p) => text(p).replace(/:.*/s, ''))).toEqual(['Corrected March 11, 2024', 'Corrected March 14, 2024'])
    // Before the takeaways.
    const body = text($(tree, 'body'))
    expect(body.indexOf('Corrected March 11, 2024')).toBeLessThan(body.indexOf('Key takeaways'))
    // And in the plain-text twin, where import reads it back.
    expect(site.files.get('briefs/china-taiwan-weekly-update-2024-03-07/email.txt')).toMatch(/\nCorrected March 11, 2024: An earlier version said /)
    expect($$(email('china-taiwan-weekly-update-2024-02-22'), 'p').filter((p) => text(p).startsWith('Corrected '))).toEqual([])
  })

  it('is linked from its brief\'s page, with the plain text beside it', () => {
    for (const slug of slugs) {
      const links = $$(site.page(`briefs/${slug}/index.html`), 'p.editions a').map((a) => [attr(a, 'href'), attr(a, 'type'), text(a)])
      expect(links).toEqual([
        ['email.html', 'text/html', 'email edition'],
        ['email.txt', 'text/plain', 'plain text']
      ])
    }
  })

  it('has no script, no stylesheet, no class: every formatting element is styled inline', () => {
    for (const slug of slugs) {
      const tree = email(slug)
      expect($$(tree, 'script, style, link, iframe, form, object, embed, svg')).toEqual([])
      expect(elements(tree).filter((el) => el.properties.className !== undefined || el.properties.id !== undefined)).toEqual([])
      // Everything that shows text or spacing says how, on itself.
      const unstyled = $$(tree, 'body, table, td, p, h1, h2, h3, h4, ul, ol, li, a, img, sup, blockquote, pre, span').filter((el) => typeof el.properties.style !== 'string' || el.properties.style === '')
      expect(unstyled.map((el) => `${slug}: <${el.tagName}> ${text(el).slice(0, 40)}`)).toEqual([])
      expect(attr($(tree, 'body > table > tbody > tr > td > table'), 'style')).toContain('max-width:600px')
      expect($$(tree, 'table').every((table) => attr(table, 'role') === 'presentation')).toBe(true)
    }
  })

  it('uses absolute addresses only: links to the site are under baseUrl and lead to files it has', () => {
    for (const slug of slugs) {
      for (const el of $$(email(slug), '[href], [src]')) {
        const url = attr(el, el.tagName === 'img' ? 'src' : 'href')
        expect(url, `${slug}: <${el.tagName}> ${url}`).toMatch(/^(https?:\/\/|mailto:)/)
        if (!url.startsWith(base)) continue
        const inside = decodeURIComponent(new URL(url).pathname.slice(1))
        expect(site.files.has(inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside), url).toBe(true)
      }
    }
  })

  it('gives each citation its note number, linking to that note on the web page', () => {
    for (const slug of slugs) {
      const pageUrl = `${base}briefs/${slug}/`
      const page = site.page(`briefs/${slug}/index.html`)
      const onPage = $$(page, 'main a[href^="#note-"]').filter((a) => !$$(page, 'ol.notes a').includes(a))
      const cited = $$(email(slug), 'sup > a')
      expect(cited.map((a) => text(a))).toEqual(onPage.map((a) => text(a).replace(/\D/g, '')))
      for (const a of cited) {
        expect(attr(a, 'href')).toBe(`${pageUrl}#note-${text(a)}`)
        expect($(page, `#note-${text(a)}`)).toBeDefined()
      }
    }
  })

  it('lists every note by its number with every source; defanged ones as text, never links', () => {
    const slug = 'china-taiwan-weekly-update-2024-02-22'
    const tree = email(slug)
    const notes = $$(tree, 'p').filter((p) => /^\[\d+\]/.test(text(p)))
    expect(notes.map((p) => Number(/^\[(\d+)\]/.exec(text(p))?.[1]))).toEqual(Array.from({length: 25}, (_, i) => i + 1))
    // Note 3: two defanged sources, each on its own line; note 24 is cited nowhere and listed all the same.
    expect(text(notes[2])).toBe('[3] https://news.ltn dot com.tw/news/society/breakingnews/4578812https://www.cna dot com.tw/news/asoc/202402160098.aspx')
    expect($$(notes[2]!, 'br')).toHaveLength(1)
    expect($$(notes[2]!, 'a').map((a) => attr(a, 'href'))).toEqual([`${base}briefs/${slug}/#note-3`])
    expect(text(notes[23])).toBe('[24] https://www.rnz.co.nz/international/pacific-news/509931/palau-cyber-attack')
    for (const a of $$(tree, 'a')) expect(attr(a, 'href')).not.toMatch(/ dot |\[\.\]|^hxxp/)
    expect(text(notes[15])).toBe('[16] hxxps://coastguard[.]gov[.]ph/index.php/news/press-releases/5702')
  })

  it('shows figures as their PNG or JPEG copies at absolute URLs, with alt text, caption and credit', () => {
    const tree = email('china-taiwan-weekly-update-2024-02-22')
    const [img, ...others] = $$(tree, 'img')
    expect(others).toEqual([])
    expect(attr(img, 'src')).toMatch(/^https:\/\/briefs\.example\.org\/images\/matsu-incidents-2024-02-15-to-19-[0-9a-f]{8}-\d+\.png$/)
    expect(attr(img, 'alt')).toMatch(/^Map of the Matsu Islands off the Fujian coast\./)
    expect(Number(attr(img, 'width'))).toBeLessThanOrEqual(560)
    const caption = text($$(tree, 'p').find((p) => text(p).startsWith('The dredger seizure')))
    expect(caption).toBe('The dredger seizure, the China Coast Guard entry and the cable fault around Matsu, February 15–19, 2024 Map: Example Institute for Strategic Studies, from Coast Guard Administration statements and AIS data')
    expect(site.files.get('briefs/china-taiwan-weekly-update-2024-02-22/email.txt')).toContain(`] ${attr(img, 'src')}\n`)
  })
})

describe('email.txt', () => {
  it('imports back to the same brief, its figures at the absolute URLs of their copies', async () => {
    const regions = [
      {id: 'taiwan', name: 'Taiwan', aliases: ['ROC'], group: 'Cross-Strait Relations'},
      {id: 'china', name: 'China', aliases: ['PRC', 'Mainland China'], group: 'Cross-Strait Relations'},
      {id: 'us-europe', name: 'United States and Europe', aliases: ['US and Europe']},
      {id: 'southeast-asia', name: 'Southeast Asia', aliases: []},
      {id: 'northeast-asia', name: 'Northeast Asia', aliases: ['Korean Peninsula and Japan']},
      {id: 'oceania', name: 'Oceania', aliases: ['Pacific Islands']}
    ]
    for (const slug of slugs) {
      const file = (await readdir(path.join(sampleContent, 'briefs'), {recursive: true})).find((name) => name.endsWith(`${slug}.md`))!
      const display = `content/briefs/${file}`
      const original = parseBrief({file: display, value: await readFile(path.join(sampleContent, 'briefs', file), 'utf8'), contentPath: `briefs/${file}`}, {regions}).brief!
      const imported = importBrief(site.files.get(`briefs/${slug}/email.txt`)!, {regions, file: 'email.txt', series: original.meta.series!})
      expect(imported.diagnostics).toEqual([])
      const back = parseBrief({file: display, value: imported.markdown, contentPath: `briefs/${file}`}, {regions}).brief!
      // The one difference: where each figure's image is.
      const images = $$(email(slug), 'img').map((img) => attr(img, 'src'))
      const figures = (brief: typeof back) => brief.sections.flatMap((section) => section.children.filter((node) => node.type === 'figure'))
      expect(figures(back).map((figure) => figure.url)).toEqual(images)
      for (const [i, figure] of figures(back).entries()) figure.url = figures(original)[i]!.url
      expect(shapeOf(back)).toEqual(shapeOf(original))
    }
  })
})

describe('renderEmail', () => {
  it('writes a run of adjacent citations as "2,3", each a link to its note', () => {
    const value = `---
title: T
date: 2024-03-14
cutoff: 2024-03-13T17:00-04:00
authors:
  - name: Jane Example
    org: Example Institute
takeaways:
  - A takeaway.
---

## Taiwan

Patrols grew.[^1][^2] See <https://example.org/x> and [this](../other/).

[^1]: https://udn dot com/a
[^2]: https://example.org/b, p.3
`
    const {brief} = parseBrief({file: 'content/briefs/2024/t.md', value}, {regions: [{id: 'taiwan', name: 'Taiwan', aliases: []}]})
    const settings = {title: 'Watch', baseUrl: base, language: 'en', zoneNames: {}} as never
    const tree = fromHtml(renderEmail(brief!, {site: {settings, regions: [{id: 'taiwan', name: 'Taiwan', aliases: []}]}, imageOf: () => undefined}))
    const note = (n: number) => `${base}briefs/t/#note-${n}`
    const sup = 'font-size:12px;line-height:0;vertical-align:super;'
    const link = 'color:#0b57d0;text-decoration:underline;'
    const paragraph = $$(tree, 'p').find((p) => text(p).startsWith('Patrols'))
    removePositions(paragraph)
    expect(paragraph).toEqual(
      h('p', {style: 'margin:0 0 16px 0;'}, [
        'Patrols grew.',
        h('sup', {style: sup}, [h('a', {href: note(1), style: link}, '1')]),
        h('sup', {style: sup}, [',', h('a', {href: note(2), style: link}, '2')]),
        ' See ',
        h('a', {href: 'https://example.org/x', style: link}, 'https://example.org/x'),
        ' and ',
        h('a', {href: `${base}briefs/other/`, style: link}, 'this'),
        '.'
      ])
    )
  })
})

function removePositions(node: {position?: unknown; children?: unknown[]} | undefined): void {
  if (!node) return
  delete node.position
  for (const child of node.children ?? []) removePositions(child as {position?: unknown})
}

describe('page keys of the editions', () => {
  it('follow the brief they show, and the site', async () => {
    const content = path.join(temp, 'content')
    await cp(sampleContent, content, {recursive: true})
    const keys = async () => (await createBuilder({contentDir: content, cwd: temp}).build()).keys ?? new Map<string, string>()
    const editions = (map: ReadonlyMap<string, string>, slug: string) => [map.get(`briefs/${slug}/email.html`), map.get(`briefs/${slug}/email.txt`)]
    const before = await keys()
    const edited = 'china-taiwan-weekly-update-2024-03-07'
    const other = 'china-taiwan-weekly-update-2024-02-22'
    const file = path.join(content, 'briefs/2024', `${edited}.md`)
    await writeFile(file, (await readFile(file, 'utf8')).replace('.[^1]', '.[^1] Officials added nothing.'))
    const after = await keys()
    expect(editions(after, edited).every((key, i) => key !== undefined && key !== editions(before, edited)[i])).toBe(true)
    expect(editions(after, other)).toEqual(editions(before, other))
    const settings = path.join(content, 'site.yml')
    await writeFile(settings, (await readFile(settings, 'utf8')).replace('https://briefs.example.org/', 'https://example.net/briefs/'))
    const moved = await keys()
    expect(editions(moved, other).every((key, i) => key !== editions(after, other)[i])).toBe(true)
  }, 60_000)
})
