import {readFileSync} from 'node:fs'
import type {Paragraph, Heading} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {describe, expect, it} from 'vitest'
import {importBrief} from '../../src/import/brief.js'
import {parseBrief} from '../../src/build/compile.js'
import {regions} from './regions.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8')
const weekly = fixture('weekly-update.txt')
const messy = fixture('messy.txt')
const where = (list: readonly {line: number; column: number; rule: string}[]) => list.map((d) => `${d.line}:${d.column} ${d.rule}`)

describe('importBrief', () => {
  it('converts a brief in the reference shape to the expected Markdown', () => {
    const result = importBrief(weekly, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'weekly-update.txt'})
    expect(result.markdown).toBe(fixture('weekly-update.md'))
    expect(result.diagnostics).toEqual([])
    expect(result).toMatchObject({date: '2024-03-14', series: 'china-taiwan'})
  })

  it('converts a messy brief, keeping and reporting what it cannot place', () => {
    const result = importBrief(messy, {regions, file: 'messy.txt'})
    expect(result.markdown).toBe(fixture('messy.md'))
    expect(where(result.diagnostics)).toEqual([
      '4:10 import/people',
      '7:1 import/unplaced-text',
      '9:1 import/takeaway-citation',
      '11:1 import/unplaced-text',
      '18:1 import/near-region',
      '19:52 import/missing-note',
      '25:1 import/duplicate-note'
    ])
    const unplaced = result.diagnostics.filter((d) => d.rule === 'import/unplaced-text')
    expect(unplaced.map((d) => d.data)).toEqual([{where: 'header'}, {where: 'before-regions'}])
    expect(result.diagnostics.find((d) => d.rule === 'import/near-region')?.data).toEqual({heading: 'Southeast Asai', suggestion: 'Southeast Asia'})
  })

  it('round-trips: the output passes the check but for the uncited note, with the same notes and sources as the text', () => {
    const {markdown} = importBrief(weekly, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'weekly-update.txt'})
    const checked = parseBrief({file: 'content/briefs/2024/china-taiwan-2024-03-14.md', value: markdown}, {regions})
    expect(checked.diagnostics.map((d) => [d.rule, d.data])).toEqual([['citation/unused-note', {number: 11}]])
    const brief = checked.brief
    if (!brief) throw new Error('no brief')

    // The text's endnotes: "[n] first source" and continuation lines, as written.
    const written = new Map<number, string[]>()
    let current: string[] = []
    for (const line of weekly.split('\n').slice(weekly.split('\n').findIndex((l) => l.startsWith('[1] ')))) {
      const start = /^\[(\d+)\] (.*)$/.exec(line)
      if (start) written.set(Number(start[1]), (current = [start[2] ?? '']))
      else if (line.trim() !== '') current.push(line.trim())
    }
    expect(brief.notes.map((note) => note.number)).toEqual([...written.keys()])
    for (const note of brief.notes) expect(note.sources.map((source) => source.raw)).toEqual(written.get(note.number))
    expect(brief.notes.find((note) => note.number === 3)?.sources.map((s) => s.kind)).toEqual(['url', 'defanged'])
    expect(brief.notes.find((note) => note.number === 2)?.sources[0]).toMatchObject({kind: 'url', locator: 'p.3'})
    expect(brief.notes.find((note) => note.number === 10)?.sources[0]?.kind).toBe('text')

    // Every region found through regions.yml (the alias "PRC" is China); the group line is gone.
    expect(brief.sections.map((s) => [s.regionId, s.heading])).toEqual([
      ['taiwan', 'Taiwan'],
      ['china', 'PRC'],
      ['southeast-asia', 'Southeast Asia'],
      ['oceania', 'Oceania']
    ])
    expect(brief.sections[0]?.topics.map((t) => t.title)).toEqual(['Undersea Cables'])
    expect(brief.citations.filter((c) => c.use === 1).map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('escapes Markdown so every line renders exactly as written, without its citation marks', () => {
    const {markdown} = importBrief(weekly, {regions, date: '2024-03-14', file: 'weekly-update.txt'})
    const brief = parseBrief({file: 'weekly-update.md', value: markdown}, {regions}).brief
    if (!brief) throw new Error('no brief')
    const rendered = brief.sections.flatMap((section) => [
      section.heading,
      ...section.children.map((node) => toString(node as Paragraph | Heading))
    ])
    const body = weekly.split('\n').slice(weekly.split('\n').indexOf('Taiwan'), weekly.split('\n').findIndex((l) => l.startsWith('[1] ')))
    const expected = body.map((line) => line.replace(/(\[\d+\])\s*,?\s*(?=\[\d+\])/g, '$1').replace(/\[\d+\]/g, ''))
    expect(rendered).toEqual(expected)
    expect(brief.takeaways.map((t) => t.text)).toEqual(weekly.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2)))
  })

  it('takes the date from the text, and reports a different --date', () => {
    expect(importBrief(messy, {regions, file: 'messy.txt'}).date).toBe('2023-12-14')
    const result = importBrief(messy, {regions, date: '2023-12-15', file: 'messy.txt'})
    expect(result.date).toBe('2023-12-15')
    expect(result.diagnostics.find((d) => d.rule === 'import/date-mismatch')).toMatchObject({line: 2, data: {given: '2023-12-15', found: '2023-12-14'}})
  })

  it('reports a missing date, and the cutoff that needs its year', () => {
    const result = importBrief(weekly, {regions, file: 'weekly-update.txt'})
    expect(result.date).toBeUndefined()
    expect(where(result.diagnostics)).toEqual(['1:1 import/missing-date', '3:14 import/cutoff'])
    expect(result.diagnostics[1]?.data).toEqual({text: 'March 13 at 5pm ET', problem: 'no-publication-date'})
    expect(result.markdown).not.toMatch(/^date:/m)
  })

  it('builds the title from the series named in the blurb, or takes --title', () => {
    const plain = importBrief(weekly, {regions, date: '2024-03-14', file: 'w.txt'})
    expect(plain.markdown).toMatch(/^title: China–Taiwan Weekly Update, March 14, 2024$/m)
    expect(plain.series).toBe('china-taiwan-weekly-update')
    const other = importBrief(weekly, {regions, date: '2024-03-14', series: 'pacific-monitor', file: 'w.txt'})
    expect(other.markdown).toMatch(/^title: Pacific Monitor, March 14, 2024$/m)
    const titled = importBrief(weekly, {regions, date: '2024-03-14', title: 'Special Edition', file: 'w.txt'})
    expect(titled.markdown).toMatch(/^title: Special Edition$/m)
  })

  it('reads a title line that ends in the date', () => {
    const text = 'China–Taiwan Weekly Update, February 22, 2024\n' + weekly.replace('Data Cutoff: March 13', 'Data Cutoff: February 21')
    const result = importBrief(text, {regions, file: 'w.txt'})
    expect(result.date).toBe('2024-02-22')
    expect(result.markdown).toMatch(/^title: China–Taiwan Weekly Update, February 22, 2024$/m)
    expect(result.markdown).toMatch(/^cutoff: 2024-02-21T17:00-05:00$/m)
    expect(result.diagnostics).toEqual([])
  })

  it('reports prose before the first region, and keeps it in a comment the check accepts', () => {
    const text = weekly.replace('Cross-Strait Relations\n', 'Cross-Strait Relations\nAnalysts expect more of the same next week.\nOutlook\n')
    const result = importBrief(text, {regions, date: '2024-03-14', file: 'w.txt'})
    expect(where(result.diagnostics)).toEqual(['10:1 import/unplaced-text', '11:1 import/unplaced-text'])
    expect(result.markdown).toContain('line 10: Analysts expect more of the same next week.\nline 11: Outlook\n-->')
    const checked = parseBrief({file: 'w-2024-03-14.md', value: result.markdown}, {regions})
    expect(checked.diagnostics.map((d) => d.rule)).toEqual(['citation/unused-note'])
  })

  it('reports missing Authors, Data Cutoff and Key Takeaways lines', () => {
    const result = importBrief('Taiwan\nA paragraph.[1]\n[1] https://example.org/a\n', {regions, date: '2024-03-14', file: 'w.txt'})
    expect(result.diagnostics.filter((d) => d.rule === 'import/missing-line').map((d) => d.data)).toEqual([
      {label: 'Authors'},
      {label: 'Data Cutoff'},
      {label: 'Key Takeaways'}
    ])
    expect(result.markdown).toContain('## Taiwan\n\nA paragraph.[^1]\n\n[^1]: https://example.org/a\n')
  })

  it('reads takeaways with other bullets and a takeaway wrapped onto a second line', () => {
    const text = weekly.replace(
      /- Taiwan’s coast guard.*\n- A PRC research ship(.*)\n- /,
      '• Taiwan’s coast guard boarded a PRC sand dredger near Matsu. Beijing answered\nwith patrols of its own.\n\n1. A PRC research ship$1\n* '
    )
    expect(text).toContain('\n1. A PRC research ship')
    const result = importBrief(text, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'w.txt'})
    expect(result.markdown).toBe(fixture('weekly-update.md'))
  })

  it('reports an empty text', () => {
    expect(importBrief(' \n\n', {regions, file: 'w.txt'})).toMatchObject({markdown: '', diagnostics: [{rule: 'import/empty'}]})
  })

  it('keeps a paragraph that starts with "[n]:" a citation, not a note definition', () => {
    const text = weekly.replace('Two PRC coast guard ships entered', '[4]: two PRC coast guard ships entered')
    const {markdown} = importBrief(text, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'w.txt'})
    expect(markdown).toContain('\n\n[^4]\\: two PRC coast guard ships entered')
    const brief = parseBrief({file: 'w-2024-03-14.md', value: markdown}, {regions}).brief
    expect(brief?.notes.find((note) => note.number === 4)).toMatchObject({uses: 2, sources: [{raw: 'https://www.example.net/coast-guard/2024-03-11'}]})
  })

  it('does not take a paragraph that starts with a citation for the endnotes', () => {
    const text = weekly.replace('Two PRC coast guard ships', '[4] Two PRC coast guard ships')
    const result = importBrief(text, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'w.txt'})
    expect(result.markdown).toContain('\n\n[^4] Two PRC coast guard ships entered restricted waters')
    expect(result.diagnostics).toEqual([])
  })

  // What the plain-text edition (render/text.ts) writes, read back: each once lost by import.
  it('reads a Tags line, links, and a figure with its caption and credit', () => {
    const text = weekly
      .replace('Key Takeaways', 'Tags: coast-guard, matsu\nKey Takeaways')
      .replace('- Palau reported an intrusion into government email.', '- Palau reported an intrusion into [government email](https://example.org/palau).')
      .replace(
        'Undersea Cables\n',
        'Undersea Cables\n[Image: Map of the cable [route] from Matsu] ../../maps/matsu-cable.png\nCaption: The cable\'s "route"\nMap: Example Institute[5]\n'
      )
      .replace('Prosecutors said', 'The [prosecutors (Matsu)](https://example.org/p_(a)) said')
    const result = importBrief(text, {regions, date: '2024-03-14', series: 'china-taiwan', file: 'w.txt'})
    expect(result.diagnostics).toEqual([])
    expect(result.markdown).toMatch(/^tags:\n {2}- coast-guard\n {2}- matsu\ntakeaways:/m)
    expect(result.markdown).toContain('  - Palau reported an intrusion into [government email](https://example.org/palau).\n')
    expect(result.markdown).toContain('### Undersea Cables\n\n![Map of the cable \\[route\\] from Matsu](../../maps/matsu-cable.png "The cable\'s \\"route\\"")\nMap: Example Institute[^5]\n\n')
    expect(result.markdown).toContain('The [prosecutors (Matsu)](https://example.org/p_(a)) said')
    const brief = parseBrief({file: 'content/briefs/2024/w.md', value: result.markdown}, {regions}).brief
    const figure = brief?.sections[0]?.children.find((node) => node.type === 'figure')
    expect(figure).toMatchObject({url: '../../maps/matsu-cable.png', alt: 'Map of the cable [route] from Matsu', caption: 'The cable\'s "route"'})
    expect(brief?.meta.tags).toEqual(['coast-guard', 'matsu'])
  })

  it('ends a figure at a blank line: a paragraph after it that starts like a credit stays a paragraph', () => {
    const text = weekly.replace('Undersea Cables\n', 'Undersea Cables\n[Image: Map of the cable] ../../maps/cable.png\n\nSource: officials said the cable would be fixed.\n')
    const {markdown} = importBrief(text, {regions, date: '2024-03-14', file: 'w.txt'})
    expect(markdown).toContain('### Undersea Cables\n\n![Map of the cable](../../maps/cable.png)\n\nSource: officials said the cable would be fixed.\n\n')
  })

  it('keeps a link to anything but http(s) and mailto as text', () => {
    const text = weekly.replace('Prosecutors said', 'The [prosecutors](javascript:alert(1)) said')
    const {markdown} = importBrief(text, {regions, date: '2024-03-14', file: 'w.txt'})
    expect(markdown).toContain('The \\[prosecutors\\](javascript:alert(1)) said')
  })
})
