// Options several commands share, defined once so they read and default
// the same everywhere (parseArgs option descriptors).

/** --content: where the archive is (default: content, as in this repository). */
export const contentOption = {content: {type: 'string', default: 'content'}} as const

/** --public and --base-url, for commands that render the site. */
export const siteOptions = {
  public: {type: 'string', default: 'public'},
  'base-url': {type: 'string'}
} as const

/** -q, -v and -h. */
export const outputOptions = {
  quiet: {type: 'boolean', short: 'q', default: false},
  verbose: {type: 'boolean', short: 'v', default: false},
  help: {type: 'boolean', short: 'h', default: false}
} as const
