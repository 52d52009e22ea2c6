// parseBrief's typed AST on a small brief: metadata, sections with region
// ids and topics, citations (number, use, section) and notes with their
// sources in order, typed url | defanged | text.
import {describe, expect, it} from 'vitest'
import type {Paragraph} from 'mdast'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import type {Region} from '../../src/parse/schema.js'
import {parseBrief} from '../../src/build/compile.js'

const regions: Region[] = [
  {id: 'taiwan', name: 'Taiwan', aliases: ['ROC'], group: 'Cross-Strait Relations'},
  {id: 'china', name: 'China', aliases: ['PRC', 'Mainland China'], group: 'Cross-Strait Relations'}
]

const value = `---
title: Weekly update
date: 2024-02-22
cutoff: 2024-02-21T17:00-05:00
authors:
  - name: A. Analyst
    org: Example Institute
editors:
  - name: B. Editor
    org: Other Institute
takeaways:
  - The coast guard *expanded* patrols.
  - Beijing responded.
tags: [coast-guard]
---

## Taiwan

### Coast guard

Patrols continued near Kinmen.[^1] Officials confirmed it.[^2]

### Coast guard

Again.[^1]

## PRC

Beijing responded.[^3]

[^1]: https://udn dot com/news/story/6656/7779686
    https://www.cga.gov.tw/GipOpen/wSite/ct?xItem=159716
[^2]: Interview with a Taiwanese official, February 2024
[^3]: hxxps://www.mfa[.]gov[.]cn/eng/xw/
    https://example.com/r.pdf, p.3
`

/** [line, column] of a position's start. */
const start = (p: {start: {line: number; column: number}} | undefined) => (p ? [p.start.line, p.start.column] : undefined)

describe('parseBrief', () => {
  const {brief, diagnostics} = parseBrief({file: 'content/briefs/2024/weekly-2024-02-22.md', value}, {regions})

  it('parses a clean brief without diagnostics', () => {
    expect(diagnostics).toEqual([])
    expect(brief).toBeDefined()
  })

  it('keeps the metadata as written: the slug from the file name, the cutoff in its own zone', () => {
    expect(brief?.slug).toBe('weekly-2024-02-22')
    expect(brief?.meta).toEqual({
      title: 'Weekly update',
      date: '2024-02-22',
      cutoff: '2024-02-21T17:00-05:00',
      authors: [{name: 'A. Analyst', org: 'Example Institute'}],
      editors: [{name: 'B. Editor', org: 'Other Institute'}],
      takeaways: ['The coast guard *expanded* patrols.', 'Beijing responded.'],
      tags: ['coast-guard'],
      corrections: []
    })
    expect(start(brief?.metaPositions.takeaways)).toEqual([11, 1])
    expect(brief?.takeaways.map((t) => [t.markdown, t.text, start(t.position)])).toEqual([
      ['The coast guard *expanded* patrols.', 'The coast guard expanded patrols.', [12, 5]],
      ['Beijing responded.', 'Beijing responded.', [13, 5]]
    ])
    expect(brief?.takeaways[0]?.content.map((node) => node.type)).toEqual(['text', 'emphasis', 'text'])
  })

  it('resolves each ## heading to its region id, by name or alias, with its ### topics', () => {
    expect(
      brief?.sections.map((section) => ({
        regionId: section.regionId,
        heading: section.heading,
        at: start(section.headingPosition),
        topics: section.topics.map((topic) => [topic.title, topic.id, start(topic.position)])
      }))
    ).toEqual([
      {
        regionId: 'taiwan',
        heading: 'Taiwan',
        at: [17, 1],
        topics: [
          ['Coast guard', 'coast-guard', [19, 1]],
          ['Coast guard', 'coast-guard-2', [23, 1]]
        ]
      },
      {regionId: 'china', heading: 'PRC', at: [27, 1], topics: []}
    ])
    expect(brief?.sections.map((section) => section.children.map((node) => node.type))).toEqual([
      ['heading', 'paragraph', 'heading', 'paragraph'],
      ['paragraph']
    ])
  })

  it('lists every citation with its note number, its use of that note and its section', () => {
    expect(brief?.citations.map((c) => ({number: c.number, use: c.use, section: c.section, at: start(c.position)}))).toEqual([
      {number: 1, use: 1, section: 0, at: [21, 31]},
      {number: 2, use: 1, section: 0, at: [21, 59]},
      {number: 1, use: 2, section: 0, at: [25, 7]},
      {number: 3, use: 1, section: 1, at: [29, 19]}
    ])
  })

  it('replaces [^N] in the content with citation nodes', () => {
    const paragraph = brief?.sections[0]?.children[1] as Paragraph | undefined
    expect(paragraph?.children.map((node) => (node.type === 'citation' ? `citation ${node.number}/${node.use}` : node.type))).toEqual([
      'text',
      'citation 1/1',
      'text',
      'citation 2/1'
    ])
  })

  it('reads notes with their sources in order, typed url | defanged | text', () => {
    expect(
      brief?.notes.map((note) => ({
        number: note.number,
        uses: note.uses,
        at: start(note.position),
        sources: note.sources.map((source) => {
          const where = start(source.position)
          if (source.kind === 'url') return {kind: source.kind, url: source.url, locator: source.locator, where}
          if (source.kind === 'defanged') return {kind: source.kind, raw: source.raw, refanged: source.refanged, where}
          return {kind: source.kind, raw: source.raw, where}
        })
      }))
    ).toEqual([
      {
        number: 1,
        uses: 2,
        at: [31, 1],
        sources: [
          {kind: 'defanged', raw: 'https://udn dot com/news/story/6656/7779686', refanged: 'https://udn.com/news/story/6656/7779686', where: [31, 7]},
          {kind: 'url', url: 'https://www.cga.gov.tw/GipOpen/wSite/ct?xItem=159716', locator: undefined, where: [32, 5]}
        ]
      },
      {number: 2, uses: 1, at: [33, 1], sources: [{kind: 'text', raw: 'Interview with a Taiwanese official, February 2024', where: [33, 7]}]},
      {
        number: 3,
        uses: 1,
        at: [34, 1],
        sources: [
          {kind: 'defanged', raw: 'hxxps://www.mfa[.]gov[.]cn/eng/xw/', refanged: 'https://www.mfa.gov.cn/eng/xw/', where: [34, 7]},
          {kind: 'url', url: 'https://example.com/r.pdf', locator: 'p.3', where: [35, 5]}
        ]
      }
    ])
  })

  it('is plain data that survives structured cloning (worker threads, caches)', () => {
    expect(structuredClone(brief)).toEqual(brief)
  })
})

