// links/: the JSON report of `sitrep links`, a pure function: check's
// fields for each diagnostic plus what was found (status, final URL, when
// it was checked, an archived copy offered), and every URL checked with
// the places citing it, so a tool can also list what is fine.
import {countBySeverity, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {jsonRecord} from '../diagnostics/report.js'
import type {CitedUrl} from './collect.js'
import type {UrlResult} from './result.js'

export function formatLinksJson(
  list: readonly Diagnostic[],
  cited: readonly CitedUrl[],
  results: ReadonlyMap<string, UrlResult>,
  unchecked: readonly string[]
): string {
  const sorted = sortDiagnostics(list)
  const {errors, warnings} = countBySeverity(sorted)
  const diagnostics = sorted.map((d) => {
    const base = jsonRecord(d)
    if (!d.rule.startsWith('links/')) return base
    const data = d.data as {url: string; status?: number; finalUrl: string; checkedAt: string; archived?: string}
    return {...base, url: data.url, status: data.status ?? null, finalUrl: data.finalUrl, checkedAt: data.checkedAt, archived: data.archived ?? null}
  })
  const urls = cited.map(({url, places}) => {
    const result = results.get(url)
    return {
      url,
      status: result?.outcome.kind === 'http' ? result.outcome.status : null,
      outcome: result === undefined ? 'unchecked' : result.outcome.kind === 'network' ? result.outcome.error : result.outcome.kind,
      finalUrl: result?.finalUrl ?? null,
      checkedAt: result?.checkedAt ?? null,
      redirects: result?.redirects ?? [],
      archived: result?.archived ?? null,
      citedBy: places.map((place) => ({file: place.file, line: place.position.start.line, column: place.position.start.column, ...(place.note === undefined ? {} : {note: place.note})}))
    }
  })
  return JSON.stringify({diagnostics, urls, unchecked, errors, warnings}, null, 2) + '\n'
}
