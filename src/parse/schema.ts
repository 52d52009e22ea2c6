// Zod schemas for everything an analyst writes in YAML: brief frontmatter,
// content/site.yml and content/regions.yml. Types are inferred from these, so
// the schema is the one definition of the content format.
import {z} from 'zod'

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day written YYYY-MM-DD (kept as a string: never a Date, never shifted). */
export const calendarDate = z
  .string({error: 'must be a date written YYYY-MM-DD'})
  // abort: a value that is not written YYYY-MM-DD gets one message, not two.
  .regex(isoDay, {error: 'must be a date written YYYY-MM-DD, e.g. 2024-02-22', abort: true})
  .refine(isRealDay, {error: 'is not a real calendar day'})

/**
 * A date-time with the offset the analyst wrote, e.g. 2024-02-21T17:00-05:00.
 * Kept as written so pages show the zone the analyst meant, never UTC.
 */
export const zonedDateTime = z
  .string({error: 'must be a date-time with a time zone offset, e.g. 2024-02-21T17:00-05:00'})
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/, {
    error: 'must be a date-time with a time zone offset, e.g. 2024-02-21T17:00-05:00',
    abort: true
  })
  .refine((value) => isRealDay(value.slice(0, 10)), {error: 'is not a real calendar day'})

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const slugMessage = 'must be lowercase letters, digits and single hyphens, e.g. china-taiwan-2024-02-22'
export const slug = z.string({error: slugMessage}).regex(slugPattern, {error: slugMessage})

/** A whole number in a range, with messages an analyst can act on. */
const count = (min: number, max: number) =>
  z
    .number({error: 'must be a whole number'})
    .int({error: 'must be a whole number'})
    .min(min, {error: `must be at least ${min}`})
    .max(max, {error: `must be at most ${max}`})

const nonEmpty = (what: string) => z.string({error: `must be ${what}`}).trim().min(1, {error: `must not be empty`})

export const person = z.strictObject(
  {
    name: nonEmpty('a name'),
    org: nonEmpty('an organisation')
  },
  {error: 'must be a person written {name: ..., org: ...}'}
)

/**
 * A correction made after publication: the day it was made and what was
 * corrected (inline Markdown). parse/brief.ts checks the day comes after
 * the brief's own (`correction/not-after-publication`).
 */
export const correction = z.strictObject(
  {
    date: calendarDate,
    text: nonEmpty('what was corrected')
  },
  {error: 'must be a correction written {date: YYYY-MM-DD, text: ...}'}
)

export const frontmatterSchema = z.strictObject({
  title: nonEmpty('the brief title'),
  date: calendarDate,
  cutoff: zonedDateTime,
  authors: z.array(person, {error: 'must be a list of {name, org}'}).min(1, {error: 'must name at least one author'}),
  editors: z.array(person, {error: 'must be a list of {name, org}'}).default([]),
  takeaways: z
    .array(nonEmpty('a takeaway'), {error: 'must be a list of 1 to 10 takeaways'})
    .min(1, {error: 'must hold at least one takeaway'})
    .max(10, {error: 'must hold at most 10 takeaways'}),
  summary: nonEmpty('the series blurb').optional(),
  series: slug.optional(),
  tags: z.array(slug, {error: 'must be a list of tags, e.g. [taiwan, coast-guard]'}).default([]),
  slug: slug.optional(),
  corrections: z.array(correction, {error: 'must be a list of {date, text}'}).default([])
}, {error: 'must be a map of keys and values (title: ..., date: ..., ...)'})

export type Frontmatter = z.infer<typeof frontmatterSchema>
export type Person = z.infer<typeof person>

/** The day of the brief's latest correction, or undefined when it has none: when its page last changed in substance. */
export function lastCorrected(meta: Pick<Frontmatter, 'corrections'>): string | undefined {
  let latest: string | undefined
  for (const entry of meta.corrections) if (latest === undefined || entry.date > latest) latest = entry.date
  return latest
}
export const frontmatterKeys = Object.keys(frontmatterSchema.shape)

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const httpUrl = z
  .string()
  .refine(isHttpUrl, {error: 'must be an absolute http(s) URL, e.g. https://briefs.example.org/'})
  // One canonical form: always ends with "/", so joining paths is simple.
  .transform((value) => (value.endsWith('/') ? value : `${value}/`))

