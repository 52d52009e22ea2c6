// A measured command and every process it starts: wall time, CPU time of
// the whole tree and peak memory of the whole tree. sitrep's build runs
// Pagefind's binary as a child process, Astro's build runs esbuild's, so the
// measured process's own figures (bench/child.ts) leave memory and CPU out.
//
// How (Linux only; elsewhere the tree figures are absent):
// - CPU: the command runs under `/bin/sh -c '"$@"; …; times >&3'`. `times`
//   prints the CPU time of the shell's waited-for children, which includes
//   every descendant they in turn waited for (the kernel adds a reaped
//   process's CPU time to its parent's children's total): exact, the way
//   `time` measures, but blind to a process its parent never waits for
//   (one still running, or orphaned, when its parent exits). So the
//   sampler below also reads every descendant's own CPU time at each
//   sample (/proc/<pid>/stat), and the tree's CPU time is the larger of
//   `times` and the measured process's own (exact, where it reports it)
//   plus the others' as last sampled (each up to 20 ms short).
// - Memory: every 20 ms the sampler lists /proc, reads the parent pid of every
//   process it has not seen before (/proc/<pid>/stat) to know the shell's
//   descendants, and sums their resident memory (VmRSS of
//   /proc/<pid>/status, the shell itself not counted). The peak of that sum
//   is the tree's peak RSS: a sample, so a spike shorter than 20 ms can be
//   missed, and memory shared between processes (libraries) is counted in
//   each, as `ps` and `top` count it. It is never reported below the
//   largest single process's own peak (VmHWM, a high-water mark the kernel
//   keeps, also read at every sample). A tick costs about 0.1 ms plus
//   0.02 ms per process of the tree (about 1% of a core).
import {spawn} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

export interface TreeRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly milliseconds: number
  /**
   * CPU time (user and system) of every process of the tree: the larger of
   * what `times` reports and sampledCpuMs (which counts the processes that
   * exit unwaited-for, whose time `times` cannot see). Absent without either.
   */
  readonly treeCpuMs?: number
  /** From `times`: the command's process and every descendant waited for; absent if it could not be read. */
  readonly waitedCpuMs?: number
  /** Every process's own CPU time as last sampled (up to 20 ms short each; 10 ms ticks); 0 without /proc. */
  readonly sampledCpuMs: number
  /** The same, of the processes other than the command's own. */
  readonly othersCpuMs: number
  /** Peak of the summed VmRSS of every process of the tree (see above); 0 without /proc. */
  readonly treeRssMb: number
  /** The largest VmHWM (own peak RSS) of any one process of the tree; 0 without /proc. */
  readonly largestProcessRssMb: number
  /** The largest VmHWM of the command's own process (the shell's child). */
  readonly rootRssMb: number
}

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM), 0 if absent. */
export function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return Number(match?.[1] ?? 0)
}

/** A process's own CPU time in ms (user and system, its threads, not its children) from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ, 100 on Linux). */
export function ownCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10
}

/** The parent pid from /proc/<pid>/stat (the field after the state, after the command name's closing parenthesis). */
export function parentPid(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[1] ?? -1)
}

/**
 * The children's CPU time in ms from the output of `times` (bash:
 * `0m1.234s 0m0.056s`, dash: `0m1.234000s 0m0.056000s`; the second line is
 * the children's user and system time), or undefined.
 */
export function childrenCpuMs(times: string): number | undefined {
  const lines = times.trim().split('\n')
  if (lines.length < 2) return undefined
  const spans = [...(lines[1] ?? '').matchAll(/(\d+)m([\d.]+)s/g)]
  if (spans.length !== 2) return undefined
  return Math.round(spans.reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0))
}

/** The pids in `parents` (pid → parent pid) descending from `root`, root excluded. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const found = new Set<number>([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, parent] of parents) {
      if (!found.has(pid) && found.has(parent)) {
        found.add(pid)
        grew = true
      }
    }
  }
  found.delete(root)
  return [...found]
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** Samples the memory of `root`'s descendants every `intervalMs` until stopped. */
function sampler(root: number, intervalMs = 20) {
  const parents = new Map<number, number>()
  let peakSum = 0
  let largest = 0
  let firstChild: number | undefined
  let firstChildHwm = 0
  // Each descendant's own CPU time as last sampled.
  const cpu = new Map<number, number>()
  const tick = () => {
    let listed: string[]
    try {
      listed = readdirSync('/proc')
    } catch {
      return
    }
    const alive = new Set<number>()
    for (const name of listed) {
      if (!/^\d+$/.test(name)) continue
      const pid = Number(name)
      alive.add(pid)
      if (!parents.has(pid)) {
        const stat = read(`/proc/${pid}/stat`)
        if (stat !== '') parents.set(pid, parentPid(stat))
      }
    }
    // Forget processes that are gone, so a pid used again is read again.
    for (const pid of parents.keys()) if (!alive.has(pid)) parents.delete(pid)
    let sum = 0
    for (const pid of descendants(root, parents)) {
      const stat = read(`/proc/${pid}/stat`)
      if (stat !== '') cpu.set(pid, ownCpuMs(stat))
      const status = read(`/proc/${pid}/status`)
      const hwm = statusKb(status, 'VmHWM')
      sum += statusKb(status, 'VmRSS')
      largest = Math.max(largest, hwm)
      if (parents.get(pid) === root) {
        firstChild ??= pid
        if (pid === firstChild) firstChildHwm = Math.max(firstChildHwm, hwm)
      }
    }
    peakSum = Math.max(peakSum, sum)
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      const mb = (kb: number) => Math.round(kb / 1024)
      let othersCpuMs = 0
      for (const [pid, ms] of cpu) if (pid !== firstChild) othersCpuMs += ms
      return {
        treeRssMb: mb(Math.max(peakSum, largest)),
        largestProcessRssMb: mb(largest),
        rootRssMb: mb(firstChildHwm),
        sampledCpuMs: othersCpuMs + (firstChild === undefined ? 0 : (cpu.get(firstChild) ?? 0)),
        othersCpuMs
      }
    }
  }
}

