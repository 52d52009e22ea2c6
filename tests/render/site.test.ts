import {describe, expect, it} from 'vitest'
import {parseFeed} from '@rowanmanning/feed-parser'
import type {Root} from 'hast'
import {linkArchive, type BriefSkeleton} from '../../src/link/archive.js'
import {checkArchive} from '../../src/build/check.js'
import {planPages, type KeyMemo, type PagePlan} from '../../src/render/site.js'
import {$, $$, attr, buildInMemory, fixtureContent, resolveHref, sampleContent, text, type BuiltSite} from '../helpers/built-site.js'
import {regionPages} from '../../src/render/pages/region.js'
import {outletPages} from '../../src/render/pages/outlets.js'
import {outletIndex} from '../../src/link/outlets.js'
import {fileOf} from '../../src/render/paths.js'

const base = 'https://fixture.example.org/archive/'
const site = await buildInMemory(fixtureContent)
const sample = await buildInMemory(sampleContent)
const briefTwo = 'briefs/week-two/index.html'

function idsOf(tree: Root): string[] {
  return $$(tree, '[id]').map((node) => attr(node, 'id'))
}

/** Every internal href of every page lands on a file, and every #fragment on an id of it. */
function brokenLinks(built: BuiltSite, baseUrl: string): string[] {
  const broken: string[] = []
  for (const [file] of built.files) {
    if (!file.endsWith('.html') || file === '404.html') continue
    for (const link of $$(built.page(file), 'a[href], link[href], form[action], script[src]')) {
      const href = attr(link, link.tagName === 'form' ? 'action' : link.tagName === 'script' ? 'src' : 'href')
      const target = resolveHref(file, href, baseUrl)
      if (!target) continue
      if (!built.files.has(target.path)) broken.push(`${file}: ${href} (no file ${target.path})`)
      else if (target.fragment !== '' && target.path.endsWith('.html') && !idsOf(built.page(target.path)).includes(target.fragment)) {
        broken.push(`${file}: ${href} (no id ${target.fragment})`)
      }
    }
  }
  return broken
}

describe('the built site', () => {
  it('writes the pages the archive needs', () => {
    expect([...site.files.keys()].sort()).toEqual([
      '404.html',
      'archive/2024/index.html',
      'archive/index.html',
      'assets/favicon.svg',
      'assets/previews.js',
      'assets/search.js',
      'assets/site.css',
      'briefs/week-one/email.html',
      'briefs/week-one/email.txt',
      'briefs/week-one/index.html',
      'briefs/week-one/week-one.bib',
      'briefs/week-one/week-one.csl.json',
      'briefs/week-one/week-one.ris',
      'briefs/week-two/email.html',
      'briefs/week-two/email.txt',
      'briefs/week-two/index.html',
      'briefs/week-two/week-two.bib',
      'briefs/week-two/week-two.csl.json',
      'briefs/week-two/week-two.ris',
      'favicon.ico',
      'feed.xml',
      'index.html',
      'regions/china/feed.xml',
      'regions/china/index.html',
      'regions/index.html',
      'regions/oceania/feed.xml',
      'regions/oceania/index.html',
      'regions/taiwan/feed.xml',
      'regions/taiwan/index.html',
      'regions/taiwan/sections-1-1.html',
      'robots.txt',
      'search/index.html',
      'sitemap.xml',
      'sources/example.cn/index.html',
      'sources/example.com/index.html',
      'sources/example.org/citations-1-1.html',
      'sources/example.org/citations-2-2.html',
      'sources/example.org/index.html',
      'sources/index.html',
      'sources/udn.com/index.html'
    ])
  })

  it('has no broken internal link or fragment, in the fixture or the sample archive', () => {
    expect(brokenLinks(site, base)).toEqual([])
    expect(brokenLinks(sample, 'https://briefs.example.org/')).toEqual([])
  })

  it('links the site\'s own icons from every page, at every depth, the 404 page too', () => {
    // The email editions are messages, not pages of the site: no icons, no search (tests/render/email.test.ts).
    const pages = [...site.files.keys()].filter((file) => file.endsWith('.html') && !file.endsWith('/email.html'))
    expect(pages).toContain('briefs/week-one/index.html')
    expect(pages).toContain('regions/taiwan/sections-1-1.html')
    for (const file of pages) {
      const icons = $$(site.page(file), 'head link[rel=icon]').map((link) => [attr(link, 'type'), resolveHref(file, attr(link, 'href'), base)?.path])
      expect([file, icons]).toEqual([file, [['', 'favicon.ico'], ['image/svg+xml', 'assets/favicon.svg']]])
    }
  })

  it('never repeats an id on a page', () => {
    for (const built of [site, sample]) {
      for (const [file] of built.files) {
        if (!file.endsWith('.html')) continue
        const list = idsOf(built.page(file))
        expect(list.filter((id, i) => list.indexOf(id) !== i), file).toEqual([])
      }
    }
  })

  it('has one h1 and no gaps in heading levels on every page', () => {
    for (const [file] of sample.files) {
      if (!file.endsWith('.html')) continue
      const levels = $$(sample.page(file), 'h1, h2, h3, h4, h5, h6').map((node) => Number(node.tagName.slice(1)))
      expect(levels.filter((level) => level === 1), file).toHaveLength(1)
      levels.forEach((level, i) => {
        expect(level - (levels[i - 1] ?? 0), `${file} heading ${i}`).toBeLessThanOrEqual(1)
      })
    }
  })
})

