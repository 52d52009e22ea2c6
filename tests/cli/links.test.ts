// `sitrep links` on the fixture site (tests/fixtures/links/), against the
// loopback Web of tests/helpers/link-server.ts: the exact diagnostics in
// the three formats, no request for a defanged URL or one into the archive,
// none at all on a second run within --max-age, --offline, --changed-since,
// and the exit codes.
import {execFile} from 'node:child_process'
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {linksHelp, runLinks} from '../../src/cli/links.js'
import {main} from '../../src/cli/main.js'
import {checkLinks} from '../../src/build/links.js'
import {readLinksCache} from '../../src/load/links-cache.js'
import {fakeIo} from '../helpers/io.js'
import {startLinkServer, type LinkServer} from '../helpers/link-server.js'

const fixture = path.resolve(import.meta.dirname, '../fixtures/links/content')
const a = 'content/briefs/2024/links-2024-03-07.md'
const b = 'content/briefs/2024/links-2024-03-14.md'
const copy = (url: string) => `https://web.archive.org/web/20240101000000/${url}`

/** What the fixture must report, in the reporters' order: file, line, column, severity, rule, URL, status, final URL, archived copy offered. */
const expected = [
  [a, 9, 5, 'warning', 'links/moved', 'http://gov.links.test/moved', 200, 'http://gov.links.test/new-home', null],
  [a, 27, 7, 'error', 'links/not-found', 'http://gov.links.test/missing', 404, 'http://gov.links.test/missing', copy('http://gov.links.test/missing')],
  [a, 28, 16, 'error', 'links/gone', 'http://gov.links.test/gone', 410, 'http://gov.links.test/gone', copy('http://gov.links.test/gone')],
  [a, 29, 7, 'error', 'links/dns', 'http://old-ministry.invalid/notices', null, 'http://old-ministry.invalid/notices', null],
  [a, 30, 7, 'error', 'links/redirect-loop', 'http://gov.links.test/loop-a', null, 'http://gov.links.test/loop-a', null],
  [a, 32, 7, 'warning', 'links/rate-limited', 'http://state.links.test/busy', 429, 'http://state.links.test/busy', null],
  [a, 34, 7, 'warning', 'links/server-error', 'http://broken.links.test/broken', 503, 'http://broken.links.test/broken', null],
  [a, 35, 8, 'warning', 'links/timeout', 'http://slow.links.test/slow', null, 'http://slow.links.test/slow', null],
  [a, 36, 8, 'warning', 'links/connection', 'http://reset.links.test/reset', null, 'http://reset.links.test/reset', null],
  [a, 37, 8, 'warning', 'links/tls', 'https://secure.links.test/ok', null, 'https://secure.links.test/ok', null],
  [a, 40, 8, 'warning', 'links/dead-archived', 'http://gov.links.test/dead-archived', 404, 'http://gov.links.test/dead-archived', null],
  [a, 43, 8, 'warning', 'links/moved', 'http://news.links.test/chain', 200, 'http://news.links.test/new-home', null],
  [b, 16, 7, 'error', 'links/not-found', 'http://gov.links.test/missing', 404, 'http://gov.links.test/missing', copy('http://gov.links.test/missing')]
] as const

interface JsonReport {
  diagnostics: {file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string; hint: string; url: string; status: number | null; finalUrl: string; checkedAt: string; archived: string | null}[]
  urls: {url: string; outcome: string; status: number | null; checkedAt: string | null; citedBy: {file: string; line: number; column: number; note?: number}[]}[]
  unchecked: string[]
  errors: number
  warnings: number
}

let server: LinkServer
let root: string
const made: string[] = []

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-links-'))
  made.push(dir)
  await cp(fixture, path.join(dir, 'content'), {recursive: true})
  return dir
}

/** The command as CI runs it, with every `*.test` host on loopback and short waits (a slow answer takes 6 s). */
async function links(cwd: string, ...args: string[]) {
  const io = fakeIo(cwd)
  const code = await runLinks(['--timeout', '1.5', ...args], io, {connectTo: server.connectTo, backoffMs: 20})
  return {code, out: io.out(), err: io.err()}
}

beforeAll(async () => {
  server = await startLinkServer()
  root = await project()
})

