// `npm run bench -- --links`: `sitrep links` on 2,000 distinct cited URLs
// served by a local server that answers each request after 50 ms (a far
// site's latency), at default settings. Two archives: the URLs spread over
// 200 hosts (ten each, as an archive cites many sites), and all on one
// host (where the per-host limits, 2 at a time 100 ms apart, decide; and
// once more with them relaxed: --host-delay 0 --host-concurrency 8). The
// check runs in this process (its connections pointed at the local server,
// which also runs here, so the CPU time counts both); then again with the
// results cache warm (no request at all).
import {mkdir, rm, writeFile} from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {runLinks} from '../src/cli/links.js'

export interface LinksSample {
  readonly step: string
  readonly urls: number
  readonly milliseconds: number
  readonly cpuMs: number
  readonly requests: number
  readonly peakRssMb: number
}

const frontmatter = (n: number) => `---
title: Bench ${n}
date: 2024-01-${String((n % 28) + 1).padStart(2, '0')}
cutoff: 2024-01-01T17:00-05:00
authors:
  - name: A. Analyst
    org: Bench Institute
takeaways:
  - Something happened.
---

## Taiwan

`

/** A content folder citing `urls` distinct URLs over `hosts` hosts, 50 per brief. */
async function archive(dir: string, urls: number, hosts: number): Promise<void> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(path.join(dir, 'briefs'), {recursive: true})
  await writeFile(path.join(dir, 'site.yml'), 'title: Bench\nbaseUrl: https://briefs.bench.test/\nlanguage: en\nlinks:\n  archiveApi: false\n')
  await writeFile(path.join(dir, 'regions.yml'), '- id: taiwan\n  name: Taiwan\n')
  for (let b = 0; b * 50 < urls; b++) {
    const notes = Array.from({length: Math.min(50, urls - b * 50)}, (_, i) => b * 50 + i)
    const text = `${frontmatter(b)}${notes.map((n, i) => `Sentence ${i + 1}.[^${i + 1}]`).join(' ')}\n\n${notes.map((n, i) => `[^${i + 1}]: http://h${n % hosts}.bench.test/reports/${n}`).join('\n')}\n`
    await writeFile(path.join(dir, 'briefs', `bench-${b}.md`), text)
  }
}

export async function benchLinks(work: string, options: {urls?: number; latencyMs?: number} = {}): Promise<LinksSample[]> {
  const urls = options.urls ?? 2000
  const latency = options.latencyMs ?? 50
  let requests = 0
  const server = http.createServer({keepAlive: true}, (request, response) => {
    requests++
    setTimeout(() => {
      response.writeHead(200, {'content-type': 'text/html'})
      response.end(request.method === 'HEAD' ? undefined : '<p>ok</p>')
    }, latency)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const samples: LinksSample[] = []
  try {
    const configs = [
      {hosts: 200, args: [] as string[], warm: [false, true]},
      {hosts: 1, args: [] as string[], warm: [false]},
      // What one host takes when its politeness is relaxed by hand.
      {hosts: 1, args: ['--host-delay', '0', '--host-concurrency', '8'], warm: [false]}
    ]
    for (const {hosts, args, warm: steps} of configs) {
      const dir = path.join(work, `links-n${urls}-h${hosts}`)
      await archive(path.join(dir, 'content'), urls, hosts)
      await rm(path.join(dir, '.cache'), {recursive: true, force: true})
      for (const warm of steps) {
        const before = requests
        const cpu = process.cpuUsage()
        const started = performance.now()
        let err = ''
        const io = {cwd: dir, env: {}, stdout: {write: () => true}, stderr: {write: (text: string) => (err += text)}}
        const code = await runLinks(args, io, {connectTo: () => ({host: '127.0.0.1', port})})
        const milliseconds = Math.round(performance.now() - started)
        const used = process.cpuUsage(cpu)
        if (code !== 0) throw new Error(`sitrep links failed on the bench archive (exit ${code}): ${err}`)
        samples.push({
          step: `links, ${urls.toLocaleString('en')} URLs on ${hosts === 1 ? 'one host' : `${hosts} hosts`}, ${latency} ms latency${args.length > 0 ? `, ${args.join(' ')}` : ''}${warm ? ', cache warm' : ''}`,
          urls,
          milliseconds,
          cpuMs: Math.round((used.user + used.system) / 1000),
          requests: requests - before,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
        })
        process.stdout.write(`${samples.at(-1)?.step ?? ''}: ${milliseconds} ms, ${requests - before} requests\n`)
      }
    }
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  return samples
}
