// load/: fetching cited URLs to see whether they still answer, politely:
// HEAD first (GET when a server refuses HEAD, its body never read: the
// connection is closed once the headers are in), redirects followed one by
// one and recorded, timeouts, 429 (honouring Retry-After), 5xx, TLS and
// connection failures retried with backoff; at most `hostConcurrency`
// requests to one host at a time, `hostIntervalMs` apart, and at most
// `concurrency` in all. Also the Web archive's availability API, asked
// for a copy of a dead URL. Only this module touches the network.
import http from 'node:http'
import https from 'node:https'
import {isIP} from 'node:net'
import {errorCode} from '../error-code.js'
import type {NetworkError, Outcome, Redirect, UrlResult} from '../links/result.js'
import {isDead} from '../links/result.js'

/** Where to connect for a URL: an address and port (the Host header and TLS name stay the URL's). */
export interface Target {
  readonly host: string
  readonly port: number
}

export interface HttpCheckOptions {
  /** Sent with every request: says who checks and where to learn more. */
  readonly userAgent: string
  /** Per request, until the response's headers (default 10 s: slow government sites answer within it). */
  readonly timeoutMs?: number
  /** Requests in flight in all (default 32: a CI runner's share of bandwidth, and far from any file-descriptor limit). */
  readonly concurrency?: number
  /** Requests in flight to one host (default 2: what a polite crawler allows itself). */
  readonly hostConcurrency?: number
  /** Least time between the starts of two requests to one host (default 100 ms: at most ten a second). */
  readonly hostIntervalMs?: number
  /** Retries after a timeout, 429, 5xx, TLS or connection failure (default 2: three tries in all). */
  readonly retries?: number
  /** Wait before the first retry, doubled for each next one (default 1 s), unless Retry-After says otherwise. */
  readonly backoffMs?: number
  /** Longest Retry-After honoured (default 60 s): a site asking for an hour is reported as rate-limited instead. */
  readonly maxRetryAfterMs?: number
  /** Redirects followed (default 10, as browsers allow about 20). */
  readonly maxRedirects?: number
  /**
   * The Web archive's availability API (Wayback's `https://archive.org/wayback/available`
   * shape), asked for a copy of each dead URL; none asked when absent.
   */
  readonly archiveApi?: string
  /** The dead URLs worth asking the archive about (default: all); a source that carries a copy needs none. */
  readonly suggestFor?: ReadonlySet<string>
  /**
   * Where to connect for a URL instead of resolving its host name (tests,
   * and a bench pointing every host at a local server); undefined means the
   * name does not exist. Default: the system's resolver.
   */
  readonly connectTo?: (url: URL) => Target | undefined
  /** The clock for checkedAt (default: now). */
  readonly now?: () => Date
  /** Called as each URL is done. */
  readonly onResult?: (result: UrlResult, done: number, total: number) => void
}

const defaults = {
  timeoutMs: 10_000,
  concurrency: 32,
  hostConcurrency: 2,
  hostIntervalMs: 100,
  retries: 2,
  backoffMs: 1000,
  maxRetryAfterMs: 60_000,
  maxRedirects: 10
}

/** Statuses after which a HEAD is tried again as GET: servers that refuse or mishandle HEAD. */
const headRefused = new Set([400, 403, 405, 406, 501])
const redirectStatuses = new Set([301, 302, 303, 307, 308])

class Limiter {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++
      return
    }
    // The slot passes straight from release() to the next waiter.
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }
  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.active--
  }
}

interface Host {
  readonly limiter: Limiter
  /** When the next request to it may start (ms, performance.now()). */
  nextStart: number
}

type Answer =
  | {readonly kind: 'response'; readonly status: number; readonly location?: string; readonly retryAfterMs?: number; readonly body?: string}
  | {readonly kind: 'error'; readonly error: NetworkError; readonly detail: string}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Check every URL (each once, however often it is given); results by URL. */
