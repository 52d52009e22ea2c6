// `npm run bench [-- --briefs N --runs R --sizes 250,1000,4000 --json FILE]`:
// builds a deterministic synthetic archive and measures cold builds (with
// and without the search index) and warm builds,
// a rebuild after editing one brief and one after adding a new brief,
// check cold and warm, serve's
// edit-to-reload latency and peak memory. Medians of R runs; printed as a
// table and written as JSON. Speed is measured here, never in unit tests.
// Each measured process's whole tree (Pagefind's binary, esbuild's) is
// measured too: its CPU time and peak RSS (bench/process-tree.ts).
// With `--compare` it also builds the same briefs with Eleventy 3, Hugo (if
// installed) and Astro 5 (unless --skip-astro).
// With `--maps` it measures instead an archive whose every brief shows a
// 2000×1500 PNG map of its own (build-time image processing): cold, warm,
// and one new brief with a new map.
import {existsSync} from 'node:fs'
import {appendFile, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {brief, generate, writeBrief, type GeneratedBrief} from './generate.js'
import {buildWithEleventy, installEleventy, prepareEleventy, prepareEleventyFull} from './eleventy.js'
import {buildWithAstro, installAstro, prepareAstro} from './astro.js'
import {buildWithHugo, hugoMissing, hugoVersion, prepareHugo} from './hugo.js'
import {runTree, treeCpu} from './process-tree.js'
import {packageRoot} from '../src/load/assets.js'
import {displayPath} from '../src/paths.js'
import {peakRssMb, startServeProcess} from './serve-process.js'
import {benchLinks, type LinksSample} from './links.js'

const root = packageRoot()
const child = path.join(root, 'lib/bench/child.js')

interface Sample {
  readonly milliseconds: number
  /**
   * CPU time of the measured process, all its threads (user and system):
   * steadier than wall time on a busy machine, for comparing changes.
   * Not Pagefind's (a child process). Absent for serve.
   */
  readonly cpuMs?: number
  readonly maxRssMb: number
  /** CPU time of every process of the tree (the measured one and those it starts: Pagefind's), when measured. */
  readonly treeCpuMs?: number
  /** Peak RSS of the whole process tree, sampled every 20 ms (bench/process-tree.ts), when measured. */
  readonly treeRssMb?: number
}

interface Row {
  readonly briefs: number
  readonly step: string
  readonly medianMs: number
  readonly runsMs: number[]
  /** Median CPU time, when measured (see Sample.cpuMs). */
  readonly medianCpuMs?: number
  readonly peakRssMb: number
  /** Median CPU time of all processes (see Sample.treeCpuMs). */
  readonly medianTreeCpuMs?: number
  /** Peak RSS of all processes together (see Sample.treeRssMb). */
  readonly peakTreeRssMb?: number
}

const usage = `Usage: npm run bench -- [options]

Generates a synthetic archive and measures sitrep on it (see README, Performance).

Options:
  --briefs N       briefs in the archive (default: 1000; with --maps, 50)
  --sizes A,B,C    several archive sizes, one after the other (instead of --briefs)
  --runs R         runs of each measurement; the median is reported (default: 3)
  --json FILE      where to write the results (default: bench-results.json)
  --skip-serve     skip serve's edit-to-reload measurement
  --compare        also build the same briefs with Eleventy 3 (installed on first use),
                   Hugo (if on the PATH: \`apt-get install hugo\`; skipped, saying so, if not)
                   and Astro 5 (installed on first use; slow: 12-15 s of CPU even for 30 briefs)
  --skip-astro     with --compare, leave Astro out
  --baseline DIR   also measure another sitrep checkout (compiled: DIR/lib) on the same
                   briefs, run for run alternating with this one: before/after in one run
  --maps           measure an archive whose every brief shows its own 2000×1500 PNG map
                   instead: cold build, warm build, one new brief with a new map
                   (about 1.5 s of CPU per map when cold; no serve, check or --compare)
  --links          measure \`sitrep links\` instead: 2,000 distinct URLs of a local server
                   answering after 50 ms, over 200 hosts and on one host, at default
                   settings; then again with the results cache warm
  -h, --help       show this help
`

function options() {
  try {
    return parseArgs({
      options: {
        briefs: {type: 'string'},
        sizes: {type: 'string'},
        runs: {type: 'string', default: '3'},
        json: {type: 'string', default: 'bench-results.json'},
        'skip-serve': {type: 'boolean', default: false},
        // Also build the same briefs with Eleventy 3 (installed on first use), side by side.
        compare: {type: 'boolean', default: false},
        // With --compare, leave Astro 5 out (its cold build is slow and takes GBs at 1,000 briefs).
        'skip-astro': {type: 'boolean', default: false},
        // Another checkout of sitrep (its lib/ compiled), measured alternately with this one.
        baseline: {type: 'string'},
        // An archive with one 2000×1500 PNG map per brief, measured instead of the usual steps.
        maps: {type: 'boolean', default: false},
        // sitrep links on 2,000 URLs of a local server with 50 ms latency, measured instead of the usual steps.
        links: {type: 'boolean', default: false},
        help: {type: 'boolean', short: 'h', default: false}
      }
    }).values
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
    process.exit(2)
  }
}

const values = options()
if (values.help) {
  process.stdout.write(usage)
  process.exit(0)
}
// Small by default with --maps: processing the maps costs about 1.5 s of CPU each when cold.
const sizes = (values.sizes ?? values.briefs ?? (values.maps ? '50' : '1000')).split(',').map(Number)
const runs = Number(values.runs)
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`bench: --briefs, --sizes and --runs take whole numbers of at least 1.\n\n${usage}`)
  process.exit(2)
}
const work = path.join(root, '.cache/bench')
const baselineChild = values.baseline === undefined ? undefined : path.join(path.resolve(values.baseline), 'lib/bench/child.js')
if (baselineChild !== undefined && !existsSync(baselineChild)) {
  process.stderr.write(`bench: ${baselineChild} is missing: run \`npm ci\` (or \`npm run compile\`) in the baseline checkout first.\n`)
  process.exit(2)
}

