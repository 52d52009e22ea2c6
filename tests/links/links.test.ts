// links/: the pure parts of `sitrep links`: which URLs a brief cites (and
// where), which are fetched given the cache, and which rule each outcome
// breaks.
import {describe, expect, it} from 'vitest'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {collectUrls, fetchKey} from '../../src/links/collect.js'
import {ruleOf} from '../../src/links/diagnose.js'
import {nextCache, parseDuration, planChecks} from '../../src/links/plan.js'
import type {UrlResult} from '../../src/links/result.js'

const base = 'https://briefs.example.org/'

describe('fetchKey', () => {
  it.each([
    ['https://a.gov/x#part', 'https://a.gov/x'],
    ['HTTPS://A.gov/x?y=1', 'https://a.gov/x?y=1'],
    ['http://a.gov', 'http://a.gov/'],
    ['https://briefs.example.org/briefs/x/', undefined],
    ['http://briefs.example.org/briefs/x/', undefined],
    ['https://briefs.example.org', undefined],
    ['mailto:desk@a.gov', undefined],
    ['not a url', undefined]
  ])('%s → %s', (written, key) => {
    expect(fetchKey(written, base)).toBe(key)
  })
})

describe('collectUrls', () => {
  it('collects sources, body and takeaway links once per URL with every place; never defanged, text or archive URLs', () => {
    const value = `---
title: T
date: 2024-02-22
cutoff: 2024-02-21T17:00-05:00
authors:
  - name: A
    org: B
takeaways:
  - See [the report](https://a.gov/r).
---

## Taiwan

Text,[^1] and [a link](https://b.gov/page#top).[^2]

[^1]: https://a.gov/r, p.3 (archived: https://web.archive.org/web/2024/https://a.gov/r)
    https://udn dot com/news/1
    <https://b.gov/page>
[^2]: Interview, 2024
    https://briefs.example.org/briefs/other/
    [Statement](https://c.gov/s)
`
    const {brief} = parseBriefSyntax({file: 'b.md', value})
    const cited = collectUrls(brief ? [brief] : [], base)
    expect(cited.map(({url, places}) => [url, places.map((p) => [p.position.start.line, p.position.start.column, p.position.end.column, p.note, p.archived, p.written])])).toEqual([
      ['https://a.gov/r', [
        [9, 5, 39, undefined, undefined, 'https://a.gov/r'],
        [16, 7, 22, 1, 'https://web.archive.org/web/2024/https://a.gov/r', 'https://a.gov/r, p.3 (archived: https://web.archive.org/web/2024/https://a.gov/r)']
      ]],
      ['https://b.gov/page', [
        [14, 15, 47, undefined, undefined, 'https://b.gov/page#top'],
        [18, 6, 24, 1, undefined, '<https://b.gov/page>']
      ]],
      ['https://c.gov/s', [[21, 17, 32, 2, undefined, '[Statement](https://c.gov/s)']]]
    ])
  })
})

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['2w', 14 * 86_400_000],
    ['1.5d', 1.5 * 86_400_000],
    ['0', 0],
    ['7', undefined],
    ['soon', undefined],
    ['-1d', undefined]
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })
})

const result = (url: string, checkedAt: string, outcome: UrlResult['outcome'] = {kind: 'http', status: 200}, extra: Partial<UrlResult> = {}): UrlResult => ({
  url,
  outcome,
  finalUrl: url,
  redirects: [],
  checkedAt,
  attempts: 1,
  ...extra
})

describe('planChecks and nextCache', () => {
  const now = Date.parse('2024-03-10T00:00:00Z')
  const cache = new Map([
    ['https://fresh/', result('https://fresh/', '2024-03-09T00:00:00Z')],
    ['https://old/', result('https://old/', '2024-03-01T00:00:00Z')],
    ['https://future/', result('https://future/', '2024-04-01T00:00:00Z')],
    ['https://uncited/', result('https://uncited/', '2024-03-09T00:00:00Z')]
  ])
  const urls = ['https://fresh/', 'https://old/', 'https://future/', 'https://new/']

  it('fetches what is missing, older than max-age or from the future; offline fetches nothing', () => {
    const plan = planChecks(urls, cache, {now, maxAgeMs: 7 * 86_400_000, offline: false})
    expect([plan.fetch, [...plan.cached.keys()], plan.unchecked]).toEqual([['https://old/', 'https://future/', 'https://new/'], ['https://fresh/'], []])
    const offline = planChecks(urls, cache, {now, maxAgeMs: 0, offline: true})
    expect([offline.fetch, [...offline.cached.keys()], offline.unchecked]).toEqual([[], ['https://fresh/', 'https://old/', 'https://future/'], ['https://new/']])
  })

  it('keeps what a partial run did not cite, and drops it after a whole-archive run', () => {
    const fetched = new Map([['https://new/', result('https://new/', '2024-03-10T00:00:00Z')]])
    expect([...nextCache(cache, fetched, new Set(urls), false).keys()]).toEqual(['https://fresh/', 'https://future/', 'https://new/', 'https://old/', 'https://uncited/'])
    expect([...nextCache(cache, fetched, new Set(urls), true).keys()]).toEqual(['https://fresh/', 'https://future/', 'https://new/', 'https://old/'])
  })
})

describe('ruleOf', () => {
  const at = '2024-03-10T00:00:00Z'
  it.each<[UrlResult, string | undefined]>([
    [result('u', at), undefined],
    [result('u', at, {kind: 'http', status: 204}, {redirects: [{status: 302, from: 'u', to: 'v'}]}), undefined],
    [result('u', at, {kind: 'http', status: 200}, {redirects: [{status: 302, from: 'u', to: 'v'}, {status: 301, from: 'v', to: 'w'}]}), 'links/moved'],
    [result('u', at, {kind: 'http', status: 404}, {redirects: [{status: 301, from: 'u', to: 'v'}]}), 'links/not-found'],
    [result('u', at, {kind: 'http', status: 410}), 'links/gone'],
    [result('u', at, {kind: 'http', status: 429}), 'links/rate-limited'],
    [result('u', at, {kind: 'http', status: 502}), 'links/server-error'],
    [result('u', at, {kind: 'http', status: 403}), 'links/refused'],
    [result('u', at, {kind: 'http', status: 304}), 'links/refused'],
    [result('u', at, {kind: 'redirect-loop'}), 'links/redirect-loop'],
    [result('u', at, {kind: 'network', error: 'dns', detail: 'no such host'}), 'links/dns'],
    [result('u', at, {kind: 'network', error: 'timeout', detail: '10 s'}), 'links/timeout'],
    [result('u', at, {kind: 'network', error: 'tls', detail: 'x'}), 'links/tls'],
    [result('u', at, {kind: 'network', error: 'refused', detail: 'x'}), 'links/connection']
  ])('%j → %s', (r, rule) => {
    expect(ruleOf(r, {})?.rule).toBe(rule)
  })

  it('makes a dead source that carries an archived copy a warning; a failing one keeps its rule', () => {
    expect(ruleOf(result('u', at, {kind: 'http', status: 404}), {archived: 'https://w/'})?.rule).toBe('links/dead-archived')
    expect(ruleOf(result('u', at, {kind: 'network', error: 'dns', detail: 'x'}), {archived: 'https://w/'})?.rule).toBe('links/dead-archived')
    expect(ruleOf(result('u', at, {kind: 'http', status: 503}), {archived: 'https://w/'})?.rule).toBe('links/server-error')
  })
})
