// The pipeline up to a linked archive: load → parse → validate → link.
// `check` stops here; `build` renders and writes what this returns.
import type {Brief, Site} from '../ast.js'
import {appendAll, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {linkArchive, type Archive} from '../link/archive.js'
import {loadBriefs} from '../load/content.js'
import {loadSite} from './site.js'
import {parseBrief} from './compile.js'

export interface CheckOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Overrides site.yml's baseUrl (e.g. for a preview deployment). */
  readonly baseUrl?: string
}

export interface CheckResult {
  readonly site?: Site
  readonly archive?: Archive
  readonly diagnostics: Diagnostic[]
  /** Text of every file read, by display path: reporters show code frames from it. */
  readonly sources: ReadonlyMap<string, string>
  readonly briefCount: number
}

export async function checkArchive(options: CheckOptions): Promise<CheckResult> {
  const {site, diagnostics, sources} = await loadSite(options)
  if (!site) return {diagnostics: sortDiagnostics(diagnostics), sources, briefCount: 0}

  const loaded = await loadBriefs(options.contentDir, options.cwd, site.settings.maxBriefBytes)
  appendAll(diagnostics, loaded.diagnostics)
  const briefs: Brief[] = []
  const broken: string[] = []
  for (const file of loaded.files) {
    sources.set(file.file, file.value)
    const result = parseBrief(file, {regions: site.regions, limits: site.settings})
    appendAll(diagnostics, result.diagnostics)
    if (result.brief) briefs.push(result.brief)
    else if (result.slug !== undefined) broken.push(result.slug)
  }
  const linked = linkArchive(briefs, site, broken)
  appendAll(diagnostics, linked.diagnostics)
  return {site, archive: linked.archive, diagnostics: sortDiagnostics(diagnostics), sources, briefCount: loaded.files.length}
}
