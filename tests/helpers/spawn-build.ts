// Test helper: `sitrep build` as a real process (bin/sitrep.js, which runs
// lib/), to run two at once or kill one with SIGKILL at a chosen moment.
// Each runs in a process group of its own, so a kill also takes Pagefind's
// child process with it instead of leaving it writing into a folder.
import {spawn} from 'node:child_process'
import path from 'node:path'

export const bin = path.resolve(import.meta.dirname, '../../bin/sitrep.js')

export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunningBuild {
  readonly pid: number
  /** Settles once the process has exited and been reaped (its pid is then dead). */
  readonly finished: Promise<Finished>
  /** SIGKILL the build and everything it started. */
  kill(): void
}

export function spawnBuild(cwd: string, args: readonly string[]): RunningBuild {
  const child = spawn(process.execPath, [bin, 'build', ...args], {cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      resolve({code, signal, stdout, stderr})
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('sitrep build did not start')
  return {
    pid,
    finished,
    kill() {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  }
}


/** The site paths on which two snapshots differ (missing on one side, or other bytes). */
export function differences(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const out: string[] = []
  for (const [file, bytes] of a) if (b.get(file) !== bytes) out.push(file)
  for (const file of b.keys()) if (!a.has(file)) out.push(file)
  return out.sort()
}
