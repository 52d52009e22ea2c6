// serve's error page: every problem's place, message, frame and hint, the
// first few of one rule in one file, and the reload script.
import {fromHtml} from 'hast-util-from-html'
import {selectAll} from 'hast-util-select'
import {toString} from 'hast-util-to-string'
import {describe, expect, it} from 'vitest'
import {diagnostic} from '../../src/diagnostics/diagnostic.js'
import {errorPage} from '../../src/serve/error-page.js'

const file = 'content/briefs/b.md'
const at = (line: number) => ({start: {line, column: 7}, end: {line, column: 11}})

describe('errorPage', () => {
  it('lists twenty of one rule in one file, says how many more, and counts them all', () => {
    const text = Array.from({length: 25}, (_, i) => `Line ${i + 1}.[^9]`).join('\n')
    const diagnostics = Array.from({length: 25}, (_, i) => diagnostic(file, 'citation/undefined', at(i + 1), {label: '9'}))
    const tree = fromHtml(errorPage({diagnostics, sources: new Map([[file, text]]), build: 'b1'}))
    const items = selectAll('ol.diagnostics > li', tree).map((node) => toString(node))
    expect(items).toHaveLength(21)
    expect(items[0]).toContain(`${file}:1:7`)
    expect(items[0]).toContain('> 1 | Line 1.[^9]')
    expect(items[19]).toContain(`${file}:20:7`)
    expect(items[20]).toBe(`… and 5 more citation/undefined in ${file}, not shown.`)
    expect(toString(selectAll('h1', tree)[0] ?? tree)).toBe('The site has 25 errors')
  })
})
