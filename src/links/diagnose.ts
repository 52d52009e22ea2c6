// links/: checked URLs → diagnostic records, one for each place that cites
// a URL with a problem (the same URL in three notes is three diagnostics,
// each at its own line). Pure: the results are data, fetched or cached.
import type {LinkData, RuleId} from '../diagnostics/catalogue.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import type {CitedUrl, CitingPlace} from './collect.js'
import {isDead, movedPermanently, type UrlResult} from './result.js'

type LinkRule = Extract<RuleId, `links/${string}`>

/** The reason phrases of the statuses a check meets (a table here, not node:http's: this module stays pure). */
const reasons: Readonly<Record<number, string>> = {
  200: 'OK',
  204: 'No Content',
  300: 'Multiple Choices',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  410: 'Gone',
  418: "I'm a Teapot",
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  520: 'Web Server Returned an Unknown Error',
  521: 'Web Server Is Down',
  522: 'Connection Timed Out',
  523: 'Origin Is Unreachable',
  524: 'A Timeout Occurred'
}

/** `HTTP 503 Service Unavailable`. */
export function statusText(status: number): string {
  const reason = reasons[status]
  return reason === undefined ? `HTTP ${status}` : `HTTP ${status} ${reason}`
}

/** The rule a result breaks at a place, and the outcome in words; undefined when the URL is fine. */
export function ruleOf(result: UrlResult, place: Pick<CitingPlace, 'archived'>): {rule: LinkRule; detail: string} | undefined {
  const {outcome} = result
  if (isDead(outcome) && place.archived !== undefined) return {rule: 'links/dead-archived', detail: describe(result)}
  switch (outcome.kind) {
    case 'redirect-loop':
      return {rule: 'links/redirect-loop', detail: describe(result)}
    case 'network': {
      const rule = ({dns: 'links/dns', timeout: 'links/timeout', tls: 'links/tls', reset: 'links/connection', refused: 'links/connection', other: 'links/connection'} as const)[outcome.error]
      return {rule, detail: outcome.detail}
    }
    case 'http': {
      const {status} = outcome
      if (status >= 200 && status < 300) {
        if (!movedPermanently(result)) return undefined
        return {rule: 'links/moved', detail: result.redirects.map((step) => step.status).join(', then ')}
      }
      if (status === 404) return {rule: 'links/not-found', detail: statusText(status)}
      if (status === 410) return {rule: 'links/gone', detail: statusText(status)}
      if (status === 429) return {rule: 'links/rate-limited', detail: statusText(status)}
      if (status >= 500 && status < 600) return {rule: 'links/server-error', detail: statusText(status)}
      return {rule: 'links/refused', detail: statusText(status)}
    }
  }
}

function describe(result: UrlResult): string {
  const {outcome} = result
  if (outcome.kind === 'http') return statusText(outcome.status)
  if (outcome.kind === 'network') return outcome.detail
  const steps = result.redirects.length
  const back = result.redirects.at(-1)?.to
  return back !== undefined && result.redirects.some((step) => step.from === back)
    ? `after ${steps} redirects it is sent back to ${back}`
    : `it was redirected ${steps} times without arriving`
}

/** One diagnostic per place citing a URL with a problem; URLs without a result (not checked) get none. */
export function linkDiagnostics(cited: readonly CitedUrl[], results: ReadonlyMap<string, UrlResult>): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const {url, places} of cited) {
    const result = results.get(url)
    if (result === undefined) continue
    for (const place of places) {
      const found = ruleOf(result, place)
      if (found === undefined) continue
      const data: LinkData = {
        url,
        ...(place.note === undefined ? {} : {note: place.note}),
        ...(result.outcome.kind === 'http' ? {status: result.outcome.status} : {}),
        finalUrl: result.finalUrl,
        checkedAt: result.checkedAt,
        attempts: result.attempts,
        detail: found.detail,
        ...(result.archived === undefined || place.archived !== undefined ? {} : {archived: result.archived}),
        written: place.written
      }
      out.push(diagnostic(place.file, found.rule, place.position, data))
    }
  }
  return out
}
