// The pipeline up to a linked archive: load → parse → validate → link.
// `check` stops here; `build` renders and writes what this returns.
import type {Brief, Site} from './ast.js'
import {appendAll, sortDiagnostics, type Diagnostic} from './diagnostics/diagnostic.js'
import {linkArchive, type Archive} from './link/archive.js'
import {loadBriefs} from './load/content.js'
import {parseBriefSyntax, type BriefFile, type ParseOptions} from './parse/brief.js'
import {loadSite} from './settings.js'
import {validateBrief} from './validate/brief.js'

export interface BriefResult {
  /** The brief, when its frontmatter is valid (it may still have body errors). */
  readonly brief?: Brief
  /** The slug the file is published under, even when its frontmatter is broken (see ParseOutput). */
  readonly slug?: string
  readonly diagnostics: Diagnostic[]
}

/**
 * Parse and validate one brief: every problem of the file, sorted. The
 * regions vocabulary resolves `##` headings; without it every heading is
 * reported as naming no region.
 */
export function parseBrief(file: BriefFile, options: ParseOptions = {}): BriefResult {
  const parsed = parseBriefSyntax(file, options)
  const diagnostics = [...parsed.diagnostics]
  if (parsed.body) {
    const validated = validateBrief(parsed.body, {
      regions: options.regions ?? [],
      ...(parsed.brief ? {takeaways: parsed.brief.takeaways} : {}),
      ...(options.limits ? {limits: options.limits} : {})
    })
    appendAll(diagnostics, validated)
  }
  return {
    ...(parsed.brief ? {brief: parsed.brief} : {}),
    ...(parsed.slug === undefined ? {} : {slug: parsed.slug}),
    diagnostics: sortDiagnostics(diagnostics)
  }
}

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
