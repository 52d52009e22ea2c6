// serve/: the Content-Type of each file of the built site, by its name.
// Feeds are Atom, the sitemap plain XML; text types say UTF-8 because the
// builder writes UTF-8 only. Anything unknown is sent as opaque bytes.
import {posix} from 'node:path'

const byExtension: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  // A brief's citation files (render/cite.ts): reference managers import them by these types.
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8'
}

export function contentTypeOf(sitePath: string): string {
  const name = posix.basename(sitePath).toLowerCase()
  // Every feed the renderer writes is called feed.xml (the archive's and each region's).
  if (name === 'feed.xml') return 'application/atom+xml; charset=utf-8'
  if (name.endsWith('.csl.json')) return 'application/vnd.citationstyles.csl+json; charset=utf-8'
  return byExtension[posix.extname(name)] ?? 'application/octet-stream'
}

export function isHtml(contentType: string): boolean {
  return contentType.startsWith('text/html')
}
