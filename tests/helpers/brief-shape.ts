// Test helper: what "the same brief" means for the plain-text edition's
// round trip (brief → text → import → parse). Two briefs are the same when
// their shapes are equal. The shape keeps: the frontmatter as typed
// (title, date, cutoff, series, summary, authors, editors, tags), each
// takeaway's and correction's words and links (a correction with its date), each section's region, heading as written,
// topics and blocks (paragraphs and headings as runs of words, note numbers
// and links with their addresses; figures with address, alt text, caption
// and credit), every citation (number, use, section) and every note
// (number, uses, and each source's kind, text as written, address, label,
// locator and read-back address).
//
// It ignores, deliberately: positions and the file's path and slug (they
// come from where the file is written); how a takeaway's Markdown was
// spelled (its words and links are compared); emphasis, strong and code
// marks (plain text has no typefaces); and runs of white space and line
// breaks inside a paragraph (one line per paragraph in plain text).
import type {PhrasingContent, RootContent} from 'mdast'
import type {Brief} from '../../src/ast.js'

export type Run = string | {readonly cite: number} | {readonly link: string; readonly text: readonly Run[]}

export function shapeOf(brief: Brief): unknown {
  const {meta} = brief
  return {
    meta: {
      title: meta.title,
      date: meta.date,
      cutoff: meta.cutoff,
      series: meta.series,
      summary: meta.summary,
      authors: meta.authors,
      editors: meta.editors,
      tags: meta.tags
    },
    takeaways: brief.takeaways.map((takeaway) => runs(takeaway.content)),
    corrections: brief.corrections.map((correction) => [correction.date, runs(correction.content)]),
    sections: brief.sections.map((section) => ({
      regionId: section.regionId,
      heading: section.heading,
      topics: section.topics.map((topic) => [topic.title, topic.id]),
      blocks: section.children.map(blockShape)
    })),
    citations: brief.citations.map((c) => [c.number, c.use, c.section]),
    notes: brief.notes.map((note) => ({
      number: note.number,
      uses: note.uses,
      sources: note.sources.map((source) =>
        source.kind === 'url'
          ? {kind: source.kind, raw: source.raw, url: source.url, label: source.label, locator: source.locator}
          : source.kind === 'defanged'
            ? {kind: source.kind, raw: source.raw, refanged: source.refanged}
            : {kind: source.kind, raw: source.raw}
      )
    }))
  }
}

function blockShape(node: RootContent): unknown {
  switch (node.type) {
    case 'paragraph':
      return {p: runs(node.children)}
    case 'heading':
      return {h: node.depth, text: runs(node.children)}
    case 'figure':
      return {figure: {url: node.url, alt: node.alt, caption: node.caption, credit: node.credit === undefined ? undefined : runs(node.credit)}}
    default:
      return {other: node.type}
  }
}

/** Inline content as runs: words (white space collapsed, typefaces dropped), note numbers, links. */
export function runs(nodes: readonly PhrasingContent[]): Run[] {
  const out: Run[] = []
  const push = (run: Run) => {
    const last = out.at(-1)
    if (typeof run === 'string' && typeof last === 'string') out[out.length - 1] = last + run
    else out.push(run)
  }
  const walk = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'defangedSource') push(node.value)
      else if (node.type === 'break') push(' ')
      else if (node.type === 'citation') push({cite: node.number})
      else if (node.type === 'link') push({link: node.url, text: runs(node.children)})
      else if ('children' in node) walk(node.children)
    }
  }
  walk(nodes)
  // White space collapsed, and trimmed at the block's ends.
  const tidy = out.map((run) => (typeof run === 'string' ? run.replace(/\s+/g, ' ') : run))
  const first = tidy[0]
  if (typeof first === 'string') tidy[0] = first.trimStart()
  const last = tidy.at(-1)
  if (typeof last === 'string') tidy[tidy.length - 1] = last.trimEnd()
  return tidy.filter((run) => run !== '')
}