describe('a brief page', () => {
  const page = site.page(briefTwo)

  it('shows the citation numbers the analyst wrote, each linking to its note', () => {
    const cites = $$(page, '.brief-body sup.cite a')
    expect(cites.map((a) => text(a))).toEqual(['[1]', '[2]', '[2]', '[3]'])
    expect(cites.map((a) => attr(a, 'href'))).toEqual(['#note-1', '#note-2', '#note-2', '#note-3'])
    expect(cites.map((a) => attr(a, 'id'))).toEqual(['cite-1-1', 'cite-2-1', 'cite-2-2', 'cite-3-1'])
  })

  it('links each note back to every place that cites it, and keeps the uncited note', () => {
    const notes = $$(page, 'ol.notes > li')
    expect(notes.map((li) => attr(li, 'id'))).toEqual(['note-1', 'note-2', 'note-3', 'note-4'])
    expect($$(notes[1]!, 'a.backref').map((a) => attr(a, 'href'))).toEqual(['#cite-2-1', '#cite-2-2'])
    expect(text($(notes[3]!, '.uncited'))).toBe('Not cited in the text.')
    expect(text($(notes[3]!, '.sources'))).toBe('https://uncited.example.org/report')
  })

  it('shows every source as written: URLs as links, defanged and text sources as text', () => {
    const sources = $$(page, '#note-2 .sources > li')
    expect(sources.map((li) => text(li))).toEqual([
      'https://www.mfa.example.cn/statement, p.3',
      'hxxps://example[.]cn/mirror',
      'Interview with a ministry official, January 2024'
    ])
    expect(attr($(sources[0]!, 'a'), 'href')).toBe('https://www.mfa.example.cn/statement')
    expect($(sources[1]!, 'a')).toBeUndefined()
    expect($(sources[2]!, 'a')).toBeUndefined()
    expect($$(site.page('briefs/week-one/index.html'), '.defanged').map((node) => text(node))).toEqual(['https://udn dot com/news/story/1/2'])
    // Only the back link and the note's permalink.
    expect($$(site.page('briefs/week-one/index.html'), '#note-2 a').map((node) => attr(node, 'className'))).toEqual(['backref', 'note-permalink'])
  })

  it('links a note that cites another brief to that brief in the built site', () => {
    expect(attr($(page, '#note-1 a.source-url'), 'href')).toBe('../week-one/')
    expect(text($(page, '#note-1 a.source-url'))).toBe('https://fixture.example.org/archive/briefs/week-one/')
  })

  it('links a takeaway to the paragraph that opens with its text, ignoring formatting and spaces', () => {
    const items = $$(page, '.takeaways li')
    expect(attr($(items[0]!, 'a'), 'href')).toBe('#takeaway-1')
    expect(text($(page, '#takeaway-1'))).toMatch(/^Beijing protested loudly\./)
    expect($(page, '#takeaway-1')?.tagName).toBe('p')
    expect($(items[1]!, 'a')).toBeUndefined()
    expect(text(items[1])).toBe('A takeaway that no paragraph elaborates.')
  })

  it('puts sections under their group heading, with topics one level down', () => {
    const group = $(page, 'section.region-group')
    expect(text($(group!, 'h2'))).toBe('Cross-Strait Relations')
    expect($$(group!, 'section.region > h3').map((node) => text(node))).toEqual(['China', 'Taiwan'])
    expect(text($(page, '#topic-china--protests'))).toBe('Protests')
    expect($(page, '#topic-china--protests')?.tagName).toBe('h4')
  })

  it('shows the dates, the cutoff in the zone written, and the people with their organisations', () => {
    expect($$(page, '.brief-meta dd').map((node) => text(node))).toEqual([
      'January 11, 2024',
      'January 10, 2024, 5:00 p.m. ET',
      'Ann Analyst (Fixture Institute)',
      'Ed Editor (Other Foundation)'
    ])
    expect(attr($(page, '.brief-meta time[datetime^="2024-01-10"]'), 'dateTime')).toBe('2024-01-10T17:00-05:00')
  })

  it('has the metadata every page needs', () => {
    expect(attr($(page, 'html'), 'lang')).toBe('en-GB')
    expect(text($(page, 'title'))).toBe('Week Two · Fixture Watch')
    expect(attr($(page, 'link[rel=canonical]'), 'href')).toBe(`${base}briefs/week-two/`)
    expect(attr($(page, 'meta[property="og:title"]'), 'content')).toBe('Week Two')
    expect(attr($(page, 'meta[name=description]'), 'content')).toBe('Beijing protested loudly.')
    const ld = JSON.parse(text($(page, 'script[type="application/ld+json"]'))) as Record<string, unknown>
    expect(ld).toMatchObject({'@type': 'Report', headline: 'Week Two', datePublished: '2024-01-11', url: `${base}briefs/week-two/`})
    expect(attr($(page, 'a.skip-link'), 'href')).toBe('#main')
    expect($$(page, 'main')).toHaveLength(1)
  })
})