async function sitrep(cwd: string, args: string[], program = child): Promise<Sample> {
  const tree = await runTree(process.execPath, [program, ...args], {cwd})
  const last = tree.stderr.trim().split('\n').pop() ?? '{}'
  const result = JSON.parse(last) as Sample & {code: number}
  if (result.code !== 0 || tree.code !== 0) throw new Error(`sitrep ${args.join(' ')} exited ${result.code}`)
  return {
    ...result,
    treeCpuMs: treeCpu(tree, result.cpuMs ?? 0),
    // Never below the process's own peak, which the kernel measures exactly.
    ...(tree.treeRssMb === 0 ? {} : {treeRssMb: Math.max(tree.treeRssMb, result.maxRssMb)})
  }
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
  return summarise(briefs, step, samples)
}

/**
 * One step measured for this checkout and the baseline (--baseline), run
 * for run alternately: the machine's drift then falls on both alike, which
 * wall times here need (they vary by 15–25% between runs). Each works in a
 * folder of its own (its own cache and output) on the same content.
 */
async function measurePair(briefs: number, step: string, prepare: (cwd: string) => Promise<void>, args: string[], dirs: {own: string; baseline: string}): Promise<Row[]> {
  if (baselineChild === undefined) return [await measure(briefs, step, () => prepare(dirs.own), () => sitrep(dirs.own, args))]
  const own: Sample[] = []
  const base: Sample[] = []
  for (let i = 0; i < runs; i++) {
    await prepare(dirs.own)
    own.push(await sitrep(dirs.own, args))
    await prepare(dirs.baseline)
    base.push(await sitrep(dirs.baseline, args, baselineChild))
  }
  return [summarise(briefs, step, own), summarise(briefs, `${step} [baseline]`, base)]
}

