// The URL scheme of the built site, in one place: where each page lives,
// and how one page links to another with relative URLs, so the archive works
// from any folder of any static host (and from file://).
import {posix} from 'node:path'

/** Site-relative directory of a page ('' is the home page), always ending in '/' unless ''. */
export const paths = {
  home: '',
  brief: (slug: string) => `briefs/${slug}/`,
  /** A brief's email edition, in its page's folder (render/email.ts). */
  briefEmail: (slug: string) => `briefs/${slug}/email.html`,
  /** Its plain-text edition, beside it (render/text.ts). */
  briefText: (slug: string) => `briefs/${slug}/email.txt`,
  regions: 'regions/',
  /** A region's front page: its newest sections. */
  region: (id: string) => `regions/${id}/`,
  // Its older pages stay in the region's folder: every page that shows
  // sections is two folders deep, so sections rendered once link right on
  // all of them. Named by the sections they hold, counted from the oldest
  // (sections-1-20.html), which never change as the archive grows.
  regionSections: (id: string, first: number, last: number) => `regions/${id}/sections-${first}-${last}.html`,
  regionFeed: (id: string) => `regions/${id}/feed.xml`,
  /** Every outlet the archive cites (link/outlets.ts). */
  sources: 'sources/',
  /** An outlet's front page: its newest citations. */
  outlet: (domain: string) => `sources/${outletSegment(domain)}/`,
  /** Its older pages, named like a region's by the citations they hold, counted from the oldest. */
  outletCitations: (domain: string, first: number, last: number) => `sources/${outletSegment(domain)}/citations-${first}-${last}.html`,
  /** A brief's citation files, beside its page and named after it, so a download keeps a telling name. */
  citation: (slug: string, format: 'bib' | 'ris' | 'json') => `briefs/${slug}/${slug}.${format === 'json' ? 'csl.json' : format}`,
  archive: 'archive/',
  year: (year: string) => `archive/${year}/`,
  feed: 'feed.xml',
  sitemap: 'sitemap.xml',
  stylesheet: 'assets/site.css',
  /** The site's icon, linked from every page; under assets/ with the site's other files that could hold script. */
  icon: 'assets/favicon.svg',
  /** The same icon for browsers without SVG icons; at the root, where browsers ask for it unprompted. */
  favicon: 'favicon.ico',
  /** Citation previews: progressive enhancement, loaded by every page. */
  previews: 'assets/previews.js',
  /** The search page and its script; the index Pagefind writes lives in searchIndex. */
  search: 'search/',
  searchScript: 'assets/search.js',
  searchIndex: 'pagefind/',
  notFound: '404.html',
  /** A figure's image file (build/images.ts names it: the name carries its content hash). */
  image: (name: string) => `images/${name}`
} as const

/** An outlet's folder name: its domain (an IPv6 address's brackets and colons would not survive every static host). */
function outletSegment(domain: string): string {
  return domain.replace(/[^a-z0-9._-]/g, '-')
}

/** The file a page directory is written to. */
export function fileOf(dir: string): string {
  return dir === '' || dir.endsWith('/') ? `${dir}index.html` : dir
}

/** The shortest relative href from the page in directory `from` to the site path `to`. */
export function relative(from: string, to: string): string {
  const fromDir = from.endsWith('/') || from === '' ? from : posix.dirname(from) === '.' ? '' : `${posix.dirname(from)}/`
  const target = posix.relative(`/${fromDir}`, `/${to}`)
  if (target === '') return './'
  return to.endsWith('/') || to === '' ? `${target}/` : target
}

/** The absolute URL of a site path under baseUrl (which ends in '/'). */
export function absolute(baseUrl: string, to: string): string {
  return `${baseUrl}${to}`
}