describe('a region page', () => {
  it('gathers the region\'s sections newest first, paginated, with working citations', () => {
    const first = site.page('regions/taiwan/index.html')
    expect(text($(first, 'section.region h2'))).toBe('Week Two')
    expect(attr($(first, '.pagination a[rel=next]'), 'href')).toBe('sections-1-1.html')
    const second = site.page('regions/taiwan/sections-1-1.html')
    expect(text($(second, 'section.region h2'))).toBe('Week One')
    expect(attr($(second, '.pagination a[rel=prev]'), 'href')).toBe('./')
  })

  it('sends a citation to the right brief\'s note', () => {
    const page = site.page('regions/china/index.html')
    const cites = $$(page, 'sup.cite a')
    expect(cites.map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['[1]', '#week-two--note-1'],
      ['[2]', '#week-two--note-2'],
      ['[2]', '#week-two--note-2']
    ])
    expect(text($(page, '#week-two--note-2 .sources'))).toContain('https://www.mfa.example.cn/statement')
    expect($$(page, '#week-two--note-2 a.backref').map((a) => attr(a, 'href'))).toEqual(['#week-two--cite-2-1', '#week-two--cite-2-2'])
  })

  it('lists the regions with their groups, section counts and latest dates', () => {
    const page = site.page('regions/index.html')
    expect($$(page, 'h2').map((node) => text(node))).toEqual(['Cross-Strait Relations', 'Other regions'])
    expect($$(page, '.region-list li').map((node) => text(node))).toEqual([
      'Taiwan — 2 sections, latest January 11, 2024',
      'China — 1 section, latest January 11, 2024',
      'Oceania — 1 section, latest January 4, 2024'
    ])
  })
})

