// `sitrep serve` as a real child process (the compiled CLI in lib/, as
// bin/sitrep.js runs it), its address read from what it prints, and what
// Linux reports of its memory. One helper for the benchmark (edit-to-reload
// latency) and the tests (serve under load, limits, signals).
import {spawn, type ChildProcess} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {packageRoot} from '../src/load/assets.js'

const bin = path.join(packageRoot(), 'bin/sitrep.js')

export interface ServeProcess {
  readonly pid: number
  /** The address it printed, e.g. http://127.0.0.1:41234/. */
  readonly url: string
  readonly port: number
  stdout(): string
  stderr(): string
  /** Ctrl-C's twin (SIGTERM); resolves with the exit code, killing it if it has not stopped in 10 s. */
  stop(): Promise<number | null>
}

/** Start `sitrep serve --port 0 …` in `cwd` and wait for the address it prints. */
export async function startServeProcess(args: readonly string[], cwd: string, timeoutMs = 30_000): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    resolve(code)
  }))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`sitrep serve printed no address in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))
    }, timeoutMs)
    const look = () => {
      const match = /Serving (http:\/\/\S+)/.exec(out)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      resolve(match[1])
    }
    child.stdout?.on('data', look)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`sitrep serve exited with ${code} before serving\nstdout: ${out}\nstderr: ${err}`))
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('sitrep serve has no process id')
  return {
    pid,
    url,
    port: Number(new URL(url).port),
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    }
  }
}

/**
 * A process's peak resident set size in MB (VmHWM in /proc/<pid>/status;
 * 0 where there is no /proc, or once the process is gone).
 */
export async function peakRssMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const kilobytes = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
  return Math.round(kilobytes / 1024)
}
