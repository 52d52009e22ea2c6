// The reporters: text for people, json for tools, github for annotations.
import {describe, expect, it} from 'vitest'
import {diagnostic, type Diagnostic} from '../../src/diagnostics/diagnostic.js'
import {codeFrame, format, formatGithub, formatJson, formatText} from '../../src/diagnostics/report.js'

const place = (line: number, column: number, endLine: number, endColumn: number) => ({start: {line, column}, end: {line: endLine, column: endColumn}})

const brief = 'content/briefs/b.md'
const list: Diagnostic[] = [
  diagnostic(brief, 'citation/unused-note', place(6, 1, 6, 6), {number: 2}),
  diagnostic('content/briefs/a.md', 'region/unknown', place(2, 1, 2, 19), {heading: 'South East Asia', suggestion: 'Southeast Asia'}),
  diagnostic(brief, 'citation/undefined', place(3, 7, 3, 11), {label: '9'})
]
const sources = new Map([
  ['content/briefs/a.md', '\n## South East Asia\n'],
  [brief, '## Taiwan\n\r\nCited.[^9]\r\n\r\n[^1]: https://a.example/\n[^2]: https://b.example/\n']
])

describe('formatText', () => {
  it('groups by file, with a code frame, a hint and a summary', () => {
    expect(formatText(list, {sources})).toBe(
      [
        'content/briefs/a.md',
        'content/briefs/a.md:2:1  error  "South East Asia" is not a region of content/regions.yml, so this section has no region page.  region/unknown',
        '  1 | ',
        '> 2 | ## South East Asia',
        '    | ^^^^^^^^^^^^^^^^^^',
        '  hint: Did you mean "Southeast Asia"? Use a region name or alias from content/regions.yml, or add the region there.',
        '',
        'content/briefs/b.md',
        'content/briefs/b.md:3:7  error  Citation [^9] refers to note 9, which is not defined, so readers would reach no source.  citation/undefined',
        '  2 | ',
        '> 3 | Cited.[^9]',
        '    |       ^^^^',
        '  hint: Add `[^9]: <source URL>` at the end of the brief, or correct the number.',
        'content/briefs/b.md:6:1  warning  Note 2 is not cited anywhere in the text; it is still listed in the endnotes.  citation/unused-note',
        '  5 | [^1]: https://a.example/',
        '> 6 | [^2]: https://b.example/',
        '    | ^^^^^',
        '  hint: Cite it with [^2] where it supports the text, or delete it if it is left over.',
        '',
        '2 errors and 1 warning in 2 files.',
        ''
      ].join('\n')
    )
  })

  it('says so when there is nothing to report', () => {
    expect(formatText([])).toBe('No problems found.\n')
  })

  it('shows no frame for a file it has no text of', () => {
    const output = formatText([diagnostic('content/regions.yml', 'file/missing-config', undefined, {name: 'content/regions.yml'})])
    expect(output).toBe(
      [
        'content/regions.yml',
        'content/regions.yml:1:1  error  The content folder has no content/regions.yml; sitrep needs it to check and build the archive.  file/missing-config',
        '  hint: Create content/regions.yml as described in the README\'s "Content format" section.',
        '',
        '1 error and 0 warnings in 1 file.',
        ''
      ].join('\n')
    )
  })

  it('shows the first few problems of one rule in one file and counts the rest; the summary and json count all', () => {
    const many = Array.from({length: 5}, (_, i) => diagnostic(brief, 'citation/undefined', place(i + 1, 1, i + 1, 5), {label: '9'}))
    const mixed = [...many, diagnostic(brief, 'citation/unused-note', place(6, 1, 6, 6), {number: 2})]
    const text = formatText(mixed, {maxPerRule: 2}).split('\n')
    expect(text.filter((line) => line.startsWith('content/briefs/b.md:'))).toEqual([
      'content/briefs/b.md:1:1  error  Citation [^9] refers to note 9, which is not defined, so readers would reach no source.  citation/undefined',
      'content/briefs/b.md:2:1  error  Citation [^9] refers to note 9, which is not defined, so readers would reach no source.  citation/undefined',
      'content/briefs/b.md:6:1  warning  Note 2 is not cited anywhere in the text; it is still listed in the endnotes.  citation/unused-note'
    ])
    expect(text).toContain('  … and 3 more citation/undefined in content/briefs/b.md, not shown.')
    expect(text.at(-2)).toBe('5 errors and 1 warning in 1 file.')
    expect(JSON.parse(formatJson(mixed))).toMatchObject({errors: 5, warnings: 1})
    expect((JSON.parse(formatJson(mixed)) as {diagnostics: unknown[]}).diagnostics).toHaveLength(6)
    const annotations = formatGithub(mixed, {maxPerRule: 2}).trimEnd().split('\n')
    expect(annotations).toHaveLength(3)
    expect(annotations[1]).toMatch(/ \(And 3 more citation\/undefined in this file: run sitrep check to see them\.\)$/)
    // The default: twenty of each.
    expect(formatText(Array.from({length: 30}, () => many[0] as Diagnostic))).toContain('… and 10 more citation/undefined in content/briefs/b.md, not shown.')
  })

  it('uses no ANSI codes unless asked, and colours severity, rule and hint when asked', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001B\[/
    expect(formatText(list, {sources})).not.toMatch(ansi)
    const coloured = formatText(list, {sources, color: true})
    expect(coloured).toContain('\u001B[31merror\u001B[39m')
    expect(coloured).toContain('\u001B[33mwarning\u001B[39m')
    expect(coloured).toContain('\u001B[2mregion/unknown\u001B[22m')
    expect(coloured).toContain('\u001B[36mhint\u001B[39m')
    expect(coloured).toContain('\u001B[4mcontent/briefs/a.md\u001B[39m')
  })
})

