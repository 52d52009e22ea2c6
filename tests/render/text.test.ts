// The plain-text edition (render/text.ts): its exact shape on a small brief,
// and the round trip through `sitrep import`: every sample brief comes back
// the same (tests/helpers/brief-shape.ts says what "the same" ignores), and
// the reference brief in ../shared/reference/ renders back to its own text
// up to white space and the title line import derives.
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {parseBrief} from '../../src/build/compile.js'
import {importBrief} from '../../src/import/brief.js'
import type {Region} from '../../src/parse/schema.js'
import {cutoffText, renderText} from '../../src/render/text.js'
import {shapeOf} from '../helpers/brief-shape.js'
import {sampleContent} from '../helpers/built-site.js'

const regions = (parse(readFileSync(path.join(sampleContent, 'regions.yml'), 'utf8')) as Region[]).map((r) => ({...r, aliases: r.aliases ?? []}))

function parsed(file: string, value: string) {
  const result = parseBrief({file, value, contentPath: file.replace(/^content\//, '')}, {regions})
  if (!result.brief) throw new Error(`${file} does not parse: ${JSON.stringify(result.diagnostics)}`)
  return result
}

const small = `---
title: Strait Notes, March 14, 2024
date: 2024-03-14
cutoff: 2024-03-13T17:00-04:00
series: strait-notes
summary: The Strait Notes follow the coast guards of both sides.
authors:
  - name: Jane Example
    org: Example Institute
  - name: Wei Sample
    org: Example Institute
  - name: Ana Testcase
    org: Other Foundation
tags: [coast-guard, matsu]
takeaways:
  - Patrols *grew* near Matsu.
---

## Taiwan

### Coast guard

Patrols *grew* near Matsu.[^1][^2] The [ministry's statement](https://example.gov.tw/a) said so.[^1]

![Map of Matsu with patrol routes](../../maps/matsu.png "Patrols around Matsu")
Map: Example Institute[^3]

## PRC

Beijing protested.[^3]

[^1]: https://www.cga dot gov.tw/news/1
[^2]: https://example.org/report.pdf, p.3
    [A report](https://example.org/b)
[^3]: Interview with an official, March 2024
[^4]: hxxps://example[.]com/never-cited
`

describe('renderText', () => {
  it('writes a brief in the shape analysts paste', () => {
    const {brief} = parsed('content/briefs/2024/strait-notes-2024-03-14.md', small)
    expect(renderText(brief!, {regions})).toBe(
      [
        'Strait Notes, March 14, 2024',
        'Authors: Jane Example and Wei Sample of Example Institute; Ana Testcase of Other Foundation',
        'Data Cutoff: March 13 at 5pm ET',
        'The Strait Notes follow the coast guards of both sides.',
        'Tags: coast-guard, matsu',
        '',
        'Key Takeaways',
        '- Patrols grew near Matsu.',
        '',
        'Cross-Strait Relations',
        'Taiwan',
        '',
        'Coast guard',
        '',
        "Patrols grew near Matsu.[1],[2] The [ministry's statement](https://example.gov.tw/a) said so.[1]",
        '',
        '[Image: Map of Matsu with patrol routes] ../../maps/matsu.png',
        'Caption: Patrols around Matsu',
        'Map: Example Institute[3]',
        '',
        'PRC',
        '',
        'Beijing protested.[3]',
        '',
        '[1] https://www.cga dot gov.tw/news/1',
        '[2] https://example.org/report.pdf, p.3',
        '[A report](https://example.org/b)',
        '[3] Interview with an official, March 2024',
        '[4] hxxps://example[.]com/never-cited',
        ''
      ].join('\n')
    )
  })

  it('gives figures the address it is told to', () => {
    const {brief} = parsed('content/briefs/2024/strait-notes-2024-03-14.md', small)
    const text = renderText(brief!, {regions, imageUrl: (figure) => `https://briefs.example.org/images/${path.basename(figure.url)}`})
    expect(text).toContain('\n[Image: Map of Matsu with patrol routes] https://briefs.example.org/images/matsu.png\n')
  })

  it('writes a title without its day, and a brief without editors, summary or tags', () => {
    const plain = small
      .replace('title: Strait Notes, March 14, 2024', 'title: Special edition. On Matsu')
      .replace(/summary: .*\n/, '')
      .replace(/tags: .*\n/, '')
    const {brief} = parsed('content/briefs/2024/special.md', plain)
    expect(renderText(brief!, {regions}).split('\n\n')[0]).toBe(
      [
        'Title: Special edition. On Matsu',
        'Date: March 14, 2024',
        'Authors: Jane Example and Wei Sample of Example Institute; Ana Testcase of Other Foundation',
        'Data Cutoff: March 13 at 5pm ET'
      ].join('\n')
    )
  })

  it('writes cutoffs as import reads them', () => {
    expect(cutoffText('2024-02-21T17:00-05:00', '2024-02-22')).toBe('February 21 at 5pm ET')
    expect(cutoffText('2024-07-01T09:30-04:00', '2024-07-02')).toBe('July 1 at 9:30am ET')
    expect(cutoffText('2024-07-01T12:00-05:00', '2024-07-02')).toBe('July 1 at 12pm CT')
    expect(cutoffText('2024-02-21T00:00-05:00', '2024-02-22')).toBe('February 21 at 12am ET')
    expect(cutoffText('2024-02-21T17:00+08:00', '2024-02-22')).toBe('February 21 at 5pm UTC+08:00')
    expect(cutoffText('2024-02-21T17:00Z', '2024-02-22')).toBe('February 21 at 5pm UTC')
    expect(cutoffText('2024-02-21T17:00:30-05:00', '2024-02-22')).toBe('February 21 at 17:00:30 ET')
    expect(cutoffText('2023-06-01T17:00-04:00', '2024-02-22')).toBe('June 1, 2023 at 5pm ET')
    // The hour skipped when daylight-saving time starts: written by its offset.
    expect(cutoffText('2024-03-10T02:30-05:00', '2024-03-14')).toBe('March 10 at 2:30am UTC-05:00')
  })
})

const briefsDir = path.join(sampleContent, 'briefs')
const samples = readdirSync(briefsDir, {recursive: true, encoding: 'utf8'})
  .filter((file) => file.endsWith('.md'))
  .sort()

describe('plain text → import round trip', () => {
  it.each(samples)('gives back the same brief: %s', (file) => {
    const display = `content/briefs/${file}`
    const original = parsed(display, readFileSync(path.join(briefsDir, file), 'utf8')).brief!
    const text = renderText(original, {regions})
    const imported = importBrief(text, {regions, file: 'edition.txt', ...(original.meta.series === undefined ? {} : {series: original.meta.series})})
    expect(imported.diagnostics).toEqual([])
    const back = parsed(display, imported.markdown)
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(shapeOf(back.brief!)).toEqual(shapeOf(original))
    // And the text of the brief import gave is the text it was given.
    expect(renderText(back.brief!, {regions})).toBe(text)
  })

  const reference = path.resolve(sampleContent, '../../../shared/reference/china-taiwan-weekly-update-2024-02-22.txt')
  it.skipIf(!existsSync(reference))('renders the reference brief back to its own text', () => {
    const input = readFileSync(reference, 'utf8')
    const imported = importBrief(input, {regions, date: '2024-02-22', series: 'china-taiwan', file: 'reference.txt'})
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const back = parsed('content/briefs/2024/china-taiwan-2024-02-22.md', imported.markdown)
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const lines = (text: string) =>
      text
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line !== '')
    // What import derives, besides white space: adjacent marks become one run, "[1] [2]" as
    // "[1],[2]" (the page shows the numbers side by side), and an organisation loses its
    // article ("of the Institute ..." is stored as `org: Institute ...`).
    const derived = (text: string) =>
      lines(text).map((line) => line.replace(/\](?:\s*,?\s*)\[(?=\d+\])/g, '],[').replace(/^((?:Authors|Editors): .*?) of the /, '$1 of ').replace(/; (.*?) of the /g, '; $1 of '))
    const rendered = derived(renderText(back.brief!, {regions}))
    // ... and the title line: the series name and the publication day, which the text does not say.
    expect(rendered[0]).toBe('China–Taiwan Weekly Update, February 22, 2024')
    expect(rendered.slice(1)).toEqual(derived(input))
  })
})
