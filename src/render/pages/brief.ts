// render/pages/: each brief's own page. Owns what it shows of its brief (all
// of it, its prose from the brief's fragments), of its newer and older
// neighbours in the series (a link each), and its description and JSON-LD.
import type {ElementContent} from 'hast'
import type {Site} from '../../ast.js'
import type {Archive, BriefSkeleton} from '../../link/archive.js'
import {briefPage} from '../../../templates/brief.js'
import {renderInline, type BodyContext} from '../body.js'
import type {FragmentReader} from '../fragments.js'
import {formatCutoff, truncate} from '../format.js'
import {absolute, fileOf, paths, relative} from '../paths.js'
import {leadImage, type LeadImage} from '../lead-image.js'
import {serializePage, type Html} from '../serialize.js'
import {listed, whole, type Job, type PageContext} from './job.js'
import {dateOf, fragment, regionOf} from './views.js'
import {sourcingProfile} from '../../link/outlets.js'
import {lastCorrected} from '../../parse/schema.js'
import {posix} from 'node:path'
import {bibtex, citeRecord, cslJson, formattedCitation, highwireTags, ris, type CiteRecord} from '../cite.js'

interface Neighbours {
  readonly newer?: BriefSkeleton
  readonly older?: BriefSkeleton
}

/** The citation files of each brief (render/cite.ts), with the media type a link announces. */
export const citeFiles: readonly {format: 'bib' | 'ris' | 'json'; label: string; type: string; write: (record: CiteRecord) => string}[] = [
  {format: 'bib', label: 'BibTeX', type: 'application/x-bibtex', write: bibtex},
  {format: 'ris', label: 'RIS', type: 'application/x-research-info-systems', write: ris},
  {format: 'json', label: 'CSL-JSON', type: 'application/vnd.citationstyles.csl+json', write: cslJson}
]

export function briefJobs(archive: Archive, context: PageContext): Job[] {
  const neighbours = seriesNeighbours(archive)
  return archive.briefs.flatMap((brief) => {
    const around = neighbours.get(brief) ?? {}
    const page: Job = {
      path: fileOf(paths.brief(brief.slug)),
      rank: context.rankOf(brief),
      shows: ['brief', whole(brief), around.newer && listed(around.newer), around.older && listed(around.older)],
      render: () => renderBrief(archive, brief, context.slugs, around, context.fragments(brief))
    }
    // A citation file shows its record alone (settings are in every key): it changes with the title, authors, dates or tags, not with the prose.
    const record = () => citeRecord(archive.site, brief)
    const files = citeFiles.map(
      (file): Job => ({
        path: paths.citation(brief.slug, file.format),
        rank: context.rankOf(brief),
        shows: ['cite', file.format, JSON.stringify(record())],
        render: () => file.write(record())
      })
    )
    return [page, ...files]
  })
}

/** Each brief's newer and older neighbour in its series (one pass, not one scan per brief). */
function seriesNeighbours(archive: Archive): Map<BriefSkeleton, Neighbours> {
  const bySeries = new Map<string, BriefSkeleton[]>()
  for (const brief of archive.briefs) {
    const key = brief.meta.series ?? ''
    const list = bySeries.get(key) ?? []
    list.push(brief)
    bySeries.set(key, list)
  }
  const out = new Map<BriefSkeleton, Neighbours>()
  for (const list of bySeries.values()) {
    list.forEach((brief, i) => {
      const newer = list[i - 1]
      const older = list[i + 1]
      out.set(brief, {...(newer ? {newer} : {}), ...(older ? {older} : {})})
    })
  }
  return out
}

function describe(brief: BriefSkeleton): string {
  return truncate(brief.takeaways[0]?.text ?? brief.meta.summary ?? brief.meta.title, 200)
}

/** A brief's sections grouped as regions.yml groups them (consecutive sections of one group share a heading). */
function groupSections(site: Site, brief: BriefSkeleton, fragments: FragmentReader) {
  const groups: {title?: string; id?: string; sections: ElementContent[]}[] = []
  brief.sections.forEach((section, index) => {
    const group = regionOf(site, section.regionId)?.group
    const last = groups[groups.length - 1]
    const html = fragment(fragments.section(index))
    if (group === undefined) groups.push({sections: [html]})
    else if (last?.title === group) last.sections.push(html)
    else groups.push({title: group, id: `group-${groups.length + 1}`, sections: [html]})
  })
  return groups
}

