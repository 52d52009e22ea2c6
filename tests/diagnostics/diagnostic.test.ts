// diagnostics/diagnostic.ts: records built from the catalogue, their stable
// order and their counts.
import {describe, expect, it} from 'vitest'
import {catalogue, ruleIds} from '../../src/diagnostics/catalogue.js'
import {countBySeverity, diagnostic, sortDiagnostics} from '../../src/diagnostics/diagnostic.js'

describe('diagnostic', () => {
  it('takes severity, message and hint from the catalogue', () => {
    const d = diagnostic('b.md', 'citation/unused-note', {start: {line: 4, column: 1}, end: {line: 4, column: 6}}, {number: 3})
    expect(d).toEqual({
      file: 'b.md',
      line: 4,
      column: 1,
      endLine: 4,
      endColumn: 6,
      severity: 'warning',
      rule: 'citation/unused-note',
      data: {number: 3},
      message: 'Note 3 is not cited anywhere in the text; it is still listed in the endnotes.',
      hint: 'Cite it with [^3] where it supports the text, or delete it if it is left over.'
    })
  })

  it('points at the start of the file without a place', () => {
    expect(diagnostic('b.md', 'file/empty', undefined)).toMatchObject({line: 1, column: 1, endLine: 1, endColumn: 1, data: {}})
  })
})

describe('the catalogue', () => {
  it('has ids of the form group/name in lowercase and a one-line summary for each', () => {
    for (const id of ruleIds) {
      expect(id).toMatch(/^[a-z]+\/[a-z]+(?:-[a-z]+)*$/)
      expect(catalogue[id].summary).toMatch(/^\S.*\.$/)
    }
  })
})

describe('sortDiagnostics', () => {
  it('orders by file, line, column, then rule, without changing its input', () => {
    const at = (line: number, column: number) => ({start: {line, column}, end: {line, column}})
    const list = [
      diagnostic('b.md', 'heading/level', at(3, 1), {depth: 1}),
      diagnostic('a.md', 'citation/undefined', at(9, 2), {label: '2'}),
      diagnostic('b.md', 'citation/unused-note', at(3, 1), {number: 2}),
      diagnostic('b.md', 'citation/numbering', at(3, 1), {problem: 'x'}),
      diagnostic('a.md', 'citation/undefined', at(9, 1), {label: '1'})
    ]
    const copy = [...list]
    expect(sortDiagnostics(list).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'a.md:9:1 citation/undefined',
      'a.md:9:2 citation/undefined',
      'b.md:3:1 citation/numbering',
      'b.md:3:1 citation/unused-note',
      'b.md:3:1 heading/level'
    ])
    expect(list).toEqual(copy)
    expect(countBySeverity(list)).toEqual({errors: 3, warnings: 2})
  })
})
