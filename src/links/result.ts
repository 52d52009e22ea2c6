// links/: what checking one URL found, as plain data: what load/ returns
// for a fetch, what the results cache keeps, and what the diagnostics and
// the JSON report are made from.

/** One step of a redirect chain. */
export interface Redirect {
  readonly status: number
  readonly from: string
  readonly to: string
}

/**
 * How a URL answered (after retries, redirects followed):
 * - `http`: a response, its final status (2xx is fine; 404, 410, 429, 5xx ... are not);
 * - `redirect-loop`: the redirects came back to an address already visited, or never ended;
 * - `network`: no response: the host has no address (`dns`), no answer in time
 *   (`timeout`), a certificate that could not be verified (`tls`), a connection
 *   reset or refused (`reset`, `refused`), or anything else (`other`).
 */
export type Outcome =
  | {readonly kind: 'http'; readonly status: number}
  | {readonly kind: 'redirect-loop'}
  | {readonly kind: 'network'; readonly error: NetworkError; readonly detail: string}

export type NetworkError = 'dns' | 'timeout' | 'tls' | 'reset' | 'refused' | 'other'

export interface UrlResult {
  /** The URL fetched (the cited one, without its #fragment, which no server sees). */
  readonly url: string
  readonly outcome: Outcome
  /** Where the redirects led (the URL itself when there were none). */
  readonly finalUrl: string
  readonly redirects: readonly Redirect[]
  /** When it was checked, ISO 8601 in UTC. */
  readonly checkedAt: string
  /** Requests made for it, retries and the GET after a refused HEAD included. */
  readonly attempts: number
  /** An archived copy a Web archive offered for a dead URL (https), when one was asked for and found. */
  readonly archived?: string
}

/** Whether an outcome means the source is dead (no page to read): these ask the Web archive for a copy. */
export function isDead(outcome: Outcome): boolean {
  if (outcome.kind === 'http') return outcome.status === 404 || outcome.status === 410
  return outcome.kind === 'redirect-loop' || (outcome.kind === 'network' && outcome.error === 'dns')
}

/** Whether a redirect chain holds a permanent step (301, 308): the source should cite the new address. */
export function movedPermanently(result: UrlResult): boolean {
  return result.redirects.some((step) => step.status === 301 || step.status === 308)
}