export async function checkUrls(urls: readonly string[], options: HttpCheckOptions): Promise<Map<string, UrlResult>> {
  const o = {...defaults, ...definedOnly(options)}
  const agents = {
    'http:': new http.Agent({keepAlive: true}),
    'https:': new https.Agent({keepAlive: true})
  }
  const hosts = new Map<string, Host>()
  const all = new Limiter(Math.max(1, o.concurrency))
  const now = options.now ?? (() => new Date())

  const hostOf = (key: string): Host => {
    let host = hosts.get(key)
    if (!host) {
      host = {limiter: new Limiter(Math.max(1, o.hostConcurrency)), nextStart: 0}
      hosts.set(key, host)
    }
    return host
  }

  /** One request, politely: a slot of its host (spaced), then one of all. */
  const request = async (url: URL, method: 'HEAD' | 'GET', bodyLimit?: number): Promise<Answer> => {
    const host = hostOf(url.host)
    await host.limiter.acquire()
    try {
      const start = Math.max(performance.now(), host.nextStart)
      host.nextStart = start + o.hostIntervalMs
      const wait = start - performance.now()
      if (wait > 0) await sleep(wait)
      await all.acquire()
      let answer: Answer
      try {
        answer = await send(url, method, {userAgent: options.userAgent, timeoutMs: o.timeoutMs, agents, connectTo: options.connectTo, bodyLimit})
      } finally {
        all.release()
      }
      // A host asking for time gets it, for every request to it.
      if (answer.kind === 'response' && answer.retryAfterMs !== undefined) {
        host.nextStart = Math.max(host.nextStart, performance.now() + Math.min(answer.retryAfterMs, o.maxRetryAfterMs))
      }
      return answer
    } finally {
      host.limiter.release()
    }
  }

  const follow = async (start: string) => {
    let current = start
    const redirects: Redirect[] = []
    const visited = new Set([start])
    let requests = 0
    for (;;) {
      const url = new URL(current)
      let answer = await request(url, 'HEAD')
      requests++
      if (answer.kind === 'response' && headRefused.has(answer.status)) {
        answer = await request(url, 'GET')
        requests++
      }
      if (answer.kind === 'error') return {outcome: {kind: 'network', error: answer.error, detail: answer.detail} as Outcome, finalUrl: current, redirects, requests}
      if (redirectStatuses.has(answer.status) && answer.location !== undefined) {
        let next: URL
        try {
          next = new URL(answer.location, current)
        } catch {
          return {outcome: {kind: 'network', error: 'other', detail: `redirected to an invalid address "${answer.location}"`} as Outcome, finalUrl: current, redirects, requests}
        }
        next.hash = ''
        redirects.push({status: answer.status, from: current, to: next.href})
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return {outcome: {kind: 'network', error: 'other', detail: `redirected to ${next.protocol} address ${next.href}`} as Outcome, finalUrl: next.href, redirects, requests}
        }
        if (visited.has(next.href) || redirects.length > o.maxRedirects) return {outcome: {kind: 'redirect-loop'} as Outcome, finalUrl: next.href, redirects, requests}
        visited.add(next.href)
        current = next.href
        continue
      }
      return {outcome: {kind: 'http', status: answer.status} as Outcome, finalUrl: current, redirects, requests, retryAfterMs: answer.retryAfterMs}
    }
  }

  const checkOne = async (url: string): Promise<UrlResult> => {
    let attempts = 0
    for (let retry = 0; ; retry++) {
      const found = await follow(url)
      attempts += found.requests
      const transient = isTransient(found.outcome)
      const retryAfter = found.retryAfterMs
      const tooLong = retryAfter !== undefined && retryAfter > o.maxRetryAfterMs
      if (!transient || retry >= o.retries || tooLong) {
        const result: UrlResult = {url, outcome: found.outcome, finalUrl: found.finalUrl, redirects: found.redirects, checkedAt: now().toISOString(), attempts}
        if (o.archiveApi === undefined || !isDead(found.outcome) || options.suggestFor?.has(url) === false) return result
        const archived = await askArchive(url, o.archiveApi, request)
        return archived === undefined ? result : {...result, archived}
      }
      // Retry-After is honoured by the host's schedule (see request); backoff otherwise.
      if (retryAfter === undefined) await sleep(o.backoffMs * 2 ** retry)
    }
  }

  const unique = [...new Set(urls)]
  const results = new Map<string, UrlResult>()
  let done = 0
  try {
    await Promise.all(
      unique.map(async (url) => {
        const result = await checkOne(url)
        results.set(url, result)
        options.onResult?.(result, ++done, unique.length)
      })
    )
  } finally {
    agents['http:'].destroy()
    agents['https:'].destroy()
  }
  // In the order given, whatever order they finished in.
  return new Map(unique.map((url) => [url, results.get(url) as UrlResult]))
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function isTransient(outcome: Outcome): boolean {
  if (outcome.kind === 'http') return outcome.status === 429 || outcome.status === 408 || (outcome.status >= 500 && outcome.status < 600)
  return outcome.kind === 'network' && outcome.error !== 'dns'
}

/** One request; the response's body is never read (HEAD has none; a GET's connection is closed at the headers). */
interface SendOptions {
  readonly userAgent: string
  readonly timeoutMs: number
  readonly agents: {'http:': http.Agent; 'https:': https.Agent}
  readonly connectTo: HttpCheckOptions['connectTo']
  /** Read the body, up to this many bytes (the archive's JSON answer); no body is read otherwise. */
  readonly bodyLimit: number | undefined
}

