// parse/ for the archive's settings: content/site.yml and content/regions.yml
// become one frozen Site value, resolved once and passed down to every stage.
import type {Site} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {closest} from '../diagnostics/suggest.js'
import {regionsSchema, siteSchema, type Region, type SiteSettings} from './schema.js'
import {describeIssues, parseYaml, type ParsedYaml} from './yaml.js'
import type {BriefFile} from './brief.js'
import {freezeSite} from './freeze.js'

export interface SiteInput {
  readonly site: BriefFile
  readonly regions: BriefFile
  readonly contentDir: string
}

export interface SiteOutput {
  readonly site?: Site
  readonly diagnostics: Diagnostic[]
}

export function parseSite(input: SiteInput, overrides: Partial<Pick<SiteSettings, 'baseUrl'>> = {}): SiteOutput {
  const diagnostics: Diagnostic[] = []
  const settings = readConfig(input.site, siteSchema, 'site.yml', diagnostics, overrides)
  const regions = readConfig(input.regions, regionsSchema, 'regions.yml', diagnostics)
  if (regions) checkRegions(input.regions.file, regions, parseYaml(input.regions.value), diagnostics)
  if (!settings || !regions || diagnostics.some((d) => d.severity === 'error')) return {diagnostics}
  return {site: freezeSite({settings, regions, contentDir: input.contentDir}), diagnostics}
}

interface Schema<T> {
  safeParse(value: unknown): {success: true; data: T} | {success: false; error: {issues: Parameters<typeof describeIssues>[0]}}
}

function readConfig<T>(
  input: BriefFile,
  schema: Schema<T>,
  name: string,
  diagnostics: Diagnostic[],
  overrides: Record<string, unknown> = {}
): T | undefined {
  const yaml = parseYaml(input.value)
  if (yaml.errors.length > 0) {
    for (const error of yaml.errors) diagnostics.push(diagnostic(input.file, 'config/yaml-syntax', error.position, {reason: error.reason}))
    return undefined
  }
  let value = yaml.value
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined))
    value = {...value, ...defined}
  }
  const result = schema.safeParse(value ?? undefined)
  if (result.success) return result.data
  for (const report of describeIssues(result.error.issues, yaml, `content/${name}`)) {
    if (report.kind === 'unknown-key') {
      const known = name === 'site.yml' ? Object.keys(siteSchema.shape) : ['id', 'name', 'aliases', 'group']
      const guess = closest(report.key.replace(/^.*[.\]]/, ''), known)
      diagnostics.push(
        diagnostic(input.file, 'config/schema', report.position, {
          problem: `"${report.key}" is not a setting of ${name}.`,
          fix: guess === undefined ? `Known settings: ${known.join(', ')}.` : `Did you mean "${guess}"?`
        })
      )
    } else {
      diagnostics.push(diagnostic(input.file, 'config/schema', report.position, {problem: report.problem, fix: report.fix}))
    }
  }
  return undefined
}

/** Ids, names and aliases must each pick out one region (compared as headings are). */
function checkRegions(file: string, regions: Region[], yaml: ParsedYaml, diagnostics: Diagnostic[]): void {
  const ids = new Map<string, number>()
  const names = new Map<string, number>()
  // A group's name is shown as a heading too, so it must not name a region.
  const groups = new Map<string, number>()
  regions.forEach((region, index) => {
    const key = region.group?.replace(/\s+/g, ' ').trim().toLowerCase()
    if (key !== undefined && !groups.has(key)) groups.set(key, yaml.placeOf([index, 'group']).start.line)
  })
  regions.forEach((region, index) => {
    const idPlace = yaml.placeOf([index, 'id'])
    const firstId = ids.get(region.id)
    if (firstId !== undefined) diagnostics.push(diagnostic(file, 'config/duplicate-region', idPlace, {name: region.id, first: firstId}))
    else ids.set(region.id, idPlace.start.line)
    const labels = [region.name, ...region.aliases]
    labels.forEach((label, k) => {
      const key = label.replace(/\s+/g, ' ').trim().toLowerCase()
      const place = k === 0 ? yaml.placeOf([index, 'name']) : yaml.placeOf([index, 'aliases', k - 1])
      const first = names.get(key) ?? groups.get(key)
      if (first !== undefined) {
        diagnostics.push(diagnostic(file, 'config/duplicate-region', place, {name: label, first}))
      } else names.set(key, place.start.line)
    })
  })
}
