// Test helper: the Web as `sitrep links` meets it, on loopback. One HTTP
// server and one HTTPS server (a self-signed certificate made with openssl
// at test time, so every https URL is a TLS failure) answer by path: 200,
// redirect chains, a loop, 404, 410, 429 with Retry-After, 500 then 200, a
// slow answer, a reset connection, a huge body, HEAD refused; plus a fake
// Web archive availability API. Every request is logged (method, host,
// path, time, how many were in flight to that host), so tests can assert
// what was fetched, what never was, and how politely.
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import type {Target} from '../../src/load/http-check.js'

export interface LoggedRequest {
  readonly method: string
  readonly host: string
  readonly path: string
  readonly secure: boolean
  readonly userAgent: string
  readonly at: number
  /** Requests in flight to this host when this one arrived (itself included). */
  readonly inFlight: number
}

export interface LinkServer {
  readonly log: LoggedRequest[]
  /** Bytes of /huge's body written before the client closed the connection. */
  readonly hugeBytes: () => number
  readonly hugeFinished: () => boolean
  /** Where `*.test` hosts connect (http or https by the URL); any other host does not exist. */
  readonly connectTo: (url: URL) => Target | undefined
  /** Pretend-latency for /ok-style answers, in ms (the bench sets 50). */
  latency: number
  /** Answer every path as this one (`/missing`, `/moved` ...): docs examples cite real-looking addresses. */
  answerAll: string | undefined
  /** The most requests in flight at once, to all hosts. */
  readonly peakInFlight: () => number
  /** Where any host connects: the plain or TLS server by scheme (docs examples, the bench). */
  readonly connectAll: (url: URL) => Target
  close(): Promise<void>
}

const exec = promisify(execFile)

/** A throwaway self-signed certificate for `localhost` (never valid for the `.test` names it serves). */
async function selfSigned(): Promise<{key: Buffer; cert: Buffer}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-cert-'))
  try {
    await exec('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'])
    return {key: await readFile(path.join(dir, 'key.pem')), cert: await readFile(path.join(dir, 'cert.pem'))}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

