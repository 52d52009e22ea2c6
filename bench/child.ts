// One measured sitrep run: the CLI's main() in a fresh process, followed by
// a JSON line on stderr with its wall time, CPU time and peak memory, so the
// benchmark measures what an analyst's `sitrep build` costs, startup included.
import {main} from '../src/cli/main.js'

const started = performance.now()
const silent = {write: () => true, isTTY: false}
const code = await main(process.argv.slice(2), {cwd: process.cwd(), stdout: silent, stderr: silent, env: process.env})
const milliseconds = performance.now() - started
// resourceUsage(): maxRSS in kilobytes; CPU in microseconds, of every thread of this process (not of Pagefind's, a child process).
const usage = process.resourceUsage()
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
process.stderr.write(`${JSON.stringify({code, milliseconds, cpuMs, maxRssMb: usage.maxRSS / 1024})}\n`)
process.exitCode = code
