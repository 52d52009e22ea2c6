// links/: every URL the archive cites that `sitrep links` should fetch, each
// once, with every place that cites it (a note's source, a link in the body
// or a takeaway). Pure: briefs in, URLs out. Never a defanged source (it is
// not a link on purpose), never a text source, never a URL into the archive
// itself (`sitrep check` covers those, without the network).
import type {Nodes} from 'mdast'
import type {Position} from 'unist'
import type {Brief} from '../ast.js'
import type {BriefBody} from '../parse/brief.js'

/** What of a brief is read: its body (even when the frontmatter is broken) and its takeaways when there are any. */
export type CitingBrief = BriefBody & Partial<Pick<Brief, 'takeaways'>>

export interface CitingPlace {
  readonly file: string
  /** Where the address is written (a Markdown link's destination; a takeaway as a whole). */
  readonly position: Position
  /** The note, for a note's source; absent for a link in the body or a takeaway. */
  readonly note?: number
  /** What is written there: a note's whole source line (locator included), or a link's address. */
  readonly written: string
  /** The archived copy the source carries, if any: a dead source with one is a warning, not an error. */
  readonly archived?: string
}

export interface CitedUrl {
  /** What is fetched: the address without its #fragment (no server sees it), as the URL standard writes it. */
  readonly url: string
  /** Every place citing it, in file and text order. */
  readonly places: readonly CitingPlace[]
}

/**
 * The address to fetch for a cited one, or undefined when it is not to be
 * fetched: not http(s), no host, or under `baseUrl` (either scheme).
 */
export function fetchKey(written: string, baseUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(written.trim())
  } catch {
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined
  url.hash = ''
  const href = url.href
  const base = new URL(baseUrl)
  const other = `${base.protocol === 'https:' ? 'http:' : 'https:'}${base.href.slice(base.protocol.length)}`
  if (href.startsWith(base.href) || href.startsWith(other) || `${href}/` === base.href) return undefined
  return href
}

/** Every URL to fetch, in order of first citation (briefs in the order given). */
export function collectUrls(briefs: readonly CitingBrief[], baseUrl: string): CitedUrl[] {
  const byUrl = new Map<string, CitingPlace[]>()
  const add = (url: string, place: Omit<CitingPlace, 'written'>, written = url) => {
    const key = fetchKey(url, baseUrl)
    if (key === undefined) return
    const places = byUrl.get(key) ?? []
    if (places.length === 0) byUrl.set(key, places)
    places.push({...place, written})
  }
  for (const brief of briefs) {
    // Text order: takeaways (frontmatter) first, then the body, then the notes.
    for (const takeaway of brief.takeaways ?? []) {
      for (const url of linksIn(takeaway.content)) add(url.url, {file: brief.file, position: takeaway.position})
    }
    for (const section of brief.sections) {
      for (const url of linksIn(section.children)) if (url.position) add(url.url, {file: brief.file, position: url.position})
    }
    for (const note of brief.notes) {
      for (const source of note.sources) {
        if (source.kind !== 'url') continue
        add(source.url, {
          file: brief.file,
          position: source.urlPosition ?? addressOf(source.raw, source.url, source.position),
          note: note.number,
          ...(source.archived === undefined ? {} : {archived: source.archived.url})
        }, source.raw)
      }
    }
  }
  return [...byUrl].map(([url, places]) => ({url, places}))
}

/** Where the address of a bare or `<...>` source is written: not its locator or archived copy. */
function addressOf(raw: string, url: string, position: Position): Position {
  const start = raw.startsWith('<') ? 1 : 0
  if (raw.slice(start, start + url.length) !== url || position.start.line !== position.end.line) return position
  const at = (delta: number) => ({
    line: position.start.line,
    column: position.start.column + delta,
    ...(position.start.offset === undefined ? {} : {offset: position.start.offset + delta})
  })
  return {start: at(start), end: at(start + url.length)}
}

/** Links and link definitions at any depth (figures' credit lines included), with their positions. */
function linksIn(nodes: readonly Nodes[]): {url: string; position?: Position}[] {
  const out: {url: string; position?: Position}[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'figure') {
      for (const child of node.credit ?? []) visit(child)
      return
    }
    if (node.type === 'link' || node.type === 'definition') out.push({url: node.url, ...(node.position ? {position: node.position} : {})})
    if ('children' in node) for (const child of node.children) visit(child)
  }
  for (const node of nodes) visit(node)
  return out
}
