// render/: hast to HTML text, through rehype-stringify (which escapes).
// Raw nodes are allowed because pages embed fragments serialised by this
// same processor (render/fragments.ts); a brief's own raw HTML never reaches
// hast (the mdast `html` handler drops it).
import type {ElementContent, Root} from 'hast'
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