function summarise(briefs: number, step: string, samples: Sample[]): Row {
  const cpu = samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]))
  const treeCpu = samples.flatMap((s) => (s.treeCpuMs === undefined ? [] : [s.treeCpuMs]))
  const treeRss = samples.flatMap((s) => (s.treeRssMb === undefined ? [] : [s.treeRssMb]))
  const row: Row = {
    briefs,
    step,
    medianMs: Math.round(median(samples.map((s) => s.milliseconds))),
    runsMs: samples.map((s) => Math.round(s.milliseconds)),
    ...(cpu.length === 0 ? {} : {medianCpuMs: Math.round(median(cpu))}),
    peakRssMb: Math.round(Math.max(...samples.map((s) => s.maxRssMb))),
    ...(treeCpu.length === 0 ? {} : {medianTreeCpuMs: Math.round(median(treeCpu))}),
    ...(treeRss.length === 0 ? {} : {peakTreeRssMb: Math.round(Math.max(...treeRss))})
  }
  const cpuText = row.medianCpuMs === undefined ? '' : `   cpu ${row.medianCpuMs} ms`
  const treeText = row.peakTreeRssMb === undefined ? '' : `   all processes: peak ${row.peakTreeRssMb} MB${row.medianTreeCpuMs === undefined ? '' : `, cpu ${row.medianTreeCpuMs} ms`}`
  process.stdout.write(`  ${step.padEnd(32)} ${String(row.medianMs).padStart(7)} ms   peak ${row.peakRssMb} MB${cpuText}${treeText}\n`)
  return row
}

async function benchSize(briefs: number): Promise<Row[]> {
  const dir = path.join(work, `n${briefs}`)
  const content = path.join(dir, 'content')
  const marker = path.join(dir, 'generated.json')
  const stamp = JSON.stringify({briefs, generator: 1})
  if ((await readFile(marker, 'utf8').catch(() => '')) !== stamp) {
    process.stdout.write(`Generating ${briefs} briefs in ${displayPath(content, root, {folder: true})} ...\n`)
    await generate(content, {briefs})
    await writeFile(marker, stamp)
  }
  process.stdout.write(`\n${briefs} briefs (${os.availableParallelism()} cores, median of ${runs})\n`)
  const cache = path.join(dir, '.cache')
  const out = ['--content', content, '--out', 'dist']
  const clean = () => rm(cache, {recursive: true, force: true})
  // Each checkout measured works in its own folder: its own cache and output.
  const dirs = {own: dir, baseline: path.join(dir, 'baseline')}
  await mkdir(dirs.baseline, {recursive: true})
  const cold = async (cwd: string) => {
    await rm(path.join(cwd, '.cache'), {recursive: true, force: true})
    await rm(path.join(cwd, 'dist'), {recursive: true, force: true})
  }
  const edited = path.join(content, brief(0).file)
  const original = brief(0).text
  const rows: Row[] = []
  rows.push(...(await measurePair(briefs, 'build, cold (no cache)', cold, ['build', ...out, '--quiet'], dirs)))
  // The same without the search index, which Eleventy (--compare) does not build: the like-for-like figure.
  rows.push(...(await measurePair(briefs, 'build, cold, --no-search', cold, ['build', ...out, '--quiet', '--no-search'], dirs)))
  // Leaves a full build (with its search index) for the warm steps.
  await clean()
  await sitrep(dir, ['build', ...out, '--quiet'])
  if (baselineChild !== undefined) {
    await cold(dirs.baseline)
    await sitrep(dirs.baseline, ['build', ...out, '--quiet'], baselineChild)
  }
  rows.push(...(await measurePair(briefs, 'build, warm (no change)', async () => {}, ['build', ...out, '--quiet'], dirs)))
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
  rows.push(await newBrief(briefs, dir, content, marker, stamp, ['build', ...out, '--quiet']))
  if (!values['skip-serve']) rows.push(await serveLatency(briefs, dir, edited, original))
  if (values.compare) {
    rows.push(...(await eleventyRows(briefs, dir, content)))
    rows.push(...(await hugoRows(briefs, dir, content)))
    if (!values['skip-astro']) rows.push(await astroRow(briefs, content))
  }
  const forget = (cwd: string) => rm(path.join(cwd, '.cache'), {recursive: true, force: true})
  rows.push(...(await measurePair(briefs, 'check, cold (no cache)', forget, ['check', '--content', content], dirs)))
  rows.push(...(await measurePair(briefs, 'check, warm', async () => {}, ['check', '--content', content], dirs)))
  return rows
}

