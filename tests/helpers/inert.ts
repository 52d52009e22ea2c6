// Test helper: is a built site inert? Parses every page as a browser would
// (hast-util-from-html, i.e. parse5) and every feed and sitemap with a small
// strict XML parser, and lists whatever could run script or load active
// content: scripts other than the site's own, event-handler and style
// attributes, URLs whose scheme (as a browser reads it) is not http, https or
// mailto, embedding and redirecting elements, forms other than the search
// box, attributes broken out of their quotes, and ids or names that would
// clobber a property of window or document. The HTML inside feed entries is
// parsed and checked the same way (with no exception for the site's own
// scripts or forms: a feed reader shows it inside its own page).
import {parseFeed} from '@rowanmanning/feed-parser'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import type {Element, Nodes, Properties} from 'hast'
import type {Element as XastElement, Root as XastRoot} from 'xast'
import {fromXml} from 'xast-util-from-xml'

export interface Violation {
  /** The site path of the file, e.g. `briefs/x/index.html` (feed entries: `feed.xml#entry-2`). */
  readonly file: string
  readonly rule: string
  readonly detail: string
}

export interface SiteContext {
  /** The site's baseUrl, ending with "/": pages are checked as served from under it. */
  readonly baseUrl: string
}

/** Schemes a built page may link to. Anything else (javascript:, vbscript:, data:, file:, ...) is a violation. */
export const allowedSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto'])

/**
 * The scheme of a URL as a browser's URL parser reads it, lowercased, or
 * undefined for a relative URL. Browsers strip leading and trailing C0
 * controls and spaces and remove every tab and newline first, so
 * "\u0001java\tscript:" is `javascript`. Character references are already
 * decoded by the HTML parser when the value reaches here.
 */
export function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the controls a browser strips are the point
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)
  return match?.[1]?.toLowerCase()
}

/** Whether a browser would follow this URL to http, https, mailto or a relative (internal) address only. */
export function isSafeUrl(url: string): boolean {
  const scheme = schemeOf(url)
  return scheme === undefined || allowedSchemes.has(scheme)
}

/**
 * Names that must never be an element's id or name: with named access on
 * window (ids) and document (names of forms, images, embeds ...), such an
 * element would shadow the property, "DOM clobbering". Properties of window
 * and document, of every object (Object.prototype), and the JavaScript globals.
 */
export const clobberableNames: ReadonlySet<string> = new Set([
  // window
  ...['window', 'self', 'top', 'parent', 'frames', 'opener', 'document', 'location', 'history', 'navigator', 'name', 'origin', 'length'],
  ...['closed', 'status', 'frameElement', 'customElements', 'localStorage', 'sessionStorage', 'indexedDB', 'crypto', 'performance'],
  ...['screen', 'visualViewport', 'alert', 'confirm', 'prompt', 'print', 'open', 'close', 'stop', 'focus', 'blur', 'postMessage'],
  ...['fetch', 'eval', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'requestAnimationFrame', 'queueMicrotask'],
  ...['structuredClone', 'atob', 'btoa', 'getComputedStyle', 'matchMedia', 'scroll', 'scrollTo', 'scrollBy', 'scrollX', 'scrollY'],
  ...['innerWidth', 'innerHeight', 'devicePixelRatio', 'event', 'external', 'trustedTypes', 'isSecureContext', 'caches', 'globalThis'],
  ...['addEventListener', 'removeEventListener', 'dispatchEvent', 'onload', 'onerror', 'console', 'importScripts', 'pagefind'],
  // document
  ...['cookie', 'domain', 'referrer', 'URL', 'documentURI', 'baseURI', 'defaultView', 'body', 'head', 'title', 'forms', 'images'],
  ...['links', 'anchors', 'scripts', 'embeds', 'plugins', 'all', 'currentScript', 'activeElement', 'documentElement', 'readyState'],
  ...['implementation', 'characterSet', 'charset', 'contentType', 'doctype', 'lastModified', 'getElementById', 'getElementsByTagName'],
  ...['getElementsByClassName', 'getElementsByName', 'querySelector', 'querySelectorAll', 'createElement', 'createElementNS'],
  ...['createTextNode', 'createRange', 'createEvent', 'write', 'writeln', 'execCommand', 'importNode', 'adoptNode', 'append'],
  ...['prepend', 'contains', 'hasFocus', 'ownerDocument', 'parentNode', 'childNodes', 'children', 'firstChild', 'lastChild'],
  ...['nodeName', 'nodeType', 'nodeValue', 'textContent', 'innerHTML', 'outerHTML', 'attributes', 'hidden', 'visibilityState'],
  ...['fonts', 'styleSheets', 'scrollingElement', 'designMode', 'dir', 'fgColor', 'bgColor', 'linkColor', 'compatMode'],
  // every object
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  // JavaScript globals
  ...['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'JSON', 'Math', 'Reflect', 'Proxy', 'Promise'],
  ...['Error', 'RegExp', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'URLSearchParams', 'Element', 'Node', 'HTMLElement'],
  ...['undefined', 'NaN', 'Infinity', 'isNaN', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent']
])

/** hast property names of attributes that hold a URL (or a list of URLs). */
const urlProperties = [
  'href', 'src', 'action', 'formAction', 'xLinkHref', 'xlink:href', 'srcSet', 'poster', 'data', 'cite', 'background',
  'longDesc', 'manifest', 'codeBase', 'profile', 'ping', 'icon', 'lowsrc', 'dynsrc', 'archive', 'classId', 'itemType'
]

/** Elements that run, embed or redirect, never acceptable in a built page. */
const activeElements = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'style', 'fencedframe'])

