// render/: safe SVG. Owns turning an SVG figure (a map, a chart) from an
// author's file into markup that draws and does nothing else, whether it is
// inlined into a page or written as a file: an allowlist of elements and
// attributes, references only within the document, no scripts, handlers,
// style sheets, entities or foreign content. What it removes is reported,
// for a warning, and the size it states, for the page to reserve.
import type {Element, ElementContent, RootContent} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'

export type SanitisedSvg =
  | {
      readonly ok: true
      /** The SVG, serialised; no XML declaration, doctype, comments or instructions. */
      readonly svg: string
      /** What was removed, each once, in document order: elements as `<name>`, attributes by name (`onload`, `href`), instructions as `<?name?>`. */
      readonly removed: readonly string[]
      /** Its size in CSS pixels (`width`/`height` in px, else the viewBox's, scaled to the one given), when it states one. */
      readonly width?: number
      readonly height?: number
    }
  | {readonly ok: false; readonly problem: string}

const svgNamespace = 'http://www.w3.org/2000/svg'
const xlinkNamespace = 'http://www.w3.org/1999/xlink'

/** Deeper than any drawing; a bound, so a hostile nesting cannot exhaust the stack. */
const maxDepth = 200

/**
 * Elements kept: shapes, text, grouping, paint servers, clipping, masking,
 * markers and the filter primitives that only compute. Not kept: `script`,
 * `foreignObject` (HTML inside), `image` and `feImage` (they load files),
 * `style` (a stylesheet can `@import` and restyle the page it is inlined
 * into; sanitising CSS is a parser of its own), animation elements (`set`
 * can rewrite an `href` to `javascript:`), `a` (see `unwrapped`).
 */
const elements = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'title', 'desc', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask',
  'marker', 'pattern', 'filter', 'feGaussianBlur', 'feOffset', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode',
  'feColorMatrix', 'feBlend', 'feMorphology', 'feDropShadow'
])

/** Elements removed but whose content is kept: a link's label, a `switch`'s choices, stay drawn. */
const unwrapped = new Set(['a', 'switch'])

/** Presentation properties: how shapes and text are painted, never where the SVG sits on the page. */
const presentation = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'color', 'display', 'visibility', 'clip-path', 'clip-rule', 'mask', 'marker-start',
  'marker-mid', 'marker-end', 'stop-color', 'stop-opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant',
  'font-stretch', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing',
  'text-decoration', 'writing-mode', 'direction', 'paint-order', 'vector-effect', 'shape-rendering', 'text-rendering',
  'color-interpolation', 'color-interpolation-filters', 'filter', 'overflow', 'flood-color', 'flood-opacity', 'lighting-color'
])

/**
 * Attributes kept (on any kept element): geometry, presentation, paint
 * server and filter parameters, identity, accessibility. Event handlers
 * (`on*`), animation timing (`begin`, `to`) and every prefixed attribute but
 * `xlink:href` and `xml:*` (editors' `inkscape:*`) are not among them.
 */
const attributes = new Set([
  // Identity, language, accessibility.
  'id', 'class', 'lang', 'xml:lang', 'xml:space', 'role', 'aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden', 'focusable',
  // The viewport and geometry.
  'version', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry',
  'fx', 'fy', 'fr', 'd', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  'transform', 'href', 'xlink:href',
  // Paint servers, clipping, masks, markers, patterns.
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'patternUnits', 'patternContentUnits', 'patternTransform',
  // Filters.
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'operator', 'k1', 'k2', 'k3', 'k4', 'mode', 'type', 'values', 'radius', 'edgeMode',
  // Presentation, as attributes and (see `cleanStyle`) as `style` declarations.
  ...presentation, 'style'
])

/**
 * Sanitises an SVG document. Refuses (`ok: false`) what is not one: XML
 * that does not parse, a root other than `<svg>`, a doctype declaring
 * entities (the billion-laughs bomb and external entities reading local
 * files), nesting deeper than 200 elements. Everything else comes out drawn
 * and inert.
 */
export function sanitiseSvg(text: string): SanitisedSvg {
  // Before parsing: the parser does not expand entities, but a declaration is never a figure's, and it is refused by name.
  if (/<!ENTITY/i.test(text)) {
    return {ok: false, problem: 'the SVG declares entities (<!ENTITY ...>): refused, as entities serve entity-expansion bombs and external-file reads'}
  }
  let tree
  try {
    tree = fromXml(text)
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error)
    return {ok: false, problem: `the SVG is not well-formed XML: ${cause.split('\n')[0] ?? ''}`}
  }
  const roots = tree.children.filter((node): node is Element => node.type === 'element')
  const root = roots[0]
  if (!root || root.name !== 'svg') return {ok: false, problem: `not an SVG: the root element is ${root ? `<${root.name}>` : 'missing'}`}
  if (root.attributes.xmlns !== undefined && root.attributes.xmlns !== svgNamespace) {
    return {ok: false, problem: `not an SVG: its namespace is ${root.attributes.xmlns}, not ${svgNamespace}`}
  }
  const removed = new Set<string>()
  for (const node of tree.children) noteInstruction(node, removed)
  const state: State = {removed, tooDeep: false}
  const [clean] = cleanElement(root, 0, state)
  if (state.tooDeep) return {ok: false, problem: `the SVG nests elements deeper than ${maxDepth}`}
  if (!clean || clean.type !== 'element') return {ok: false, problem: 'not an SVG'}
  // A written file needs the namespace to be drawn as SVG; an inlined one ignores it.
  clean.attributes = {xmlns: svgNamespace, ...clean.attributes}
  const size = sizeOf(clean.attributes)
  return {ok: true, svg: toXml(clean), removed: [...removed], ...size}
}

