// render/: hast to HTML, through the compiler of render/processor.ts's
// processor, rehype-stringify (which escapes): pages, fragments, and the
// parts `compact` serialises ahead. Raw nodes and `fragment` nodes are
// allowed because pages embed fragments serialised by this same processor
// (render/fragments.ts), and `compact` below stands in such fragments for
// parts of a tree; a brief's own raw HTML never reaches hast (the mdast
// `html` handler drops it).
import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {randomBytes} from 'node:crypto'
import {processor as html} from './processor.js'

/**
 * Raw nodes at least this long are spliced in after serialising (see
 * `stringify`); shorter ones cost less to copy than to look for.
 */
const spliceFrom = 512

/**
 * Stands in for a long raw node while the rest of the page is serialised.
 * Random per process, so no brief can contain it: content reaches the HTML
 * escaped, and an attribute value would have to guess 96 random bits.
 */
const slot = `<!--sitrep-slot-${randomBytes(12).toString('hex')}-->`

/**
 * Serialised HTML: text, or its UTF-8 bytes. Fragments read back from the
 * cache stay bytes from inflating to writing: decoding ~150 MB of them only
 * to encode every page again took ~0.35 s of a 1,000-brief build.
 */
export type Html = string | Uint8Array

/** HTML this module serialised earlier (a brief's fragment), embedded in a page as it is. */
export interface Fragment {
  type: 'fragment'
  value: Html
}

declare module 'hast' {
  interface RootContentMap {
    fragment: Fragment
  }
  interface ElementContentMap {
    fragment: Fragment
  }
}

/**
 * A whole page, ending with a newline: as text, or as bytes when a
 * fragment is bytes (see `Html`).
 *
 * Pages embed their prose as fragments, and the serialiser joins every
 * element's children into a new string: a region page's 150 KB of sections
 * were copied once per level of nesting, half the time of a build's page
 * assembly. So fragments (and long raw nodes) are replaced by a marker, the
 * small rest is serialised, and they are spliced in with one join. The
 * bytes are the same: the serialiser writes a raw node as it is, wherever
 * it sits.
 */
export function serializePage(tree: Root): Html {
  const held = hold(tree)
  const parts = held.length === 0 ? [html.stringify(tree)] : withSlots(held, () => html.stringify(tree).split(slot))
  if (parts.length !== held.length + 1) {
    // Only if a brief could spell the marker (it cannot: see `slot`). Serialised the slow way, to be safe.
    return withText(held, () => html.stringify(tree) + '\n')
  }
  const values = held.map((place) => place.node.value)
  if (values.every((value) => typeof value === 'string')) {
    const out: string[] = [parts[0] ?? '']
    values.forEach((value, i) => out.push(value, parts[i + 1] ?? ''))
    out.push('\n')
    return out.join('')
  }
  const chunks: Uint8Array[] = [Buffer.from(parts[0] ?? '')]
  values.forEach((value, i) => chunks.push(typeof value === 'string' ? Buffer.from(value) : value, Buffer.from(parts[i + 1] ?? '')))
  chunks.push(Buffer.from('\n'))
  return Buffer.concat(chunks)
}

/** A whole page as text (see `serializePage`). */
export function stringify(tree: Root): string {
  return textOf(serializePage(tree))
}

/** Where a fragment or long raw node sits: replaced by a marker while the rest is serialised. */
interface Place {
  readonly siblings: (RootContent | ElementContent)[]
  readonly index: number
  readonly node: Fragment | Raw
}

/** The fragments and long raw nodes under `tree`, in document order (the order the serialiser writes them). */
function hold(tree: Root): Place[] {
  const held: Place[] = []
  const walk = (siblings: (RootContent | ElementContent)[]) => {
    siblings.forEach((node, index) => {
      if (node.type === 'fragment' || (node.type === 'raw' && node.value.length >= spliceFrom)) held.push({siblings, index, node})
      // The serialiser writes a template's content instead of its children.
      else if (node.type === 'element') walk(node.tagName === 'template' && node.content ? node.content.children : node.children)
    })
  }
  walk(tree.children)
  return held
}

/** Runs `serialise` with each held node replaced by the marker, then puts them back. */
function withSlots<T>(held: readonly Place[], serialise: () => T): T {
  const marker: Raw = {type: 'raw', value: slot}
  try {
    for (const place of held) place.siblings[place.index] = marker
    return serialise()
  } finally {
    for (const place of held) place.siblings[place.index] = place.node
  }
}

/** Runs `serialise` with each held fragment replaced by a raw node of its text. */
function withText<T>(held: readonly Place[], serialise: () => T): T {
  try {
    for (const place of held) place.siblings[place.index] = {type: 'raw', value: textOf(place.node.value)}
    return serialise()
  } finally {
    for (const place of held) place.siblings[place.index] = place.node
  }
}

function textOf(value: Html): string {
  return typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')
}

/** Content to embed elsewhere: a section, a note list, a feed entry. */
export function stringifyFragment(nodes: ElementContent[]): string {
  return html.stringify({type: 'root', children: nodes})
}

/**
 * For a tree serialised several times with only a few elements changed in
 * between (`variable`: a section's prose shown on its brief's page and on a
 * region page), serialise the rest once: every run of siblings that holds
 * no variable element becomes one raw node with its HTML. Mutates and
 * returns `nodes`.
 *
 * The HTML is byte for byte the same: this processor serialises a node the
 * same wherever it sits (it omits no optional tags, and the only elements
 * whose content it writes differently, script, style, svg and template,
 * never reach it: render/inert.ts removes them), and a raw node as it is.
 */
export function compact(nodes: ElementContent[], variable: ReadonlySet<Element>): ElementContent[] {
  replaceRuns(nodes, nodes.map((node) => varies(node, variable)))
  return nodes
}

/** Whether `node` is or holds a variable element; compacts its children when some vary and some do not. */
function varies(node: ElementContent, variable: ReadonlySet<Element>): boolean {
  if (node.type !== 'element') return false
  const flags = node.children.map((child) => varies(child, variable))
  const inside = flags.includes(true)
  if (inside) replaceRuns(node.children, flags)
  return inside || variable.has(node)
}

function replaceRuns(nodes: ElementContent[], flags: readonly boolean[]): void {
  const out: ElementContent[] = []
  let run: ElementContent[] = []
  const flush = () => {
    if (run.length > 0) out.push({type: 'raw', value: stringifyFragment(run)})
    run = []
  }
  nodes.forEach((node, index) => {
    if (flags[index] === true) {
      flush()
      out.push(node)
    } else run.push(node)
  })
  flush()
  nodes.splice(0, nodes.length, ...out)
}
