// import/: the frontmatter block of the imported brief, written as YAML in
// the key order the archive's briefs use. Values are quoted by the yaml
// package only where YAML needs it, so the block reads like a hand-written one.
import {stringify} from 'yaml'
import type {ParsedPerson} from './people.js'

export interface ImportedMeta {
  readonly title: string
  readonly date?: string
  readonly cutoff?: string
  readonly series?: string
  readonly summary?: string
  /** Absent when the text has no Authors line (the check then says so too). */
  readonly authors?: readonly ParsedPerson[]
  readonly editors?: readonly ParsedPerson[]
  readonly tags?: readonly string[]
  readonly takeaways: readonly string[]
  readonly corrections?: readonly {readonly date: string; readonly text: string}[]
}

export function formatFrontmatter(meta: ImportedMeta): string {
  // Absent keys are left out, not written empty: `sitrep check` then names what is missing.
  const data: Record<string, unknown> = {title: meta.title}
  if (meta.date !== undefined) data.date = meta.date
  if (meta.cutoff !== undefined) data.cutoff = meta.cutoff
  if (meta.series !== undefined) data.series = meta.series
  if (meta.summary !== undefined) data.summary = meta.summary
  if (meta.authors !== undefined) data.authors = meta.authors.map(person)
  if (meta.editors !== undefined) data.editors = meta.editors.map(person)
  if (meta.tags !== undefined && meta.tags.length > 0) data.tags = [...meta.tags]
  if (meta.takeaways.length > 0) data.takeaways = [...meta.takeaways]
  if (meta.corrections !== undefined && meta.corrections.length > 0) data.corrections = meta.corrections.map((entry) => ({date: entry.date, text: entry.text}))
  // lineWidth 0: never fold a long takeaway across lines.
  return `---\n${stringify(data, {lineWidth: 0, version: '1.2'})}---\n`
}

function person(p: ParsedPerson): Record<string, string> {
  return p.org === undefined ? {name: p.name} : {name: p.name, org: p.org}
}
