// `sitrep export --text`: briefs of the archive in their plain-text edition
// (render/text.ts), the shape analysts paste and `sitrep import` reads back:
// to standard output, or one `<slug>.txt` per brief into a folder. A brief
// with errors is reported and not exported (its text would not be the brief).
import path from 'node:path'
import {parseArgs} from 'node:util'
import {countBySeverity, type Diagnostic} from '../diagnostics/diagnostic.js'
import {format} from '../diagnostics/report.js'
import {closest} from '../diagnostics/suggest.js'
import {loadBriefs, loadConfig} from '../load/content.js'
import {parseSite} from '../parse/site.js'
import {parseBrief} from '../build/compile.js'
import type {Brief} from '../ast.js'
import {renderText} from '../render/text.js'
import {createNewFile} from '../write/new-file.js'
import {displayPath, isInside} from '../paths.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'
import {contentOption, helpOption} from './options.js'

export const exportHelp = `Usage: sitrep export --text [options] [SLUG...]

Write briefs in their plain-text edition: header, key takeaways, sections
under their region and topic lines, [n] citations, and the endnotes with
every source as written. \`sitrep import\` reads it back to the same brief.

Options:
  --text          the plain-text edition (the one format so far; required)
  --content DIR   content folder (default: content)
  --out DIR|-     a folder to write <slug>.txt into, or "-" for standard output
                  (default: standard output when one SLUG is named, else export/)
  -h, --help      show this help

With no SLUG, every brief of the archive is exported.

Exit codes: 0 exported, 1 a brief has errors or a file could not be written, 2 usage error.
`

/** The folder written when no --out is given and more than one brief is exported (next to content/, like dist/). */
const defaultFolder = 'export'

export async function runExport(args: string[], io: CliIo): Promise<ExitCode> {
  const {values, positionals} = parseArgs({
    args,
    options: {text: {type: 'boolean', default: false}, out: {type: 'string'}, ...contentOption, ...helpOption},
    strict: true,
    allowPositionals: true
  })
  if (values.help) {
    io.stdout.write(exportHelp)
    return exit.ok
  }
  // One format today; naming it keeps room for others (--json, --markdown) without changing what a bare command means.
  if (!values.text) throw new UsageError('say which edition to export: --text')
  const out = values.out ?? (positionals.length === 1 ? '-' : defaultFolder)
  if (out === '-' && positionals.length !== 1) throw new UsageError('standard output takes one brief: name its slug, or give --out DIR')

  const report = (list: readonly Diagnostic[]) => io.stderr.write(format(list, 'text', {color: useColor(io.stderr, io.env), sources: new Map()}))
  const contentDir = path.resolve(io.cwd, values.content)
  const config = await loadConfig(contentDir, io.cwd)
  const parsedSite = config.site && config.regions ? parseSite({site: config.site, regions: config.regions, contentDir}) : undefined
  const site = parsedSite?.site
  if (!site) {
    report([...config.diagnostics, ...(parsedSite?.diagnostics ?? [])])
    return exit.problems
  }
  const target = out === '-' ? undefined : path.resolve(io.cwd, out)
  if (target !== undefined && isInside(target, contentDir)) throw new UsageError(`--out must not be inside the content folder (got "${out}")`)

  const loaded = await loadBriefs(contentDir, io.cwd, site.settings.maxBriefBytes)
  const problems: Diagnostic[] = [...loaded.diagnostics.filter((d) => d.severity === 'error')]
  const briefs = new Map<string, {brief?: Brief; errors: Diagnostic[]}>()
  for (const file of loaded.files) {
    // Nothing was known before this run, so every file was read.
    if (file.value === undefined) continue
    const result = parseBrief(file, {regions: site.regions, limits: site.settings})
    const slug = result.brief?.slug ?? result.slug
    if (slug === undefined) {
      problems.push(...result.diagnostics.filter((d) => d.severity === 'error'))
      continue
    }
    briefs.set(slug, {...(result.brief ? {brief: result.brief} : {}), errors: result.diagnostics.filter((d) => d.severity === 'error')})
  }
  for (const slug of positionals) {
    if (briefs.has(slug)) continue
    const suggestion = closest(slug, [...briefs.keys()])
    throw new UsageError(`no brief has the slug "${slug}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`)
  }

  const wanted = positionals.length > 0 ? positionals : [...briefs.keys()].sort()
  let written = 0
  let failed = false
  for (const slug of wanted) {
    const entry = briefs.get(slug)
    if (!entry?.brief || entry.errors.length > 0) {
      problems.push(...(entry?.errors ?? []))
      continue
    }
    const text = renderText(entry.brief, {regions: site.regions})
    if (target === undefined) {
      io.stdout.write(text)
      continue
    }
    const file = path.join(target, `${slug}.txt`)
    const result = await createNewFile(file, text, {replace: true})
    if (result.kind === 'written') written++
    else {
      failed = true
      io.stderr.write(`sitrep export: could not write ${displayPath(file, io.cwd)}: ${result.kind === 'failed' ? result.reason : 'it exists'}\n`)
    }
  }
  if (problems.length > 0) {
    report(problems)
    io.stderr.write('Briefs with errors were not exported: fix them (`sitrep check` lists every problem), then export again.\n')
  }
  if (target !== undefined) io.stdout.write(`Exported ${written} brief${written === 1 ? '' : 's'} → ${displayPath(target, io.cwd, {folder: true})}\n`)
  return failed || countBySeverity(problems).errors > 0 ? exit.problems : exit.ok
}
