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
  const base = topicSlug(title) || 'topic'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}

/** Longest topic slug, in characters (a letter with its marks is one). */
const maxTopicSlug = 60

/** One character with the combining marks that follow it. */
const cluster = /\P{M}\p{M}*|\p{M}+/gu
/** A letter or digit outside ASCII. */
const foreignWord = /(?!\p{ASCII})[\p{L}\p{N}]/u
/** Runs of what a topic slug keeps: ASCII letters and digits, other letters and digits with their marks. */
const topicWords = /(?:[a-z0-9]|(?!\p{ASCII})[\p{L}\p{N}]\p{M}*)+/gu

/**
 * slugify for topic ids, keeping the letters of every script: `### 臺灣海峽
 * 巡邏` is `臺灣海峽-巡邏`, where slugify kept nothing. Ids are permalinks, so
 * a heading slugify spelt without dropping a letter keeps its id exactly:
 * a character whose compatibility form is ASCII letters and digits (`é`,
 * `ﬁ`, `²`, `Ａ`) is still folded to them, and only letters and digits
 * slugify dropped are kept now, in NFKC then NFC (one id however the heading
 * was typed: `ｶﾀｶﾅ` is `カタカナ`, a decomposed `が` the composed one).
 * Not github-slugger: it keeps runs of hyphens (`a - b` is `a---b`), keeps
 * accents and has no length limit, so it would change today's ids.
 */
export function topicSlug(text: string): string {
  // Almost every heading is ASCII, and for ASCII the rules below are
  // slugify's; the per-character normalising they need took ~6% of a cold
  // check. tests/parse/slugs.test.ts proves the two agree on ASCII.
  return asciiOnly.test(text) ? slugify(text) : topicSlugOfAnyScript(text)
}

const asciiOnly = /^\p{ASCII}*$/u

/** topicSlug for text beyond ASCII (exported to test the ASCII shortcut against it). */
export function topicSlugOfAnyScript(text: string): string {
  let folded = ''
  for (const [character] of text.normalize('NFC').matchAll(cluster)) {
    const ascii = character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    folded += foreignWord.test(ascii) ? character.normalize('NFKC') : ascii
  }
  const words = Array.from(folded.toLowerCase().matchAll(topicWords), ([word]) => word)
  const slug = Array.from(words.join('-').matchAll(cluster), ([character]) => character)
  return slug.slice(0, maxTopicSlug).join('').replace(/-$/, '').normalize('NFC')
}