describe('parseBriefSyntax', () => {
  it('reads the body even when the frontmatter is broken, and names the slug the file would have', () => {
    const broken = value.replace('title: Weekly update\n', '').replace('tags: [coast-guard]', 'slug: custom-slug')
    const parsed = parseBriefSyntax({file: 'content/briefs/x.md', value: broken}, {regions})
    expect(parsed.brief).toBeUndefined()
    expect(parsed.slug).toBe('custom-slug')
    expect(parsed.body?.sections.map((section) => section.regionId)).toEqual(['taiwan', 'china'])
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['frontmatter/schema', 2, 1]])
  })

  it('without a region vocabulary, resolves no heading', () => {
    const parsed = parseBriefSyntax({file: 'x.md', value})
    expect(parsed.brief?.sections.map((section) => section.regionId)).toEqual(['', ''])
    const checked = parseBrief({file: 'x.md', value})
    expect(checked.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['region/unknown', 17],
      ['region/unknown', 27]
    ])
  })

  it('refuses inline markup nested too deeply, at the first node past the limit', () => {
    const deep = value.replace('Beijing responded.[^3]', `${'*a '.repeat(150)}x${'*'.repeat(150)}[^3]`)
    const parsed = parseBriefSyntax({file: 'x.md', value: deep}, {regions})
    expect(parsed.brief).toBeUndefined()
    expect(parsed.body).toBeUndefined()
    expect(parsed.slug).toBe('x')
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['body/too-deep', 29, 298]])
  })

  it('refuses a list nested 1000 deep quickly, before parsing it', () => {
    let list = ''
    for (let i = 0; i < 1000; i++) list += `${' '.repeat(i * 2)}- item\n`
    const started = performance.now()
    const parsed = parseBriefSyntax({file: 'x.md', value: value.replace('Beijing responded.[^3]\n', `Beijing responded.[^3]\n\n${list}`)}, {regions})
    expect(performance.now() - started).toBeLessThan(1000)
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['body/too-deep', 231, 401]])
  })

  it('accepts nesting a real brief might use', () => {
    const nested = value.replace('Beijing responded.[^3]', '> - **Beijing *responded* [in a [statement](https://example.com)].**[^3]\n>   1. > quoted')
    expect(parseBrief({file: 'x.md', value: nested}, {regions}).diagnostics).toEqual([])
  })

  it('refuses a takeaway nested too deeply', () => {
    const deep = value.replace('  - Beijing responded.', `  - "${'>'.repeat(150)} deep"`)
    const parsed = parseBriefSyntax({file: 'x.md', value: deep}, {regions})
    expect(parsed.brief).toBeUndefined()
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['body/too-deep', 13, 5]])
  })
})
