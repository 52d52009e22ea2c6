// The site, resolved once: site.yml and regions.yml read (load/) and
// parsed (parse/) into the frozen `Site` every later step receives. Shared
// by checkArchive and the builder; kept apart from pipeline.ts so that a
// warm check, which parses no brief, never loads the Markdown parser.
import type {Site} from './ast.js'
import {appendAll, type Diagnostic} from './diagnostics/diagnostic.js'
import {loadConfig} from './load/content.js'
import {parseSite} from './parse/site.js'

export interface SiteOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Overrides site.yml's baseUrl. */
  readonly baseUrl?: string
}

export interface LoadedSite {
  /** The resolved settings and regions, when site.yml and regions.yml are valid. */
  readonly site?: Site
  readonly diagnostics: Diagnostic[]
  /** site.yml's and regions.yml's text by display path (for code frames). */
  readonly sources: Map<string, string>
  /** Both files' text and the --base-url override, joined: what every brief's compiled result depends on. */
  readonly configText: string
}

/** site.yml and regions.yml, read and resolved into the frozen `Site` every later step receives. */
export async function loadSite(options: SiteOptions): Promise<LoadedSite> {
  const sources = new Map<string, string>()
  const config = await loadConfig(options.contentDir, options.cwd)
  const diagnostics = [...config.diagnostics]
  for (const file of [config.site, config.regions]) if (file) sources.set(file.file, file.value)
  if (!config.site || !config.regions) return {diagnostics, sources, configText: ''}
  const siteResult = parseSite(
    {site: config.site, regions: config.regions, contentDir: options.contentDir},
    options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}
  )
  appendAll(diagnostics, siteResult.diagnostics)
  const configText = `${config.site.value}\0${config.regions.value}\0${options.baseUrl ?? ''}`
  return {...(siteResult.site ? {site: siteResult.site} : {}), diagnostics, sources, configText}
}
