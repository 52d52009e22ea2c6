#!/usr/bin/env node
// Entry point installed as `sitrep`: runs the compiled CLI (built by `npm ci`
// through the `prepare` script) and hands its exit code to the shell.
import {main} from '../lib/src/cli/main.js'

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env
})
