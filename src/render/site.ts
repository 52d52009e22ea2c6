// render/: the linked archive → every file of the built site, in memory.
// Owns which pages exist and what data each template receives; templates own
// the markup. Each brief's prose is rendered here once per page that shows it.
import type {Element, ElementContent, Root} from 'hast'
import {unified} from 'unified'
import rehypeStringify from 'rehype-stringify'
import {toString} from 'mdast-util-to-string'
import type {Brief, Site} from '../ast.js'
import type {Archive} from '../link/archive.js'
import {briefPage} from '../../templates/brief.js'
import {homePage} from '../../templates/home.js'
import {archivePage, yearPage} from '../../templates/archive.js'
import {regionPage, regionsPage, type RegionSummary} from '../../templates/region.js'
import {notFoundPage} from '../../templates/not-found.js'
import {searchPage} from '../../templates/search.js'
import type {BriefLink} from '../../templates/lists.js'
import {h} from 'hastscript'
import {ids, renderInline, renderNotes, renderSection, takeawayTargets, type BodyContext} from './body.js'
import {atom, sitemap, type FeedEntry} from './feeds.js'
import {formatCutoff, formatDate, yearOf} from './format.js'
import {absolute, fileOf, paths, relative} from './paths.js'

export interface OutputFile {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  readonly contents: string | Uint8Array
}

// A frozen processor holds no per-document state.
const html = unified().use(rehypeStringify, {characterReferences: {useNamedReferences: false}}).freeze()

export function stringify(tree: Root): string {
  return html.stringify(tree) + '\n'
}

