// link/outlets.ts: a source's outlet (registrable domain, www. folded,
// defanged addresses read back), each note's sourcing, a brief's profile and
// the archive's citations per outlet.
import {describe, expect, it} from 'vitest'
import fc from 'fast-check'
import {anyUrl} from '../helpers/arbitraries.js'
import {paths} from '../../src/render/paths.js'
import type {Position} from 'unist'
import type {Note, Source} from '../../src/ast.js'
import {classifySource} from '../../src/parse/sources.js'
import {notesSourcing, outletIndex, outletOf, sourcingProfile} from '../../src/link/outlets.js'
import type {BriefSkeleton} from '../../src/link/skeleton.js'

const at: Position = {start: {line: 1, column: 1}, end: {line: 1, column: 2}}
const source = (raw: string): Source => classifySource(raw, at)

describe('outletOf', () => {
  it('is the registrable domain, by the Public Suffix List, lowercase, www. and other subdomains folded', () => {
    expect(outletOf(source('https://www.CSIS.org/analysis/x'))).toEqual({domain: 'csis.org', defanged: false})
    expect(outletOf(source('https://news.bbc.co.uk/world'))).toEqual({domain: 'bbc.co.uk', defanged: false})
    expect(outletOf(source('https://www.mfa.gov.cn/eng/'))).toEqual({domain: 'mfa.gov.cn', defanged: false})
    expect(outletOf(source('https://english.cw.com.tw/article'))).toEqual({domain: 'cw.com.tw', defanged: false})
    expect(outletOf(source('[Report](https://www.rand.org/pubs.html), p.3'))).toEqual({domain: 'rand.org', defanged: false})
  })

  it('reads a defanged address back to its domain, and says it is defanged', () => {
    expect(outletOf(source('https://udn dot com/news/story/1'))).toEqual({domain: 'udn.com', defanged: true})
    expect(outletOf(source('hxxps://www.mfa[.]gov[.]cn/eng/'))).toEqual({domain: 'mfa.gov.cn', defanged: true})
  })

  it('is none for a source with no readable address', () => {
    expect(outletOf(source('Interview with a official, March 2024'))).toBeUndefined()
    expect(outletOf(source('https://mfa dotgov.cn/x'))).toBeUndefined()
    expect(outletOf(source('mailto:press@example.org'))).toBeUndefined()
  })

  it('is, for any source line (unsafe schemes, defanged, hostile text), none or a domain that names a folder under sources/', () => {
    fc.assert(
      fc.property(fc.oneof(anyUrl, fc.string(), fc.string().map((rest) => `https://${rest}`)), (raw) => {
        const outlet = outletOf(source(raw.trim() || 'x'))
        if (outlet === undefined) return
        expect(outlet.domain).toMatch(/^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/)
        const dir = paths.outlet(outlet.domain)
        expect(dir).toMatch(/^sources\/[a-z0-9._-]+\/$/)
        expect(dir.split('/')).not.toContain('..')
      })
    )
  })

  it('keeps an IP address or a one-label host as its own outlet', () => {
    expect(outletOf(source('http://192.0.2.7/report'))).toEqual({domain: '192.0.2.7', defanged: false})
    expect(outletOf(source('http://intranet/page'))).toEqual({domain: 'intranet', defanged: false})
  })
})

const note = (number: number, ...raws: string[]): Note => ({number, sources: raws.map(source), uses: 1, position: at})

describe('notesSourcing and sourcingProfile', () => {
  const notes = [
    note(1, 'https://www.cga.gov.tw/a', 'https://cga.gov.tw/b'),
    note(2, 'https://udn dot com/x', 'https://udn.com/y'),
    note(3, 'https://udn dot com/z', 'A speech'),
    note(4, 'https://www.cga.gov.tw/c')
  ]
  const citations = [
    {number: 1, use: 1, section: 0, position: at},
    {number: 2, use: 1, section: 1, position: at},
    {number: 1, use: 2, section: 1, position: at},
    {number: 2, use: 2, section: 1, position: at}
  ]

  it('says for each note its sections (first cited first), counts, and outlets, each domain once', () => {
    expect(notesSourcing(notes, citations)).toEqual([
      {number: 1, sections: [0, 1], sources: 2, defanged: 0, outlets: [{domain: 'cga.gov.tw', defanged: false}]},
      // A domain is defanged in a note only when every source of it there is.
      {number: 2, sections: [1], sources: 2, defanged: 1, outlets: [{domain: 'udn.com', defanged: false}]},
      {number: 3, sections: [], sources: 2, defanged: 1, outlets: [{domain: 'udn.com', defanged: true}]},
      {number: 4, sections: [], sources: 1, defanged: 0, outlets: [{domain: 'cga.gov.tw', defanged: false}]}
    ])
  })

  it('profiles a brief: notes, sources, defanged sources, outlets by how many notes cite them', () => {
    const brief = {sourcing: notesSourcing(notes, citations)} as unknown as BriefSkeleton
    expect(sourcingProfile(brief)).toEqual({
      notes: 4,
      sources: 7,
      defanged: 2,
      outlets: [
        {domain: 'cga.gov.tw', notes: 2},
        {domain: 'udn.com', notes: 2}
      ]
    })
  })
})

describe('outletIndex', () => {
  const brief = (slug: string, sourcing: ReturnType<typeof notesSourcing>) => ({slug, sourcing}) as unknown as BriefSkeleton
  const newer = brief('newer', [
    {number: 2, sections: [0], sources: 1, defanged: 1, outlets: [{domain: 'udn.com', defanged: true}]},
    {number: 1, sections: [1], sources: 1, defanged: 0, outlets: [{domain: 'csis.org', defanged: false}]}
  ])
  const older = brief('older', [{number: 5, sections: [], sources: 1, defanged: 0, outlets: [{domain: 'udn.com', defanged: false}]}])

  it('lists every outlet by domain, each with its citations newest first', () => {
    expect(outletIndex([newer, older])).toEqual([
      {domain: 'csis.org', citations: [{brief: newer, note: 1, sections: [1], defanged: false}]},
      {
        domain: 'udn.com',
        citations: [
          {brief: newer, note: 2, sections: [0], defanged: true},
          {brief: older, note: 5, sections: [], defanged: false}
        ]
      }
    ])
  })
})
