// cli/: every command-line option more than one command takes, defined
// once (parseArgs option descriptors), so it reads and defaults the same
// in every command. Each command's help text says the same default.
// Options only one command has (--out, --port ...) stay there.
import {formats, type Format} from '../diagnostics/report.js'
import {UsageError} from './io.js'

/** --content DIR: where the archive is (default: content, as in this repository and `sitrep new`'s layout). */
export const contentOption = {content: {type: 'string', default: 'content'}} as const

/** --base-url URL: the address the site is published at, instead of site.yml's (no default: site.yml's is used). */
export const baseUrlOption = {'base-url': {type: 'string'}} as const

/** --public and --base-url, for commands that render the site (--public default: public, next to content/ as in the quick start). */
export const siteOptions = {
  public: {type: 'string', default: 'public'},
  ...baseUrlOption
} as const

/** --no-cache: neither read nor write the cache (default false: the cache is what makes a second run fast). */
export const cacheOption = {'no-cache': {type: 'boolean', default: false}} as const

/** --series ID and --date YYYY-MM-DD, naming a brief (no defaults here: `new` uses today, `import` reads the text). */
export const briefOptions = {
  series: {type: 'string'},
  date: {type: 'string'}
} as const

/** -h, --help (default false). */
export const helpOption = {help: {type: 'boolean', short: 'h', default: false}} as const

/** -q, -v and -h (default false: the usual summary lines). */
export const outputOptions = {
  quiet: {type: 'boolean', short: 'q', default: false},
  verbose: {type: 'boolean', short: 'v', default: false},
  ...helpOption
} as const

/** --format text|json|github (check and links; default text, what a person at a terminal reads). */
export const formatOption = {format: {type: 'string', default: 'text'}} as const

/** The reporter `--format` names, or a usage error listing them. */
export function reporterOf(value: string): Format {
  const kind = formats.find((name) => name === value)
  if (kind === undefined) throw new UsageError(`--format must be one of ${formats.join(', ')} (got "${value}")`)
  return kind
}
