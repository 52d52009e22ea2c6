// The 404 page. Served at whatever URL was missing, so its links are
// root-relative (under baseUrl's path) rather than relative.
import {h} from 'hastscript'
import type {Root} from 'hast'
import {layout, type PageMeta} from './layout.js'

export function notFoundPage(meta: PageMeta, links: {home: string; archive: string}): Root {
  return layout(meta, [
    h('h1', 'Page not found'),
    h('p', 'There is no page at this address. It may have moved, or the link may be mistyped.'),
    h('ul', [h('li', [h('a', {href: links.home}, 'Latest briefs')]), h('li', [h('a', {href: links.archive}, 'Archive of all briefs')])])
  ])
}
