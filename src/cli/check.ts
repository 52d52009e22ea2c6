// `sitrep check`: every problem of the whole archive, in one run, in the
// format asked for; exit 1 on errors (or on warnings under --strict).
import path from 'node:path'
import {parseArgs} from 'node:util'
import {countBySeverity} from '../diagnostics/diagnostic.js'
import {format} from '../diagnostics/report.js'
import {defaultCacheDir} from '../build/builder.js'
import {checkArchive} from '../build/check.js'
import {progressFor} from './progress.js'
import {cacheWarning} from './messages.js'
import {baseUrlOption, cacheOption, contentOption, formatOption, helpOption, reporterOf} from './options.js'
import {exit, useColor, type CliIo, type ExitCode} from './io.js'

export const checkHelp = `Usage: sitrep check [options]

Check every brief of the archive and report all problems.

Options:
  --content DIR     content folder (default: content)
  --format FORMAT   text, json or github (default: text)
  --strict          exit 1 on warnings too
  --base-url URL    check links against this baseUrl instead of site.yml's
  --no-cache        neither read nor write the parse cache (.cache/sitrep/)
  -h, --help        show this help

Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.
`

export async function runCheck(args: string[], io: CliIo): Promise<ExitCode> {
  const {values} = parseArgs({
    args,
    options: {
      ...contentOption,
      ...formatOption,
      strict: {type: 'boolean', default: false},
      ...baseUrlOption,
      ...cacheOption,
      ...helpOption
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) {
    io.stdout.write(checkHelp)
    return exit.ok
  }
  const kind = reporterOf(values.format)
  const progress = progressFor(io.stderr, false)
  // The public API's check, exactly: what a rule's fixture test runs is what CI runs.
  const result = await checkArchive({
    onProgress: (step) => {
      progress.parse(step)
    },
    contentDir: path.resolve(io.cwd, values.content),
    cwd: io.cwd,
    sources: 'diagnosed',
    ...(values['no-cache'] ? {} : {cacheDir: path.resolve(io.cwd, defaultCacheDir)}),
    ...(values['base-url'] === undefined ? {} : {baseUrl: values['base-url']})
  })
  progress.clear()
  // On stderr: stdout carries the report in the format asked for.
  if (result.cacheFailure !== undefined) {
    io.stderr.write(cacheWarning(io.cwd, result.cacheFailure, 'The check is right all the same, only slower next time.', 'check'))
  }
  io.stdout.write(format(result.diagnostics, kind, {color: useColor(io.stdout, io.env), sources: result.sources}))
  const {errors, warnings} = countBySeverity(result.diagnostics)
  return errors > 0 || (values.strict && warnings > 0) ? exit.problems : exit.ok
}
