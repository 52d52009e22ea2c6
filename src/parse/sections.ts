// parse/: the body's structure. Each `##` heading opens a region section
// (its heading resolved to a region id through the site's vocabulary), each
// `###` heading inside one is a topic with an id; content before the first
// section, and `#` headings, are reported. Whether the regions are known is
// validate/'s rule (with suggestRegion's hint).
import type {Heading, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {RegionSection, Topic} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {closest} from '../diagnostics/suggest.js'
import {placeOf} from './location.js'
import type {Region} from './schema.js'
import {topicId} from './slugs.js'
import {normaliseText} from './text.js'

/** The region sections of a parsed body, in order; what lies outside them is reported and left out. */
export function readSections(file: string, tree: Root, regions: readonly Region[], diagnostics: Diagnostic[]): RegionSection[] {
  const sections: RegionSection[] = []
  const regionLookup = lookupTable(regions)
  let current: RegionSection | undefined
  const topicIds = new Set<string>()

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      const heading = normaliseText(toString(node))
      current = {
        type: 'regionSection',
        regionId: regionLookup.get(heading.toLowerCase()) ?? '',
        heading,
        headingPosition: placeOf(node),
        topics: [],
        children: [],
        position: placeOf(node)
      }
      topicIds.clear()
      sections.push(current)
      continue
    }
    if (node.type === 'heading' && node.depth === 1) {
      diagnostics.push(diagnostic(file, 'heading/level', placeOf(node), {depth: 1}))
      if (!current) continue
    }
    if (!current) {
      // HTML comments are notes to self; validate/ does not report them either.
      if (!(node.type === 'html' && isComment(node.value)) && node.type !== 'definition') {
        diagnostics.push(diagnostic(file, 'region/outside-section', placeOf(node), {kind: kindName(node)}))
      }
      continue
    }
    if (node.type === 'heading' && node.depth === 3) current.topics.push(readTopic(node, topicIds))
    current.children.push(node)
    if (node.position && current.position.end.offset !== undefined) current.position = {start: current.position.start, end: node.position.end}
  }
  return sections
}

/** Topic ids are unique within their section (`taken` holds the section's ids so far). */
function readTopic(node: Heading, taken: Set<string>): Topic {
  const title = normaliseText(toString(node))
  return {title, id: topicId(title, taken), position: placeOf(node)}
}

/** Every name and alias of a region, normalised and lowercased, to its id. */
function lookupTable(regions: readonly Region[]): Map<string, string> {
  const table = new Map<string, string>()
  for (const region of regions) {
    for (const name of [region.name, ...region.aliases]) table.set(normaliseText(name).toLowerCase(), region.id)
  }
  return table
}

/** Nearest region name for a heading that names none (for validate/'s hint). */
export function suggestRegion(heading: string, regions: readonly Region[]): string | undefined {
  return closest(heading, regions.flatMap((region) => [region.name, ...region.aliases]))
}

export function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html)
}

function kindName(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `level-${node.depth} heading`
    case 'paragraph':
      return 'paragraph'
    case 'list':
      return 'list'
    case 'html':
      return 'HTML block'
    default:
      return node.type
  }
}
