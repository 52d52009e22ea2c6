// `sitrep import`: the plain-text form of a brief (a file, or "-" for
// standard input) converted to the archive's Markdown and written to
// content/briefs/<year>/<series>-<date>.md (or --out). Reports what the
// importer could not place, at its input line, and then checks the written
// brief as `sitrep check` would, so the analyst sees both in one run.
import path from 'node:path'
import {parseArgs} from 'node:util'
import {appendAll, countBySeverity, type Diagnostic} from '../diagnostics/diagnostic.js'
import {format} from '../diagnostics/report.js'
import {importBrief} from '../import/brief.js'
import {loadConfig} from '../load/content.js'
import {displayPath} from '../paths.js'
import {readText} from '../load/text.js'
import {parseSite} from '../parse/site.js'
import {calendarDate, slug} from '../parse/schema.js'
import {parseBrief} from '../build/compile.js'
import {writeText} from '../write/text.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'
import {briefOptions, contentOption, helpOption} from './options.js'
import {yearOf} from '../render/format.js'

export const importHelp = `Usage: sitrep import FILE|- [options]

Convert the plain-text form of a brief (Authors/Editors/Data Cutoff lines,
the series blurb, Key Takeaways, region headings, [n] citations and the
numbered endnotes) into a Markdown brief. "-" reads standard input.

Options:
  --date YYYY-MM-DD  publication date (needed unless the text has a date line)
  --series ID        series id, e.g. china-taiwan (default: from the blurb)
  --title TEXT       title (default: a Title line, or the series name and date)
  --out PATH         where to write; "-" for standard output
                     (default: <content>/briefs/<year>/<series>-<date>.md)
  --content DIR      content folder, for regions.yml (default: content)
  --force            overwrite an existing output file
  -h, --help         show this help

Exit codes: 0 written without errors, 1 errors (reported above the path), 2 usage error.
`

/** The CLI's io, plus standard input (the process's when absent), so tests can pipe text in. */
export interface ImportIo extends CliIo {
  readonly stdin?: AsyncIterable<Uint8Array | string>
}

/** What diagnostics call the output when it goes to standard output. */
const stdoutName = '<stdout>'

export async function runImport(args: string[], io: ImportIo): Promise<ExitCode> {
  const {values, positionals} = parseArgs({
    args,
    options: {
      ...briefOptions,
      title: {type: 'string'},
      out: {type: 'string'},
      ...contentOption,
      force: {type: 'boolean', default: false},
      ...helpOption
    },
    strict: true,
    allowPositionals: true
  })
  if (values.help) {
    io.stdout.write(importHelp)
    return exit.ok
  }
  const [input, ...extra] = positionals
  if (input === undefined) throw new UsageError('give the file to import, or "-" to read standard input')
  if (extra.length > 0) throw new UsageError(`one input at a time (got ${positionals.length})`)
  if (values.date !== undefined && !calendarDate.safeParse(values.date).success) {
    throw new UsageError(`--date must be a real day written YYYY-MM-DD (got "${values.date}")`)
  }
  if (values.series !== undefined && !slug.safeParse(values.series).success) {
    throw new UsageError(`--series must be lowercase letters, digits and single hyphens (got "${values.series}")`)
  }
  if (values.title?.trim() === '') throw new UsageError('--title must not be empty')

  const report = (list: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void => {
    io.stderr.write(format(list, 'text', {color: useColor(io.stderr, io.env), sources}))
  }

  // The regions vocabulary decides which lines are region headings.
  const contentDir = path.resolve(io.cwd, values.content)
  const config = await loadConfig(contentDir, io.cwd)
  const parsed = config.site && config.regions ? parseSite({site: config.site, regions: config.regions, contentDir}) : undefined
  const site = parsed?.site
  if (!site) {
    report([...config.diagnostics, ...(parsed?.diagnostics ?? [])], new Map())
    return exit.problems
  }

  const read = await readText(input, {cwd: io.cwd, maxBytes: site.settings.maxBriefBytes, ...(io.stdin ? {stdin: io.stdin} : {})})
  if (!read.source) {
    report(read.diagnostics, new Map())
    return exit.problems
  }
  const sources = new Map([[read.source.file, read.source.value]])
  const result = importBrief(read.source.value, {
    regions: site.regions,
    file: read.source.file,
    ...(values.date === undefined ? {} : {date: values.date}),
    ...(values.series === undefined ? {} : {series: values.series}),
    ...(values.title === undefined ? {} : {title: values.title.trim()})
  })
  const diagnostics = [...result.diagnostics]
  if (result.markdown === '') {
    report(diagnostics, sources)
    return exit.problems
  }

  const target = outputPath(values.out, result, contentDir, io.cwd)
  if (target === undefined) {
    report(diagnostics, sources)
    io.stderr.write('Nothing written: with no publication date there is no default file name. Give --date, or --out PATH.\n')
    return exit.problems
  }
  const shown = target === '-' ? stdoutName : displayPath(target, io.cwd)
  let written = false
  if (target === '-') io.stdout.write(result.markdown)
  else {
    const write = await writeText(target, result.markdown, {cwd: io.cwd, force: values.force})
    diagnostics.push(...write.diagnostics)
    written = write.written
  }
  // Check what was produced exactly as `sitrep check` will; its lines are the Markdown file's.
  if (target === '-' || written) {
    sources.set(shown, result.markdown)
    appendAll(diagnostics, parseBrief({file: shown, value: result.markdown}, {regions: site.regions, limits: site.settings}).diagnostics)
  }
  report(diagnostics, sources)
  if (written) io.stdout.write(`${shown}\n`)
  return countBySeverity(diagnostics).errors > 0 ? exit.problems : exit.ok
}

/** --out as given ("-" is standard output), else content/briefs/<year>/<series>-<date>.md; undefined with no date to name it. */
function outputPath(out: string | undefined, result: {date?: string; series?: string}, contentDir: string, cwd: string): string | undefined {
  if (out === '-') return '-'
  if (out !== undefined) return path.resolve(cwd, out)
  if (result.date === undefined) return undefined
  // A brief with no series is still a brief: name it plainly.
  return path.join(contentDir, 'briefs', yearOf(result.date), `${result.series ?? 'brief'}-${result.date}.md`)
}
