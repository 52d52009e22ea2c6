// serve's error page: every problem's place, message, frame and hint, the
// first few of one rule in one file, the reload script, and the site's icon.
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
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
    const tree = fromHtml(errorPage({diagnostics, sources: new Map([[file, text]]), build: 'b1', mount: '/'}))
    const items = selectAll('ol.diagnostics > li', tree).map((node) => toString(node))
    expect(items).toHaveLength(21)
    expect(items[0]).toContain(`${file}:1:7`)
    expect(items[0]).toContain('> 1 | Line 1.[^9]')
    expect(items[19]).toContain(`${file}:20:7`)
    expect(items[20]).toBe(`… and 5 more citation/undefined in ${file}, not shown.`)
    expect(toString(selectAll('h1', tree)[0] ?? tree)).toBe('The site has 25 errors')
  })

  it.each([
    ['/', '/favicon.ico', '/assets/favicon.svg'],
    ['/sub/', '/sub/favicon.ico', '/sub/assets/favicon.svg']
  ])('links the icon of the site served at %s (%s, %s), as every page does', (mount, ico, svg) => {
    const tree = fromHtml(errorPage({diagnostics: [], sources: new Map(), build: 'b1', mount, failure: 'EIO'}))
    const icons = selectAll('head > link[rel=icon]', tree).map((node) => node.properties)
    expect(icons).toEqual([
      {rel: ['icon'], href: ico, sizes: '16x16 32x32'},
      {rel: ['icon'], href: svg, type: 'image/svg+xml'}
    ])
    expect(select('head > style', tree)).toBeDefined()
  })
})