function renderBrief(archive: Archive, brief: BriefSkeleton, slugs: ReadonlySet<string>, around: Neighbours, fragments: FragmentReader): Html {
  const {site} = archive
  const dir = paths.brief(brief.slug)
  const context: BodyContext = {site, pageDir: dir, idPrefix: '', slugs}
  const link = (other: BriefSkeleton | undefined) => (other ? {title: other.meta.title, href: relative(dir, paths.brief(other.slug))} : undefined)
  const newer = link(around.newer)
  const older = link(around.older)
  const url = absolute(site.settings.baseUrl, dir)
  const image = leadImage(archive, brief)
  const record = citeRecord(site, brief)
  const tree = briefPage({
    meta: {
      site,
      dir,
      title: brief.meta.title,
      description: describe(brief),
      type: 'article',
      jsonLd: jsonLd(site, brief, url, image),
      citation: highwireTags(record),
      ...(image === undefined ? {} : {image})
    },
    title: brief.meta.title,
    ...(brief.meta.summary === undefined ? {} : {summary: brief.meta.summary}),
    date: dateOf(brief.meta.date),
    cutoff: {iso: brief.meta.cutoff, text: formatCutoff(brief.meta.cutoff, site.settings.zoneNames)},
    authors: brief.meta.authors,
    editors: brief.meta.editors,
    corrections: brief.corrections.map((entry) => ({date: dateOf(entry.date), content: renderInline(context, entry.content)})),
    takeaways: brief.takeaways.map((takeaway, index) => {
      const target = fragments.targets[index]
      return {content: renderInline(context, takeaway.content), ...(target === undefined ? {} : {href: `#${target}`})}
    }),
    groups: groupSections(site, brief, fragments),
    regions: brief.sections.map((section) => regionOf(site, section.regionId)?.name ?? section.heading),
    notes: fragment(fragments.notes()),
    tags: brief.meta.tags,
    sourcing: sourcingOfPage(brief, dir),
    cite: {
      text: formattedCitation(record),
      files: citeFiles.map((file) => ({label: file.label, type: file.type, href: relative(dir, paths.citation(brief.slug, file.format)), name: posix.basename(paths.citation(brief.slug, file.format))}))
    },
    editions: {email: relative(dir, paths.briefEmail(brief.slug)), text: relative(dir, paths.briefText(brief.slug))},
    ...(newer === undefined ? {} : {newer}),
    ...(older === undefined ? {} : {older})
  })
  return serializePage(tree)
}

function sourcingOfPage(brief: BriefSkeleton, dir: string) {
  const profile = sourcingProfile(brief)
  return {...profile, outlets: profile.outlets.map((outlet) => ({...outlet, href: relative(dir, paths.outlet(outlet.domain))}))}
}

/** schema.org's dateModified: the day of the latest correction, when there is one. */
function withModified(brief: BriefSkeleton): {dateModified?: string} {
  const modified = lastCorrected(brief.meta)
  return modified === undefined ? {} : {dateModified: modified}
}

function jsonLd(site: Site, brief: BriefSkeleton, url: string, image: LeadImage | undefined): Record<string, unknown> {
  const person = (p: {name: string; org: string}) => ({'@type': 'Person', name: p.name, affiliation: {'@type': 'Organization', name: p.org}})
  return {
    '@context': 'https://schema.org',
    '@type': 'Report',
    headline: brief.meta.title,
    url,
    mainEntityOfPage: url,
    datePublished: brief.meta.date,
    ...withModified(brief),
    inLanguage: site.settings.language,
    author: brief.meta.authors.map(person),
    ...(brief.meta.editors.length === 0 ? {} : {editor: brief.meta.editors.map(person)}),
    ...(site.settings.publisher === undefined ? {} : {publisher: {'@type': 'Organization', name: site.settings.publisher}}),
    about: brief.sections.map((section) => regionOf(site, section.regionId)?.name ?? section.heading),
    abstract: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
    ...(brief.meta.tags.length === 0 ? {} : {keywords: brief.meta.tags.join(', ')}),
    ...(image === undefined ? {} : {image: image.url})
  }
}
