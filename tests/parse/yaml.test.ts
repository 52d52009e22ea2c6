// parse/yaml.ts: YAML with positions (keys, values, errors) and zod issues
// described at the key they concern.
import {describe, expect, it, vi} from 'vitest'
import {z} from 'zod'
import {describeIssues, parseYaml} from '../../src/parse/yaml.js'

/** Line and column of a position's start and end. */
const lc = (p: {start: {line: number; column: number}; end: {line: number; column: number}}) => [p.start.line, p.start.column, p.end.line, p.end.column]

const text = `title: Weekly update
date: 2024-02-22
authors:
  - name: A. Analyst
    org: Example Institute
tags: [a, b]
empty:
`

describe('parseYaml', () => {
  it('keeps dates and date-times as written, never UTC Dates', () => {
    const {value, errors} = parseYaml('date: 2024-02-22\ncutoff: 2024-02-21T17:00-05:00\nyes: yes\nnum: 012\n')
    expect(errors).toEqual([])
    expect(value).toEqual({date: '2024-02-22', cutoff: '2024-02-21T17:00-05:00', yes: 'yes', num: 12})
  })

  it('finds keys, values and items, shifted by the lines before the YAML', () => {
    const yaml = parseYaml(text, {lineOffset: 1})
    expect(lc(yaml.placeOf(['date'], 'key'))).toEqual([3, 1, 3, 5])
    expect(lc(yaml.placeOf(['date']))).toEqual([3, 7, 3, 17])
    expect(lc(yaml.placeOf(['date'], 'pair'))).toEqual([3, 1, 3, 17])
    expect(lc(yaml.placeOf(['authors', 0, 'org']))).toEqual([6, 10, 6, 27])
    expect(lc(yaml.placeOf(['tags', 1]))).toEqual([7, 11, 7, 12])
    // A key with no value points at the key.
    expect(lc(yaml.placeOf(['empty']))).toEqual([8, 1, 8, 6])
    // A path that goes nowhere stops at its nearest ancestor.
    expect(lc(yaml.placeOf(['authors', 3, 'name']))).toEqual(lc(yaml.placeOf(['authors'])))
    expect(lc(yaml.placeOf(['nothing']))).toEqual([2, 1, 8, 7])
    expect(Object.fromEntries(Object.entries(yaml.keyPositions).map(([key, p]) => [key, p.start.line]))).toEqual({
      title: 2,
      date: 3,
      authors: 4,
      tags: 7,
      empty: 8
    })
  })

  it('reports syntax errors where they are, or at the quote or bracket left open', () => {
    const errors = (yaml: string) => parseYaml(yaml, {lineOffset: 1}).errors.map((e) => [e.reason, ...lc(e.position)])
    expect(errors('title: A\ntitle: B\n')).toEqual([['Map keys must be unique', 3, 1, 3, 2]])
    expect(errors('title: A\ncutoff: "2024\nauthors: x\n')).toEqual([['Missing closing "quote', 3, 9, 3, 10]])
    expect(errors('title: A\ntags: [a, b\nauthors: x\n')).toEqual([
      ['Flow sequence in block collection must be sufficiently indented and end with a ]', 3, 7, 3, 8]
    ])
    expect(errors('a: b\n\tc: d\n')).toEqual([['Tabs are not allowed as indentation', 3, 1, 3, 2]])
  })

  it('stops an alias bomb instead of expanding it', () => {
    const whole = {start: {line: 1, column: 1}, end: {line: 1, column: 4}}
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n'
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h']] as const) {
      bomb += `${next}: &${next} [${Array.from({length: 9}, () => `*${prev}`).join(', ')}]\n`
    }
    const yaml = parseYaml(bomb, {lineOffset: 1, whole})
    expect(yaml.value).toBeUndefined()
    expect(yaml.errors).toEqual([{reason: 'too many alias expansions (a YAML "alias bomb")', position: whole}])
  })

  it('allows a few aliases', () => {
    expect(parseYaml('a: &x {name: A, org: B}\nb: [*x, *x]\n').value).toEqual({a: {name: 'A', org: 'B'}, b: [{name: 'A', org: 'B'}, {name: 'A', org: 'B'}]})
  })

  it('prints no process warning for a map used as a key', () => {
    const warn = vi.spyOn(process, 'emitWarning')
    const {value, errors} = parseYaml('? {title: x}\n: y\n')
    expect(errors).toEqual([])
    expect(value).toEqual({'{ title: x }': 'y'})
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('reports absurd nesting as an error of the whole document', () => {
    const whole = {start: {line: 1, column: 1}, end: {line: 1, column: 4}}
    const {errors} = parseYaml(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, {whole})
    expect(errors).toEqual([{reason: 'it is nested too deeply to read', position: whole}])
  })
})

describe('describeIssues', () => {
  const schema = z.strictObject({
    title: z.string({error: 'must be text'}),
    count: z.number({error: 'must be a number'}),
    people: z.array(z.strictObject({name: z.string({error: 'must be a name'})}))
  })
  const describe_ = (yaml: string) => {
    const parsed = parseYaml(yaml, {lineOffset: 1})
    const result = schema.safeParse(parsed.value)
    if (result.success) return []
    return describeIssues(result.error.issues, parsed, 'The frontmatter').map((r) => [r.kind, r.key, r.problem, ...lc(r.position)])
  }

  it('tells a missing key from a key of the wrong type', () => {
    expect(describe_('title: 5\npeople: []\n')).toEqual([
      ['schema', 'title', '"title" must be text.', 2, 1, 2, 9],
      ['schema', 'count', 'The frontmatter has no "count", which is required.', 2, 1, 4, 1]
    ])
  })

  it('counts a key written with no value as present, not missing', () => {
    expect(describe_('title:\ncount: 1\npeople: []\n')).toEqual([['schema', 'title', '"title" must be text.', 2, 1, 2, 7]])
  })

  it('names unknown keys by their path, at the key', () => {
    expect(describe_('title: T\ncount: 1\npeople:\n  - name: A\n    nmae: B\nextra: 1\n')).toEqual([
      ['unknown-key', 'people[0].nmae', '', 6, 5, 6, 9],
      ['unknown-key', 'extra', '', 7, 1, 7, 6]
    ])
  })

  it('describes a document that is not a map as a whole', () => {
    expect(describe_('- a\n- b\n')).toEqual([['schema', '(document)', 'The frontmatter Invalid input: expected object, received array.', 2, 1, 4, 1]])
  })
})
