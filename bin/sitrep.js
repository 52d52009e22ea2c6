#!/usr/bin/env node
// Entry point installed as `sitrep`: runs the compiled CLI (built by `npm ci`
// through the `prepare` script) and hands its exit code to the shell.
import {main} from '../lib/src/cli/main.js'

// A reader that stops reading (`sitrep build --verbose | head -1`) is no
// failure of the command: its output is dropped and the command finishes
// (a build cut short would leave work undone), without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
  })
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env
})