export function renderSite(archive: Archive): OutputFile[] {
  const files: OutputFile[] = []
  const slugs = new Set(archive.bySlug.keys())
  const {site} = archive
  for (const brief of archive.briefs) files.push(renderBrief(archive, brief, slugs))
  files.push(...renderRegions(archive, slugs))
  files.push(renderHome(archive, slugs))
  files.push(...renderArchive(archive))
  files.push(...renderFeeds(archive, slugs))
  files.push({path: paths.sitemap, contents: sitemap(sitemapUrls(archive))})
  files.push({path: 'robots.txt', contents: `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site.settings.baseUrl, paths.sitemap)}\n`})
  files.push(renderNotFound(site))
  files.push({path: fileOf(paths.search), contents: stringify(searchPage(site))})
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

const dateOf = (day: string) => ({iso: day, text: formatDate(day)})

function describe(brief: Brief): string {
  const text = brief.takeaways[0]?.text ?? brief.meta.summary ?? brief.meta.title
  return text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text
}

function regionOf(site: Site, id: string) {
  return site.regions.find((region) => region.id === id)
}

/** A brief's sections grouped as regions.yml groups them (consecutive sections of one group share a heading). */
function groupSections(site: Site, brief: Brief, render: (index: number, level: 2 | 3) => Element) {
  const groups: {title?: string; id?: string; sections: Element[]}[] = []
  brief.sections.forEach((section, index) => {
    const group = regionOf(site, section.regionId)?.group
    const last = groups[groups.length - 1]
    if (group === undefined) groups.push({sections: [render(index, 2)]})
    else if (last?.title === group) last.sections.push(render(index, 3))
    else groups.push({title: group, id: `group-${groups.length + 1}`, sections: [render(index, 3)]})
  })
  return groups
}

function renderBrief(archive: Archive, brief: Brief, slugs: ReadonlySet<string>): OutputFile {
  const {site} = archive
  const dir = paths.brief(brief.slug)
  const context: BodyContext = {site, pageDir: dir, idPrefix: '', slugs}
  const targets = takeawayTargets(brief)
  const targetOf = new Map([...targets].map(([, index]) => [index, `#${ids.takeaway('', index)}`]))
  const series = archive.briefs.filter((other) => other.meta.series === brief.meta.series)
  const position = series.indexOf(brief)
  const link = (other: Brief | undefined) => (other ? {title: other.meta.title, href: relative(dir, paths.brief(other.slug))} : undefined)
  const newer = link(series[position - 1])
  const older = link(series[position + 1])
  const url = absolute(site.settings.baseUrl, dir)
  const tree = briefPage({
    meta: {
      site,
      dir,
      title: brief.meta.title,
      description: describe(brief),
      type: 'article',
      jsonLd: jsonLd(site, brief, url)
    },
    title: brief.meta.title,
    ...(brief.meta.summary === undefined ? {} : {summary: brief.meta.summary}),
    date: dateOf(brief.meta.date),
    cutoff: {iso: brief.meta.cutoff, text: formatCutoff(brief.meta.cutoff, site.settings.zoneNames)},
    authors: brief.meta.authors,
    editors: brief.meta.editors,
    takeaways: brief.takeaways.map((takeaway, index) => {
      const href = targetOf.get(index)
      return {content: renderInline(context, takeaway.content), ...(href === undefined ? {} : {href})}
    }),
    groups: groupSections(site, brief, (index, level) => {
      const section = brief.sections[index]
      if (!section) throw new RangeError(`no section ${index}`)
      return renderSection(context, section, {level, targets, title: regionOf(site, section.regionId)?.name ?? section.heading})
    }),
    notes: renderNotes(context, brief.notes),
    tags: brief.meta.tags,
    ...(newer === undefined ? {} : {newer}),
    ...(older === undefined ? {} : {older})
  })
  return {path: fileOf(dir), contents: stringify(tree)}
}

function jsonLd(site: Site, brief: Brief, url: string): Record<string, unknown> {
  const person = (p: {name: string; org: string}) => ({'@type': 'Person', name: p.name, affiliation: {'@type': 'Organization', name: p.org}})
  return {
    '@context': 'https://schema.org',
    '@type': 'Report',
    headline: brief.meta.title,
    url,
    mainEntityOfPage: url,
    datePublished: brief.meta.date,
    inLanguage: site.settings.language,
    author: brief.meta.authors.map(person),
    ...(brief.meta.editors.length === 0 ? {} : {editor: brief.meta.editors.map(person)}),
    ...(site.settings.publisher === undefined ? {} : {publisher: {'@type': 'Organization', name: site.settings.publisher}}),
    about: brief.sections.map((section) => regionOf(site, section.regionId)?.name ?? section.heading),
    abstract: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
    ...(brief.meta.tags.length === 0 ? {} : {keywords: brief.meta.tags.join(', ')})
  }
}

/** Notes cited in one section, with the uses that occur in it. */
function sectionNotes(brief: Brief, index: number): {numbers: number[]; uses: Map<number, number[]>} {
  const uses = new Map<number, number[]>()
  for (const citation of brief.citations) {
    if (citation.section !== index) continue
    const list = uses.get(citation.number) ?? []
    list.push(citation.use)
    uses.set(citation.number, list)
  }
  return {numbers: [...uses.keys()].sort((a, b) => a - b), uses}
}

/** A section as shown on a page other than its brief's: headed by the brief, carrying its own notes. */
function foreignSection(archive: Archive, brief: Brief, index: number, dir: string, slugs: ReadonlySet<string>): Element {
  const section = brief.sections[index]
  if (!section) throw new RangeError(`no section ${index}`)
  const context: BodyContext = {site: archive.site, pageDir: dir, idPrefix: `${brief.slug}--`, slugs}
  const briefHref = relative(dir, paths.brief(brief.slug))
  const {numbers, uses} = sectionNotes(brief, index)
  const notes = brief.notes.filter((note) => numbers.includes(note.number))
  const after: ElementContent[] =
    notes.length === 0
      ? []
      : [
          h('details', {className: ['section-notes']}, [
            h('summary', `Notes (${notes.length})`),
            renderNotes(context, notes, {uses}),
            h('p', [h('a', {href: `${briefHref}#notes-heading`}, 'All notes of this brief')])
          ])
        ]
  return renderSection(context, section, {
    level: 2,
    targets: new Map(),
    title: brief.meta.title,
    lead: [h('p', {className: ['entry-meta']}, [h('time', {dateTime: brief.meta.date}, formatDate(brief.meta.date)), ' · ', h('a', {href: `${briefHref}#${ids.region('', section.regionId)}`}, 'Read in the full brief')])],
    after
  })
}

function renderRegions(archive: Archive, slugs: ReadonlySet<string>): OutputFile[] {
  const {site} = archive
  const files: OutputFile[] = []
  const size = site.settings.pageSize
  for (const region of site.regions) {
    const entries = archive.regions.get(region.id) ?? []
    const pages = Math.max(1, Math.ceil(entries.length / size))
    for (let page = 1; page <= pages; page++) {
      const dir = paths.region(region.id, page)
      const slice = entries.slice((page - 1) * size, page * size)
      const tree = regionPage({
        meta: {
          site,
          dir,
          title: page === 1 ? region.name : `${region.name} (page ${page})`,
          description: `Every section on ${region.name} from ${site.settings.title}, newest first.`,
          feeds: [{title: `${site.settings.title}: ${region.name}`, path: paths.regionFeed(region.id)}]
        },
        name: region.name,
        ...(region.group === undefined ? {} : {group: region.group}),
        aliases: region.aliases,
        entries: slice.map((entry) => foreignSection(archive, entry.brief, entry.section, dir, slugs)),
        total: entries.length,
        pager: {
          page,
          pages,
          ...(page > 1 ? {previous: relative(dir, paths.region(region.id, page - 1))} : {}),
          ...(page < pages ? {next: relative(dir, paths.region(region.id, page + 1))} : {})
        },
        feedHref: relative(dir, paths.regionFeed(region.id))
      })
      files.push({path: fileOf(dir), contents: stringify(tree)})
    }
  }

  const groups: {title: string; regions: RegionSummary[]}[] = []
  for (const region of site.regions) {
    const title = region.group ?? 'Other regions'
    let group = groups.find((g) => g.title === title)
    if (!group) {
      group = {title, regions: []}
      groups.push(group)
    }
    const entries = archive.regions.get(region.id) ?? []
    const latest = entries[0]?.brief.meta.date
    group.regions.push({
      name: region.name,
      href: relative(paths.regions, paths.region(region.id)),
      count: entries.length,
      ...(latest === undefined ? {} : {latest: dateOf(latest)})
    })
  }
  // Ungrouped regions come last, after the named groups.
  groups.sort((a, b) => Number(a.title === 'Other regions') - Number(b.title === 'Other regions'))
  const tree = regionsPage({
    meta: {site, dir: paths.regions, title: 'Regions', description: `The regions ${site.settings.title} covers, with their latest sections.`},
    groups
  })
  files.push({path: fileOf(paths.regions), contents: stringify(tree)})
  return files
}

function briefLink(brief: Brief, from: string): BriefLink {
  return {title: brief.meta.title, href: relative(from, paths.brief(brief.slug)), date: dateOf(brief.meta.date)}
}

function renderHome(archive: Archive, slugs: ReadonlySet<string>): OutputFile {
  const {site} = archive
  const latest = archive.briefs[0]
  let latestView
  if (latest) {
    const context: BodyContext = {site, pageDir: paths.home, idPrefix: '', slugs}
    const targets = takeawayTargets(latest)
    const targetOf = new Map([...targets].map(([, index]) => [index, ids.takeaway('', index)]))
    const href = relative(paths.home, paths.brief(latest.slug))
    latestView = {
      ...briefLink(latest, paths.home),
      takeaways: latest.takeaways.map((takeaway, index) => {
        const id = targetOf.get(index)
        return {content: renderInline(context, takeaway.content), ...(id === undefined ? {} : {href: `${href}#${id}`})}
      })
    }
  }
  const tree = homePage({
    meta: {site, dir: paths.home, title: site.settings.title, description: site.settings.description},
    title: site.settings.title,
    description: site.settings.description,
    ...(latestView === undefined ? {} : {latest: latestView}),
    recent: archive.briefs.slice(0, 10).map((brief) => briefLink(brief, paths.home)),
    archiveHref: relative(paths.home, paths.archive)
  })
  return {path: fileOf(paths.home), contents: stringify(tree)}
}

function renderArchive(archive: Archive): OutputFile[] {
  const {site} = archive
  const years = new Map<string, Brief[]>()
  for (const brief of archive.briefs) {
    const year = yearOf(brief.meta.date)
    const list = years.get(year) ?? []
    list.push(brief)
    years.set(year, list)
  }
  const files: OutputFile[] = []
  const index = archivePage({
    meta: {site, dir: paths.archive, title: 'Archive', description: `Every brief of ${site.settings.title}, by year.`},
    years: [...years].map(([year, briefs]) => ({
      year,
      href: relative(paths.archive, paths.year(year)),
      briefs: briefs.map((brief) => briefLink(brief, paths.archive))
    }))
  })
  files.push({path: fileOf(paths.archive), contents: stringify(index)})
  for (const [year, briefs] of years) {
    const dir = paths.year(year)
    const tree = yearPage({
      meta: {site, dir, title: `Briefs of ${year}`, description: `The briefs ${site.settings.title} published in ${year}.`},
      year,
      briefs: briefs.map((brief) => briefLink(brief, dir)),
      archiveHref: relative(dir, paths.archive)
    })
    files.push({path: fileOf(dir), contents: stringify(tree)})
  }
  return files
}

function renderFeeds(archive: Archive, slugs: ReadonlySet<string>): OutputFile[] {
  const {site} = archive
  const base = site.settings.baseUrl
  const author = site.settings.publisher ?? site.settings.title
  const fragment = (nodes: ElementContent[]) => stringify({type: 'root', children: nodes}).trimEnd()
  const briefEntries: FeedEntry[] = archive.briefs.slice(0, site.settings.feedSize).map((brief) => {
    const url = absolute(base, paths.brief(brief.slug))
    const context: BodyContext = {site, pageDir: paths.brief(brief.slug), idPrefix: '', slugs}
    return {
      title: brief.meta.title,
      url,
      date: brief.meta.date,
      authors: brief.meta.authors,
      summary: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
      html: fragment([h('ul', brief.takeaways.map((takeaway) => h('li', renderInline(context, takeaway.content))))]),
      base: url
    }
  })
  const files: OutputFile[] = [
    {
      path: paths.feed,
      contents: atom({
        title: site.settings.title,
        subtitle: site.settings.description,
        self: absolute(base, paths.feed),
        alternate: base,
        language: site.settings.language,
        author,
        entries: briefEntries
      })
    }
  ]
  for (const region of site.regions) {
    const entries = (archive.regions.get(region.id) ?? []).slice(0, site.settings.feedSize).map((entry): FeedEntry => {
      const section = entry.brief.sections[entry.section]
      const dir = paths.brief(entry.brief.slug)
      const url = `${absolute(base, dir)}#${ids.region('', section?.regionId ?? region.id)}`
      const context: BodyContext = {site, pageDir: dir, idPrefix: '', slugs}
      const body = section ? renderSection(context, section, {level: 2, targets: new Map(), title: region.name}) : undefined
      return {
        title: `${entry.brief.meta.title}: ${region.name}`,
        url,
        date: entry.brief.meta.date,
        authors: entry.brief.meta.authors,
        summary: section ? plainSummary(section.children) : '',
        ...(body === undefined ? {} : {html: fragment(body.children)}),
        base: absolute(base, dir)
      }
    })
    files.push({
      path: paths.regionFeed(region.id),
      contents: atom({
        title: `${site.settings.title}: ${region.name}`,
        subtitle: `Every section on ${region.name}, newest first.`,
        self: absolute(base, paths.regionFeed(region.id)),
        alternate: absolute(base, paths.region(region.id)),
        language: site.settings.language,
        author,
        entries
      })
    })
  }
  return files
}

function plainSummary(children: Brief['sections'][number]['children']): string {
  const first = children.find((child) => child.type === 'paragraph')
  const text = first ? toString(first).replace(/\s+/g, ' ').trim() : ''
  return text.length > 300 ? `${text.slice(0, 297).replace(/\s+\S*$/, '')}…` : text
}

function sitemapUrls(archive: Archive): {loc: string; lastmod?: string}[] {
  const {site} = archive
  const base = site.settings.baseUrl
  const urls: {loc: string; lastmod?: string}[] = [{loc: absolute(base, paths.home)}]
  for (const brief of archive.briefs) urls.push({loc: absolute(base, paths.brief(brief.slug)), lastmod: brief.meta.date})
  urls.push({loc: absolute(base, paths.regions)})
  for (const region of site.regions) {
    const count = (archive.regions.get(region.id) ?? []).length
    const pages = Math.max(1, Math.ceil(count / site.settings.pageSize))
    for (let page = 1; page <= pages; page++) urls.push({loc: absolute(base, paths.region(region.id, page))})
  }
  urls.push({loc: absolute(base, paths.archive)})
  const years = [...new Set(archive.briefs.map((brief) => yearOf(brief.meta.date)))]
  for (const year of years) urls.push({loc: absolute(base, paths.year(year))})
  return urls
}

function renderNotFound(site: Site): OutputFile {
  const root = new URL(site.settings.baseUrl).pathname
  const tree = notFoundPage(
    {site, dir: paths.notFound, title: 'Page not found', description: 'There is no page at this address.', rootRelative: true, noindex: true},
    {home: root, archive: `${root}${paths.archive}`}
  )
  return {path: paths.notFound, contents: stringify(tree)}
}
