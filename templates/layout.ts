// The page shell every page shares: <head> metadata (title, description,
// canonical URL, Open Graph, icon, feeds, JSON-LD), a skip link, the site header
// and navigation, <main>, and the footer. Builds hast; never HTML strings.
import {h} from 'hastscript'
import type {ElementContent, Root} from 'hast'
import type {Site} from '../src/ast.js'
import {absolute, paths, relative} from '../src/render/paths.js'
import type {LeadImage} from '../src/render/lead-image.js'

export interface PageMeta {
  readonly site: Site
  /** Site-relative directory of this page ('' for home), or a file path like '404.html'. */
  readonly dir: string
  /** Page title without the site name. */
  readonly title: string
  readonly description: string
  /** Open Graph type: 'article' for briefs, 'website' otherwise. */
  readonly type?: 'article' | 'website'
  /** schema.org data, serialised into a JSON-LD script. */
  readonly jsonLd?: Record<string, unknown>
  /** Extra Atom feeds to advertise (the archive feed is always listed). */
  readonly feeds?: readonly {title: string; path: string}[]
  /** Links in <head> go from this folder; the 404 page sets root-relative links since it is served at any depth. */
  readonly rootRelative?: boolean
  /** Whether search engines should skip this page (the 404 page). */
  readonly noindex?: boolean
  /** The image a share preview shows (render/lead-image.ts): a brief's first figure. */
  readonly image?: LeadImage
  /** Bibliographic meta tags (Highwire `citation_*`, render/cite.ts), in order: Zotero and Google Scholar read them. */
  readonly citation?: readonly {readonly name: string; readonly content: string}[]
}

export function layout(meta: PageMeta, main: ElementContent[]): Root {
  const {site} = meta
  const href = (to: string) => (meta.rootRelative === true ? `${new URL(site.settings.baseUrl).pathname}${to}` : relative(meta.dir, to))
  const canonical = absolute(site.settings.baseUrl, meta.dir)
  const fullTitle = meta.dir === '' ? site.settings.title : `${meta.title} · ${site.settings.title}`
  const feeds = [{title: `${site.settings.title} (all briefs)`, path: paths.feed}, ...(meta.feeds ?? [])]
  const head: ElementContent[] = [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', fullTitle),
    h('meta', {name: 'description', content: meta.description}),
    ...(meta.noindex === true ? [h('meta', {name: 'robots', content: 'noindex'})] : [h('link', {rel: 'canonical', href: canonical})]),
    h('meta', {property: 'og:site_name', content: site.settings.title}),
    h('meta', {property: 'og:title', content: meta.title}),
    h('meta', {property: 'og:description', content: meta.description}),
    h('meta', {property: 'og:type', content: meta.type ?? 'website'}),
    h('meta', {property: 'og:url', content: canonical}),
    h('meta', {property: 'og:locale', content: site.settings.language.replace('-', '_')}),
    ...(meta.image === undefined
      ? []
      : [
          h('meta', {property: 'og:image', content: meta.image.url}),
          h('meta', {property: 'og:image:type', content: meta.image.type}),
          h('meta', {property: 'og:image:width', content: String(meta.image.width)}),
          h('meta', {property: 'og:image:height', content: String(meta.image.height)}),
          h('meta', {property: 'og:image:alt', content: meta.image.alt}),
          // Twitter/X reads og:image, but shows it large only when asked.
          h('meta', {name: 'twitter:card', content: 'summary_large_image'})
        ]),
    ...(meta.citation ?? []).map((tag) => h('meta', {name: tag.name, content: tag.content})),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    h('link', {rel: 'stylesheet', href: href(paths.stylesheet)}),
    // The site's own icon, linked so a site under a sub-path is not left with its host's /favicon.ico.
    // The ICO's sizes keep browsers that read both from preferring it over the SVG.
    h('link', {rel: 'icon', href: href(paths.favicon), sizes: '16x16 32x32'}),
    h('link', {rel: 'icon', href: href(paths.icon), type: 'image/svg+xml'}),
    // Citation previews: an enhancement only, so every citation still links to its note without it.
    h('script', {type: 'module', src: href(paths.previews)}),
    ...feeds.map((feed) => h('link', {rel: 'alternate', type: 'application/atom+xml', title: feed.title, href: href(feed.path)}))
  ]
  if (meta.jsonLd) {
    // JSON is not HTML: "<" is escaped so no value can close the script element.
    head.push(h('script', {type: 'application/ld+json'}, JSON.stringify(meta.jsonLd).replace(/</g, '\\u003c')))
  }
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: site.settings.language}, [
        h('head', head),
        h('body', [
          h('a', {className: ['skip-link'], href: '#main'}, 'Skip to content'),
          h('header', {className: ['site-header']}, [
            h('a', {className: ['site-title'], href: href('') || './'}, site.settings.title),
            h('nav', {ariaLabel: 'Site'}, [
              h('ul', [
                h('li', [h('a', {href: href(paths.archive)}, 'Archive')]),
                h('li', [h('a', {href: href(paths.regions)}, 'Regions')]),
                h('li', [h('a', {href: href(paths.sources)}, 'Sources')]),
                h('li', [h('a', {href: href(paths.feed)}, 'Feed')])
              ])
            ]),
            // The search page has its own, larger form.
            ...(meta.dir === paths.search ? [] : [searchBox(href(paths.search))])
          ]),
          h('main', {id: 'main', tabIndex: -1}, main),
          h('footer', {className: ['site-footer']}, [
            h('p', [site.settings.publisher ?? site.settings.title, ' · ', h('a', {href: href(paths.feed)}, 'Atom feed')])
          ])
        ])
      ])
    ]
  }
}

/** The site-wide search box: a plain GET form, so it works without JavaScript up to the search page. */
function searchBox(action: string): ElementContent {
  return h('form', {className: ['site-search'], role: 'search', action, method: 'get'}, [
    h('label', {htmlFor: 'site-search-q', className: ['visually-hidden']}, 'Search the briefs'),
    h('input', {type: 'search', id: 'site-search-q', name: 'q', placeholder: 'Search briefs', autoComplete: 'off', enterKeyHint: 'search'}),
    h('button', {type: 'submit'}, 'Search')
  ])
}
