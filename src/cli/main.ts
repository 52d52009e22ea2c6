// The `sitrep` command line: picks the subcommand, turns usage mistakes into
// exit code 2 with a message, and never lets a stack trace reach an analyst.
import {errorCode} from '../error-code.js'
import {version} from '../version.js'
import {exit, UsageError, type CliIo, type ExitCode} from './io.js'

type Command = (args: string[], io: CliIo) => Promise<ExitCode>

// Each command is loaded when it runs: `check` in CI need not load the
// renderer, the search indexer or the file watcher.
const commands: Record<string, {run: () => Promise<Command>; summary: string}> = {
  check: {run: async () => (await import('./check.js')).runCheck, summary: 'check every brief and report all problems'},
  build: {run: async () => (await import('./build.js')).runBuild, summary: 'check, then build the static site into dist/'},
  import: {run: async () => (await import('./import.js')).runImport, summary: 'convert a brief pasted as plain text into Markdown'},
  export: {run: async () => (await import('./export.js')).runExport, summary: 'write briefs as plain text, in the shape import reads'},
  new: {run: async () => (await import('./new.js')).runNew, summary: 'scaffold the next brief of a series'},
  links: {run: async () => (await import('./links.js')).runLinks, summary: 'fetch every cited URL and report dead, moved and failing sources'},
  serve: {
    run: async () => (await import('./serve.js')).runServe,
    summary: 'serve the site on localhost, rebuilding and reloading on every change'
  }
}

export function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length))
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n')
  return `Usage: sitrep <command> [options]

Commands:
${list}

Run \`sitrep <command> --help\` for a command's options.
`
}

export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help())
    return name === undefined ? exit.usage : exit.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`sitrep ${version}\n`)
    return exit.ok
  }
  const command = commands[name]
  if (!command) {
    io.stderr.write(`sitrep: unknown command "${name}"\n\n${help()}`)
    return exit.usage
  }
  try {
    return await (await command.run())(rest, io)
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`sitrep ${name}: ${(error as Error).message}\nRun \`sitrep ${name} --help\` for usage.\n`)
      return exit.usage
    }
    // A bug of ours, not the analyst's input: say so plainly, without a stack trace unless asked.
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`sitrep ${name}: internal error: ${message}\nPlease report this; set SITREP_DEBUG=1 for details.\n`)
    if (io.env.SITREP_DEBUG === '1' && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`)
    return exit.problems
  }
}

function isParseArgsError(error: unknown): boolean {
  return errorCode(error)?.startsWith('ERR_PARSE_ARGS') === true
}
