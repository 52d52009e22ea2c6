import {describe, expect, it} from 'vitest'
import type {Brief} from '../../src/ast.js'
import {linkArchive, type Archive} from '../../src/link/archive.js'
import {addDays, nextTitle, placeholderTakeaway, scaffoldBrief} from '../../src/new/scaffold.js'
import {parseSite} from '../../src/parse/site.js'
import {parseBrief} from '../../src/build/compile.js'

const regionsYml = `- id: taiwan
  name: Taiwan
- id: china
  name: China
  aliases: [PRC]
- id: oceania
  name: Oceania
  aliases: [Pacific Islands]
`

const siteYml = 'title: Test Watch\nbaseUrl: https://t.example.org/\nlanguage: en\n'

const briefs: Record<string, string> = {
  'content/briefs/2024/strait-weekly-2024-02-22.md': `---
title: Strait Weekly, February 22, 2024
date: 2024-02-22
cutoff: 2024-02-21T17:00-05:00
series: strait
summary: "The Strait Weekly: what moved across the strait."
authors:
  - {name: Ann Analyst, org: Example Institute}
  - {name: Bo Writer, org: Example Institute}
editors: [{name: Ed Editor, org: Other Foundation}]
tags: [coast-guard]
takeaways:
  - The coast guard boarded a ferry.
---

## Pacific Islands

Palau signed a compact.

## Taiwan

The coast guard boarded a ferry.
`,
  'content/briefs/2024/strait-weekly-2024-02-15.md': `---
title: Strait Weekly, February 15, 2024
date: 2024-02-15
cutoff: 2024-02-14T17:00-05:00
series: strait
authors: [{name: Old Author, org: Example Institute}]
takeaways: [Beijing protested.]
---

## PRC

Beijing protested.
`,
  'content/briefs/2024/pacific-notes-first.md': `---
title: Pacific Notes
date: 2024-01-04
cutoff: 2024-01-03T09:30+10:00
series: pacific-notes
authors: [{name: Pia Pacific, org: Island Institute}]
takeaways: [Fiji voted.]
---

## Oceania

Fiji voted.
`
}

function archiveOf(files: Record<string, string>, regions = regionsYml): Archive {
  const {site, diagnostics} = parseSite({
    site: {file: 'content/site.yml', value: siteYml},
    regions: {file: 'content/regions.yml', value: regions},
    contentDir: '/content'
  })
  if (!site) throw new Error(JSON.stringify(diagnostics))
  const parsed: Brief[] = []
  for (const [file, value] of Object.entries(files)) {
    const result = parseBrief({file, value}, {regions: site.regions})
    if (!result.brief) throw new Error(JSON.stringify(result.diagnostics))
    parsed.push(result.brief)
  }
  return linkArchive(parsed, site).archive
}

const comment = (name: string) =>
  `<!-- ${name}: this week's developments. Open with the key takeaway they support, give each story a ### heading, and cite every fact as [^n]. Delete the section if there is nothing to report. -->`
const notes =
  '<!-- Notes: one definition per cited number, in citing order, e.g. "[^1]: https://example.org/report", one source per line (write a defanged address as it was received). -->'

