// load/: `sitrep links`' results cache (`.cache/sitrep/links/results.json`):
// each URL's last result, so a URL checked within --max-age is not fetched
// again and --offline can report without the network. A missing, corrupt or
// foreign file is an empty cache: it only costs requests.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {UrlResult} from '../links/result.js'

export const linksCacheFile = (cacheDir: string): string => path.join(cacheDir, 'links', 'results.json')

/** Bumped when UrlResult changes shape: an older file is then ignored. */
export const linksCacheVersion = 1

export async function readLinksCache(cacheDir: string): Promise<Map<string, UrlResult>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(linksCacheFile(cacheDir), 'utf8'))
  } catch {
    return new Map()
  }
  const file = parsed as {version?: unknown; results?: unknown} | null
  if (file?.version !== linksCacheVersion || typeof file.results !== 'object' || file.results === null) return new Map()
  const out = new Map<string, UrlResult>()
  for (const [url, entry] of Object.entries(file.results as Record<string, unknown>)) if (isResult(url, entry)) out.set(url, entry)
  return out
}

/** Enough of a UrlResult's shape to report from it; a damaged entry is fetched again. */
function isResult(url: string, value: unknown): value is UrlResult {
  const entry = value as Partial<UrlResult> | null
  if (entry?.url !== url || typeof entry.finalUrl !== 'string' || typeof entry.checkedAt !== 'string' || Number.isNaN(Date.parse(entry.checkedAt))) return false
  if (!Array.isArray(entry.redirects) || typeof entry.attempts !== 'number') return false
  const outcome = entry.outcome as {kind?: unknown; status?: unknown; error?: unknown; detail?: unknown} | undefined
  if (outcome?.kind === 'http') return typeof outcome.status === 'number'
  if (outcome?.kind === 'redirect-loop') return true
  return outcome?.kind === 'network' && typeof outcome.error === 'string' && typeof outcome.detail === 'string'
}
