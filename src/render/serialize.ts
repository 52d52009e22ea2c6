// render/: hast to HTML text, through rehype-stringify (which escapes).
// Raw nodes are allowed because pages embed fragments serialised by this
// same processor (render/fragments.ts), and `compact` below stands in such
// fragments for parts of a tree; a brief's own raw HTML never reaches hast
// (the mdast `html` handler drops it).
import type {Element, ElementContent, Root} from 'hast'
import {unified} from 'unified'
import rehypeStringify from 'rehype-stringify'

// A frozen processor holds no per-document state.
const html = unified().use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}}).freeze()

/** A whole page, ending with a newline. */
export function stringify(tree: Root): string {
  return html.stringify(tree) + '\n'
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