export async function startLinkServer(options: {https?: boolean} = {}): Promise<LinkServer> {
  const log: LoggedRequest[] = []
  const inFlight = new Map<string, number>()
  const seen = new Map<string, number>()
  let hugeBytes = 0
  let hugeFinished = false
  const state: {latency: number; answerAll: string | undefined} = {latency: 0, answerAll: undefined}
  let active = 0
  let peak = 0

  const handler = (secure: boolean) => (request: http.IncomingMessage, response: http.ServerResponse) => {
    const host = request.headers.host ?? ''
    const url = new URL(request.url ?? '/', `http://${host}`)
    const count = (inFlight.get(host) ?? 0) + 1
    inFlight.set(host, count)
    peak = Math.max(peak, ++active)
    response.on('close', () => {
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1)
      active--
    })
    log.push({method: request.method ?? '', host, path: `${url.pathname}${url.search}`, secure, userAgent: request.headers['user-agent'] ?? '', at: performance.now(), inFlight: count})
    const times = (seen.get(`${host}${url.pathname}`) ?? 0) + 1
    seen.set(`${host}${url.pathname}`, times)
    const send = (status: number, headers: http.OutgoingHttpHeaders = {}, body = '') => {
      response.writeHead(status, {'content-type': 'text/html', ...headers})
      response.end(request.method === 'HEAD' ? undefined : body)
    }
    // Redirect targets keep their own answers under answerAll, so a redirect arrives.
    const own = ['/wayback/available', '/new-home', '/chain-2', '/loop-a', '/loop-b'].includes(url.pathname)
    const route = own ? url.pathname : (state.answerAll ?? url.pathname.replace(/\/\d+$/, '/n'))
    const ok = () => {
      setTimeout(() => {
        send(200, {}, '<p>ok</p>')
      }, state.latency)
    }
    const routes: Record<string, () => void> = {
      '/ok': ok,
      '/new-home': ok,
      '/pace/n': ok,
      '/moved': () => {
        send(301, {location: '/new-home'})
      },
      '/found': () => {
        send(302, {location: `http://${host}/ok`})
      },
      '/chain': () => {
        send(302, {location: '/chain-2'})
      },
      '/chain-2': () => {
        send(308, {location: '/new-home'})
      },
      '/loop-a': () => {
        send(302, {location: '/loop-b'})
      },
      '/loop-b': () => {
        send(307, {location: '/loop-a'})
      },
      '/missing': () => {
        send(404, {}, 'not found')
      },
      '/dead-archived': () => {
        send(404, {}, 'not found')
      },
      '/gone': () => {
        send(410, {}, 'gone')
      },
      '/busy': () => {
        send(429, {'retry-after': '1'})
      },
      '/forbidden': () => {
        send(403, {}, 'no robots')
      },
      '/broken': () => {
        send(503, {}, 'down')
      },
      '/flaky': () => {
        send(times === 1 ? 500 : 200)
      },
      '/slow': () => {
        setTimeout(() => {
          if (!response.destroyed) send(200)
        }, 6000)
      },
      '/reset': () => {
        request.socket.destroy()
      },
      '/no-head': () => {
        if (request.method === 'HEAD') send(405, {allow: 'GET'})
        else send(200, {}, 'fine')
      },
      '/huge': () => {
        if (request.method === 'HEAD') {
          send(405, {allow: 'GET'})
          return
        }
        // 1 GiB, streamed as the client reads it: a checker that downloads it would take minutes.
        response.writeHead(200, {'content-type': 'application/pdf', 'content-length': String(1024 ** 3)})
        const chunk = Buffer.alloc(64 * 1024, 120)
        const pump = (): void => {
          while (!response.destroyed && hugeBytes < 1024 ** 3) {
            hugeBytes += chunk.length
            if (!response.write(chunk)) {
              response.once('drain', pump)
              return
            }
          }
          if (!response.destroyed) {
            hugeFinished = true
            response.end()
          }
        }
        pump()
      },
      '/wayback/available': () => {
        const asked = url.searchParams.get('url') ?? ''
        const snapshot = asked.includes('/missing') || asked.includes('/gone')
        const body = snapshot
          ? {url: asked, archived_snapshots: {closest: {status: '200', available: true, url: `http://web.archive.org/web/20240101000000/${asked}`, timestamp: '20240101000000'}}}
          : {url: asked, archived_snapshots: {}}
        response.writeHead(200, {'content-type': 'application/json'})
        response.end(JSON.stringify(body))
      }
    }
    const answer =
      routes[route] ??
      (() => {
        send(404)
      })
    answer()
  }

  const plain = http.createServer({keepAlive: true}, handler(false))
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))
  const secure = options.https === false ? undefined : https.createServer(await selfSigned(), handler(true))
  if (secure) await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve))
  const httpPort = (plain.address() as AddressInfo).port
  const httpsPort = secure ? (secure.address() as AddressInfo).port : 1

  return {
    log,
    hugeBytes: () => hugeBytes,
    hugeFinished: () => hugeFinished,
    peakInFlight: () => peak,
    connectAll: (url) => ({host: '127.0.0.1', port: url.protocol === 'https:' ? httpsPort : httpPort}),
    get answerAll() {
      return state.answerAll
    },
    set answerAll(route: string | undefined) {
      state.answerAll = route
    },
    connectTo: (url) => (url.hostname.endsWith('.test') ? {host: '127.0.0.1', port: url.protocol === 'https:' ? httpsPort : httpPort} : undefined),
    get latency() {
      return state.latency
    },
    set latency(ms: number) {
      state.latency = ms
    },
    async close() {
      plain.closeAllConnections()
      secure?.closeAllConnections()
      await Promise.all([new Promise((resolve) => plain.close(resolve)), secure ? new Promise((resolve) => secure.close(resolve)) : undefined])
    }
  }
}
