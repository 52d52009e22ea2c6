// load/http-check.ts against the loopback server: politeness (per-host and
// global concurrency, spacing between requests to one host), a huge body
// never downloaded, and the small parsers (Retry-After, the archive's answer).
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {archivedFrom, checkUrls, parseRetryAfter} from '../../src/load/http-check.js'
import {startLinkServer, type LinkServer} from '../helpers/link-server.js'

let server: LinkServer
beforeAll(async () => {
  server = await startLinkServer({https: false})
})
afterAll(() => server.close())

const since = () => {
  const start = server.log.length
  return () => server.log.slice(start)
}

describe('checkUrls', () => {
  it('keeps to the per-host and the global concurrency', async () => {
    server.latency = 60
    const log = since()
    const urls = ['a', 'b', 'c'].flatMap((host) => Array.from({length: 8}, (_, i) => `http://${host}.pace.test/pace/${i}`))
    const results = await checkUrls(urls, {userAgent: 'test', connectTo: server.connectTo, hostConcurrency: 3, concurrency: 5, hostIntervalMs: 0})
    server.latency = 0
    expect([...results.values()].map((r) => r.outcome)).toEqual(urls.map(() => ({kind: 'http', status: 200})))
    const requests = log()
    expect(requests).toHaveLength(24)
    expect(Math.max(...requests.map((r) => r.inFlight))).toBe(3)
    expect(server.peakInFlight()).toBeLessThanOrEqual(5)
  })

  it('spaces the requests to one host by hostIntervalMs', async () => {
    const log = since()
    const urls = Array.from({length: 4}, (_, i) => `http://spaced.test/pace/${i}`)
    await checkUrls(urls, {userAgent: 'test', connectTo: server.connectTo, hostConcurrency: 4, hostIntervalMs: 150})
    const at = log().map((r) => r.at)
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(120)
  })

  it('reads only the headers of a GET: a 1 GiB body is not downloaded', async () => {
    const started = performance.now()
    const results = await checkUrls(['http://files.test/huge'], {userAgent: 'test', connectTo: server.connectTo})
    expect(results.get('http://files.test/huge')).toMatchObject({outcome: {kind: 'http', status: 200}, attempts: 2})
    expect(performance.now() - started).toBeLessThan(2000)
    expect(server.hugeFinished()).toBe(false)
    expect(server.hugeBytes()).toBeLessThan(64 * 1024 ** 2)
  })

  it('gives up retrying when Retry-After asks for longer than maxRetryAfterMs', async () => {
    const log = since()
    const results = await checkUrls(['http://limited.test/busy'], {userAgent: 'test', connectTo: server.connectTo, maxRetryAfterMs: 500})
    expect(results.get('http://limited.test/busy')).toMatchObject({outcome: {kind: 'http', status: 429}, attempts: 1})
    expect(log()).toHaveLength(1)
  })

  it('reports a host with no address without retrying', async () => {
    const results = await checkUrls(['http://nowhere.invalid/x'], {userAgent: 'test', connectTo: server.connectTo})
    expect(results.get('http://nowhere.invalid/x')).toMatchObject({outcome: {kind: 'network', error: 'dns'}, attempts: 1, finalUrl: 'http://nowhere.invalid/x'})
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT'))).toBe(30_000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })
})

describe('archivedFrom', () => {
  it('takes the closest snapshot of a Wayback availability answer, upgraded to https', () => {
    const answer = {url: 'a.gov/x', archived_snapshots: {closest: {status: '200', available: true, url: 'http://web.archive.org/web/20240101000000/https://a.gov/x', timestamp: '20240101000000'}}}
    expect(archivedFrom(JSON.stringify(answer))).toBe('https://web.archive.org/web/20240101000000/https://a.gov/x')
  })

  it.each(['{"archived_snapshots":{}}', '{"archived_snapshots":{"closest":{"available":false,"url":"http://x"}}}', 'not json', 'null', '{"archived_snapshots":{"closest":{"available":true,"url":"javascript:alert(1)"}}}'])(
    'finds no copy in %s',
    (body) => {
      expect(archivedFrom(body)).toBeUndefined()
    }
  )
})
