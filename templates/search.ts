// Search: the search page, and the Pagefind markup other templates put on
// the pages search should find. The page is a plain GET form to itself, so
// the site-wide search box works everywhere; assets/search.js runs the query
// in the browser against the index `sitrep build` writes to pagefind/.
// Without JavaScript (or without an index) the page says so and offers the
// archive and the regions instead.
import {h} from 'hastscript'
import type {Element, Root} from 'hast'
import type {Site} from '../src/ast.js'
import {paths, relative} from '../src/render/paths.js'
import {layout} from './layout.js'

/**
 * What search can filter and label a page by, for Pagefind: empty elements
 * whose attributes carry the values, so they add no text to the page or to
 * the index. Put it inside the element marked `data-pagefind-body`.
 */
export function searchFacets(facets: {kind: string; regions: readonly string[]; years: readonly string[]}): Element {
  return h('span', {hidden: true, className: ['search-facets']}, [
    h('span', {dataPagefindMeta: `kind:${facets.kind}`}),
    ...[...new Set(facets.regions)].map((region) => h('span', {dataPagefindFilter: `region:${region}`})),
    ...[...new Set(facets.years)].sort().map((year) => h('span', {dataPagefindFilter: `year:${year}`}))
  ])
}

/** The search page: the form, a status line and result list for the script, and the way round search without it. */
export function searchPage(site: Site): Root {
  const dir = paths.search
  return layout(
    {site, dir, title: 'Search', description: `Search every brief of ${site.settings.title} by word, region and year.`},
    [
      h('h1', 'Search'),
      h('form', {className: ['search-form'], id: 'search-form', role: 'search', action: './', method: 'get'}, [
        h('label', {htmlFor: 'search-q'}, 'Words to find in the briefs'),
        h('div', {className: ['search-row']}, [
          h('input', {type: 'search', id: 'search-q', name: 'q', autoComplete: 'off', enterKeyHint: 'search', spellCheck: false}),
          h('button', {type: 'submit'}, 'Search')
        ]),
        // Region and year choices, filled in by the script from the index.
        h('div', {className: ['search-filters'], id: 'search-filters', hidden: true})
      ]),
      h('div', {className: ['search-fallback'], id: 'search-fallback'}, [
        h('p', 'Search runs in your browser and needs JavaScript. Without it, you can still find every brief:'),
        h('ul', [
          h('li', [h('a', {href: relative(dir, paths.archive)}, 'the archive'), ', every brief by year;']),
          h('li', [h('a', {href: relative(dir, paths.regions)}, 'the regions'), ', every section on a place, newest first.'])
        ])
      ]),
      h('p', {className: ['search-status'], id: 'search-status', role: 'status'}),
      h('div', {className: ['search-results'], id: 'search-results'}),
      h('script', {type: 'module', src: relative(dir, paths.searchScript)})
    ]
  )
}