/** A parse error that means an attribute or tag is not what it was meant to be (e.g. a value broke out of its quotes). */
const structuralParseError = /attribute|eof-in-tag|eof-in-script/

const valueText = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(' ') : String(value))
const show = (value: unknown): string => {
  const text = JSON.stringify(valueText(value))
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

function property(element: Element, name: string): string | undefined {
  const value = element.properties[name]
  return value === undefined || value === null || value === false ? undefined : valueText(value)
}

export interface HtmlContext extends SiteContext {
  /** Site path of the page, or `feed.xml#entry-1` for a feed entry's content. */
  readonly file: string
  /**
   * A whole page of the site: its own scripts (JSON-LD, assets/*.js) and
   * search forms are allowed. A fragment (a feed entry's HTML) allows neither.
   */
  readonly page: boolean
  /**
   * An email edition (briefs/<slug>/email.html): mail clients read no
   * stylesheet, so every style is inline there. Style attributes are then
   * allowed, but only CSS that can load or run nothing (see `inertCss`).
   */
  readonly inlineStyles?: boolean
}

/**
 * Inline CSS that can load or run nothing: no url() or image-set() (a
 * request, a tracking pixel), no expression() or behavior / -moz-binding
 * (script in old engines), no @import, no escapes or comments that could
 * spell any of those, no markup.
 */
export function inertCss(css: string): boolean {
  return !/url\s*\(|image-set|expression\s*\(|behavior|binding|@import|javascript:|\\|\/\*|[<>]/i.test(css)
}

/** The violations of one HTML document (or fragment). */
export function htmlViolations(html: string, context: HtmlContext): Violation[] {
  const out: Violation[] = []
  const add = (rule: string, detail: string) => out.push({file: context.file, rule, detail})
  const tree = fromHtml(html, {
    fragment: !context.page,
    onerror(error) {
      if (structuralParseError.test(error.ruleId ?? '')) add('parse-error', `${error.ruleId ?? ''} at ${String(error.line)}:${String(error.column)}`)
    }
  })
  const base = new URL(context.baseUrl)
  const pageUrl = context.page ? new URL(context.file, base) : base
  /** A relative URL or one under baseUrl that leads into one of the site's own folders, with this extension. */
  const ownFile = (url: string, folders: readonly string[], extension: RegExp): boolean => {
    let resolved: URL
    try {
      resolved = new URL(url, pageUrl)
    } catch {
      return false
    }
    return (
      resolved.origin === base.origin &&
      folders.some((folder) => resolved.pathname.startsWith(`${base.pathname}${folder}`)) &&
      extension.test(resolved.pathname) &&
      !resolved.pathname.includes('/../')
    )
  }

  const visit = (node: Nodes, inHead: boolean): void => {
    if (node.type === 'element') {
      checkElement(node, inHead)
      const head = inHead || node.tagName === 'head'
      for (const child of node.children) visit(child, head)
      if (node.tagName === 'template' && node.content) visit(node.content, head)
    } else if (node.type === 'root') {
      for (const child of node.children) visit(child, inHead)
    }
  }

  const checkElement = (element: Element, inHead: boolean): void => {
    const tag = element.tagName.toLowerCase()
    if (tag === 'script') {
      const src = property(element, 'src')
      const type = property(element, 'type')
      const text = toString(element)
      let own = false
      if (context.page && src === undefined && type === 'application/ld+json') {
        try {
          JSON.parse(text)
          own = true
        } catch {
          add('script', `JSON-LD that is not JSON: ${show(text)}`)
          return
        }
      } else if (context.page && src !== undefined && text.trim() === '' && (type === undefined || type === 'module')) {
        own = ownFile(src, ['assets/', 'pagefind/'], /\.m?js$/)
      }
      if (!own) add('script', `<script${type === undefined ? '' : ` type=${show(type)}`}${src === undefined ? '' : ` src=${show(src)}`}> ${show(text)}`)
    }
    if (activeElements.has(tag)) add('active-element', `<${tag}>`)
    if (tag === 'meta' && property(element, 'httpEquiv') !== undefined) {
      add('meta-http-equiv', `<meta http-equiv=${show(property(element, 'httpEquiv'))} content=${show(property(element, 'content') ?? '')}>`)
    }
    if (tag === 'link') {
      const rel = (property(element, 'rel') ?? '').toLowerCase().split(/\s+/)
      const href = property(element, 'href') ?? ''
      if (!context.page || !inHead) add('link', `<link rel=${show(rel)} href=${show(href)}> outside <head>`)
      else if (rel.includes('stylesheet') && !ownFile(href, ['assets/'], /\.css$/)) add('link', `stylesheet from ${show(href)}`)
      else if (rel.some((r) => ['import', 'modulepreload', 'preload', 'prefetch', 'serviceworker'].includes(r))) add('link', `<link rel=${show(rel)}>`)
    }
    if (tag === 'form') {
      const action = property(element, 'action') ?? ''
      const method = (property(element, 'method') ?? 'get').toLowerCase()
      let search = false
      try {
        search = context.page && method === 'get' && new URL(action, pageUrl).href === new URL('search/', base).href
      } catch {
        search = false
      }
      if (!search) add('form', `<form action=${show(action)} method=${show(method)}>`)
    }
    checkProperties(tag, element.properties)
  }

  const checkProperties = (tag: string, properties: Properties): void => {
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined || value === null || value === false) continue
      if (/^on/i.test(name)) add('event-handler', `<${tag} ${name}=${show(value)}>`)
      if (name === 'style' && !(context.inlineStyles === true && inertCss(valueText(value)))) add('style-attribute', `<${tag} style=${show(value)}>`)
      // Known attributes come camel-cased, unknown ones as written: a quote or bracket in a name is a value that broke out.
      if (!/^[A-Za-z_][A-Za-z0-9_:.-]*$/.test(name)) add('malformed-attribute', `<${tag} ${JSON.stringify(name)}=${show(value)}>`)
      if ((name === 'id' || name === 'name') && clobberableNames.has(valueText(value))) add('clobbering', `<${tag} ${name}=${show(value)}>`)
    }
    for (const name of urlProperties) {
      const value = properties[name]
      if (value === undefined || value === null || value === false || value === true) continue
      const urls =
        name === 'srcSet'
          ? (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
          : Array.isArray(value)
            ? value.map(String)
            : [String(value)]
      for (const url of urls) {
        if (!isSafeUrl(url)) add('unsafe-url', `<${tag} ${name}=${show(url)}> (scheme ${schemeOf(url) ?? ''})`)
      }
    }
  }

  visit(tree, false)
  return out
}

// --- XML -------------------------------------------------------------------

export interface XmlElement {
  readonly type: 'element'
  readonly name: string
  readonly attributes: ReadonlyMap<string, string>
  readonly children: readonly XmlNode[]
}
export type XmlNode = XmlElement | {readonly type: 'text'; readonly value: string}

export interface XmlDocument {
  readonly root: XmlElement
  /** Processing instructions other than the XML declaration (`<?xml-stylesheet ...?>` ...). */
  readonly instructions: readonly string[]
}

const xmlName = /[A-Za-z_][\w.:-]*/y
/** Characters XML 1.0 does not allow, raw or as a reference. */
// eslint-disable-next-line no-control-regex -- the controls XML forbids are the point
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * A strict, non-validating XML 1.0 parser for what feeds and sitemaps
 * contain: elements, attributes, text, CDATA, comments and processing
 * instructions. Throws on anything not well-formed, and on a DOCTYPE (no
 * entity may be declared, so none can expand). Namespaces are not resolved.
 */
export function parseXml(source: string): XmlDocument {
  let i = source.startsWith('\uFEFF') ? 1 : 0
  const instructions: string[] = []
  const fail = (reason: string): never => {
    const before = source.slice(0, i)
    const line = before.split('\n').length
    throw new Error(`not well-formed XML at ${String(line)}:${String(i - before.lastIndexOf('\n'))}: ${reason}`)
  }
  const bad = notXmlChar.exec(source)
  if (bad) {
    i = bad.index
    fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} is not allowed in XML`)
  }
  const skipSpace = () => {
    while (i < source.length && ' \t\r\n'.includes(source.charAt(i))) i++
  }
  const name = (): string => {
    xmlName.lastIndex = i
    const match = xmlName.exec(source)
    if (!match) return fail('expected a name')
    i += match[0].length
    return match[0]
  }
  const decode = (text: string): string =>
    text.replace(/&([^;&]*);|&/g, (whole, entity: string | undefined) => {
      const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
      if (entity === undefined) return fail(`a bare "&" in ${JSON.stringify(text.slice(0, 60))}`)
      const known = named[entity]
      if (known !== undefined) return known
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(entity)
      if (!numeric) return fail(`unknown entity ${whole}`)
      const code = numeric[1] === undefined ? Number(numeric[2]) : parseInt(numeric[1], 16)
      if (code > 0x10ffff) return fail(`character reference ${whole} out of range`)
      const char = String.fromCodePoint(code)
      if (notXmlChar.test(char) || code === 0) return fail(`character reference ${whole} is not an XML character`)
      return char
    })
  const misc = (): void => {
    for (;;) {
      skipSpace()
      if (source.startsWith('<!--', i)) comment()
      else if (source.startsWith('<?', i)) instruction()
      else if (source.startsWith('<!', i)) fail('a DOCTYPE or declaration (not allowed)')
      else return
    }
  }
  const comment = (): void => {
    const end = source.indexOf('-->', i + 4)
    if (end === -1) fail('unclosed comment')
    if (source.slice(i + 4, end).includes('--')) fail('"--" inside a comment')
    i = end + 3
  }
  const instruction = (): void => {
    const start = i
    i += 2
    const target = name()
    const end = source.indexOf('?>', i)
    if (end === -1) fail('unclosed processing instruction')
    if (target.toLowerCase() === 'xml') {
      if (start !== (source.startsWith('\uFEFF') ? 1 : 0)) fail('an XML declaration that is not at the start')
    } else instructions.push(source.slice(start, end + 2))
    i = end + 2
  }
  const element = (): XmlElement => {
    if (source.charAt(i) !== '<') fail('expected an element')
    i++
    const tag = name()
    const attributes = new Map<string, string>()
    for (;;) {
      const spaced = ' \t\r\n'.includes(source.charAt(i))
      skipSpace()
      if (source.startsWith('/>', i)) {
        i += 2
        return {type: 'element', name: tag, attributes, children: []}
      }
      if (source.charAt(i) === '>') {
        i++
        break
      }
      if (!spaced) fail('no space between attributes')
      const attribute = name()
      skipSpace()
      if (source.charAt(i) !== '=') fail(`attribute ${attribute} without a value`)
      i++
      skipSpace()
      const quote = source.charAt(i)
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} not quoted`)
      const end = source.indexOf(quote, i + 1)
      if (end === -1) fail(`unclosed value of attribute ${attribute}`)
      const raw = source.slice(i + 1, end)
      if (raw.includes('<')) fail(`"<" in the value of attribute ${attribute}`)
      if (attributes.has(attribute)) fail(`duplicate attribute ${attribute}`)
      attributes.set(attribute, decode(raw))
      i = end + 1
    }
    const children: XmlNode[] = []
    for (;;) {
      if (i >= source.length) fail(`unclosed element <${tag}>`)
      if (source.startsWith('</', i)) {
        i += 2
        const closing = name()
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`)
        skipSpace()
        if (source.charAt(i) !== '>') fail(`unterminated </${closing}`)
        i++
        return {type: 'element', name: tag, attributes, children}
      }
      if (source.startsWith('<!--', i)) comment()
      else if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i)
        if (end === -1) fail('unclosed CDATA section')
        children.push({type: 'text', value: source.slice(i + 9, end)})
        i = end + 3
      } else if (source.startsWith('<?', i)) instruction()
      else if (source.startsWith('<!', i)) fail('a declaration inside an element')
      else if (source.charAt(i) === '<') children.push(element())
      else {
        let end = source.indexOf('<', i)
        if (end === -1) end = source.length
        const raw = source.slice(i, end)
        if (raw.includes(']]>')) fail('"]]>" in text')
        children.push({type: 'text', value: decode(raw)})
        i = end
      }
    }
  }

  misc()
  const root = element()
  misc()
  if (i < source.length) fail('content after the root element')
  return {root, instructions}
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1)
const textOf = (element: XmlElement): string => element.children.map((child) => (child.type === 'text' ? child.value : textOf(child))).join('')
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
const serialiseXml = (node: XmlNode): string =>
  node.type === 'text'
    ? escapeXml(node.value)
    : `<${node.name}${[...node.attributes].map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('')}>${node.children.map(serialiseXml).join('')}</${node.name}>`

/** Namespaces a feed or sitemap may declare. */
const allowedNamespaces = new Set(['http://www.w3.org/2005/Atom', 'http://www.sitemaps.org/schemas/sitemap/0.9'])
/** Atom's text constructs: with type="html" their text is HTML, with type="xhtml" their children are. */
const atomTextConstructs = new Set(['title', 'subtitle', 'summary', 'content', 'rights'])
const xmlUrlAttributes = new Set(['href', 'src', 'uri', 'url', 'xml:base', 'xlink:href'])

/** The violations of one feed or sitemap; the HTML of each entry is checked as a fragment. */
export function xmlViolations(xml: string, context: SiteContext & {readonly file: string}): Violation[] {
  const out: Violation[] = []
  const add = (rule: string, detail: string, file = context.file) => out.push({file, rule, detail})
  let document: XmlDocument
  try {
    document = parseXml(xml)
  } catch (error) {
    add('xml-malformed', error instanceof Error ? error.message : String(error))
    return out
  }
  for (const instruction of document.instructions) add('xml-instruction', instruction)
  if (document.root.name === 'feed') {
    try {
      parseFeed(xml)
    } catch (error) {
      add('feed-unreadable', error instanceof Error ? error.message : String(error))
    }
  }
  let entry = 0
  const visit = (element: XmlElement, where: string): void => {
    const local = localName(element.name).toLowerCase()
    if (local === 'entry') where = `${context.file}#entry-${String(++entry)}`
    if (['script', 'iframe', 'object', 'embed', 'style', 'foreignobject', 'html', 'body'].includes(local)) add('xml-active-element', `<${element.name}>`, where)
    for (const [name, value] of element.attributes) {
      if (/^on/i.test(localName(name))) add('event-handler', `<${element.name} ${name}=${show(value)}>`, where)
      if ((name === 'xmlns' || name.startsWith('xmlns:')) && !allowedNamespaces.has(value)) add('xml-namespace', `${name}=${show(value)}`, where)
      if (xmlUrlAttributes.has(name) && !isSafeUrl(value)) add('unsafe-url', `<${element.name} ${name}=${show(value)}>`, where)
    }
    if (local === 'loc' && !['http', 'https'].includes(schemeOf(textOf(element)) ?? '')) add('unsafe-url', `<loc>${show(textOf(element))}`, where)
    if (atomTextConstructs.has(local)) {
      const type = element.attributes.get('type') ?? 'text'
      const html = type === 'html' ? textOf(element) : type === 'xhtml' ? element.children.map(serialiseXml).join('') : undefined
      if (html !== undefined) out.push(...htmlViolations(html, {file: `${where} <${local}>`, baseUrl: context.baseUrl, page: false}))
      else if (type !== 'text') add('xml-content-type', `<${element.name} type=${show(type)}>`, where)
    }
    for (const child of element.children) if (child.type === 'element') visit(child, where)
  }
  visit(document.root, context.file)
  return out
}

// --- the whole site ----------------------------------------------------------

/** A site path as the builder may write it: lowercase names, no traversal, no odd characters. */
const sitePath = /^(?:[a-z0-9_][a-z0-9_.-]*\/)*[a-z0-9_][a-z0-9_.-]*$/i

/** Every violation in a built site (path → contents). Assets under assets/ and pagefind/ are the site's own and not parsed. */
export function siteViolations(files: ReadonlyMap<string, string | Uint8Array>, context: SiteContext): Violation[] {
  const out: Violation[] = []
  const decoder = new TextDecoder()
  for (const [path, contents] of files) {
    if (!sitePath.test(path) || path.split('/').some((segment) => segment === '..' || segment === '.')) {
      out.push({file: path, rule: 'file-path', detail: `unexpected output path ${JSON.stringify(path)}`})
      continue
    }
    const text = typeof contents === 'string' ? contents : decoder.decode(contents)
    if (path.endsWith('.html')) out.push(...htmlViolations(text, {file: path, baseUrl: context.baseUrl, page: true, inlineStyles: /^briefs\/[^/]+\/email\.html$/.test(path)}))
    else if (path.endsWith('.xml')) out.push(...xmlViolations(text, {file: path, baseUrl: context.baseUrl}))
    else if (path.startsWith('images/') && path.endsWith('.svg')) out.push(...svgViolations(text, path))
    else if (/\.(m?js|css|svg|xhtml|xsl)$/i.test(path) && !path.startsWith('assets/') && !path.startsWith('pagefind/')) {
      out.push({file: path, rule: 'active-file', detail: `a ${path.slice(path.lastIndexOf('.'))} file outside the site's own assets`})
    }
  }
  return out
}

/** SVG elements that run script, embed documents, load files or animate (an animation can set an href to javascript:). */
const activeSvgElements = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'image', 'feimage', 'style', 'a', 'set', 'animate', 'animatemotion', 'animatetransform', 'handler', 'listener'])