describe('codeFrame', () => {
  it('has no context line on line 1 and underlines to the end of the line for a span over lines', () => {
    expect(codeFrame('---\ntitle: x\n', {line: 1, column: 1, endLine: 3, endColumn: 1})).toBe(['> 1 | ---', '    | ^^^'].join('\n'))
  })

  it('pads line numbers, shows a tab as one space and cuts long lines at 160 characters', () => {
    const text = `${'x\n'.repeat(9)}\tkey: ${'y'.repeat(300)}\n`
    const frame = codeFrame(text, {line: 10, column: 2, endLine: 10, endColumn: 5}).split('\n')
    expect(frame[0]).toBe('   9 | x')
    expect(frame[1]).toBe(`> 10 |  key: ${'y'.repeat(154)}`)
    expect(frame[2]).toBe('     |  ^^^')
  })

  it('gives no frame for a line the text does not have', () => {
    expect(codeFrame('one line', {line: 5, column: 1, endLine: 5, endColumn: 2})).toBe('')
    expect(codeFrame(undefined, {line: 1, column: 1, endLine: 1, endColumn: 2})).toBe('')
  })
})

describe('formatJson', () => {
  it('has exactly the documented shape, sorted by file and position', () => {
    const parsed: unknown = JSON.parse(formatJson(list))
    expect(parsed).toEqual({
      diagnostics: [
        {
          file: 'content/briefs/a.md',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 19,
          severity: 'error',
          rule: 'region/unknown',
          message: '"South East Asia" is not a region of content/regions.yml, so this section has no region page.',
          hint: 'Did you mean "Southeast Asia"? Use a region name or alias from content/regions.yml, or add the region there.'
        },
        {
          file: brief,
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          severity: 'error',
          rule: 'citation/undefined',
          message: 'Citation [^9] refers to note 9, which is not defined, so readers would reach no source.',
          hint: 'Add `[^9]: <source URL>` at the end of the brief, or correct the number.'
        },
        {
          file: brief,
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 6,
          severity: 'warning',
          rule: 'citation/unused-note',
          message: 'Note 2 is not cited anywhere in the text; it is still listed in the endnotes.',
          hint: 'Cite it with [^2] where it supports the text, or delete it if it is left over.'
        }
      ],
      errors: 2,
      warnings: 1
    })
    // Key order is part of the format.
    expect(Object.keys((parsed as {diagnostics: object[]}).diagnostics[0] ?? {})).toEqual([
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'severity',
      'rule',
      'message',
      'hint'
    ])
  })

  it('is the same whatever order the diagnostics come in', () => {
    expect(formatJson([...list].reverse())).toBe(formatJson(list))
  })

  it('reports an empty list', () => {
    expect(formatJson([])).toBe('{\n  "diagnostics": [],\n  "errors": 0,\n  "warnings": 0\n}\n')
  })
})

describe('formatGithub', () => {
  it('writes one workflow command per diagnostic, ::error or ::warning', () => {
    expect(formatGithub(list).split('\n')).toEqual([
      '::error file=content/briefs/a.md,line=2,col=1,title=region/unknown::"South East Asia" is not a region of content/regions.yml, so this section has no region page. Did you mean "Southeast Asia"? Use a region name or alias from content/regions.yml, or add the region there.',
      '::error file=content/briefs/b.md,line=3,col=7,title=citation/undefined::Citation [^9] refers to note 9, which is not defined, so readers would reach no source. Add `[^9]: <source URL>` at the end of the brief, or correct the number.',
      '::warning file=content/briefs/b.md,line=6,col=1,title=citation/unused-note::Note 2 is not cited anywhere in the text; it is still listed in the endnotes. Cite it with [^2] where it supports the text, or delete it if it is left over.',
      ''
    ])
  })

  it('escapes %, line breaks, and , and : in properties', () => {
    const d = diagnostic('content/briefs/a,b:c.md', 'frontmatter/yaml-syntax', place(2, 3, 2, 4), {reason: '100% wrong\nreally'})
    expect(formatGithub([d])).toBe(
      '::error file=content/briefs/a%2Cb%3Ac.md,line=2,col=3,title=frontmatter/yaml-syntax::The frontmatter is not valid YAML: 100%25 wrong%0Areally. Fix the YAML here; quote values that contain ": " or start with a special character.\n'
    )
  })

  it('writes nothing when there is nothing to report', () => {
    expect(formatGithub([])).toBe('')
  })
})

describe('format', () => {
  it('dispatches on the format name', () => {
    expect(format(list, 'json')).toBe(formatJson(list))
    expect(format(list, 'github')).toBe(formatGithub(list))
    expect(format(list, 'text', {sources})).toBe(formatText(list, {sources}))
  })
})