describe('feeds and sitemap', () => {
  it('parses the archive feed with a real feed parser, with absolute URLs', () => {
    const feed = parseFeed(site.files.get('feed.xml') ?? '')
    expect(feed.title).toBe('Fixture Watch')
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['Week Two', `${base}briefs/week-two/`],
      ['Week One', `${base}briefs/week-one/`]
    ])
    expect(feed.self).toBe(`${base}feed.xml`)
  })

  it('parses each region feed', () => {
    const feed = parseFeed(site.files.get('regions/taiwan/feed.xml') ?? '')
    expect(feed.items.map((item) => item.url)).toEqual([`${base}briefs/week-two/#region-taiwan`, `${base}briefs/week-one/#region-taiwan`])
  })

  it('lists every page in the sitemap with absolute URLs', () => {
    const sitemap = site.files.get('sitemap.xml') ?? ''
    expect(sitemap).toContain(`<loc>${base}briefs/week-one/</loc><lastmod>2024-01-04</lastmod>`)
    expect(sitemap).toContain(`<loc>${base}regions/taiwan/sections-1-1.html</loc>`)
    expect(site.files.get('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${base}sitemap.xml\n`)
  })

  it('dates a corrected brief by its latest correction: feed entry updated, sitemap lastmod, JSON-LD dateModified', () => {
    const corrected = 'china-taiwan-weekly-update-2024-03-07'
    const sampleBase = 'https://briefs.example.org/'
    const feed = parseFeed(sample.files.get('feed.xml') ?? '')
    const entry = feed.items.find((item) => item.url === `${sampleBase}briefs/${corrected}/`)
    expect(entry?.published?.toISOString()).toBe('2024-03-07T00:00:00.000Z')
    expect(entry?.updated?.toISOString()).toBe('2024-03-14T00:00:00.000Z')
    // And says what was corrected, first.
    expect(entry?.content).toMatch(/^<p><strong>Corrected March 11, 2024:<\/strong> An earlier version said the special budget would deploy the launchers over <em>four<\/em> years;/)
    expect(entry?.content).toContain('<p><strong>Corrected March 14, 2024:</strong> The Kuomintang')
    // An uncorrected entry was last updated when published.
    const other = feed.items.find((item) => item.url === `${sampleBase}briefs/china-taiwan-weekly-update-2024-03-21/`)
    expect(other?.updated?.toISOString()).toBe('2024-03-21T00:00:00.000Z')
    // The region feeds' entries of its sections too.
    const region = parseFeed(sample.files.get('regions/taiwan/feed.xml') ?? '')
    expect(region.items.find((item) => item.url?.startsWith(`${sampleBase}briefs/${corrected}/`))?.updated?.toISOString()).toBe('2024-03-14T00:00:00.000Z')
    expect(sample.files.get('sitemap.xml')).toContain(`<loc>${sampleBase}briefs/${corrected}/</loc><lastmod>2024-03-14</lastmod>`)
    const page = sample.page(`briefs/${corrected}/index.html`)
    const jsonLd = JSON.parse(text($(page, 'script[type="application/ld+json"]'))) as Record<string, unknown>
    expect([jsonLd.datePublished, jsonLd.dateModified]).toEqual(['2024-03-07', '2024-03-14'])
    const uncorrected = JSON.parse(text($(sample.page('briefs/china-taiwan-weekly-update-2024-03-21/index.html'), 'script[type="application/ld+json"]'))) as Record<string, unknown>
    expect(uncorrected.dateModified).toBeUndefined()
  })

  it('shows a brief\'s corrections at its top, each with its day, before the takeaways', () => {
    const page = sample.page('briefs/china-taiwan-weekly-update-2024-03-07/index.html')
    const article = $(page, 'article.brief')!
    const children = article.children.filter((node) => node.type === 'element').map((node) => attr(node, 'className') || node.tagName)
    expect(children.slice(1, 4)).toEqual(['brief-header', 'corrections', 'takeaways'])
    const notice = $(article, 'section.corrections')!
    expect(text($(notice, 'h2'))).toBe('Corrections')
    expect($$(notice, 'li').map(text)).toEqual([
      'March 11, 2024: An earlier version said the special budget would deploy the launchers over four years; the cabinet\'s request spreads them over five years.',
      'March 14, 2024: The Kuomintang caucus spokesperson\'s remark was made at a press conference on March 5, not in a written statement as first reported.'
    ])
    expect($$(notice, 'time').map((node) => attr(node, 'dateTime'))).toEqual(['2024-03-11', '2024-03-14'])
    expect(text($(notice, 'em'))).toBe('four')
    // The header says when it was last corrected, linking to the notice.
    expect(text($(article, '.brief-meta a[href="#corrections"]'))).toBe('March 14, 2024')
    expect($(sample.page('briefs/china-taiwan-weekly-update-2024-03-21/index.html'), '.corrections')).toBeUndefined()
  })

  it('lets a reader and a reference manager cite a brief: Highwire tags, a cite block, three files', () => {
    const slug = 'china-taiwan-weekly-update-2024-03-07'
    const page = sample.page(`briefs/${slug}/index.html`)
    const tags = $$(page, 'head meta[name^="citation_"]').map((node) => [attr(node, 'name'), attr(node, 'content')])
    expect(tags.filter(([name]) => name === 'citation_author').map(([, content]) => content)).toEqual(['Wei Sample', 'Maria Testperson'])
    expect(Object.fromEntries(tags.filter(([name]) => name !== 'citation_author'))).toMatchObject({
      citation_title: 'China–Taiwan Weekly Update, March 7, 2024',
      citation_publication_date: '2024/03/07',
      citation_online_date: '2024/03/14',
      citation_publisher: 'Example Institute for Strategic Studies',
      citation_technical_report_institution: 'Example Institute for Strategic Studies',
      citation_public_url: `https://briefs.example.org/briefs/${slug}/`,
      citation_abstract_html_url: `https://briefs.example.org/briefs/${slug}/`
    })
    const block = $(page, 'section.cite-brief')!
    expect(text($(block, 'h2'))).toBe('Cite this brief')
    expect(text($(block, '.citation'))).toBe(
      `Wei Sample and Maria Testperson. “China–Taiwan Weekly Update, March 7, 2024.” Example Institute for Strategic Studies, March 7, 2024. Last corrected March 14, 2024. https://briefs.example.org/briefs/${slug}/`
    )
    const links = $$(block, 'a').map((node) => [text(node), attr(node, 'href'), attr(node, 'type'), attr(node, 'download')])
    expect(links).toEqual([
      ['BibTeX', `${slug}.bib`, 'application/x-bibtex', `${slug}.bib`],
      ['RIS', `${slug}.ris`, 'application/x-research-info-systems', `${slug}.ris`],
      ['CSL-JSON', `${slug}.csl.json`, 'application/vnd.citationstyles.csl+json', `${slug}.csl.json`]
    ])
    expect(sample.files.get(`briefs/${slug}/${slug}.bib`)).toContain(`@techreport{${slug},`)
    expect(String(sample.files.get(`briefs/${slug}/${slug}.ris`)).startsWith('TY  - RPRT\r\n')).toBe(true)
    expect((JSON.parse(String(sample.files.get(`briefs/${slug}/${slug}.csl.json`))) as {title: string}[])[0]?.title).toBe('China–Taiwan Weekly Update, March 7, 2024')
  })

  it('gives each note a permalink with an accessible name', () => {
    const link = $(site.page(briefTwo), '#note-2 a.note-permalink')
    expect([attr(link, 'href'), attr(link, 'ariaLabel'), text(link)]).toEqual(['#note-2', 'Link to note 2', '#'])
  })

  it('gives the 404 page root-relative links, since it is served at any depth', () => {
    const page = site.page('404.html')
    expect(attr($(page, 'link[rel=stylesheet]'), 'href')).toBe('/archive/assets/site.css')
    expect($$(page, 'link[rel=icon]').map((link) => attr(link, 'href'))).toEqual(['/archive/favicon.ico', '/archive/assets/favicon.svg'])
    expect(attr($(page, 'meta[name=robots]'), 'content')).toBe('noindex')
  })
})

