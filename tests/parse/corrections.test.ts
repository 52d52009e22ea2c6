// Frontmatter `corrections`: read like takeaways (inline Markdown) with
// their days, and checked: a day after publication, non-empty text, known
// keys; each problem at the line and column of its key.
import {afterAll, describe, expect, it} from 'vitest'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {checkFixture, removeTempContent, short, tempContent} from '../helpers/content.js'

afterAll(removeTempContent)

const head = `---
title: Test brief
date: 2024-02-22
cutoff: 2024-02-21T17:00-05:00
authors:
  - name: A. Analyst
    org: Example Institute
takeaways:
  - Something happened.
`
const body = `---

## Taiwan

Text.
`
const parse = (corrections: string) => parseBriefSyntax({file: 'x.md', value: `${head}${corrections}${body}`})

describe('corrections', () => {
  it('are read with their days, their text as inline Markdown', () => {
    const parsed = parse('corrections:\n  - date: 2024-02-26\n    text: The patrol count was *three*, not four.\n')
    expect(parsed.diagnostics).toEqual([])
    const [correction] = parsed.brief?.corrections ?? []
    expect(correction?.date).toBe('2024-02-26')
    expect(correction?.text).toBe('The patrol count was three, not four.')
    expect(correction?.content.map((node) => node.type)).toEqual(['text', 'emphasis', 'text'])
    // Reported at its text, as a takeaway is.
    expect(correction?.position.start).toMatchObject({line: 12, column: 11})
  })

  it('default to none', () => {
    expect(parse('').brief?.corrections).toEqual([])
    expect(parse('').brief?.meta.corrections).toEqual([])
  })

  it('must be dated after the brief, each reported at its date', () => {
    const parsed = parse('corrections:\n  - date: 2024-02-22\n    text: Same day.\n  - date: 2024-03-01\n    text: Fine.\n  - date: 2023-12-31\n    text: Before.\n')
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['correction/not-after-publication', 11, 5, 11, 21],
      ['correction/not-after-publication', 15, 5, 15, 21]
    ])
    expect(parsed.diagnostics[0]?.message).toBe(
      'This correction is dated 2024-02-22, but the brief was published on 2024-02-22: a correction is made after publication, and readers and feeds are told the brief changed on that day.'
    )
  })

  it('need a real day, non-empty text and only known keys, each reported at its key', () => {
    const parsed = parse('corrections:\n  - date: 2024-02-30\n    text: "  "\n  - date: 2024-03-01\n    txt: Typo.\n')
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([
      ['frontmatter/schema', 11, 5, '"corrections[0].date" is not a real calendar day.'],
      ['frontmatter/schema', 12, 5, '"corrections[0].text" must not be empty.'],
      ['frontmatter/schema', 13, 5, 'The frontmatter has no "corrections[1].text", which is required.'],
      ['frontmatter/unknown-key', 14, 5, '"corrections[1].txt" is not a frontmatter key, so its value would be ignored.']
    ])
    expect(parsed.diagnostics[3]?.hint).toBe('Did you mean "text"? Known keys here: date, text.')
  })

  it('must be a list of {date, text}', () => {
    const parsed = parse('corrections: Fixed a typo.\n')
    expect(parsed.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([['frontmatter/schema', 10, 1, '"corrections" must be a list of {date, text}.']])
  })

  it('are checked like takeaways: raw HTML in one is reported (and never rendered)', async () => {
    const content = await tempContent({files: {'briefs/x.md': `${head}corrections:\n  - date: 2024-02-26\n    text: Fixed <b>this</b>.\n${body}`}})
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/x.md:12:11 warning body/raw-html', 'content/briefs/x.md:12:11 warning body/raw-html'])
  })

  it('has a fixture for its rule', async () => {
    const {list} = await checkFixture('correction/not-after-publication')
    expect(list).toEqual(['content/briefs/corrected-early.md:13:5 error correction/not-after-publication'])
  })
})