/**
 * A figure's SVG as the builder writes it (under images/): an SVG document
 * opened on its own runs whatever it holds, so it may hold nothing active:
 * no doctype or entities, none of the elements above, no event handlers, and
 * references only to its own ids.
 */
export function svgViolations(text: string, file: string): Violation[] {
  const out: Violation[] = []
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) out.push({file, rule: 'svg-doctype', detail: 'a doctype or entity declaration'})
  let tree: XastRoot
  try {
    tree = fromXml(text)
  } catch (error) {
    return [...out, {file, rule: 'svg-parse', detail: String(error)}]
  }
  const visit = (node: XastRoot | XastElement): void => {
    for (const child of node.children) {
      if (child.type === 'instruction' && child.name !== 'xml') out.push({file, rule: 'svg-instruction', detail: `<?${child.name}?>`})
      if (child.type !== 'element') continue
      if (activeSvgElements.has(child.name.toLowerCase())) out.push({file, rule: 'svg-element', detail: `<${child.name}>`})
      for (const [name, value] of Object.entries(child.attributes)) {
        if (/^on/i.test(name)) out.push({file, rule: 'event-handler', detail: `${name} on <${child.name}>`})
        if (/(^|:)href$/i.test(name) && !String(value).trim().startsWith('#')) out.push({file, rule: 'svg-reference', detail: `${name}="${String(value)}"`})
        for (const match of String(value).matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
          if (!(match[1] ?? '').startsWith('#')) out.push({file, rule: 'svg-reference', detail: `url(${match[1] ?? ''}) in ${name}`})
        }
      }
      visit(child)
    }
  }
  visit(tree)
  return out
}