describe('search and citation previews', () => {
  const htmlPages = (built: BuiltSite) => [...built.files.keys()].filter((file) => file.endsWith('.html') && !file.endsWith('/email.html'))

  it('puts a search box on every page but the search page, submitting q to the search page', () => {
    for (const file of htmlPages(site)) {
      const forms = $$(site.page(file), 'header form[role=search]')
      if (file === 'search/index.html') {
        expect(forms, file).toHaveLength(0)
        continue
      }
      expect(forms, file).toHaveLength(1)
      const form = forms[0]!
      expect(attr(form, 'method'), file).toBe('get')
      if (file !== '404.html') expect(resolveHref(file, attr(form, 'action'), base)?.path, file).toBe('search/index.html')
      const input = $(form, 'input[name=q]')
      expect(attr(input, 'type')).toBe('search')
      expect(text($(form, `label[for="${attr(input, 'id')}"]`)), file).toBe('Search the briefs')
    }
    expect(attr($(site.page('404.html'), 'form[role=search]'), 'action')).toBe('/archive/search/')
  })

  it('has a search page whose form works without JavaScript, saying what to use instead', () => {
    const page = site.page('search/index.html')
    const form = $(page, 'main form[role=search]')
    expect([attr(form, 'action'), attr(form, 'method')]).toEqual(['./', 'get'])
    expect(attr($(form!, 'input#search-q'), 'name')).toBe('q')
    expect(text($(form!, 'label[for="search-q"]'))).not.toBe('')
    const fallback = $(page, '#search-fallback')
    expect(text(fallback)).toContain('needs JavaScript')
    expect($$(fallback!, 'a').map((a) => resolveHref('search/index.html', attr(a, 'href'), base)?.path)).toEqual(['archive/index.html', 'regions/index.html'])
    expect(attr($(page, 'main script[type=module]'), 'src')).toBe('../assets/search.js')
  })

  it('loads the citation previews script on every page, relatively', () => {
    expect(attr($(site.page(briefTwo), 'head script[type=module]'), 'src')).toBe('../../assets/previews.js')
    expect(attr($(site.page('index.html'), 'head script[type=module]'), 'src')).toBe('assets/previews.js')
  })

  it('marks only brief, region and outlet content for the search index', () => {
    for (const file of htmlPages(sample)) {
      const bodies = $$(sample.page(file), '[data-pagefind-body]')
      const indexed =
        /^briefs\/[^/]+\/index\.html$/.test(file) || /^regions\/[^/]+\/(page\/\d+\/)?index\.html$/.test(file) || /^sources\/([^/]+\/)?[^/]+\.html$/.test(file)
      expect(bodies.length, file).toBe(indexed ? 1 : 0)
    }
  })

  it('gives a brief page its regions and year as filters, its title and date as metadata', () => {
    const page = site.page(briefTwo)
    const body = $(page, 'article.brief[data-pagefind-body]')!
    const filters = $$(body, '[data-pagefind-filter]').map((node) => attr(node, 'dataPagefindFilter'))
    expect(filters).toEqual(['region:China', 'region:Taiwan', 'year:2024'])
    expect(attr($(body, 'h1'), 'dataPagefindMeta')).toBe('title')
    expect(attr($(body, '.brief-meta time'), 'dataPagefindMeta')).toBe('date')
    expect(text($(body, '.search-facets'))).toBe('')
    // Every section and topic heading has an id: Pagefind gives one sub-result per heading with an id.
    expect($$(body, '.brief-body :is(h2, h3, h4)').filter((heading) => attr(heading, 'id') === '')).toEqual([])
  })

  it('gives a region page its region and the years of its sections as filters', () => {
    const body = $(site.page('regions/taiwan/index.html'), '[data-pagefind-body]')!
    expect($$(body, '[data-pagefind-filter]').map((node) => attr(node, 'dataPagefindFilter'))).toEqual(['region:Taiwan', 'year:2024'])
    expect($(body, '.pagination')).toBeUndefined()
  })
})