/**
 * A build after adding one new brief (the next one the generator makes,
 * dated after the archive's last), cache warm and search on. Each run adds
 * a brief not seen before, after taking the previous run's away and
 * building again (not measured), so every run starts from the same archive;
 * the last is taken away and built away too, leaving the archive and output
 * as they were for the steps after it.
 */
async function newBrief(briefs: number, dir: string, content: string, marker: string, stamp: string, build: string[]): Promise<Row> {
  let added: GeneratedBrief | undefined
  const takeAway = async () => {
    if (added === undefined) return
    await rm(path.join(content, added.file), {force: true})
    added = undefined
    await sitrep(dir, build)
  }
  let next = briefs
  // Until the added brief is taken away again, the archive is not the one generated: should this stop halfway, the next run generates it again.
  await rm(marker, {force: true})
  const row = await measure(
    briefs,
    'build after adding 1 new brief',
    async () => {
      await takeAway()
      added = brief(next++)
      await writeBrief(content, added)
    },
    () => sitrep(dir, build)
  )
  await takeAway()
  await writeFile(marker, stamp)
  return row
}

/** Processed images in a cache: one folder per image, .cache/sitrep/images/<2 hex>/<key>/ (keyed by its bytes). */
async function cachedImages(cwd: string): Promise<number> {
  const images = path.join(cwd, '.cache/sitrep/images')
  const shards = (await readdir(images, {withFileTypes: true}).catch(() => [])).filter((entry) => entry.isDirectory())
  const counts = await Promise.all(shards.map(async (shard) => (await readdir(path.join(images, shard.name), {withFileTypes: true})).filter((entry) => entry.isDirectory()).length))
  return counts.reduce((sum, n) => sum + n, 0)
}

/**
 * The archive with maps (--maps): every brief shows one 2000×1500 PNG map
 * of its own, processed at build time into AVIF, WebP and PNG at each width
 * and cached by the image's bytes. Measures a cold build (empty cache: every
 * map processed), a warm build (nothing changed: none processed) and a
 * build after adding one new brief with a new map (warm cache: that one map
 * processed). Each run of the last adds a brief not seen before, after
 * taking the previous run's away and building again (not measured), so
 * every run starts from the same archive and a map the cache has never seen.
 */