function send(url: URL, method: 'HEAD' | 'GET', {userAgent, timeoutMs, agents, connectTo, bodyLimit}: SendOptions): Promise<Answer> {
  const target = connectTo ? connectTo(url) : {host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80)}
  if (target === undefined) return Promise.resolve({kind: 'error', error: 'dns', detail: `no address for ${url.hostname}`})
  const secure = url.protocol === 'https:'
  return new Promise<Answer>((resolve) => {
    let settled = false
    const settle = (answer: Answer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(answer)
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, '')
    const request = (secure ? https : http).request({
      method,
      host: target.host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      agent: secure ? agents['https:'] : agents['http:'],
      headers: {
        host: url.host,
        'user-agent': userAgent,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8',
        'accept-encoding': 'identity'
      },
      // The certificate is checked against the URL's host, wherever we connect.
      ...(secure && isIP(hostname) === 0 ? {servername: hostname} : {})
    })
    const timer = setTimeout(() => {
      settle({kind: 'error', error: 'timeout', detail: formatSeconds(timeoutMs)})
      request.destroy()
    }, timeoutMs)
    request.on('response', (response) => {
      // A body cut off by the server (or by us) must not become an uncaught error.
      response.on('error', () => undefined)
      const location = response.headers.location
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
      const answer = {
        kind: 'response' as const,
        status: response.statusCode ?? 0,
        ...(location === undefined ? {} : {location}),
        ...(retryAfterMs === undefined ? {} : {retryAfterMs})
      }
      if (bodyLimit !== undefined) {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size <= bodyLimit) chunks.push(chunk)
          else response.destroy()
        })
        response.on('end', () => {
          settle({...answer, body: Buffer.concat(chunks).toString('utf8')})
        })
        response.on('close', () => {
          settle({...answer, body: Buffer.concat(chunks).toString('utf8')})
        })
        return
      }
      settle(answer)
      if (method === 'HEAD') response.resume()
      // A GET was only for the status: its body (a huge PDF, an endless stream) is never downloaded.
      else response.destroy()
    })
    request.on('error', (error) => {
      settle(classify(error))
    })
    request.end()
  })
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3)).toString()} s`
}

/** `Retry-After: 120` or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const tlsCodes = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)|HOSTNAME|ALTNAME|EPROTO/

function classify(error: unknown): Answer {
  const code = errorCode(error) ?? ''
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ENOTFOUND') return {kind: 'error', error: 'dns', detail: 'no such host'}
  if (code === 'ETIMEDOUT') return {kind: 'error', error: 'timeout', detail: 'the connection timed out'}
  if (code === 'ECONNRESET' || code === 'EPIPE') return {kind: 'error', error: 'reset', detail: 'the server reset the connection'}
  if (code === 'ECONNREFUSED') return {kind: 'error', error: 'refused', detail: 'the server refused the connection'}
  if (tlsCodes.test(code)) return {kind: 'error', error: 'tls', detail: `${message} (${code})`}
  if (code === 'EAI_AGAIN') return {kind: 'error', error: 'other', detail: 'the host name could not be looked up (the resolver did not answer)'}
  return {kind: 'error', error: 'other', detail: code === '' ? message : `${message} (${code})`}
}

type Requester = (url: URL, method: 'HEAD' | 'GET', bodyLimit?: number) => Promise<Answer>

/**
 * A copy of `url` from the Web archive's availability API, upgraded to
 * https (the Wayback Machine answers with http addresses it also serves
 * over https); undefined when it has none or does not answer. Its own
 * request, through the same per-host schedule as every other.
 */
async function askArchive(url: string, api: string, request: Requester): Promise<string | undefined> {
  let endpoint: URL
  try {
    endpoint = new URL(api)
  } catch {
    return undefined
  }
  endpoint.searchParams.set('url', url)
  // An availability answer is a few hundred bytes; 64 KB bounds a wrong endpoint.
  const answer = await request(endpoint, 'GET', 64 * 1024)
  if (answer.kind !== 'response' || answer.status !== 200 || answer.body === undefined) return undefined
  return archivedFrom(answer.body)
}

/** The https address of the closest snapshot in an availability API's answer, if it offers one. */
export function archivedFrom(body: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  const closest = (parsed as {archived_snapshots?: {closest?: {available?: unknown; url?: unknown}}} | null)?.archived_snapshots?.closest
  if (closest?.available !== true || typeof closest.url !== 'string') return undefined
  try {
    const copy = new URL(closest.url)
    if (copy.protocol === 'http:') copy.protocol = 'https:'
    return copy.protocol === 'https:' ? copy.href : undefined
  } catch {
    return undefined
  }
}