describe('page keys', async () => {
  const result = await checkArchive({contentDir: sampleContent, cwd: process.cwd()})
  const archive = result.archive
  if (!archive) throw new Error('sample has errors')
  // As the builder keys a brief: by its content (here its title, and a revision a test bumps). Keys need each section's key, not its prose (never rendered here).
  const revisions = new WeakMap<BriefSkeleton, {brief: number; sections: number[]}>()
  const options = {
    keyOf: (brief: BriefSkeleton) => `${brief.slug} ${brief.meta.title} ${revisions.get(brief)?.brief ?? 0}`,
    sectionKeysOf: (brief: BriefSkeleton) => brief.sections.map((section, index) => `${brief.slug} ${section.regionId} ${revisions.get(brief)?.sections[index] ?? 0}`),
    fragmentsOf: () => undefined
  }
  const keysOf = (plan: readonly PagePlan[]) => new Map(plan.map((page) => [page.path, page.key()]))
  const edited = archive.briefs[1]
  if (!edited) throw new Error('sample too small')
  /** The archive with `edited` replaced by `copy`, linked again, as serve does after a save. */
  const relinkWith = (copy: BriefSkeleton) => linkArchive(
    archive.briefs.map((brief) => (brief === edited ? copy : brief)),
    archive.site
  ).archive
  /** Keys before and after, with a memo carried from one plan to the next; which pages changed key, and which kept their memo entry. */
  const replan = (relinked: typeof archive) => {
    const memo = new Map<string, KeyMemo>()
    const first = keysOf(planPages(archive, {...options, keyMemo: memo}))
    const entries = new Map(memo)
    const second = keysOf(planPages(relinked, {...options, keyMemo: memo}))
    // Exactly the keys computed without the memo.
    expect(second).toEqual(keysOf(planPages(relinked, options)))
    expect(new Map([...memo].map(([file, known]) => [file, known.key]))).toEqual(second)
    const changed = [...second].filter(([file, key]) => first.get(file) !== key).map(([file]) => file)
    const kept = [...memo].filter(([file, known]) => entries.get(file) === known).map(([file]) => file)
    return {first, second, changed: changed.sort(), kept}
  }
  const page = (brief: BriefSkeleton | undefined) => `briefs/${brief?.slug ?? ''}/index.html`

  it('are the same with and without a memo, and the memo holds them', () => {
    const memo = new Map<string, KeyMemo>()
    const first = keysOf(planPages(archive, {...options, keyMemo: memo}))
    expect(keysOf(planPages(archive, options))).toEqual(first)
    expect(new Map([...memo].map(([file, known]) => [file, known.key]))).toEqual(first)
  })

  it('change, for a brief whose title was edited, on exactly the pages that show its title', () => {
    const {changed, kept} = replan(relinkWith({...edited, meta: {...edited.meta, title: `${edited.meta.title}, revised`}}))
    expect(edited.sections.map((section) => section.regionId)).toEqual(['taiwan', 'china', 'southeast-asia', 'northeast-asia', 'oceania'])
    expect(changed).toEqual(
      [
        // Its own page, editions and citation files, and its series neighbours' (they link to it by title).
        page(edited),
        `briefs/${edited.slug}/email.html`,
        `briefs/${edited.slug}/email.txt`,
        ...['bib', 'csl.json', 'ris'].map((ext) => `briefs/${edited.slug}/${edited.slug}.${ext}`),
        page(archive.briefs[0]),
        page(archive.briefs[2]),
        // Every region page and feed showing one of its sections (headed by its title).
        ...['taiwan', 'china', 'southeast-asia', 'northeast-asia', 'oceania'].flatMap((id) => [`regions/${id}/index.html`, `regions/${id}/feed.xml`]),
        // The lists of briefs it is in, and the archive feed.
        'index.html',
        'archive/index.html',
        'archive/2024/index.html',
        'feed.xml',
        // The page of each outlet it cites that lists the citation (by its brief's title).
        ...outletIndex(archive.briefs).flatMap((outlet) =>
          outletPages(outlet, archive.site.settings.pageSize)
            .filter((shown) => outlet.citations.slice(shown.start, shown.end).some((citation) => citation.brief === edited))
            .map((shown) => fileOf(shown.dir))
        )
      ].sort()
    )
    // The sitemap, the regions index and the other years show no title; the rest, nothing of it.
    expect(changed).not.toContain('sitemap.xml')
    // Pages that show nothing of it kept their memo entry: nothing was hashed for them. The sitemap and the regions index show its
    // date (a new object: hashed again, to the same key).
    const showing = [...changed, 'sitemap.xml', 'regions/index.html', 'sources/index.html']
    expect(kept.sort()).toEqual(planPages(archive, options).map((plan) => plan.path).filter((file) => !showing.includes(file)).sort())
  })

  it('change, for a brief one of whose sections was edited, on its own page, that section\'s region page and feed, and the archive feed', () => {
    const copy: BriefSkeleton = {...edited}
    revisions.set(copy, {brief: 1, sections: [1]})
    const {changed} = replan(relinkWith(copy))
    expect(changed).toEqual([page(edited), `briefs/${edited.slug}/email.html`, `briefs/${edited.slug}/email.txt`, 'feed.xml', 'regions/taiwan/feed.xml', 'regions/taiwan/index.html'].sort())
  })

  it('change, for a brief given a correction, on its page, its editions and citation files, the feeds showing it and the sitemap only', () => {
    const copy: BriefSkeleton = {...edited, meta: {...edited.meta, corrections: [{date: '2099-01-01', text: 'Fixed.'}]}}
    revisions.set(copy, {brief: 1, sections: []})
    const {changed} = replan(relinkWith(copy))
    expect(changed).toEqual(
      [
        page(edited),
        `briefs/${edited.slug}/email.html`,
        `briefs/${edited.slug}/email.txt`,
        ...['bib', 'csl.json', 'ris'].map((ext) => `briefs/${edited.slug}/${edited.slug}.${ext}`),
        'feed.xml',
        // Each region feed entry of its sections is updated on the correction's day.
        ...edited.sections.map((section) => `regions/${section.regionId}/feed.xml`),
        'sitemap.xml'
      ].sort()
    )
  })

  it('are kept without hashing anything when the archive is linked again from the same briefs', () => {
    const {changed, kept, second} = replan(relinkWith(edited))
    expect(changed).toEqual([])
    expect(kept.sort()).toEqual([...second.keys()].sort())
  })
})

