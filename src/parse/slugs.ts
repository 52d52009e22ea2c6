// parse/: the names derived from text. A brief's slug (its URL path segment,
// from the file name or `slug:`) and the ids of its `###` topics (the
// `#fragment` of a permalink). Both are read by people and kept stable:
// changing how either is made breaks links readers already hold.
import path from 'node:path'
import {slug as slugSchema} from './schema.js'

/** The slug of a brief's file name: `2024-02-22 Taiwan.md` is `2024-02-22-taiwan`. */
export function slugFromFileName(file: string): string {
  return toSlug(path.basename(file, path.extname(file)))
}

/** The frontmatter's `slug:` when it is one, else the slug of the file name. */
export function intendedSlug(file: string, frontmatter: unknown): string {
  if (frontmatter !== null && typeof frontmatter === 'object' && 'slug' in frontmatter && slugSchema.safeParse(frontmatter.slug).success) {
    return String(frontmatter.slug)
  }
  return slugFromFileName(file)
}

/** Lowercase ASCII letters and digits joined by single hyphens, accents dropped. */
function toSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** A slug for an id, at most 60 characters. */
export function slugify(text: string): string {
  return toSlug(text).slice(0, 60).replace(/-$/, '')
}

/** The id of a topic titled `title`, unique among `taken` (which it joins): `-2`, `-3` ... after a repeat. */
export function topicId(title: string, taken: Set<string>): string {
  const base = slugify(title) || 'topic'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}
