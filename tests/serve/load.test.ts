// `sitrep serve` under load: the real CLI in a child process, 200 concurrent
// connections for 10 s (autocannon) over a mix of pages, assets, a 404,
// refused methods and path-traversal attempts, with 200 live-reload streams
// open and a brief edited half-way. Asserts no errors or timeouts, only the
// expected status for each request, nothing from outside the site, every
// stream told about the rebuild, memory bounded and not growing, and every
// connection and stream gone afterwards. Linux only (it reads /proc).
import {mkdtemp, readFile, rename, rm, writeFile} from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {brief, generate} from '../../bench/generate.js'
import {assertCompiled, openReloadStream, openSockets, rssMb, startServeProcess, type ReloadStream, type ServeProcess} from '../helpers/serve-process.js'

const connections = 200
const streamCount = 200
const seconds = 10
const briefCount = 40

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-serve-load-'))
const content = path.join(temp, 'content')
// Outside the content folder and the built site: no response may ever contain it.
const secret = `sitrep-load-secret-${process.pid}-${Date.now()}`
const edited = brief(0)
const editedSlug = path.basename(edited.file, '.md')
let server: ServeProcess | undefined

beforeAll(async () => {
  assertCompiled()
  await generate(content, {briefs: briefCount})
  await writeFile(path.join(temp, 'secret.txt'), `${secret}\n`)
  server = await startServeProcess(['--content', content, '--quiet'], temp)
}, 60_000)
afterAll(async () => {
  await server?.stop()
  await rm(temp, {recursive: true, force: true})
})

interface Expected {
  readonly path: string
  readonly method?: 'GET' | 'DELETE'
  readonly status: number
}

/** What a browser, a feed reader and a prober ask for, each with the one status it must get. */
const mix: readonly Expected[] = [
  {path: '/', status: 200},
  {path: `/briefs/${editedSlug}/`, status: 200},
  {path: '/briefs/daily-brief-2015-01-05/', status: 200},
  {path: '/regions/taiwan/', status: 200},
  {path: '/regions/', status: 200},
  {path: '/archive/', status: 200},
  {path: '/search/', status: 200},
  {path: '/search', status: 301},
  {path: '/assets/site.css', status: 200},
  {path: '/assets/search.js', status: 200},
  {path: '/feed.xml', status: 200},
  {path: '/briefs/no-such-brief/', status: 404},
  {path: '/', method: 'DELETE', status: 405},
  {path: '/../../etc/passwd', status: 400},
  {path: '/../secret.txt', status: 400},
  {path: '/%2e%2e/%2e%2e/etc/passwd', status: 400},
  {path: '/%2E%2E/secret.txt', status: 400},
  {path: '/..%2f..%2fetc%2fpasswd', status: 400},
  {path: '/assets/..%5c..%5c..%5csecret.txt', status: 400},
  {path: '/briefs/.%2e/.%2e/.%2e/secret.txt', status: 400},
  {path: '/assets/site.css%00.html', status: 400}
]

const label = (request: Expected) => `${request.method ?? 'GET'} ${request.path}`
const leaked = (body: string) => body.includes(secret) || body.includes('root:x:0:0')

function head(port: number, target: string): Promise<{status: number; length: string | undefined; body: number}> {
  return new Promise((resolve, reject) => {
    const request = http.request({host: '127.0.0.1', port, path: target, method: 'HEAD'}, (response) => {
      let body = 0
      response.on('data', (chunk: Buffer) => (body += chunk.length))
      response.on('end', () => {
        resolve({status: response.statusCode ?? 0, length: response.headers['content-length'], body})
      })
    })
    request.on('error', reject)
    request.end()
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) return false
    await sleep(100)
  }
  return true
}

const mb = (n: number) => `${n.toFixed(0)} MB`