describe('regionPages: older pages are fixed blocks counted from the oldest', () => {
  const shape = (total: number, size = 20) =>
    regionPages('taiwan', total, size).map((page) => [page.dir, page.start, page.end, page.newer ?? '-', page.older ?? '-'])

  it('keeps every section on the front page until there are two pages\' worth', () => {
    expect(shape(0)).toEqual([['regions/taiwan/', 0, 0, '-', '-']])
    expect(shape(20)).toEqual([['regions/taiwan/', 0, 20, '-', '-']])
    expect(shape(39)).toEqual([['regions/taiwan/', 0, 39, '-', '-']])
  })

  it('cuts older pages from the oldest section, the front page holding the newest 20 to 39', () => {
    expect(shape(41)).toEqual([
      ['regions/taiwan/', 0, 21, '-', 'regions/taiwan/sections-1-20.html'],
      ['regions/taiwan/sections-1-20.html', 21, 41, 'regions/taiwan/', '-']
    ])
    expect(shape(65)).toEqual([
      ['regions/taiwan/', 0, 25, '-', 'regions/taiwan/sections-21-40.html'],
      ['regions/taiwan/sections-21-40.html', 25, 45, 'regions/taiwan/', 'regions/taiwan/sections-1-20.html'],
      ['regions/taiwan/sections-1-20.html', 45, 65, 'regions/taiwan/sections-21-40.html', '-']
    ])
  })

  it('leaves an older page as it was when a section is added, until a new block is full', () => {
    const before = regionPages('taiwan', 65, 20).slice(1)
    const after = regionPages('taiwan', 66, 20).slice(1)
    // The same pages hold the same sections (counted from the oldest: each position moved by one, as the list grew at its top).
    expect(after.map((page) => [page.dir, page.start - 1, page.end - 1, page.newer, page.older])).toEqual(before.map((page) => [page.dir, page.start, page.end, page.newer, page.older]))
    // At 80 sections, sections 41-60 are a full block: they get a page of their own, and 21-40's newer link moves to it.
    expect(regionPages('taiwan', 80, 20).map((page) => page.dir)).toEqual([
      'regions/taiwan/',
      'regions/taiwan/sections-41-60.html',
      'regions/taiwan/sections-21-40.html',
      'regions/taiwan/sections-1-20.html'
    ])
  })
})
