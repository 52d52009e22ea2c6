// new/: the next weekly brief of a series, scaffolded from the archive. Pure:
// it reads the parsed briefs (newest first) and returns where the new file
// goes inside the content folder and its Markdown; cli/new.ts writes it.
import path from 'node:path'
import {stringify} from 'yaml'
import {humanise} from '../import/naming.js'
import type {Archive, BriefSkeleton} from '../link/archive.js'
import {slugFromFileName} from '../parse/slugs.js'
import type {Frontmatter} from '../parse/schema.js'
import {formatDate, yearOf} from '../render/format.js'

export interface ScaffoldOptions {
  /** Series id; default: the series of the newest brief. */
  readonly series?: string
  /** Publication day, YYYY-MM-DD (already validated); default: a week after the previous brief. */
  readonly date?: string
}

export type ScaffoldResult =
  | {
      readonly ok: true
      /** Path inside the content folder, `/`-separated, e.g. briefs/2024/china-taiwan-weekly-update-2024-02-29.md. */
      readonly path: string
      readonly markdown: string
      readonly slug: string
      /** The brief the scaffold follows. */
      readonly previous: BriefSkeleton
    }
  | {readonly ok: false; readonly problem: string}

/**
 * A takeaway the analyst must replace. The schema needs at least one entry,
 * so the scaffold checks clean; its wording makes it impossible to miss.
 */
export const placeholderTakeaway = "REPLACE THIS with the week's first key takeaway, in one sentence (one entry per takeaway, at most 10)."

export function scaffoldBrief(archive: Pick<Archive, 'site' | 'briefs' | 'bySlug'>, options: ScaffoldOptions = {}): ScaffoldResult {
  const {site} = archive
  const latest = archive.briefs[0]
  if (!latest) return {ok: false, problem: 'The archive has no briefs to follow yet: write the first one by hand, or with `sitrep import`.'}
  const series = options.series ?? latest.meta.series
  const ofSeries = archive.briefs.filter((brief) => brief.meta.series === series)
  const previous = ofSeries[0]
  if (!previous) {
    const known = [...new Set(archive.briefs.flatMap((brief) => (brief.meta.series === undefined ? [] : [brief.meta.series])))].sort()
    return {
      ok: false,
      problem: `No brief of the series "${series ?? ''}" to follow. ${known.length === 0 ? 'No brief names a series.' : `Series in the archive: ${known.join(', ')}.`}`
    }
  }

  const date = options.date ?? addDays(previous.meta.date, 7)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return {ok: false, problem: `A week after ${previous.meta.date} is past the year 9999; give --date.`}
  const file = fileName(previous, series, date)
  const slug = slugFromFileName(file)
  const taken = archive.bySlug.get(slug)
  if (taken) return {ok: false, problem: `A brief with the slug "${slug}" already exists: ${taken.file}.`}

  const meta = frontmatter(previous, series, date, site.settings.title)
  const sections = regionsUsed(ofSeries, site.regions).map(section)
  const markdown = `---\n${stringify(meta, {lineWidth: 0})}---\n\n${[...sections, notesComment].join('\n\n')}\n`
  return {ok: true, path: `briefs/${yearOf(date)}/${file}`, markdown, slug, previous}
}

/** The key order of the archive's own briefs, so a scaffold reads like its neighbours. */
function frontmatter(previous: BriefSkeleton, series: string | undefined, date: string, siteTitle: string): Partial<Frontmatter> {
  const {meta} = previous
  return {
    title: nextTitle(meta.title, meta.date, date, series === undefined ? siteTitle : humanise(series)),
    date,
    // The cutoff keeps the previous one's time and offset: a series closes at
    // the same hour each week. The offset is kept as written (a change of
    // daylight saving time is the analyst's to make).
    cutoff: `${addDays(date, -1)}${meta.cutoff.slice(10)}`,
    ...(series === undefined ? {} : {series}),
    ...(meta.summary === undefined ? {} : {summary: meta.summary}),
    authors: meta.authors.map(({name, org}) => ({name, org})),
    ...(meta.editors.length === 0 ? {} : {editors: meta.editors.map(({name, org}) => ({name, org}))}),
    tags: [],
    takeaways: [placeholderTakeaway]
  }
}

/** "…, February 22, 2024" → "…, February 29, 2024"; a title without its date gets "<Series> update, <date>". */
export function nextTitle(title: string, previousDate: string, date: string, seriesName: string): string {
  const written = formatDate(previousDate)
  if (title.includes(written)) return title.replace(written, formatDate(date))
  if (title.includes(previousDate)) return title.replace(previousDate, date)
  return `${seriesName} update, ${formatDate(date)}`
}

/** The previous file's name with its date replaced (the archive's naming), else <series>-<date>. */
function fileName(previous: BriefSkeleton, series: string | undefined, date: string): string {
  const base = path.posix.basename(previous.file, '.md')
  const suffix = `-${previous.meta.date}`
  const stem = base.endsWith(suffix) && base.length > suffix.length ? base.slice(0, -suffix.length) : (series ?? 'brief')
  return `${stem}-${date}.md`
}

/** Every region any brief of the series has a section on, in regions.yml's order. */
function regionsUsed(briefs: readonly BriefSkeleton[], regions: Archive['site']['regions']) {
  const used = new Set(briefs.flatMap((brief) => brief.sections.map((section) => section.regionId)))
  return regions.filter((region) => used.has(region.id))
}

function section(region: {readonly name: string}): string {
  // Inside an HTML comment "--" could end it early; a region name never needs it.
  const name = region.name.replace(/\s+/g, ' ').replace(/-{2,}/g, '–')
  return [
    `## ${escapeHeading(region.name)}`,
    `<!-- ${name}: this week's developments. Open with the key takeaway they support, give each story a ### heading, and cite every fact as [^n]. Delete the section if there is nothing to report. -->`
  ].join('\n\n')
}

const notesComment =
  '<!-- Notes: one definition per cited number, in citing order, e.g. "[^1]: https://example.org/report", one source per line (write a defanged address as it was received). -->'

/** Markdown punctuation in a region name would change what the heading's text is, and so which region it names. */
function escapeHeading(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>&#~]/g, '\\$&')
}

/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so no zone shifts the day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number)
  const next = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + days))
  return next.toISOString().slice(0, 10)
}
