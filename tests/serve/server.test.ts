import {cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import http from 'node:http'
import {connect} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {defaultPublicDir} from '../../src/load/assets.js'
import {injectReload} from '../../src/serve/reload.js'
import {startServer, type BuildReport, type RunningServer, type ServeEvent} from '../../src/serve/server.js'
import {fixtureContent} from '../helpers/built-site.js'
import {openReloadStream, type ReloadStream} from '../helpers/serve-process.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-serve-'))
const content = path.join(temp, 'content')
const weekOne = path.join(content, 'briefs/week-one.md')
const weekOneFile = 'content/briefs/week-one.md'
const publicDir = path.join(temp, 'public')
const templatesDir = path.join(temp, 'templates')
const events: ServeEvent[] = []
let server: RunningServer
let original: string
let siteYml: string

beforeAll(async () => {
  await cp(fixtureContent, content, {recursive: true})
  await mkdir(publicDir)
  await mkdir(templatesDir)
  original = await readFile(weekOne, 'utf8')
  siteYml = await readFile(path.join(content, 'site.yml'), 'utf8')
  server = await startServer({
    contentDir: content,
    cwd: temp,
    port: 0,
    publicDirs: [defaultPublicDir, publicDir],
    templateDirs: [templatesDir],
    onEvent: (event) => events.push(event)
  })
})
afterAll(async () => {
  await server.close()
  await rm(temp, {recursive: true, force: true})
})

interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** One request with the path sent exactly as written (fetch would normalise "..", which is what is being tested). */
function request(target: string, options: {method?: string; headers?: Record<string, string>} = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port: server.port, path: target, method: options.method ?? 'GET', headers: options.headers ?? {}}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        resolve({status: res.statusCode ?? 0, headers: res.headers, body})
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Make a change, then wait for the build that sees it (an editor's save can cause more than one). */
async function rebuildAfter(change: () => Promise<void>, done: (report: BuildReport) => boolean): Promise<BuildReport> {
  let next = server.nextBuild()
  await change()
  for (;;) {
    const report = await next
    if (done(report)) return report
    next = server.nextBuild()
  }
}

const editWeekOne = (text: string) =>
  rebuildAfter(
    () => writeFile(weekOne, text),
    (report) => report.sources.get(weekOneFile) === text
  )

const textOf = (html: string) => toString(fromHtml(html)).replace(/\s+/g, ' ')

describe('sitrep serve', () => {
  it('serves the site at baseUrl\'s path, from memory, with the reload script added', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/archive/`)
    expect(server.latest.ok).toBe(true)
    const page = await request('/archive/briefs/week-one/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.body).toMatch(/<h1[^>]*>Week One<\/h1>/)
    expect(page.body).toMatch(/<script data-sitrep-build="[a-z0-9-]+">[\s\S]*new EventSource\("\/__sitrep\/events"\)[\s\S]*<\/script><\/body>/)
    // Nothing is written: the project folder holds only the content.
    expect((await readdir(temp)).sort()).toEqual(['content', 'public', 'templates'])
  })

  it('redirects to the site, to directories, and answers 404 with the built 404 page', async () => {
    const root = await request('/')
    expect(root.status).toBe(302)
    expect(root.headers.location).toBe('/archive/')
    const mount = await request('/archive')
    expect(mount.status).toBe(301)
    expect(mount.headers.location).toBe('/archive/')
    const dir = await request('/archive/briefs/week-one')
    expect(dir.status).toBe(301)
    expect(dir.headers.location).toBe('/archive/briefs/week-one/')
    const doubled = await request('//archive//briefs/./week-one/')
    expect(doubled.status).toBe(301)
    expect(doubled.headers.location).toBe('/archive/briefs/week-one/')

    const missing = await request('/archive/briefs/nothing-here/')
    expect(missing.status).toBe(404)
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(missing.body).toContain('Page not found')
    expect(missing.body).toContain('href="/archive/assets/site.css"')
    expect(missing.body).toContain('data-sitrep-build=')
    expect((await request('/elsewhere/')).status).toBe(404)
  })

  it('sends each kind of file with its content type', async () => {
    const types: Record<string, string> = {
      '/archive/': 'text/html; charset=utf-8',
      '/archive/feed.xml': 'application/atom+xml; charset=utf-8',
      '/archive/regions/taiwan/feed.xml': 'application/atom+xml; charset=utf-8',
      '/archive/sitemap.xml': 'application/xml; charset=utf-8',
      '/archive/assets/site.css': 'text/css; charset=utf-8',
      '/archive/robots.txt': 'text/plain; charset=utf-8',
      // The icons: no 404 for the /favicon.ico browsers ask for, and the SVG every page links.
      '/archive/favicon.ico': 'image/x-icon',
      '/archive/assets/favicon.svg': 'image/svg+xml'
    }
    for (const [target, type] of Object.entries(types)) {
      const answer = await request(target)
      expect([target, answer.status, answer.headers['content-type']]).toEqual([target, 200, type])
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
    }
    const feed = await request('/archive/feed.xml')
    expect(feed.body).not.toContain('__sitrep')
  })

  it('answers HEAD with the headers only, and refuses other methods', async () => {
    const get = await request('/archive/assets/site.css')
    const head = await request('/archive/assets/site.css', {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    expect(head.headers['content-length']).toBe(get.headers['content-length'])
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8')
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const refused = await request('/archive/', {method})
      expect(refused.status).toBe(405)
      expect(refused.headers.allow).toBe('GET, HEAD')
    }
  })

  it('never serves anything outside the built site, however the path is spelled', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2fpackage.json',
      '/%00',
      '/%zz',
      '/archive/../../package.json',
      '/archive/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/archive/..%5c..%5cpackage.json',
      '/archive/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/archive/assets/site.css%00.html',
      '/archive/../content/site.yml',
      '/content/site.yml',
      '/archive/.%2e/package.json',
      '/__sitrep/../package.json'
    ]
    const packageJson = await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')
    for (const target of attempts) {
      const answer = await request(target)
      expect([target, [400, 404].includes(answer.status)]).toEqual([target, true])
      expect(answer.body).not.toContain('"devDependencies"')
      expect(answer.body).not.toContain('root:')
      expect(answer.body).not.toContain('baseUrl:')
      expect(answer.body).not.toBe(packageJson)
    }
    expect((await request('/%zz')).status).toBe(400)
    expect((await request('/%00')).status).toBe(400)
    expect((await request('/..%2fpackage.json')).status).toBe(400)
  })

  it('answers only to localhost names, so another site cannot read drafts through DNS rebinding', async () => {
    expect((await request('/archive/', {headers: {host: 'evil.example:80'}})).status).toBe(403)
    expect((await request('/archive/', {headers: {host: `localhost:${server.port}`}})).status).toBe(200)
  })

  it('shows a changed brief in the next response after the rebuild, re-parsing only that brief', async () => {
    const report = await editWeekOne(original.replace('title: Week One', 'title: Week One, revised'))
    expect(report.ok).toBe(true)
    expect(report.stats.parsed).toBe(1)
    expect(report.changes.map((change) => change.path)).toContain(weekOne)
    const page = await request('/archive/briefs/week-one/')
    expect(page.body).toMatch(/<h1[^>]*>Week One, revised<\/h1>/)
    expect(page.body).toContain(`data-sitrep-build="${report.build}"`)
  })

  it('shows the diagnostics instead of any page while a change has errors, and recovers when it is fixed', async () => {
    const broken = original.replace('## Oceania', '## Atlantis')
    const report = await editWeekOne(broken)
    expect(report.ok).toBe(false)
    const error = report.diagnostics.find((d) => d.severity === 'error')
    expect(error).toMatchObject({file: weekOneFile, line: 14, column: 1, rule: 'region/unknown'})

    for (const target of ['/archive/briefs/week-one/', '/archive/', '/archive/regions/taiwan/', '/archive/nothing/']) {
      const page = await request(target)
      expect([target, page.status]).toEqual([target, 500])
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      const text = textOf(page.body)
      expect(text).toContain('content/briefs/week-one.md:14:1')
      expect(text).toContain(error?.message)
      expect(text).toContain(error?.hint)
      expect(text).toContain('region/unknown')
      expect(text).toContain('## Atlantis')
      // The error page reloads itself too: that is how fixing the file brings the site back.
      expect(page.body).toContain(`data-sitrep-build="${report.build}"`)
    }
    // Stale feeds and styles are not served either.
    expect((await request('/archive/feed.xml')).status).toBe(503)
    // The icons, which depend on no brief, are: the error page's tab shows the site's own.
    for (const icon of ['/archive/favicon.ico', '/archive/assets/favicon.svg']) expect([icon, (await request(icon)).status]).toEqual([icon, 200])

    const fixed = await editWeekOne(original)
    expect(fixed.ok).toBe(true)
    const page = await request('/archive/briefs/week-one/')
    expect(page.status).toBe(200)
    expect(page.body).toMatch(/<h1[^>]*>Week One<\/h1>/)
  })

  it('shows a brief added while serving, and forgets one removed', async () => {
    const added = path.join(content, 'briefs/week-three.md')
    const text = original.replace('title: Week One', 'title: Week Three').replace('date: 2024-01-04', 'date: 2024-01-18')
    await rebuildAfter(
      () => writeFile(added, text),
      (report) => report.sources.has('content/briefs/week-three.md')
    )
    expect((await request('/archive/briefs/week-three/')).body).toMatch(/<h1[^>]*>Week Three<\/h1>/)
    await rebuildAfter(
      () => rm(added),
      (report) => !report.sources.has('content/briefs/week-three.md')
    )
    expect((await request('/archive/briefs/week-three/')).status).toBe(404)
  })

  it('processes an added map once, serves its files, and on an edit re-processes only it, under new names', async () => {
    const map = (colour: string) => sharp({create: {width: 600, height: 400, channels: 3, background: colour}}).png().toBuffer()
    const brief = path.join(content, 'briefs/week-map.md')
    const text = original
      .replace('title: Week One', 'title: Week Map')
      .replace('date: 2024-01-04', 'date: 2024-01-25')
    const withFigure = text.replace(/(\n## [^\n]+\n)/, '$1\n![Coast guard ships west of Kinmen](../maps/kinmen.png "Patrols near Kinmen")\nMap: Example Institute\n')
    await mkdir(path.join(content, 'maps'), {recursive: true})
    const first = await rebuildAfter(
      async () => {
        await writeFile(path.join(content, 'maps/kinmen.png'), await map('#cfe3f0'))
        await writeFile(brief, withFigure)
      },
      (report) => report.sources.has('content/briefs/week-map.md') && report.ok
    )
    expect(first.stats.images).toBe(1)
    const page = (await request('/archive/briefs/week-map/')).body
    const avif = /srcset="\.\.\/\.\.\/(images\/kinmen-[0-9a-f]{8}-480\.avif) 480w/.exec(page)?.[1]
    if (avif === undefined) throw new Error('no AVIF source on the page')
    const served = await request(`/archive/${avif}`)
    expect([served.status, served.headers['content-type']]).toEqual([200, 'image/avif'])

    // Saved as editors save (a new file renamed over the old), so no build reads it half-written.
    const bytes = await map('#102030')
    let processed = 0
    let parsed = 0
    await rebuildAfter(
      async () => {
        await writeFile(path.join(content, 'maps/kinmen.png.tmp'), bytes)
        await rename(path.join(content, 'maps/kinmen.png.tmp'), path.join(content, 'maps/kinmen.png'))
      },
      (report) => {
        processed += report.stats.images ?? 0
        parsed += report.stats.parsed
        return report.ok && processed > 0
      }
    )
    expect([processed, parsed]).toEqual([1, 1])
    const after = (await request('/archive/briefs/week-map/')).body
    expect(after).not.toContain(avif)
    expect((await request(`/archive/${avif}`)).status).toBe(404)
    // The brief and its map stay: removing them would end in a rebuild that later tests would count.
    // A save can cause a second build after the one awaited: let the server settle before the next test counts builds.
    let seen = -1
    while (seen !== events.length) {
      seen = events.length
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
  }, 60_000)

  it('serves a static file added to public/ after a rebuild', async () => {
    await rebuildAfter(
      () => writeFile(path.join(publicDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      (report) => report.ok
    )
    const logo = await request('/archive/logo.svg')
    expect(logo.status).toBe(200)
    expect(logo.headers['content-type']).toBe('image/svg+xml')
  })

  it('says that a template change needs a compile and a restart, without rebuilding', async () => {
    const before = events.filter((event) => event.type === 'build').length
    await writeFile(path.join(templatesDir, 'brief.ts'), 'export {}\n')
    const deadline = Date.now() + 10_000
    while (!events.some((event) => event.type === 'templates-changed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    const told = events.find((event) => event.type === 'templates-changed')
    expect(told?.type === 'templates-changed' ? told.changes.map((change) => change.path) : []).toEqual([path.join(templatesDir, 'brief.ts')])
    expect(events.filter((event) => event.type === 'build').length).toBe(before)
  })

  it('sends an event on the event stream after each rebuild', async () => {
    const events: string[] = []
    let notify = () => {}
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({host: '127.0.0.1', port: server.port, path: '/__sitrep/events'}, resolve).on('error', reject)
    })
    expect(stream.statusCode).toBe(200)
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    stream.setEncoding('utf8')
    let buffer = ''
    stream.on('data', (chunk: string) => {
      buffer += chunk
      for (const match of buffer.matchAll(/event: build\ndata: ([a-z0-9-]+)\n\n/g)) events.push(match[1] ?? '')
      buffer = buffer.replace(/[\s\S]*\n\n/, '')
      notify()
    })
    const eventCount = (n: number) =>
      new Promise<void>((resolve) => {
        notify = () => {
          if (events.length >= n) resolve()
        }
        notify()
      })
    // On connecting, the current build's id: a page served by an older build reloads at once.
    await eventCount(1)
    expect(events[0]).toBe(server.latest.build)

    const report = await editWeekOne(original.replace('It stayed an hour.', 'It stayed two hours.'))
    await eventCount(2)
    expect(events[events.length - 1]).toBe(report.build)
    expect(report.build).not.toBe(events[0])

    // A save that changes no page (here: the same text again, as an editor's
    // second event of one save) keeps the build's id and reloads nothing.
    const before = events.length
    const same = await rebuildAfter(
      async () => {
        await writeFile(weekOne, original.replace('It stayed an hour.', 'It stayed two hours.'))
        await writeFile(path.join(content, 'site.yml'), siteYml)
      },
      (next) => next.changes.some((change) => change.path.endsWith('site.yml'))
    )
    expect(same.ok).toBe(true)
    expect(same.build).toBe(report.build)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(events.length).toBe(before)
    stream.destroy()
  })
})

describe('sitrep serve, under hostile or careless clients', () => {
  const limits = {headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, maxStreams: 2}
  let limited: RunningServer
  beforeAll(async () => {
    const own = path.join(temp, 'limited')
    await cp(fixtureContent, own, {recursive: true})
    limited = await startServer({contentDir: own, cwd: temp, port: 0, templateDirs: [], limits})
  })
  afterAll(() => limited.close())

  /** Raw bytes on one connection: what the server sends back, and when it hangs up. */
  function rawConnection(port: number) {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk))
    const closed = new Promise<number>((resolve) => {
      const opened = Date.now()
      socket.on('close', () => {
        resolve(Date.now() - opened)
      })
    })
    socket.on('error', () => {})
    return {socket, received: () => received, closed}
  }

  it('hangs up on a client that sends its headers a line at a time (slowloris), with 408', async () => {
    const slow = rawConnection(limited.port)
    slow.socket.write('GET /archive/ HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    const trickle = setInterval(() => slow.socket.write('X-Slow: 1\r\n'), 50)
    let giveUp: NodeJS.Timeout | undefined
    const after = await Promise.race([
      slow.closed,
      new Promise<number>((resolve) => {
        giveUp = setTimeout(() => {
          resolve(-1)
        }, 5_000)
      })
    ])
    clearTimeout(giveUp)
    clearInterval(trickle)
    slow.socket.destroy()
    expect(after).toBeGreaterThan(0)
    expect(after).toBeLessThan(2_000)
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('closes an idle kept-alive connection, but keeps an event stream open past every timeout', async () => {
    const stream = await openReloadStream(limited.port)
    const idle = rawConnection(limited.port)
    idle.socket.write('GET /archive/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    expect(await idle.closed).toBeLessThan(2_000)
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /)
    await new Promise((resolve) => setTimeout(resolve, 2 * limits.requestTimeoutMs))
    expect(stream.ended).toBe(false)
    expect(limited.streams).toBe(1)
    stream.close()
  })

  it('refuses event streams beyond its limit with 503, and forgets each one whose page went away', async () => {
    const until = async (check: () => boolean) => {
      for (let waited = 0; !check() && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await until(() => limited.streams === 0)
    const open: ReloadStream[] = [await openReloadStream(limited.port), await openReloadStream(limited.port)]
    expect(limited.streams).toBe(2)
    await expect(openReloadStream(limited.port)).rejects.toThrow('event stream answered 503')
    open[0]?.close()
    await until(() => limited.streams === 1)
    expect(limited.streams).toBe(1)
    open.push(await openReloadStream(limited.port))
    expect(limited.streams).toBe(2)
    for (const stream of open) stream.close()
    await until(() => limited.streams === 0)
    expect(limited.streams).toBe(0)
  })

  it('adds the reload script to a page\'s bytes without decoding them, as it does to text', () => {
    const page = '<!doctype html><html><body><p>Taipei · 台北</p></body></html>'
    const fromText = injectReload(page, 'abc-1')
    expect(fromText).toMatch(/<p>Taipei · 台北<\/p><script data-sitrep-build="abc-1">[\s\S]*<\/script><\/body><\/html>$/)
    expect(Buffer.from(injectReload(Buffer.from(page), 'abc-1')).toString('utf8')).toBe(fromText)
    // The last </body>, in any case, as in the text version; and at the end when there is none.
    for (const odd of ['<body>a</BODY>', '<body>a</body><!-- </Body> -->', 'no body at all']) {
      expect(Buffer.from(injectReload(Buffer.from(odd), 'abc-1')).toString('utf8')).toBe(injectReload(odd, 'abc-1'))
    }
    expect(() => injectReload(Buffer.from(page), 'not "safe"')).toThrow('invalid build id')
  })
})