async function benchMaps(briefs: number): Promise<Row[]> {
  const dir = path.join(work, `maps-n${briefs}`)
  const content = path.join(dir, 'content')
  const marker = path.join(dir, 'generated.json')
  const stamp = JSON.stringify({briefs, generator: 1, maps: 1})
  if ((await readFile(marker, 'utf8').catch(() => '')) !== stamp) {
    process.stdout.write(`Generating ${briefs} briefs with a 2000×1500 map each in ${displayPath(content, root, {folder: true})} ...\n`)
    await generate(content, {briefs, maps: true})
    await writeFile(marker, stamp)
  }
  process.stdout.write(`\n${briefs} briefs with a map each (${os.availableParallelism()} cores, median of ${runs})\n`)
  const build = ['build', '--content', content, '--out', 'dist', '--quiet']
  const dirs = {own: dir, baseline: path.join(dir, 'baseline')}
  await mkdir(dirs.baseline, {recursive: true})
  const cold = async (cwd: string) => {
    await rm(path.join(cwd, '.cache'), {recursive: true, force: true})
    await rm(path.join(cwd, 'dist'), {recursive: true, force: true})
  }
  const rows: Row[] = []
  rows.push(...(await measurePair(briefs, 'maps: build, cold (no cache)', cold, build, dirs)))
  // A check that the step measured what it says: every map processed and cached.
  const made = await cachedImages(dir)
  if (made < briefs) throw new Error(`the cold build with maps cached ${made} processed images, not ${briefs}`)
  // The cold builds leave a full build and cache in each folder for the warm steps.
  rows.push(...(await measurePair(briefs, 'maps: build, warm (no change)', async () => {}, build, dirs)))
  let added: GeneratedBrief | undefined
  const takeAway = async () => {
    if (added === undefined) return
    await rm(path.join(content, added.file), {force: true})
    if (added.map !== undefined) await rm(path.join(content, added.map.file), {force: true})
    added = undefined
  }
  let next = briefs
  // Until the added brief is taken away again, the archive is not the one generated: should this stop halfway, the next run generates it again.
  await rm(marker, {force: true})
  rows.push(
    await measure(
      briefs,
      'maps: build, 1 new brief + map',
      async () => {
        if (added !== undefined) {
          await takeAway()
          await sitrep(dir, build)
        }
        added = brief(next++, 1, {map: true})
        await writeBrief(content, added)
      },
      () => sitrep(dir, build)
    )
  )
  const after = await cachedImages(dir)
  await takeAway()
  await writeFile(marker, stamp)
  if (after < made + 1) throw new Error('the build after adding a brief with a new map processed no image')
  return rows
}

/**
 * serve's edit-to-reload latency: from writing a brief to the moment an open
 * page has been told to reload (the Server-Sent Event) and has fetched the
 * changed page. The real command runs in a child process, as an analyst
 * runs it; its peak RSS (VmHWM) is read from /proc before it stops.
 */
async function serveLatency(briefs: number, dir: string, edited: string, original: string): Promise<Row> {
  const serve = await startServeProcess(['--quiet'], dir)
  const slug = path.basename(edited, '.md')
  const samples: number[] = []
  let peakRss = 0
  try {
    const url = serve.url
    const events = await fetch(new URL('__sitrep/events', url))
    const reader = events.body?.getReader()
    if (!reader) throw new Error('no event stream')
    const decoder = new TextDecoder()
    // The stream announces the current build on connect; a reload is a build with another id.
    let current: string | undefined
    const nextReload = async () => {
      for (;;) {
        const chunk = await reader.read()
        if (chunk.done) throw new Error('event stream ended')
        for (const match of decoder.decode(chunk.value as Uint8Array).matchAll(/event: build\ndata: (\S+)/g)) {
          if (current === undefined) current = match[1]
          else if (match[1] !== current) {
            current = match[1] ?? ''
            return
          }
        }
      }
    }
    // Read the announcement of the build being served before the first edit.
    while (current === undefined) {
      const chunk = await reader.read()
      if (chunk.done) throw new Error('event stream ended')
      current = /event: build\ndata: (\S+)/.exec(decoder.decode(chunk.value as Uint8Array))?.[1]
    }
    for (let i = 0; i < runs + 1; i++) {
      const marker = `Latency probe ${i}.`
      const started = performance.now()
      const reloaded = nextReload()
      await writeFile(edited, original.replace(/(\n\n)(?=[A-Z])/, `$1${marker} `))
      await reloaded
      const page = await (await fetch(new URL(`briefs/${slug}/`, url))).text()
      if (!page.includes(marker)) throw new Error('the reloaded page does not show the edit')
      if (i > 0) samples.push(performance.now() - started) // the first edit warms the JIT
    }
    await reader.cancel()
    peakRss = await peakRssMb(serve.pid)
  } finally {
    await serve.stop()
    await writeFile(edited, original)
  }
  const row = {briefs, step: 'serve: edit to reloaded page', medianMs: Math.round(median(samples)), runsMs: samples.map(Math.round), peakRssMb: peakRss}
  process.stdout.write(`  ${row.step.padEnd(32)} ${String(row.medianMs).padStart(7)} ms   peak ${row.peakRssMb} MB\n`)
  return row
}

