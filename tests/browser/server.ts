// Test helper: a tiny static file server for a built site, like a plain
// static host. It serves the site under a sub-path (by default
// /some/folder/) to prove the site works from any folder: directories get
// their index.html (with a redirect to the trailing-slash URL, as hosts
// do), and every miss gets the site's 404.html with status 404.
import {createServer, type ServerResponse} from 'node:http'
import {readFile, stat} from 'node:fs/promises'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {contentTypeOf} from '../../src/serve/content-type.js'

export interface StaticServer {
  /** Absolute URL of the site's root folder, ending in '/'. */
  readonly url: string
  close(): Promise<void>
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8'
}

export async function serveStatic(siteDir: string, prefix = '/some/folder/'): Promise<StaticServer> {
  const root = path.resolve(siteDir)
  const server = createServer((request, response) => {
    void handle(request.method ?? 'GET', request.url ?? '/', response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  async function handle(method: string, rawUrl: string, response: ServerResponse): Promise<void> {
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, {allow: 'GET, HEAD'}).end()
      return
    }
    const url = new URL(rawUrl, 'http://localhost')
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return notFound(response, method)
    }
    if (!pathname.startsWith(prefix) || pathname.includes('\0')) return notFound(response, method)
    let file = path.resolve(root, `.${pathname.slice(prefix.length - 1)}`)
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(response, method)
    const info = await stat(file).catch(() => undefined)
    if (info?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        response.writeHead(301, {location: `${url.pathname}/${url.search}`}).end()
        return
      }
      file = path.join(file, 'index.html')
    }
    const body = await readFile(file).catch(() => undefined)
    if (body === undefined) return notFound(response, method)
    send(response, method, 200, file, body)
  }

  async function notFound(response: ServerResponse, method: string): Promise<void> {
    const page = path.join(root, '404.html')
    const body = await readFile(page).catch(() => Buffer.from('Not found\n'))
    send(response, method, 404, page, body)
  }

  function send(response: ServerResponse, method: string, status: number, file: string, body: Buffer): void {
    response.writeHead(status, {
      // Citation files as sitrep serve sends them (README: configure a host alike); the rest as a plain host would.
      'content-type': /\.(bib|ris|csl\.json)$/.test(file) ? contentTypeOf(file) : (types[path.extname(file)] ?? 'application/octet-stream'),
      'content-length': body.length,
      'cache-control': 'no-store'
    })
    response.end(method === 'HEAD' ? undefined : body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
      })
  }
}
