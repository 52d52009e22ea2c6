// Test helper: `sitrep serve` as a real child process (started by
// bench/serve-process.ts, which the benchmark shares), what Linux reports
// about it (resident memory, open sockets), and live-reload streams opened
// the way a page's EventSource opens them.
import {existsSync, statSync} from 'node:fs'
import {readdir, readFile, readlink} from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'

export {startServeProcess, type ServeProcess} from '../../bench/serve-process.js'

const root = path.resolve(import.meta.dirname, '../..')

/** The child runs lib/: say so plainly when it is missing or older than the serve code it was compiled from. */
export function assertCompiled(): void {
  const sources = ['src/cli/serve.ts', 'src/cli/main.ts', ...['content-type', 'error-page', 'reload', 'route', 'server', 'watch'].map((name) => `src/serve/${name}.ts`)]
  for (const source of sources) {
    const compiled = path.join(root, 'lib', source.replace(/\.ts$/, '.js'))
    if (!existsSync(compiled)) throw new Error(`${path.relative(root, compiled)} is missing: run \`npm run compile\` first`)
    if (statSync(path.join(root, source)).mtimeMs > statSync(compiled).mtimeMs) throw new Error(`${source} is newer than lib/: run \`npm run compile\` first`)
  }
}

/** Resident memory of a process in MB (VmRSS in /proc/<pid>/status). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) / 1024
}

/** How many sockets a process has open (its listening socket, its connections, and any stdio socket pairs). */
export async function openSockets(pid: number): Promise<number> {
  const dir = `/proc/${pid}/fd`
  let count = 0
  for (const fd of await readdir(dir)) {
    // A descriptor can close between listing and reading it.
    const target = await readlink(path.join(dir, fd)).catch(() => '')
    if (target.startsWith('socket:')) count++
  }
  return count
}

/** One open live-reload stream: the build ids it has been sent. */
export interface ReloadStream {
  readonly builds: readonly string[]
  /** Whether the server has ended it (or the connection failed). */
  readonly ended: boolean
  close(): void
}

/** Open the event stream as a page would (its own connection), once its first event has arrived. */
export function openReloadStream(port: number, pathname = '/__sitrep/events'): Promise<ReloadStream> {
  return new Promise((resolve, reject) => {
    const builds: string[] = []
    let ended = false
    const request = http.get({host: '127.0.0.1', port, path: pathname, agent: false}, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`event stream answered ${response.statusCode}`))
        response.resume()
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      const stream: ReloadStream = {
        builds,
        get ended() {
          return ended
        },
        close: () => {
          request.destroy()
        }
      }
      response.on('data', (chunk: string) => {
        buffer += chunk
        const events = buffer.split('\n\n')
        buffer = events.pop() ?? ''
        for (const event of events) {
          const data = /^event: build\ndata: ([a-z0-9-]+)$/m.exec(event)?.[1]
          if (data !== undefined) builds.push(data)
        }
        if (builds.length === 1) resolve(stream)
      })
      response.on('close', () => (ended = true))
    })
    request.on('error', (error) => {
      ended = true
      reject(error)
    })
  })
}
