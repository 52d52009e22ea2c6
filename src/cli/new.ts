// `sitrep new`: scaffolds the next weekly brief of a series from the newest
// one (date a week later, people and blurb carried over, an empty section
// per region the series covers), writes it without ever overwriting, and
// prints its path. Exit 0 written, 1 nothing written, 2 usage error.
import path from 'node:path'
import {parseArgs} from 'node:util'
import {checkArchive} from '../build/check.js'
import {countBySeverity} from '../diagnostics/diagnostic.js'
import {formatText, plural} from '../diagnostics/report.js'
import {displayPath} from '../paths.js'
import {scaffoldBrief} from '../new/scaffold.js'
import {calendarDate, slug} from '../parse/schema.js'
import {createNewFile} from '../write/new-file.js'
import {exit, UsageError, useColor, type CliIo, type ExitCode} from './io.js'
import {briefOptions, contentOption, helpOption} from './options.js'

export const newHelp = `Usage: sitrep new [options]

Scaffold the next weekly brief of a series and print its path: dated a week
after the series' latest brief, with its authors, editors and summary, and an
empty section (with a comment on what goes there) for every region the series
has covered. Never overwrites a file.

Options:
  --series ID        series id, e.g. china-taiwan (default: the latest brief's series)
  --date YYYY-MM-DD  publication date (default: a week after the series' latest brief)
  --content DIR      content folder (default: content)
  -h, --help         show this help

Exit codes: 0 written, 1 nothing written (reason above), 2 usage error.
`

export async function runNew(args: string[], io: CliIo): Promise<ExitCode> {
  const {values} = parseArgs({
    args,
    options: {
      ...briefOptions,
      ...contentOption,
      ...helpOption
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) {
    io.stdout.write(newHelp)
    return exit.ok
  }
  if (values.date !== undefined && !calendarDate.safeParse(values.date).success) {
    throw new UsageError(`--date must be a real day written YYYY-MM-DD (got "${values.date}")`)
  }
  if (values.series !== undefined && !slug.safeParse(values.series).success) {
    throw new UsageError(`--series must be lowercase letters, digits and single hyphens (got "${values.series}")`)
  }

  const contentDir = path.resolve(io.cwd, values.content)
  const result = await checkArchive({contentDir, cwd: io.cwd})
  const color = useColor(io.stderr, io.env)
  if (!result.archive) {
    // Without readable settings there is no archive to follow.
    io.stderr.write(formatText(result.diagnostics, {color, sources: result.sources}))
    io.stderr.write('Nothing written: fix the errors above first.\n')
    return exit.problems
  }
  const {errors} = countBySeverity(result.diagnostics)
  if (errors > 0) {
    // A brief whose frontmatter cannot be read is not in the archive, so it cannot be the one followed.
    io.stderr.write(`Note: the archive has ${plural(errors, 'error')} (run \`sitrep check\`); briefs that could not be read were not considered.\n`)
  }
  const scaffold = scaffoldBrief(result.archive, {
    ...(values.series === undefined ? {} : {series: values.series}),
    ...(values.date === undefined ? {} : {date: values.date})
  })
  if (!scaffold.ok) {
    io.stderr.write(`Nothing written: ${scaffold.problem}\n`)
    return exit.problems
  }
  const target = path.join(contentDir, ...scaffold.path.split('/'))
  const shown = displayPath(target, io.cwd)
  const written = await createNewFile(target, scaffold.markdown)
  if (written.kind === 'exists') {
    io.stderr.write(`Nothing written: ${shown} already exists. Edit it, or give another --date.\n`)
    return exit.problems
  }
  if (written.kind === 'failed') {
    io.stderr.write(`Nothing written: cannot create ${shown} (${written.reason}).\n`)
    return exit.problems
  }
  io.stdout.write(`${shown}\n`)
  return exit.ok
}
