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
export function injectReload(html: string, build: string): string {
  if (!/^[a-z0-9-]+$/.test(build)) throw new Error(`invalid build id ${JSON.stringify(build)}`)
  const tag = `<script data-sitrep-build="${build}">${reloadScript}</script>`
  const at = html.toLowerCase().lastIndexOf('</body>')
  return at === -1 ? `${html}${tag}` : `${html.slice(0, at)}${tag}${html.slice(at)}`
}

/** The open event streams, and what to send them. */
export class ReloadHub {
  readonly #clients = new Set<ServerResponse>()
  #build: string
  readonly #heartbeat: NodeJS.Timeout

  constructor(build: string) {
    this.#build = build
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
    const forget = () => this.#clients.delete(response)
    request.on('close', forget)
    response.on('close', forget)
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
