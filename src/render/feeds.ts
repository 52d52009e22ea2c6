// Atom feeds and the sitemap, built as xast trees and serialised by
// xast-util-to-xml (which escapes), never by string concatenation.
import {x} from 'xastscript'
import type {Element as XElement, Nodes as XNodes, Root as XRoot} from 'xast'
import {toXml} from 'xast-util-to-xml'
import type {Person} from '../parse/schema.js'

export interface FeedEntry {
  readonly title: string
  /** Absolute URL of the entry's page (also its id). */
  readonly url: string
  /** Publication day YYYY-MM-DD. */
  readonly date: string
  /** The day it last changed (its latest correction), when after `date`; default: `date`. */
  readonly updated?: string
  readonly authors: readonly Person[]
  readonly summary: string
  /** Serialised HTML of the entry's content, if any (escaped again by the XML serialiser, as Atom requires). */
  readonly html?: string
  /** Base URL for relative links inside `html`. */
  readonly base?: string
  /** An image standing for the entry (its lead figure), given as an enclosure. */
  readonly image?: {readonly url: string; readonly type: string; readonly alt: string}
}

export interface Feed {
  readonly title: string
  readonly subtitle: string
  /** Absolute URL of the feed itself. */
  readonly self: string
  /** Absolute URL of the page the feed follows. */
  readonly alternate: string
  readonly language: string
  readonly author: string
  readonly entries: readonly FeedEntry[]
}

/** A day as an RFC 3339 time: publication days carry no time, so midnight UTC, always the same. */
const stamp = (day: string) => `${day}T00:00:00Z`

export function atom(feed: Feed): string {
  const updatedOf = (entry: FeedEntry) => entry.updated ?? entry.date
  const updated = feed.entries.reduce((latest, entry) => (updatedOf(entry) > latest ? updatedOf(entry) : latest), '1970-01-01')
  const entries: XElement[] = feed.entries.map((entry) =>
    x('entry', entry.base === undefined ? {} : {'xml:base': entry.base}, [
      x('title', entry.title),
      x('id', entry.url),
      x('link', {rel: 'alternate', type: 'text/html', href: entry.url}),
      x('published', stamp(entry.date)),
      x('updated', stamp(updatedOf(entry))),
      ...entry.authors.map((person) => x('author', [x('name', person.name)])),
      x('summary', entry.summary),
      ...(entry.image === undefined ? [] : [x('link', {rel: 'enclosure', type: entry.image.type, href: entry.image.url, title: entry.image.alt})]),
      ...(entry.html === undefined ? [] : [x('content', {type: 'html'}, entry.html)])
    ])
  )
  const tree: XRoot = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
      x('feed', {xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language}, [
        x('title', feed.title),
        x('subtitle', feed.subtitle),
        x('id', feed.self),
        x('link', {rel: 'self', type: 'application/atom+xml', href: feed.self}),
        x('link', {rel: 'alternate', type: 'text/html', href: feed.alternate}),
        x('updated', stamp(updated)),
        x('author', [x('name', feed.author)]),
        x('generator', {uri: 'https://www.npmjs.com/package/sitrep'}, 'sitrep'),
        ...entries
      ])
    ]
  }
  return serialize(tree)
}

export function sitemap(urls: readonly {loc: string; lastmod?: string}[]): string {
  const tree: XRoot = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
      x(
        'urlset',
        {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9'},
        urls.map((url) => x('url', [x('loc', url.loc), ...(url.lastmod === undefined ? [] : [x('lastmod', url.lastmod)])]))
      )
    ]
  }
  return serialize(tree)
}

/**
 * Characters XML 1.0 forbids even as references (C0 controls but tab and
 * line endings, U+FFFE, U+FFFF, unpaired surrogates): YAML escapes such as
 * "\x01" can put them in a title, and one of them makes a feed reader drop
 * the whole feed. They carry no meaning, so they are removed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function clean(node: XNodes): void {
  if (node.type === 'text') node.value = node.value.replace(notXml, '')
  if (node.type === 'element') {
    for (const [name, value] of Object.entries(node.attributes)) {
      if (typeof value === 'string') node.attributes[name] = value.replace(notXml, '')
    }
  }
  if ('children' in node) for (const child of node.children) clean(child)
}

/**
 * The tree as XML. xast-util-to-xml escapes `<` and `&` in text but not `>`,
 * and XML forbids `]]>` in character data (a title "a ]]> b" made the feeds
 * unreadable). The output holds no CDATA section or comment, so any `]]>` in
 * it is text or an attribute value, where `]]&gt;` means the same.
 */
function serialize(tree: XRoot): string {
  clean(tree)
  return toXml(tree).replaceAll(']]>', ']]&gt;') + '\n'
}