export const siteSchema = z.strictObject({
  title: nonEmpty('the site title'),
  description: nonEmpty('a one-sentence description').default('Weekly intelligence briefs.'),
  baseUrl: httpUrl,
  language: z
    .string({error: 'must be a language tag, e.g. en or en-GB'})
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, {error: 'must be a language tag, e.g. en or en-GB'}),
  publisher: nonEmpty('the publishing organisation').optional(),
  /** Sections per region page, and citations per outlet page, before paginating: 20 keeps pages short on phones. */
  pageSize: count(1, 500).default(20),
  /** Entries per Atom feed: 20 is what feed readers poll comfortably. */
  feedSize: count(1, 500).default(20),
  /** Largest brief read, in bytes: 2 MiB is ~70 times a long brief, and bounds memory. */
  maxBriefBytes: count(1024, Number.MAX_SAFE_INTEGER).default(2 * 1024 * 1024),
  /** Most notes in one brief: 1,000 is twenty times a long brief's, and bounds the page a reader must load. */
  maxNotes: count(1, 100_000).default(1000),
  /** Most sources in one note: 50 is ten times the most a real note lists. */
  maxSourcesPerNote: count(1, 10_000).default(50),
  /** How figures' images are processed (build/images.ts documents each default and why). */
  images: z
    .strictObject(
      {
        /**
         * Most pixels an image may declare: 40 megapixels is above any figure
         * (an 8000 × 5000 scan) yet bounds a decode to ~160 MB; a small file
         * declaring more (a decompression bomb) is refused before decoding.
         */
        maxPixels: count(1, 1_000_000_000).default(40_000_000),
        /** Widths offered to browsers: a phone, a tablet, a wide screen at 2x of the text column. */
        widths: z
          .array(count(16, 8192), {error: 'must be a list of widths in pixels, e.g. [480, 960, 1600]'})
          .min(1, {error: 'must list at least one width'})
          .max(8, {error: 'must list at most 8 widths (each is a file per format)'})
          .default([480, 960, 1600])
      },
      {error: 'must be a map of image settings (maxPixels: ..., widths: [...])'}
    )
    .prefault({}),
  /** What `sitrep links` uses (cli/links.ts). */
  links: z
    .strictObject(
      {
        /**
         * A Web archive's availability API (the Wayback Machine's JSON shape),
         * asked for an archived copy of each dead source; `false` asks none.
         * Default: the Wayback Machine's own, the largest public archive.
         */
        archiveApi: z
          .union([
            z.literal(false),
            z.string().refine(isHttpUrl, {error: 'must be an absolute http(s) URL, e.g. https://archive.org/wayback/available, or false'})
          ], {error: 'must be an absolute http(s) URL, e.g. https://archive.org/wayback/available, or false'})
          .default('https://archive.org/wayback/available')
      },
      {error: 'must be a map of link-checking settings (archiveApi: ...)'}
    )
    .prefault({}),
  /** Names shown for UTC offsets in cutoffs, e.g. {"-05:00": "ET"}; default: the offset itself. */
  zoneNames: z.record(z.string().regex(/^(Z|[+-]\d{2}:\d{2})$/, {error: 'must be an offset like -05:00'}), z.string()).default({})
}, {error: 'must be a map of settings (title: ..., baseUrl: ..., language: ...)'})

export type SiteSettings = z.infer<typeof siteSchema>

/** The limits validate/ enforces on one brief's content. */
export type Limits = Pick<SiteSettings, 'maxNotes' | 'maxSourcesPerNote'>
export const defaultLimits: Limits = Object.freeze({maxNotes: 1000, maxSourcesPerNote: 50})

export const regionSchema = z.strictObject(
  {
    id: slug,
    name: nonEmpty('the region name'),
    aliases: z.array(nonEmpty('an alias'), {error: 'must be a list of names, e.g. [PRC, Mainland China]'}).default([]),
    group: nonEmpty('the group name').optional()
  },
  {error: 'must be a region written {id: ..., name: ...}'}
)

export const regionsSchema = z.array(regionSchema, {error: 'must be a list of regions ({id, name, aliases, group})'}).min(1, {
  error: 'must list at least one region'
})

export type Region = z.infer<typeof regionSchema>

function isRealDay(value: string): boolean {
  const match = isoDay.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