afterAll(async () => {
  await server.close()
  await Promise.all(made.map((dir) => rm(dir, {recursive: true, force: true})))
})

describe('sitrep links on the fixture site', () => {
  let first: Awaited<ReturnType<typeof links>>
  let json: JsonReport
  let requestsAfterFirst = 0

  beforeAll(async () => {
    first = await links(root, '--format', 'json')
    json = JSON.parse(first.out) as JsonReport
    requestsAfterFirst = server.log.length
  }, 30_000)

  it('reports exactly the expected diagnostics, with status, final URL, when checked and an archived copy (json)', () => {
    expect(first.code).toBe(1)
    expect(json.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.rule, d.url, d.status, d.finalUrl, d.archived])).toEqual(expected)
    expect({errors: json.errors, warnings: json.warnings, unchecked: json.unchecked}).toEqual({errors: 5, warnings: 8, unchecked: []})
    for (const d of json.diagnostics) expect(Date.parse(d.checkedAt), d.url).toBeGreaterThan(Date.now() - 60_000)
    expect(json.diagnostics[1]).toMatchObject({
      endLine: 27,
      endColumn: 36,
      message: "Note 2's source http://gov.links.test/missing answers 404 Not Found: the page is no longer there, so readers cannot reach what was cited.",
      hint: `The Web archive has a copy: write the source as \`http://gov.links.test/missing, p.2 (archived: ${copy('http://gov.links.test/missing')})\`, or cite where the page moved.`
    })
    expect(json.diagnostics[0]?.hint).toBe('Cite the new address: http://gov.links.test/new-home')
    expect(json.diagnostics[7]?.message).toBe("Note 10's source http://slow.links.test/slow did not answer within 1.5 s (3 tries).")
  })

  it('lists every URL checked, each once, with every place citing it', () => {
    expect(json.urls.map((u) => [u.url, u.outcome, u.status])).toEqual([
      ['http://gov.links.test/moved', 'http', 200],
      ['http://news.links.test/found', 'http', 200],
      ['http://news.links.test/ok', 'http', 200],
      ['http://gov.links.test/missing', 'http', 404],
      ['http://gov.links.test/gone', 'http', 410],
      ['http://old-ministry.invalid/notices', 'dns', null],
      ['http://gov.links.test/loop-a', 'redirect-loop', null],
      ['http://state.links.test/busy', 'http', 429],
      ['http://state.links.test/flaky', 'http', 200],
      ['http://broken.links.test/broken', 'http', 503],
      ['http://slow.links.test/slow', 'timeout', null],
      ['http://reset.links.test/reset', 'reset', null],
      ['https://secure.links.test/ok', 'tls', null],
      ['http://files.links.test/huge', 'http', 200],
      ['http://news.links.test/no-head', 'http', 200],
      ['http://gov.links.test/dead-archived', 'http', 404],
      ['http://news.links.test/chain', 'http', 200]
    ])
    // Note 1 and note 17's `#section-2` are one URL, fetched once.
    expect(json.urls[2]?.citedBy).toEqual([
      {file: a, line: 26, column: 7, note: 1},
      {file: a, line: 44, column: 5, note: 17}
    ])
    // Cited by both briefs, fetched once.
    expect(server.log.filter((r) => r.path === '/missing')).toHaveLength(1)
    // Cited by notes 1 and 17, fetched once; and once more as where /found redirects.
    expect(server.log.filter((r) => r.path === '/ok' && r.host === 'news.links.test')).toHaveLength(2)
  })

  it('never requests a defanged URL or a URL into the archive itself', () => {
    expect(server.log.filter((r) => r.path.includes('never') || r.host.startsWith('defanged') || r.host === 'briefs.links.test')).toEqual([])
  })

  it('is polite: says who it is, HEAD first, GET only where HEAD is refused, Retry-After honoured, no huge body downloaded', () => {
    expect(new Set(server.log.map((r) => r.userAgent))).toEqual(new Set(['sitrep-links/0.1.0 (+https://briefs.links.test/)']))
    const methods = (p: string) => server.log.filter((r) => r.path === p).map((r) => r.method)
    expect(methods('/no-head')).toEqual(['HEAD', 'GET'])
    expect(methods('/huge')).toEqual(['HEAD', 'GET'])
    expect(methods('/gone')).toEqual(['HEAD'])
    expect(server.hugeFinished()).toBe(false)
    expect(server.hugeBytes()).toBeLessThan(64 * 1024 ** 2)
    // 429 with Retry-After: 1, three tries a second apart; 500 once, then 200.
    const busy = server.log.filter((r) => r.path === '/busy').map((r) => r.at)
    expect(busy).toHaveLength(3)
    expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(950)
    expect(busy[2]! - busy[1]!).toBeGreaterThanOrEqual(950)
    expect(methods('/flaky')).toEqual(['HEAD', 'HEAD'])
    // The archive is asked about dead sources with no copy, never about one that has a copy.
    expect(server.log.filter((r) => r.host === 'archive.links.test').map((r) => decodeURIComponent(r.path.replace(/^.*url=/, '')))).toEqual(
      expect.arrayContaining(['http://gov.links.test/missing', 'http://gov.links.test/gone', 'http://old-ministry.invalid/notices', 'http://gov.links.test/loop-a'])
    )
    expect(server.log.some((r) => r.host === 'archive.links.test' && r.path.includes('dead-archived'))).toBe(false)
  })

  it('reports the same diagnostics as text and as GitHub annotations, from the cache, with no request', async () => {
    const text = await links(root)
    const github = await links(root, '--format', 'github')
    expect(server.log.length).toBe(requestsAfterFirst)
    expect([text.code, github.code]).toEqual([1, 1])
    const lines = text.out.split('\n').filter((line) => /^content\/\S+:\d+:\d+ {2}(error|warning) {2}/.test(line))
    expect(lines).toEqual(json.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`))
    expect(text.out).toContain('\n> 27 | [^2]: http://gov.links.test/missing, p.2\n     |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n')
    expect(text.out.trimEnd().split('\n').at(-1)).toBe('5 errors and 8 warnings in 2 files.')
    expect(text.err).toMatch(/^Checked 17 URLs cited in 2 briefs: 0 fetched, 17 from the cache \(checked within 7 days\), in \d+\.\d s\.\n$/)
    const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    expect(github.out).toBe(
      json.diagnostics.map((d) => `::${d.severity} file=${d.file},line=${d.line},col=${d.column},title=${d.rule.replace(':', '%3A')}::${escape(`${d.message} ${d.hint}`)}\n`).join('')
    )
  })

  it('fetches again what is older than --max-age', async () => {
    const before = server.log.length
    const again = await links(root, '--max-age', '0', '--format', 'json')
    expect(server.log.length).toBeGreaterThan(before)
    expect((JSON.parse(again.out) as JsonReport).diagnostics.map((d) => d.rule)).toEqual(expected.map((row) => row[4]))
  }, 30_000)
})

describe('sitrep links on a terminal and on a broken site.yml', () => {
  it('shows its progress on a terminal only, and clears it before the summary', async () => {
    const dir = await project()
    let err = ''
    const io = {...fakeIo(dir), stderr: {write: (text: string) => (err += text), isTTY: true}}
    await runLinks(['--timeout', '1.5', '--no-cache'], io, {connectTo: server.connectTo, backoffMs: 20})
    expect(err).toContain('\r\u001B[2KChecking links [                    ] 0/17 URLs')
    expect(err).toContain('\r\u001B[2KChecking links [====================] 17/17 URLs')
    const [, summary = ''] = err.split('\r\u001B[2KChecked ')
    expect(summary).toMatch(/^17 URLs cited in 2 briefs: 17 fetched, in \d+\.\d s\.\n$/)
  }, 30_000)

  it('reports invalid settings as check does, fetching nothing', async () => {
    const dir = await project()
    await writeFile(path.join(dir, 'content/site.yml'), 'title: T\nlanguage: en\n')
    const before = server.log.length
    const result = await links(dir)
    expect(result.code).toBe(1)
    expect(result.out).toContain('config/schema')
    expect(server.log.length).toBe(before)
  })
})

describe('a long run', () => {
  it('saves the results it has as it goes, so a run killed midway leaves them for the next', async () => {
    const dir = await project()
    const cacheDir = path.join(dir, '.cache/sitrep')
    const running = checkLinks({
      contentDir: path.join(dir, 'content'),
      cwd: dir,
      cacheDir,
      saveEveryMs: 0,
      timeoutMs: 5000,
      retries: 0,
      connectTo: server.connectTo,
      userAgent: () => 'test'
    })
    // /slow answers after 6 s; everything else is done well before.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const partial = await readLinksCache(cacheDir)
    expect(partial.get('http://news.links.test/ok')?.outcome).toEqual({kind: 'http', status: 200})
    expect(partial.has('http://slow.links.test/slow')).toBe(false)
    await running
    expect((await readLinksCache(cacheDir)).size).toBe(17)
  }, 30_000)
})

describe('sitrep links --offline', () => {
  it('reports only from the cache and says what it could not check', async () => {
    const dir = await project()
    const before = server.log.length
    const result = await links(dir, '--offline', '--format', 'json')
    expect(server.log.length).toBe(before)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.out) as JsonReport
    expect(report.diagnostics).toEqual([])
    expect(report.unchecked).toHaveLength(17)
    expect(result.err).toContain('17 URLs not checked: not in the cache, and --offline fetches nothing.')
  })
})

describe('sitrep links --changed-since', () => {
  it('checks only the briefs changed since the ref (committed, edited or new)', async () => {
    const dir = await project()
    const git = (...args: string[]) => promisify(execFile)('git', args, {cwd: dir})
    await git('init', '-q', '-b', 'main')
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'add', '.')
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'commit', '-qm', 'briefs')
    // A branch: one brief edited and committed, one new and not yet added; meanwhile main moves on.
    await git('checkout', '-qb', 'pr')
    const file = path.join(dir, b)
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('[^1]: http://gov.links.test/missing', '[^1]: http://gov.links.test/gone'))
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'commit', '-qam', 'edit')
    await writeFile(path.join(dir, 'content/briefs/2024/links-2024-03-21.md'), text.replace('2024-03-14', '2024-03-21').replace('[^1]: http://gov.links.test/missing', '[^1]: http://gov.links.test/moved'))
    await git('checkout', '-q', 'main')
    await writeFile(path.join(dir, a), (await readFile(path.join(dir, a), 'utf8')).replace('Link Watch, March 7', 'Link Watch, 7 March'))
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'commit', '-qam', 'on main')
    await git('checkout', '-q', 'pr')
    const result = await links(dir, '--changed-since', 'main', '--format', 'json', '--no-cache')
    const report = JSON.parse(result.out) as JsonReport
    expect(report.urls.map((u) => u.url)).toEqual(['http://gov.links.test/gone', 'http://gov.links.test/moved'])
    expect(report.diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([
      [b, 16, 'links/gone'],
      ['content/briefs/2024/links-2024-03-21.md', 16, 'links/moved']
    ])
    expect(result.err).toMatch(/^Checked 2 URLs cited in 2 briefs: 2 fetched, in /)
    const io = fakeIo(dir)
    expect(await main(['links', '--changed-since', 'no-such-ref'], io)).toBe(2)
    expect(io.err()).toContain('sitrep links: --changed-since no-such-ref: git merge-base failed: fatal: Not a valid object name no-such-ref')
  })
})

describe('sitrep links: usage', () => {
  it.each([
    [['--max-age', 'soon'], '--max-age must be a duration such as 7d, 12h, 30m or 0 (got "soon")'],
    [['--format', 'xml'], '--format must be one of text, json, github (got "xml")'],
    [['--concurrency', '0'], '--concurrency must be a whole number of at least 1 (got "0")'],
    [['--timeout', '0'], '--timeout must be a number of seconds above 0 (got "0")'],
    [['--retries', 'many'], '--retries must be a whole number of at least 0 (got "many")']
  ])('%j is a usage error: exit 2', async (args, message) => {
    const io = fakeIo(root)
    expect(await main(['links', ...args], io)).toBe(2)
    expect(io.err()).toBe(`sitrep links: ${message}\nRun \`sitrep links --help\` for usage.\n`)
  })

  it('is listed by sitrep --help and has its own help', async () => {
    const io = fakeIo(root)
    expect(await main(['--help'], io)).toBe(0)
    expect(io.out()).toContain('  links   fetch every cited URL and report dead, moved and failing sources\n')
    const help = fakeIo(root)
    expect(await main(['links', '--help'], help)).toBe(0)
    expect(help.out()).toBe(linksHelp)
  })
})