/** A length in CSS pixels: unitless or `px`; percentages and other units say nothing of the size. */
function pixels(value: string | null | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)(?:px)?\s*$/.exec(value ?? '')
  const number = match ? Number(match[1]) : NaN
  return number > 0 && Number.isFinite(number) ? number : undefined
}

/**
 * The size a page states for the SVG, rounded to whole pixels: its width
 * and height; one of them with the viewBox's aspect; else the viewBox's.
 */
function sizeOf(attributes: Record<string, string | null | undefined>): {width?: number; height?: number} {
  const box = (attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number)
  const boxWidth = box.length === 4 && (box[2] ?? 0) > 0 ? box[2] : undefined
  const boxHeight = box.length === 4 && (box[3] ?? 0) > 0 ? box[3] : undefined
  let width = pixels(attributes.width)
  let height = pixels(attributes.height)
  if (boxWidth !== undefined && boxHeight !== undefined) {
    if (width === undefined && height === undefined) [width, height] = [boxWidth, boxHeight]
    else if (width === undefined && height !== undefined) width = (height * boxWidth) / boxHeight
    else if (height === undefined && width !== undefined) height = (width * boxHeight) / boxWidth
  }
  if (width === undefined || height === undefined) return {}
  return {width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height))}
}

interface State {
  readonly removed: Set<string>
  tooDeep: boolean
}

function cleanElement(node: Element, depth: number, state: State): ElementContent[] {
  if (depth > maxDepth) {
    state.tooDeep = true
    return []
  }
  if (unwrapped.has(node.name)) {
    state.removed.add(`<${node.name}>`)
    return cleanChildren(node.children, depth, state)
  }
  if (!elements.has(node.name)) {
    state.removed.add(`<${node.name}>`)
    return []
  }
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(node.attributes)) {
    if (value === null || value === undefined) continue
    if (name === 'style') {
      const style = cleanStyle(value)
      if (style.value !== '') kept.style = style.value
      if (style.dropped) state.removed.add('style')
    } else if (keepAttribute(name, value, depth)) kept[name] = value
    // The SVG namespace itself is not lost: the root gets it back.
    else if (!(name === 'xmlns' && value === svgNamespace)) state.removed.add(name)
  }
  return [{type: 'element', name: node.name, attributes: kept, children: cleanChildren(node.children, depth, state)}]
}

function cleanChildren(children: readonly ElementContent[], depth: number, state: State): ElementContent[] {
  const out: ElementContent[] = []
  for (const child of children) {
    if (child.type === 'element') out.push(...cleanElement(child, depth + 1, state))
    else if (child.type === 'text') out.push({type: 'text', value: child.value})
    // CDATA in a kept element is its text; serialised escaped, it cannot close anything.
    else if (child.type === 'cdata') out.push({type: 'text', value: child.value})
    else noteInstruction(child, state.removed)
    // Comments are dropped unreported: they hold nothing active, and editors write many.
  }
  return out
}

/** A processing instruction other than the XML declaration is reported: `<?xml-stylesheet?>` loads a stylesheet. */
function noteInstruction(node: RootContent, removed: Set<string>): void {
  if (node.type === 'instruction' && node.name !== 'xml') removed.add(`<?${node.name}?>`)
}

function keepAttribute(name: string, value: string, depth: number): boolean {
  if (name === 'xmlns') return false // Set on the root alone, to the SVG namespace: a nested one could turn content into HTML.
  if (name === 'xmlns:xlink') return depth === 0 && value === xlinkNamespace
  if (!attributes.has(name)) return false
  if (name === 'href' || name === 'xlink:href') return /^#[^\s#]+$/.test(value.trim())
  return isInertValue(value)
}

/**
 * A `style` attribute keeps only declarations of presentation properties
 * with inert values: `position: fixed` or `z-index` on an inlined SVG could
 * lay it over the page it is in. A backslash anywhere drops it all (CSS
 * escapes spell property names and `url` without their letters).
 */
function cleanStyle(value: string): {value: string; dropped: boolean} {
  if (value.includes('\\')) return {value: '', dropped: true}
  const kept: string[] = []
  let dropped = false
  for (const declaration of value.split(';')) {
    if (declaration.trim() === '') continue
    const colon = declaration.indexOf(':')
    const property = colon < 0 ? '' : declaration.slice(0, colon).trim().toLowerCase()
    const propertyValue = declaration.slice(colon + 1).trim()
    if (presentation.has(property) && isInertValue(propertyValue)) kept.push(`${property}:${propertyValue}`)
    else dropped = true
  }
  return {value: kept.join(';'), dropped}
}

/**
 * A value with no way out of the document: no `javascript:` (control
 * characters and whitespace removed first, as browsers do), no CSS
 * escapes (they spell `url` without the letters), no `@import` or
 * `expression(`, and every `url(...)` a `#fragment`.
 */
export function isInertValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase()
  if (squeezed.includes('javascript:') || squeezed.includes('vbscript:') || squeezed.includes('data:')) return false
  if (value.includes('\\') || squeezed.includes('@import') || squeezed.includes('expression(')) return false
  for (const match of squeezed.matchAll(/url\(/g)) {
    const rest = squeezed.slice(match.index + 4)
    if (!/^(['"]?)#[^'")]+\1\)/.test(rest)) return false
  }
  return true
}