describe('scaffoldBrief', () => {
  it('follows the newest brief of the newest series, a week later', () => {
    const result = scaffoldBrief(archiveOf(briefs))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.path).toBe('briefs/2024/strait-weekly-2024-02-29.md')
    expect(result.slug).toBe('strait-weekly-2024-02-29')
    expect(result.previous.slug).toBe('strait-weekly-2024-02-22')
    expect(result.markdown).toBe(`---
title: Strait Weekly, February 29, 2024
date: 2024-02-29
cutoff: 2024-02-28T17:00-05:00
series: strait
summary: "The Strait Weekly: what moved across the strait."
authors:
  - name: Ann Analyst
    org: Example Institute
  - name: Bo Writer
    org: Example Institute
editors:
  - name: Ed Editor
    org: Other Foundation
tags: []
takeaways:
  - REPLACE THIS with the week's first key takeaway, in one sentence (one entry per takeaway, at most 10).
---

## Taiwan

${comment('Taiwan')}

## China

${comment('China')}

## Oceania

${comment('Oceania')}

${notes}
`)
  })

  it('writes a brief that parses with no problems, whose regions resolve', () => {
    const result = scaffoldBrief(archiveOf(briefs))
    if (!result.ok) throw new Error(result.problem)
    const archive = archiveOf(briefs)
    const parsed = parseBrief({file: `content/${result.path}`, value: result.markdown}, {regions: archive.site.regions})
    expect(parsed.diagnostics).toEqual([])
    expect(parsed.brief?.sections.map((section) => section.regionId)).toEqual(['taiwan', 'china', 'oceania'])
    expect(parsed.brief?.meta.takeaways).toEqual([placeholderTakeaway])
    expect(parsed.brief?.meta.tags).toEqual([])
  })

  it('follows another series with --series, naming the file after the series when the previous name has no date', () => {
    const result = scaffoldBrief(archiveOf(briefs), {series: 'pacific-notes'})
    if (!result.ok) throw new Error(result.problem)
    expect(result.path).toBe('briefs/2024/pacific-notes-2024-01-11.md')
    expect(result.markdown).toContain('title: Pacific Notes update, January 11, 2024\n')
    // The cutoff keeps the previous one's time and offset.
    expect(result.markdown).toContain('cutoff: 2024-01-10T09:30+10:00\n')
    expect(result.markdown).not.toContain('editors:')
    expect(result.markdown).not.toContain('## Taiwan')
    expect(result.markdown).toContain('## Oceania')
  })

  it('takes --date, across a year boundary, into that year\'s folder', () => {
    const result = scaffoldBrief(archiveOf(briefs), {date: '2025-01-02'})
    if (!result.ok) throw new Error(result.problem)
    expect(result.path).toBe('briefs/2025/strait-weekly-2025-01-02.md')
    expect(result.markdown).toContain('title: Strait Weekly, January 2, 2025\ndate: 2025-01-02\ncutoff: 2025-01-01T17:00-05:00\n')
  })

  it('uses the site title for a brief without a series', () => {
    const files = {
      'content/briefs/week-one.md': '---\ntitle: Week One\ndate: 2024-01-04\ncutoff: 2024-01-03T17:00-05:00\nauthors: [{name: A, org: B}]\ntakeaways: [X.]\n---\n\n## Taiwan\n\nX.\n'
    }
    const result = scaffoldBrief(archiveOf(files))
    if (!result.ok) throw new Error(result.problem)
    expect(result.path).toBe('briefs/2024/brief-2024-01-11.md')
    expect(result.markdown).toContain('title: Test Watch update, January 11, 2024\n')
    expect(result.markdown).not.toContain('series:')
  })

  it('refuses a slug the archive already has, an unknown series and an empty archive', () => {
    const taken = scaffoldBrief(archiveOf(briefs), {series: 'strait', date: '2024-02-15'})
    expect(taken).toEqual({ok: false, problem: 'A brief with the slug "strait-weekly-2024-02-15" already exists: content/briefs/2024/strait-weekly-2024-02-15.md.'})
    expect(scaffoldBrief(archiveOf(briefs), {series: 'nope'})).toEqual({
      ok: false,
      problem: 'No brief of the series "nope" to follow. Series in the archive: pacific-notes, strait.'
    })
    const empty = scaffoldBrief(archiveOf({}))
    expect(empty.ok).toBe(false)
  })

  it('keeps region names with Markdown punctuation resolvable and comments unbroken', () => {
    const regions = '- id: us-allies\n  name: U.S. & Allies -- *Pacific*\n'
    const files = {
      'content/briefs/a-2024-01-04.md':
        '---\ntitle: A\ndate: 2024-01-04\ncutoff: 2024-01-03T17:00Z\nauthors: [{name: A, org: B}]\ntakeaways: [X.]\n---\n\n## U.S. & Allies -- \\*Pacific\\*\n\nX.\n'
    }
    const archive = archiveOf(files, regions)
    const result = scaffoldBrief(archive)
    if (!result.ok) throw new Error(result.problem)
    expect(result.markdown).toContain('<!-- U.S. & Allies – *Pacific*: ')
    const parsed = parseBrief({file: 'content/x.md', value: result.markdown}, {regions: archive.site.regions})
    expect(parsed.diagnostics).toEqual([])
    expect(parsed.brief?.sections.map((section) => section.regionId)).toEqual(['us-allies'])
  })
})

describe('dates and titles', () => {
  it('adds days on the calendar, whatever the time zone', () => {
    expect(addDays('2024-02-22', 7)).toBe('2024-02-29')
    expect(addDays('2024-12-28', 7)).toBe('2025-01-04')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })

  it('replaces the written or the ISO date of the previous title', () => {
    expect(nextTitle('China–Taiwan Weekly Update, February 22, 2024', '2024-02-22', '2024-02-29', 'X')).toBe(
      'China–Taiwan Weekly Update, February 29, 2024'
    )
    expect(nextTitle('Update 2024-02-22', '2024-02-22', '2024-02-29', 'X')).toBe('Update 2024-02-29')
    expect(nextTitle('Week Two', '2024-02-22', '2024-02-29', 'Strait')).toBe('Strait update, February 29, 2024')
  })
})