describe.runIf(process.platform === 'linux')('sitrep serve under load', () => {
  it(`answers ${connections} connections for ${seconds} s with ${streamCount} live-reload streams open: no errors, bounded memory, nothing left behind`, async () => {
    if (server === undefined) throw new Error('the server did not start')
    const {pid, port} = server
    const base = `http://127.0.0.1:${port}`

    // Every request answers as expected before the load, and the largest page sets the memory bound.
    let largest = 0
    for (const request of mix) {
      // fetch normalises "..", so traversal attempts are left to autocannon, which sends the path as written.
      if (request.path.includes('..') || /%2e|%2f|%5c/i.test(request.path)) continue
      const response = await fetch(`${base}${request.path}`, {method: request.method ?? 'GET', redirect: 'manual'})
      const body = await response.arrayBuffer()
      expect([label(request), response.status]).toEqual([label(request), request.status])
      largest = Math.max(largest, body.byteLength)
    }
    await sleep(1_000)
    const startRss = await rssMb(pid)
    const startSockets = await openSockets(pid)

    const streams: ReloadStream[] = await Promise.all(Array.from({length: streamCount}, () => openReloadStream(port)))
    const firstBuild = streams[0]?.builds[0]
    expect(streams.every((stream) => stream.builds[0] === firstBuild)).toBe(true)

    const samples: {at: number; rss: number}[] = []
    let loading = true
    const started = Date.now()
    const sampling = (async () => {
      while (loading) {
        samples.push({at: Date.now() - started, rss: await rssMb(pid)})
        await sleep(200)
      }
    })()
    let peakSockets = 0
    const counting = (async () => {
      await sleep(3_000)
      peakSockets = await openSockets(pid)
    })()

    // HEAD on the side: autocannon's response parser would wait for the body a HEAD answer never has.
    const heads = new Map<string, number>()
    const wrongHeads: string[] = []
    const heading = (async () => {
      const targets: [string, number][] = [['/assets/site.css', 200], [`/briefs/${editedSlug}/`, 200], ['/briefs/no-such-brief/', 404], ['/../secret.txt', 400]]
      while (loading) {
        for (const [target, status] of targets) {
          const answer = await head(port, target)
          heads.set(target, (heads.get(target) ?? 0) + 1)
          if (answer.status !== status || answer.body !== 0 || answer.length === undefined) wrongHeads.push(`${target}: ${answer.status}, ${answer.body} bytes`)
        }
      }
    })()

    // Half-way, a save: every open stream must still hear about the rebuild.
    const editing = (async () => {
      await sleep((seconds * 1_000) / 2)
      const file = path.join(content, edited.file)
      const text = await readFile(file, 'utf8')
      const saved = Date.now()
      // Saved as many editors save, whole (a scratch file renamed over the brief): written in place, a
      // save whose truncation and write the busy test process runs more than the watcher's quiet period
      // apart is rebuilt as an empty brief, and every page rightly shows that error until the write lands.
      const scratch = path.join(path.dirname(file), `.${path.basename(file)}.tmp`)
      await writeFile(scratch, text.replace(/^title: .*$/m, 'title: Revised under load'))
      await rename(scratch, file)
      const reached = await until(() => streams.every((stream) => stream.builds.length >= 2), 15_000)
      return {reached, ms: Date.now() - saved}
    })()

    const statuses = new Map<string, Map<number, number>>()
    let leaks = 0
    const surprises = new Map<string, string>()
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: mix.map((request) => ({
        path: request.path,
        method: request.method ?? 'GET',
        onResponse: (status: number, body: string) => {
          const seen = statuses.get(label(request)) ?? new Map<number, number>()
          seen.set(status, (seen.get(status) ?? 0) + 1)
          statuses.set(label(request), seen)
          if (leaked(body)) leaks++
          // The first unexpected answer to each request, to say what went wrong.
          if (status !== request.status && !surprises.has(label(request))) surprises.set(label(request), `${status}: ${body.replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`)
        }
      }))
    })
    const edit = await editing
    loading = false
    await Promise.all([sampling, heading, counting])
    const endedDuringLoad = streams.filter((stream) => stream.ended).length

    // Afterwards: the streams close as their pages would, and everything they held goes.
    for (const stream of streams) stream.close()
    const socketsBack = await until(async () => (await openSockets(pid)) <= startSockets, 10_000)
    await sleep(3_000)
    const afterRss = await rssMb(pid)
    const afterSockets = await openSockets(pid)
    const page = await (await fetch(`${base}/briefs/${editedSlug}/`)).text()

    const peakRss = Math.max(...samples.map((sample) => sample.rss))
    const third = (seconds * 1_000) / 3
    const middle = samples.filter((sample) => sample.at >= third && sample.at < 2 * third).map((sample) => sample.rss)
    const last = samples.filter((sample) => sample.at >= 2 * third).map((sample) => sample.rss)
    const counts = Object.fromEntries([...statuses].map(([key, seen]) => [key, Object.fromEntries(seen)]))
    console.log(
      [
        `sitrep serve, ${briefCount} briefs, ${connections} connections for ${result.duration.toFixed(1)} s, ${streamCount} live-reload streams:`,
        `  ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s (${(result.throughput.average / 1e6).toFixed(1)} MB/s); latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
        `  errors ${result.errors}, timeouts ${result.timeouts}; ${[...heads.values()].reduce((a, b) => a + b, 0)} HEAD requests on the side`,
        `  RSS ${mb(startRss)} at start, ${mb(peakRss)} peak, ${mb(afterRss)} after; middle third max ${mb(Math.max(...middle))}, last third max ${mb(Math.max(...last))}; largest page ${(largest / 1024).toFixed(0)} KB`,
        `  sockets ${startSockets} before, ${peakSockets} during, ${afterSockets} after; edit reached all ${streamCount} streams in ${edit.ms} ms`
      ].join('\n')
    )

    expect(result.errors).toBe(0)
    expect(result.timeouts).toBe(0)
    expect(result.requests.total).toBeGreaterThan(0)
    const unexpected = mix.filter((request) => Object.keys(counts[label(request)] ?? {}).join() !== String(request.status))
    expect(unexpected.map((request) => [label(request), counts[label(request)], surprises.get(label(request))])).toEqual([])
    expect(leaks).toBe(0)
    expect(wrongHeads).toEqual([])
    expect(heads.size).toBe(4)

    expect(endedDuringLoad).toBe(0)
    expect(peakSockets).toBeGreaterThanOrEqual(streamCount)
    expect(edit.reached).toBe(true)
    expect(page).toContain('Revised under load')

    // Bounded: the site is already in memory, so the load adds only what is in flight. At worst every
    // connection holds the largest page twice (inflated, and with the reload script), plus 64 MB for the
    // garbage collector's slack (V8's young generation alone can take 32 MB before it collects).
    const bound = startRss + (2 * connections * largest) / 2 ** 20 + 64
    expect(peakRss).toBeLessThan(bound)
    // Not growing: ~10,000 requests a third; a leak of a few kilobytes each would show as tens of megabytes.
    expect(Math.max(...last)).toBeLessThan(Math.max(...middle) + 32)
    // Going back: no connection or stream is left, and nothing they held is kept.
    expect(socketsBack).toBe(true)
    // (Not compared with the peak: samples are 100 ms apart, so the true peak can fall between them.)
    expect(afterRss).toBeLessThan(startRss + 64)

    // No MaxListenersExceededWarning or any other warning, no stack trace; and it still stops cleanly.
    expect(server.stderr()).toBe('')
    expect(await server.stop()).toBe(0)
    expect(server.stderr()).toBe('')
  }, 60_000)
})