/**
 * Eleventy 3 building the same briefs: the cold-build anchor (the issue's
 * site: a page per brief, region pages of links), and the same with
 * citations, notes and region pages gathering the sections, nearer to what
 * sitrep builds. Measured in the same run.
 */
async function eleventyRows(briefs: number, dir: string, content: string): Promise<Row[]> {
  const install = await installEleventy(work)
  const project = path.join(dir, 'eleventy')
  await prepareEleventy(content, project)
  const anchor = await measure(briefs, 'eleventy 3, cold build', async () => {}, async () => buildWithEleventy(install.bin, project))
  const full = path.join(dir, 'eleventy-full')
  await prepareEleventyFull(content, full, install)
  const near = await measure(briefs, 'eleventy 3, notes + regions', async () => {}, async () => buildWithEleventy(install.bin, full))
  return [anchor, near]
}

/**
 * Hugo's cold build of the same briefs (bench/hugo.ts says what it builds),
 * if Hugo is on the PATH; otherwise no row, and how to install it.
 */
async function hugoRows(briefs: number, dir: string, content: string): Promise<Row[]> {
  const version = await hugoVersion()
  if (version === undefined) {
    process.stdout.write(`  ${hugoMissing}\n`)
    return []
  }
  const project = path.join(dir, 'hugo')
  await prepareHugo(content, project)
  return [await measure(briefs, 'hugo, cold build', async () => {}, () => buildWithHugo(project))]
}

/** Astro 5's cold build of the same briefs (bench/astro.ts says what it builds). */
async function astroRow(briefs: number, content: string): Promise<Row> {
  const bin = await installAstro(work)
  const project = path.join(work, 'astro', `site-n${briefs}`)
  await prepareAstro(content, project)
  return measure(briefs, 'astro 5, cold build', async () => {}, () => buildWithAstro(bin, project))
}

await mkdir(work, {recursive: true})
const rows: Row[] = []
if (values.links) {
  const samples = new Map<string, LinksSample[]>()
  for (let run = 0; run < runs; run++) for (const sample of await benchLinks(work)) samples.set(sample.step, [...(samples.get(sample.step) ?? []), sample])
  for (const [step, list] of samples) {
    const runsMs = list.map((sample) => sample.milliseconds)
    const requests = list.map((sample) => sample.requests).join('/')
    rows.push({briefs: 40, step: `${step} (${requests} requests)`, medianMs: median(runsMs), runsMs, medianCpuMs: median(list.map((sample) => sample.cpuMs)), peakRssMb: Math.max(...list.map((sample) => sample.peakRssMb))})
  }
} else for (const size of sizes) rows.push(...(await (values.maps ? benchMaps(size) : benchSize(size))))

const table = [
  '| briefs | step | median ms | runs (ms) | median CPU ms | CPU ms, all processes | peak RSS MB | peak RSS MB, all processes |',
  '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.briefs} | ${r.step} | ${r.medianMs} | ${r.runsMs.join(', ')} | ${r.medianCpuMs ?? '–'} | ${r.medianTreeCpuMs ?? '–'} | ${r.peakRssMb} | ${r.peakTreeRssMb ?? '–'} |`)
].join('\n')
process.stdout.write(`\n${table}\n`)
const report = {node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', runs, ...(values.maps ? {maps: true} : {}), rows}
await writeFile(path.resolve(values.json), `${JSON.stringify(report, null, 2)}\n`)
process.stdout.write(`\nWrote ${values.json}\n`)
