// links/: which URLs a run fetches and which it reports from the results
// cache, and what the cache keeps afterwards. Pure: the clock is passed in.
import type {UrlResult} from './result.js'

const units: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000}

/** `7d`, `12h`, `30m`, `90s`, `2w` or `0` (always fetch) in milliseconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(text)
  if (!match) return undefined
  const amount = Number(match[1])
  const unit = (match[2] ?? '').toLowerCase()
  if (unit === '') return amount === 0 ? 0 : undefined
  return Math.round(amount * (units[unit] ?? 0))
}

export interface PlanOptions {
  /** Now, in milliseconds since the epoch. */
  readonly now: number
  /** A result checked less than this long ago is reported from the cache. */
  readonly maxAgeMs: number
  /** Fetch nothing: report what the cache holds, however old. */
  readonly offline: boolean
}

export interface Plan {
  /** URLs to fetch, in the order given. */
  readonly fetch: readonly string[]
  /** Results reported from the cache, by URL. */
  readonly cached: ReadonlyMap<string, UrlResult>
  /** URLs neither fetched nor in the cache (offline only). */
  readonly unchecked: readonly string[]
}

export function planChecks(urls: readonly string[], cache: ReadonlyMap<string, UrlResult>, options: PlanOptions): Plan {
  const fetch: string[] = []
  const cached = new Map<string, UrlResult>()
  const unchecked: string[] = []
  for (const url of urls) {
    const entry = cache.get(url)
    const age = entry === undefined ? Number.NaN : options.now - Date.parse(entry.checkedAt)
    // A result from the future is a clock gone wrong or a damaged entry: not trusted.
    if (entry !== undefined && (options.offline || (age >= 0 && age < options.maxAgeMs))) cached.set(url, entry)
    else if (options.offline) unchecked.push(url)
    else fetch.push(url)
  }
  return {fetch, cached, unchecked}
}

/**
 * The cache after a run: the old entries updated with what was fetched.
 * A run over the whole archive drops the URLs nothing cites any more; a
 * run over some briefs (--changed-since) keeps the others' entries.
 */
export function nextCache(
  old: ReadonlyMap<string, UrlResult>,
  fetched: ReadonlyMap<string, UrlResult>,
  cited: ReadonlySet<string>,
  wholeArchive: boolean
): Map<string, UrlResult> {
  const next = new Map<string, UrlResult>()
  for (const [url, entry] of old) if (!wholeArchive || cited.has(url)) next.set(url, entry)
  for (const [url, entry] of fetched) next.set(url, entry)
  return new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
