// `npm run bench [-- --briefs N --runs R --sizes 250,1000,4000 --json FILE]`:
// builds a deterministic synthetic archive and measures cold and warm builds,
// a rebuild after editing one brief, check cold and warm, serve's
// edit-to-reload latency and peak memory. Medians of R runs; printed as a
// table and written as JSON. Speed is measured here, never in unit tests.
import {execFile} from 'node:child_process'
import {appendFile, mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs, promisify} from 'node:util'
import {brief, generate} from './generate.js'
import {packageRoot} from '../src/load/assets.js'

const run = promisify(execFile)
const root = packageRoot()
const child = path.join(root, 'lib/bench/child.js')

interface Sample {
  readonly milliseconds: number
  readonly maxRssMb: number
}

interface Row {
  readonly briefs: number
  readonly step: string
  readonly medianMs: number
  readonly runsMs: number[]
  readonly peakRssMb: number
}

const {values} = parseArgs({
  options: {
    briefs: {type: 'string', default: '1000'},
    sizes: {type: 'string'},
    runs: {type: 'string', default: '3'},
    json: {type: 'string', default: 'bench-results.json'},
    'skip-serve': {type: 'boolean', default: false}
  }
})
const sizes = (values.sizes ?? values.briefs).split(',').map(Number)
const runs = Math.max(1, Number(values.runs))
const work = path.join(root, '.cache/bench')

async function sitrep(cwd: string, args: string[]): Promise<Sample> {
  const {stderr} = await run(process.execPath, [child, ...args], {cwd, maxBuffer: 64 << 20})
  const last = stderr.trim().split('\n').pop() ?? '{}'
  const result = JSON.parse(last) as Sample & {code: number}
  if (result.code !== 0) throw new Error(`sitrep ${args.join(' ')} exited ${result.code}`)
  return result
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function measure(briefs: number, step: string, prepare: () => Promise<void>, act: () => Promise<Sample>): Promise<Row> {
  const samples: Sample[] = []
  for (let i = 0; i < runs; i++) {
    await prepare()
    samples.push(await act())
  }
  const row = {
    briefs,
    step,
    medianMs: Math.round(median(samples.map((s) => s.milliseconds))),
    runsMs: samples.map((s) => Math.round(s.milliseconds)),
    peakRssMb: Math.round(Math.max(...samples.map((s) => s.maxRssMb)))
  }
  process.stdout.write(`  ${step.padEnd(28)} ${String(row.medianMs).padStart(7)} ms   peak ${row.peakRssMb} MB\n`)
  return row
}

async function benchSize(briefs: number): Promise<Row[]> {
  const dir = path.join(work, `n${briefs}`)
  const content = path.join(dir, 'content')
  const marker = path.join(dir, 'generated.json')
  const stamp = JSON.stringify({briefs, generator: 1})
  if ((await readFile(marker, 'utf8').catch(() => '')) !== stamp) {
    process.stdout.write(`Generating ${briefs} briefs in ${path.relative(root, content)} ...\n`)
    await generate(content, {briefs})
    await writeFile(marker, stamp)
  }
  process.stdout.write(`\n${briefs} briefs (${os.availableParallelism()} cores, median of ${runs})\n`)
  const cache = path.join(dir, '.cache')
  const out = ['--content', 'content', '--out', 'dist']
  const clean = () => rm(cache, {recursive: true, force: true})
  const edited = path.join(content, brief(0).file)
  const original = brief(0).text
  const rows: Row[] = []
  rows.push(await measure(briefs, 'build, cold (no cache)', async () => {
    await clean()
    await rm(path.join(dir, 'dist'), {recursive: true, force: true})
  }, () => sitrep(dir, ['build', ...out, '--quiet'])))
  rows.push(await measure(briefs, 'build, warm (no change)', async () => {}, () => sitrep(dir, ['build', ...out, '--quiet'])))
  let edits = 0
  rows.push(
    await measure(
      briefs,
      'build after editing 1 brief',
      async () => {
        await writeFile(edited, original)
        await appendFile(edited, `\nAn added sentence, edit ${++edits}.[^1]\n`)
      },
      () => sitrep(dir, ['build', ...out, '--quiet'])
    )
  )
  await writeFile(edited, original)
  rows.push(await measure(briefs, 'check, cold (no cache)', clean, () => sitrep(dir, ['check', '--content', 'content'])))
  rows.push(await measure(briefs, 'check, warm', async () => {}, () => sitrep(dir, ['check', '--content', 'content'])))
  return rows
}

await mkdir(work, {recursive: true})
const rows: Row[] = []
for (const size of sizes) rows.push(...(await benchSize(size)))

const table = [
  '| briefs | step | median ms | runs (ms) | peak RSS MB |',
  '| ---: | --- | ---: | --- | ---: |',
  ...rows.map((r) => `| ${r.briefs} | ${r.step} | ${r.medianMs} | ${r.runsMs.join(', ')} | ${r.peakRssMb} |`)
].join('\n')
process.stdout.write(`\n${table}\n`)
const report = {node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', runs, rows}
await writeFile(path.resolve(values.json), `${JSON.stringify(report, null, 2)}\n`)
process.stdout.write(`\nWrote ${values.json}\n`)
