// render/: the last line of defence between what an analyst pasted and what
// a reader's browser runs. `check` already refuses unsafe links, but
// rendering must not depend on it (the API renders any parsed brief; a rule
// could miss a spelling), so every tree built from a brief's content passes
// through `makeInert` before it is serialised: only http, https, mailto and
// relative URLs stay, event-handler and style attributes go, and elements
// that run or load active content are removed. Our own templates never need
// any of what is removed.
import type {ElementContent, Properties} from 'hast'
import {isSafeUrl} from '../validate/url.js'

/** hast property names (camel-cased by hastscript and mdast-util-to-hast) that hold URLs. */
const urlProperties: ReadonlySet<string> = new Set(['href', 'src', 'srcSet', 'action', 'formAction', 'poster', 'cite', 'data', 'xLinkHref', 'ping', 'background'])

/** Elements that run, embed or redirect: never produced from a brief's content, removed if they ever are. */
const activeElements = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'svg', 'math', 'template', 'noscript'])

/** The same nodes with every active part removed (see the module comment). Mutates and returns `nodes`. */
export function makeInert<T extends ElementContent[]>(nodes: T): T {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]
    if (node?.type !== 'element') continue
    if (activeElements.has(node.tagName.toLowerCase())) {
      nodes.splice(i, 1)
      continue
    }
    node.properties = inertProperties(node.properties)
    makeInert(node.children)
  }
  return nodes
}

/**
 * `properties` without event handlers, style and unsafe URLs; also for
 * properties set after a tree was made inert (render/body.ts re-points ids
 * and links for each page that shows a section). Returns `properties`
 * itself when nothing goes, as almost always, rather than copying every
 * element's properties.
 */
export function inertProperties(properties: Properties): Properties {
  let clean = true
  for (const name in properties) if (dropped(name, properties[name])) clean = false
  if (clean) return properties
  const kept: Properties = {}
  for (const name in properties) if (!dropped(name, properties[name])) kept[name] = properties[name]
  return kept
}

function dropped(name: string, value: Properties[string]): boolean {
  // onClick, onerror ...: hast spells them camel-cased or as written.
  if (/^on/i.test(name) || name === 'style') return true
  if (urlProperties.has(name) && value !== undefined && value !== null) {
    const urls = Array.isArray(value) ? value.map(String) : [String(value)]
    return !urls.every(safe)
  }
  return false
}

/**
 * A fragment (`#note-3`) never leaves the page, whatever follows the `#`:
 * answered without parsing it as a URL, which showed in profiles (the
 * link of every citation is one).
 */
function safe(url: string): boolean {
  return url.startsWith('#') || isSafeUrl(url)
}
