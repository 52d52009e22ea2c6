// The stage `sitrep links` runs: site.yml and regions.yml resolved (as
// every command does), every brief read and parsed in full (the archive's
// skeletons keep no sources), each cited URL collected once with every
// place citing it (links/collect.ts), the results cache read and the run
// planned (links/plan.ts), what must be fetched fetched (load/http-check.ts),
// the cache written back, and the results turned into diagnostics
// (links/diagnose.ts). The CLI decides only options, output and exit codes.
import {appendAll, type Diagnostic} from '../diagnostics/diagnostic.js'
import {loadBriefs} from '../load/content.js'
import {checkUrls, type HttpCheckOptions} from '../load/http-check.js'
import {readLinksCache} from '../load/links-cache.js'
import {collectUrls, type CitedUrl, type CitingBrief} from '../links/collect.js'
import {linkDiagnostics} from '../links/diagnose.js'
import {nextCache, planChecks} from '../links/plan.js'
import type {UrlResult} from '../links/result.js'
import type {CacheFailure} from './cache.js'
import {loadSite} from './site.js'

export interface LinksOptions extends Omit<HttpCheckOptions, 'userAgent' | 'archiveApi' | 'onResult'> {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** The cache folder (`.cache/sitrep`); none read or written when absent. */
  readonly cacheDir?: string
  /** A result younger than this is reported from the cache (default 7 days). */
  readonly maxAgeMs?: number
  /** Fetch nothing; report what the cache holds. */
  readonly offline?: boolean
  /** Only the briefs at these absolute paths (--changed-since); default: every brief. */
  readonly only?: ReadonlySet<string>
  /** The User-Agent; default `sitrep-links/<version> (+<baseUrl>)`, made by the CLI. */
  readonly userAgent: (baseUrl: string) => string
  /** How often a run saves the results it has so far (default 30 s: a run killed by a CI time limit loses at most that much). */
  readonly saveEveryMs?: number
  /** Called when the URLs to fetch are known, then as each is done. */
  readonly onProgress?: (done: number, total: number) => void
}

export interface LinksResult {
  readonly diagnostics: Diagnostic[]
  /** Text of files with diagnostics, by display path (code frames). */
  readonly sources: ReadonlyMap<string, string>
  /** Every URL checked or reported, with the places citing it. */
  readonly cited: readonly CitedUrl[]
  /** The result reported for each URL (fetched or cached). */
  readonly results: ReadonlyMap<string, UrlResult>
  readonly fetched: number
  readonly fromCache: number
  /** URLs with no result: offline and not in the cache. */
  readonly unchecked: readonly string[]
  /** Briefs read, and of them those that could not be parsed at all (reported by `sitrep check`). */
  readonly briefs: number
  readonly unparsed: readonly string[]
  readonly cacheFailure?: CacheFailure
}

export const defaultMaxAgeMs = 7 * 86_400_000

export async function checkLinks(options: LinksOptions): Promise<LinksResult> {
  const loaded = await loadSite({contentDir: options.contentDir, cwd: options.cwd})
  const empty = {cited: [], results: new Map(), fetched: 0, fromCache: 0, unchecked: [], briefs: 0, unparsed: []}
  // Without valid settings there is no baseUrl to tell links into the archive from sources: report why.
  if (!loaded.site) return {...empty, diagnostics: loaded.diagnostics, sources: loaded.sources}
  const site = loaded.site
  const diagnostics = [...loaded.diagnostics]
  const briefs = await loadBriefs(options.contentDir, options.cwd, site.settings.maxBriefBytes)
  appendAll(diagnostics, briefs.diagnostics)
  const {parseBriefSyntax} = await import('../parse/brief.js')
  const citing: CitingBrief[] = []
  const unparsed: string[] = []
  const texts = new Map<string, string>(loaded.sources)
  for (const file of briefs.files) {
    // Nothing was known before this run, so every file was read.
    if ((options.only !== undefined && !options.only.has(file.path)) || file.value === undefined) continue
    texts.set(file.file, file.value)
    const parsed = parseBriefSyntax(file, {regions: site.regions, limits: site.settings})
    if (parsed.body) citing.push(parsed.brief ? {...parsed.body, takeaways: parsed.brief.takeaways} : parsed.body)
    else unparsed.push(file.file)
  }
  const cited = collectUrls(citing, site.settings.baseUrl)
  const urls = cited.map((entry) => entry.url)

  const cache = options.cacheDir === undefined ? new Map<string, UrlResult>() : await readLinksCache(options.cacheDir)
  const now = options.now ?? (() => new Date())
  const plan = planChecks(urls, cache, {now: now().getTime(), maxAgeMs: options.maxAgeMs ?? defaultMaxAgeMs, offline: options.offline === true})
  options.onProgress?.(0, plan.fetch.length)
  const archiveApi = site.settings.links.archiveApi
  const cacheDir = options.cacheDir
  const write = cacheDir === undefined || plan.fetch.length === 0 ? undefined : (await import('../write/links-cache.js')).writeLinksCache
  // A long run (a weekly check of a big archive) saves what it has every
  // 30 s, one write at a time: a run killed by a CI time limit leaves its
  // results for the next, which then fetches only the rest.
  const soFar = new Map<string, UrlResult>()
  let saving: Promise<CacheFailure | undefined> = Promise.resolve(undefined)
  let savedAt = performance.now()
  const save = (whole: boolean) => {
    if (write === undefined || cacheDir === undefined) return
    const snapshot = nextCache(cache, soFar, new Set(urls), whole && options.only === undefined)
    saving = saving.then(async (failure) => failure ?? (await write(cacheDir, snapshot)))
  }
  const fetched =
    plan.fetch.length === 0
      ? new Map<string, UrlResult>()
      : await checkUrls(plan.fetch, {
          ...options,
          userAgent: options.userAgent(site.settings.baseUrl),
          ...(archiveApi === false ? {} : {archiveApi}),
          suggestFor: new Set(cited.filter((entry) => entry.places.some((place) => place.archived === undefined)).map((entry) => entry.url)),
          onResult: (result, done, total) => {
            soFar.set(result.url, result)
            if (performance.now() - savedAt >= (options.saveEveryMs ?? 30_000)) {
              savedAt = performance.now()
              save(false)
            }
            options.onProgress?.(done, total)
          }
        })
  for (const [url, result] of fetched) soFar.set(url, result)
  save(true)
  const cacheFailure = await saving
  const results = new Map<string, UrlResult>()
  for (const url of urls) {
    const result = fetched.get(url) ?? plan.cached.get(url)
    if (result) results.set(url, result)
  }
  appendAll(diagnostics, linkDiagnostics(cited, results))
  const sources = new Map<string, string>()
  for (const d of diagnostics) {
    const text = texts.get(d.file)
    if (text !== undefined) sources.set(d.file, text)
  }
  return {
    diagnostics,
    sources,
    cited,
    results,
    fetched: fetched.size,
    fromCache: plan.cached.size,
    unchecked: plan.unchecked,
    briefs: options.only === undefined ? briefs.files.length : citing.length + unparsed.length,
    unparsed,
    ...(cacheFailure === undefined ? {} : {cacheFailure})
  }
}
