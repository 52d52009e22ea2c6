// serve/: one request → one response, as data. Owns the URL rules of the
// development server: the request path decoded one segment at a time (so an
// encoded "/" or ".." can never climb out), the site mounted at baseUrl's
// path, directories to index.html, redirects, the 404 page, the error page
// while a build has errors, and the headers. Reads only the in-memory files.
import {posix} from 'node:path'
import {contentTypeOf, isHtml} from './content-type.js'
import {injectReload, reservedPrefix} from './reload.js'
import {paths} from '../render/paths.js'

// The site's icons depend on no brief: served from the last good build even
// while a change has errors, so the error page's tab shows the site's icon.
const icons: ReadonlySet<string> = new Set([paths.icon, paths.favicon])

export interface SiteState {
  /** Files of the latest build without errors. */
  readonly files: ReadonlyMap<string, string | Uint8Array>
  /** Where the site is mounted: baseUrl's path, e.g. '/' or '/briefs/'. */
  readonly mount: string
  /** Id of the latest build, which the reload script compares. */
  readonly build: string
  /** While the latest build has errors: the page every HTML request gets instead of stale content. */
  readonly errorPage?: string
  /** Turns a stored file back into its bytes (files are kept deflated); default: stored as they are. */
  readonly unpack?: (stored: string | Uint8Array) => string | Uint8Array
}

export interface Request {
  readonly method: string
  /** The request target as received, e.g. "/briefs/a/?x=1". */
  readonly url: string
  readonly accept?: string
}

export interface Response {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array
}

/** What a request path is, once decoded and normalised. */
type Target =
  | {readonly ok: true; readonly segments: readonly string[]; readonly directory: boolean; readonly canonical: boolean}
  | {readonly ok: false; readonly reason: string}

export function respond(request: Request, state: SiteState): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const refused = text(405, 'Method not allowed: this server only reads.\n')
    return {...refused, headers: {...refused.headers, Allow: 'GET, HEAD'}}
  }
  const target = parseTarget(request.url)
  if (!target.ok) return text(400, `Bad request: ${target.reason}.\n`)
  const {segments, directory} = target
  const location = (parts: readonly string[], slash: boolean) => `/${parts.map(encodeURIComponent).join('/')}${slash && parts.length > 0 ? '/' : ''}`
  // A path with empty or "." segments is sent to its one spelling, so relative links resolve as they will when published.
  if (!target.canonical) return redirect(301, location(segments, directory))
  if (`/${segments.join('/')}/`.startsWith(reservedPrefix)) return text(404, 'Not found.\n')

  const mount = mountSegments(state.mount)
  const inside = mount.every((part, index) => segments[index] === part)
  if (!inside) {
    if (segments.length === 0) return redirect(302, location(mount, true))
    return notFound(request, state)
  }
  const rest = segments.slice(mount.length)
  if (rest.length === 0 && !directory && mount.length > 0) return redirect(301, location(mount, true))
  const sitePath = rest.length === 0 ? 'index.html' : directory ? `${rest.join('/')}/index.html` : rest.join('/')

  if (state.errorPage !== undefined && !(icons.has(sitePath) && state.files.has(sitePath))) return errorResponse(request, sitePath, state.errorPage)
  const contents = state.files.get(sitePath)
  if (contents === undefined) {
    if (!directory && state.files.has(`${sitePath}/index.html`)) return redirect(301, location(segments, true))
    return notFound(request, state)
  }
  return file(200, sitePath, state.unpack ? state.unpack(contents) : contents, state.build)
}

/**
 * Split a request target into decoded segments. Every segment is decoded on
 * its own, after splitting, so "%2f" and "%5c" are refused rather than read
 * as separators, and ".." is refused whether written or encoded.
 */
export function parseTarget(url: string): Target {
  if (!url.startsWith('/')) return {ok: false, reason: 'the request target must be a path'}
  const end = url.search(/[?#]/)
  const raw = end === -1 ? url : url.slice(0, end)
  const segments: string[] = []
  const parts = raw.split('/').slice(1)
  let canonical = true
  for (const [index, part] of parts.entries()) {
    let decoded: string
    try {
      decoded = decodeURIComponent(part)
    } catch {
      return {ok: false, reason: 'malformed percent-encoding in the path'}
    }
    if (decoded.includes('\0')) return {ok: false, reason: 'the path contains a NUL character'}
    if (decoded.includes('/') || decoded.includes('\\')) return {ok: false, reason: 'the path contains an encoded slash or a backslash'}
    if (decoded === '..') return {ok: false, reason: 'the path climbs out with ".."'}
    if (decoded === '' || decoded === '.') {
      // Only a final "/" is meaningful; "//" and "/./" are not how any link is written.
      if (index !== parts.length - 1 || decoded === '.') canonical = false
      continue
    }
    segments.push(decoded)
  }
  const last = parts[parts.length - 1]
  const directory = last === '' || last === '.' || parts.length === 0
  return {ok: true, segments, directory, canonical}
}

/** baseUrl's path as decoded segments ('/briefs/' → ['briefs']). */
function mountSegments(mount: string): string[] {
  return mount
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return part
      }
    })
}

/** Whether a request wants a page: a directory, an .html file, an extensionless path, or a browser asking for HTML. */
function wantsHtml(request: Request, sitePath: string): boolean {
  return sitePath.endsWith('.html') || posix.extname(sitePath) === '' || (request.accept ?? '').includes('text/html')
}

function errorResponse(request: Request, sitePath: string, page: string): Response {
  if (wantsHtml(request, sitePath)) return {status: 500, headers: headers('text/html; charset=utf-8', page), body: page}
  // Feeds, styles and images are not served from an older build either: they would be stale.
  return text(503, 'The site has errors, so it is not served; open any page to see them.\n')
}

function notFound(request: Request, state: SiteState): Response {
  if (state.errorPage !== undefined) return errorResponse(request, 'index.html', state.errorPage)
  const page = state.files.get('404.html')
  return page === undefined ? text(404, 'Not found.\n') : file(404, '404.html', state.unpack ? state.unpack(page) : page, state.build)
}

function file(status: number, sitePath: string, contents: string | Uint8Array, build: string): Response {
  const type = contentTypeOf(sitePath)
  const body = isHtml(type) ? injectReload(contents, build) : contents
  return {status, headers: headers(type, body), body}
}

function redirect(status: 301 | 302, location: string): Response {
  return {status, headers: {...headers('text/plain; charset=utf-8', ''), Location: location}, body: ''}
}

function text(status: number, body: string): Response {
  return {status, headers: headers('text/plain; charset=utf-8', body), body}
}

function headers(type: string, body: string | Uint8Array): Record<string, string> {
  return {
    'Content-Type': type,
    'Content-Length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength),
    // A preview must never be cached: the next save changes it.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  }
}

/**
 * Whether the Host header names this machine when the server listens on a
 * loopback address. A web page cannot then read unpublished drafts through
 * DNS rebinding (a hostile name resolving to 127.0.0.1).
 */
export function hostAllowed(host: string | undefined, bindHost: string): boolean {
  if (!isLoopback(bindHost) || host === undefined) return true
  let hostname: string
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    return false
  }
  return isLoopback(hostname.replace(/^\[|\]$/g, ''))
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