/** Run `file args` in `cwd` and measure it and every process it starts (see above). */
export async function runTree(file: string, args: readonly string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<TreeRun> {
  const script = '"$@"; status=$?; times >&3; exit $status'
  const started = performance.now()
  const shell = spawn('/bin/sh', ['-c', script, 'sh', file, ...args], {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe']})
  const chunks: Record<'stdout' | 'stderr' | 'times', string[]> = {stdout: [], stderr: [], times: []}
  shell.stdout?.setEncoding('utf8').on('data', (chunk: string) => chunks.stdout.push(chunk))
  shell.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.stderr.push(chunk))
  const fd3 = shell.stdio[3]
  if (fd3 !== null && fd3 !== undefined && 'setEncoding' in fd3) fd3.setEncoding('utf8').on('data', (chunk: string) => chunks.times.push(chunk))
  const sampling = shell.pid === undefined ? undefined : sampler(shell.pid)
  const code = await new Promise<number | null>((resolve, reject) => {
    shell.once('error', reject)
    shell.once('close', (exitCode) => {
      resolve(exitCode)
    })
  })
  const milliseconds = performance.now() - started
  const memory = sampling?.stop() ?? {treeRssMb: 0, largestProcessRssMb: 0, rootRssMb: 0, sampledCpuMs: 0, othersCpuMs: 0}
  const waitedCpuMs = childrenCpuMs(chunks.times.join(''))
  const cpu = waitedCpuMs === undefined ? {} : {waitedCpuMs}
  const best = Math.max(waitedCpuMs ?? 0, memory.sampledCpuMs)
  return {code, stdout: chunks.stdout.join(''), stderr: chunks.stderr.join(''), milliseconds, ...cpu, ...(best === 0 ? {} : {treeCpuMs: best}), ...memory}
}

/**
 * The tree's CPU time given the command's own, measured exactly: the larger
 * of what `times` saw and the own time plus the others' as sampled (see TreeRun.treeCpuMs).
 */
export function treeCpu(run: Pick<TreeRun, 'waitedCpuMs' | 'othersCpuMs'>, ownCpuMs: number): number {
  return Math.round(Math.max(run.waitedCpuMs ?? 0, ownCpuMs + run.othersCpuMs))
}

/**
 * Loaded into a measured Node process (node --require) to report its own
 * CPU time (every thread) and peak RSS when it exits, as bench/child.ts
 * does for sitrep.
 */
const usageHook = `process.on('exit', () => {
  const usage = process.resourceUsage()
  process.stderr.write('\\n' + JSON.stringify({cpuUs: usage.userCPUTime + usage.systemCPUTime, maxRssKb: usage.maxRSS}) + '\\n')
})
`

/** One measured run of a Node program (the measured process and the tree it starts): what the bench's rows show. */
export interface NodeRun {
  readonly milliseconds: number
  /** The Node process's own CPU time and peak RSS (resourceUsage at exit). */
  readonly cpuMs: number
  readonly maxRssMb: number
  /** The whole tree's (see runTree). */
  readonly treeCpuMs?: number
  readonly treeRssMb: number
}

/** Run `node --require <usage hook> script args` in `cwd` (the hook written into `cwd`), measured; throws if it fails. */
export async function runNode(script: string, args: readonly string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<NodeRun> {
  const hook = path.join(options.cwd, 'usage-hook.cjs')
  await writeFile(hook, usageHook)
  const result = await runTree(process.execPath, ['--require', hook, script, ...args], options)
  if (result.code !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${result.code}\n${result.stderr.slice(-4000)}`)
  const last = result.stderr.trim().split('\n').pop() ?? '{}'
  const {cpuUs, maxRssKb} = JSON.parse(last) as {cpuUs?: number; maxRssKb?: number}
  return {
    milliseconds: result.milliseconds,
    cpuMs: Math.round((cpuUs ?? 0) / 1000),
    maxRssMb: Math.round((maxRssKb ?? 0) / 1024),
    treeCpuMs: treeCpu(result, Math.round((cpuUs ?? 0) / 1000)),
    treeRssMb: Math.max(result.treeRssMb, Math.round((maxRssKb ?? 0) / 1024))
  }
}
