// The site, resolved once: site.yml and regions.yml read (load/) and
// parsed (parse/) into the frozen `Site` every later step receives. The
// builder's first step; kept apart from compile.ts so that a warm check,
// which parses no brief, never loads the Markdown parser, and with a
// cache, not even the YAML parser and the schemas.
import type {Site} from '../ast.js'
import {contentKey} from '../content-key.js'
import {appendAll, type Diagnostic} from '../diagnostics/diagnostic.js'
import {readSiteEntry} from './cache.js'
import {loadConfig} from '../load/content.js'
import {freezeSite} from '../parse/freeze.js'
import {writeSiteEntry, type CacheFailure} from './cache.js'

export interface SiteOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Overrides site.yml's baseUrl. */
  readonly baseUrl?: string
  /**
   * The persistent cache and sitrep's code fingerprint: the resolved site
   * is kept there and reused while both files' text and the code are the
   * same. Default: none, parse every time.
   */
  readonly cache?: {readonly dir: string; readonly code: string}
}

export interface LoadedSite {
  /** The resolved settings and regions, when site.yml and regions.yml are valid. */
  readonly site?: Site
  readonly diagnostics: Diagnostic[]
  /** site.yml's and regions.yml's text by display path (for code frames). */
  readonly sources: Map<string, string>
  /** Both files' text and the --base-url override, joined: what every brief's compiled result depends on. */
  readonly configText: string
  /** Set when the resolved site could not be written to the cache. */
  readonly cacheFailure?: CacheFailure
}

/** site.yml and regions.yml, read and resolved into the frozen `Site` every later step receives. */
export async function loadSite(options: SiteOptions): Promise<LoadedSite> {
  const sources = new Map<string, string>()
  const config = await loadConfig(options.contentDir, options.cwd)
  const diagnostics = [...config.diagnostics]
  for (const file of [config.site, config.regions]) if (file) sources.set(file.file, file.value)
  if (!config.site || !config.regions) return {diagnostics, sources, configText: ''}
  const configText = `${config.site.value}\0${config.regions.value}\0${options.baseUrl ?? ''}`
  const cache = options.cache
  // The site depends on both files, the override, where the content is (Site.contentDir) and the code that parses them.
  const key = cache && contentKey([cache.code, options.contentDir, configText])
  const cached = cache && key !== undefined ? await readSiteEntry(cache.dir, key) : undefined
  if (cached) {
    appendAll(diagnostics, cached.diagnostics)
    return {site: freezeSite(cached.site), diagnostics, sources, configText}
  }
  // Loaded only when there is something to parse.
  const {parseSite} = await import('../parse/site.js')
  const siteResult = parseSite(
    {site: config.site, regions: config.regions, contentDir: options.contentDir},
    options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}
  )
  appendAll(diagnostics, siteResult.diagnostics)
  // A broken site is parsed again next time: it is about to be fixed.
  const cacheFailure =
    cache && key !== undefined && siteResult.site ? await writeSiteEntry(cache.dir, {key, site: siteResult.site, diagnostics: siteResult.diagnostics}) : undefined
  return {...(siteResult.site ? {site: siteResult.site} : {}), diagnostics, sources, configText, ...(cacheFailure === undefined ? {} : {cacheFailure})}
}
