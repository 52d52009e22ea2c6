// render/: hast to HTML text, through rehype-stringify (which escapes).
// Raw nodes are allowed because pages embed fragments serialised by this
// same processor (render/fragments.ts), and `compact` below stands in such
// fragments for parts of a tree; a brief's own raw HTML never reaches hast
// (the mdast `html` handler drops it).
import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {randomBytes} from 'node:crypto'
import {unified} from 'unified'
import rehypeStringify from 'rehype-stringify'

// A frozen processor holds no per-document state.
const html = unified().use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}}).freeze()

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
 * A whole page, ending with a newline.
 *
 * Pages embed their prose as long raw nodes (serialised fragments), and the
 * serialiser joins every element's children into a new string: a region
 * page's 150 KB of sections were copied once per level of nesting, half the
 * time of a build's page assembly. So long raw nodes are replaced by a
 * marker, the small rest is serialised, and the fragments are spliced in
 * with one join. The bytes are the same: the serialiser writes a raw node
 * as it is, wherever it sits.
 */
export function stringify(tree: Root): string {
  const held: Raw[] = []
  const values: string[] = []
  hold(tree.children, held, values)
  try {
    for (const node of held) node.value = slot
    const parts = held.length === 0 ? [] : html.stringify(tree).split(slot)
    if (parts.length !== held.length + 1) {
      held.forEach((node, i) => (node.value = values[i] ?? ''))
      return html.stringify(tree) + '\n'
    }
    const out: string[] = [parts[0] ?? '']
    values.forEach((value, i) => out.push(value, parts[i + 1] ?? ''))
    out.push('\n')
    return out.join('')
  } finally {
    held.forEach((node, i) => (node.value = values[i] ?? ''))
  }
}

/** The long raw nodes under `nodes`, in document order (the order the serialiser writes them). */
function hold(nodes: readonly (RootContent | ElementContent)[], held: Raw[], values: string[]): void {
  for (const node of nodes) {
    if (node.type === 'raw') {
      if (node.value.length >= spliceFrom) {
        held.push(node)
        values.push(node.value)
      }
    } else if (node.type === 'element') {
      // The serialiser writes a template's content instead of its children.
      hold(node.tagName === 'template' && node.content ? node.content.children : node.children, held, values)
    }
  }
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
