// serve/: live reload. Open pages listen on a Server-Sent Events stream at a
// reserved path; each build has an id, sent when a page connects and after
// every rebuild, and a page whose id differs reloads itself. The script is
// added to HTML responses at serve time only: built files stay untouched.
import type {IncomingMessage, ServerResponse} from 'node:http'

/** Reserved: no built file can live under /__sitrep/ (the renderer never writes there). */
export const reservedPrefix = '/__sitrep/'
export const eventsPath = `${reservedPrefix}events`

/**
 * The whole client: a constant, never built from content. It compares the
 * build id the page was served with (its data attribute) against the
 * server's, so a page served just before a rebuild still reloads, and so
 * does every page after the server restarts. EventSource reconnects itself.
 */
export const reloadScript = `(function () {
  var script = document.currentScript;
  var served = script ? script.getAttribute("data-sitrep-build") : null;
  var source = new EventSource(${JSON.stringify(eventsPath)});
  source.addEventListener("build", function (event) {
    if (event.data !== served) {
      source.close();
      location.reload();
    }
  });
})();`

/** A build id: letters, digits and hyphens only, so it is safe in an attribute and an event. */
export function buildId(serverStart: number, count: number): string {
  return `${serverStart.toString(36)}-${count}`
}

/** The page with the reload script before its closing </body> (or at its end). */
export function injectReload(html: string, build: string): string
export function injectReload(html: Uint8Array, build: string): Uint8Array
export function injectReload(html: string | Uint8Array, build: string): string | Uint8Array
export function injectReload(html: string | Uint8Array, build: string): string | Uint8Array {
  const tag = reloadTag(build)
  if (typeof html !== 'string') {
    // Every HTML response passes through here: splicing the bytes avoids
    // decoding, lower-casing and re-encoding the page (a region page is
    // hundreds of kilobytes) on every request.
    const bytes = Buffer.from(html.buffer, html.byteOffset, html.byteLength)
    const at = bytes.lastIndexOf('</body>')
    // Only when no later "</BODY>" in another case follows, which the renderer never writes.
    if (at !== -1 && !bytes.subarray(at + 1).toString('latin1').toLowerCase().includes('</body>')) {
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(tag), bytes.subarray(at)])
    }
    return Buffer.from(injectReload(bytes.toString('utf8'), build))
  }
  const at = html.toLowerCase().lastIndexOf('</body>')
  return at === -1 ? `${html}${tag}` : `${html.slice(0, at)}${tag}${html.slice(at)}`
}

function reloadTag(build: string): string {
  if (!/^[a-z0-9-]+$/.test(build)) throw new Error(`invalid build id ${JSON.stringify(build)}`)
  return `<script data-sitrep-build="${build}">${reloadScript}</script>`
}

/**
 * At most this many open event streams by default. Each is a socket held
 * open for as long as its page is, so without a bound a runaway script (or a
 * local program) could hold sockets and memory until the process runs out of
 * file descriptors; a browser holds one per open tab.
 */
export const defaultMaxStreams = 500

/** The open event streams, and what to send them. */
export class ReloadHub {
  readonly #clients = new Set<ServerResponse>()
  readonly #maxStreams: number
  #build: string
  readonly #heartbeat: NodeJS.Timeout

  constructor(build: string, maxStreams = defaultMaxStreams) {
    this.#build = build
    this.#maxStreams = maxStreams
    // A comment every 30 s keeps idle connections from being dropped by proxies.
    this.#heartbeat = setInterval(() => {
      for (const client of this.#clients) client.write(': ping\n\n')
    }, 30_000)
    this.#heartbeat.unref()
  }

  get clients(): number {
    return this.#clients.size
  }

  connect(request: IncomingMessage, response: ServerResponse): void {
    if (this.#clients.size >= this.#maxStreams && request.method !== 'HEAD') {
      // Refused, not queued: an EventSource gives up on a 503, so the page stays as it is instead of retrying every second.
      response.writeHead(503, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '10'})
      response.end(`Too many live-reload connections (${this.#maxStreams}): close some tabs and reload.\n`)
      return
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff'
    })
    if (request.method === 'HEAD') {
      response.end()
      return
    }
    // Reconnect after one second when the server goes away (a restart).
    response.write(`retry: 1000\n\n`)
    response.write(event(this.#build))
    this.#clients.add(response)
    // The response closes when the page goes away or the socket fails: one listener, removed with the response.
    response.once('close', () => this.#clients.delete(response))
  }

  publish(build: string): void {
    this.#build = build
    for (const client of this.#clients) client.write(event(build))
  }

  close(): void {
    clearInterval(this.#heartbeat)
    for (const client of this.#clients) client.end()
    this.#clients.clear()
  }
}

function event(build: string): string {
  return `event: build\ndata: ${build}\n\n`
}
