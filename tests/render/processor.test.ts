// The processor of brief prose, stage by stage: its parser is parseMarkdown
// (the fast path, remark-parse where the fast path refuses), remark-rehype
// converts with render/handlers.ts's handlers, and rehype-stringify escapes.
import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {Root as MdastRoot} from 'mdast'
import {testSite} from '../helpers/site.js'
import {parseFast} from '../../src/parse/fast-markdown.js'
import {parseMarkdown, parseMarkdownReference} from '../../src/parse/markdown.js'
import type {ProseRun} from '../../src/render/handlers.js'
import {processor, runFile} from '../../src/render/processor.js'

const site = testSite()

function emptyRun(): ProseRun {
  return {site, regionId: 'taiwan', topics: new Map(), targets: new Map(), imageOf: () => undefined, variable: new Set(), repoints: []}
}

describe('the processor', () => {
  it('parses with parseMarkdown: the fast path, with remark-parse as its fallback', () => {
    expect(processor.parser).toBe(parseMarkdown)
    const plain = '## China\n\nThe *coast* guard.[^1]\n'
    expect(parseFast(plain, parseMarkdownReference)).toBeDefined()
    expect(processor.parse(plain)).toEqual(parseFast(plain, parseMarkdownReference))
    // A list: the fast path refuses the document, remark-parse parses it.
    const list = 'Text.\n\n- item\n'
    expect(parseFast(list, parseMarkdownReference)).toBeUndefined()
    expect(processor.parse(list)).toEqual(parseMarkdownReference(list))
  })

  it('converts with the handlers of brief prose, registering what each page re-points', () => {
    const root: MdastRoot = {type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value: 'A boat.'}, {type: 'citation', number: 3, use: 2}]}]}
    const run = emptyRun()
    const tree = processor.runSync(root, runFile(run))
    expect(tree).toEqual({type: 'root', children: [h('p', ['A boat.', h('sup', {className: ['cite']}, [h('a', '[3]')])])]})
    expect(run.variable.size).toBe(1)
    for (const repoint of run.repoints) repoint({context: {site, pageDir: 'regions/taiwan/', idPrefix: 'b--'}, level: 2, takeaways: false})
    expect(tree).toEqual({
      type: 'root',
      children: [h('p', ['A boat.', h('sup', {className: ['cite']}, [h('a', {href: '#b--note-3', id: 'b--cite-3-2', role: 'doc-noteref'}, '[3]')])])]
    })
  })

  it('refuses to convert prose without a run to register it in', () => {
    const root: MdastRoot = {type: 'root', children: [{type: 'paragraph', children: [{type: 'citation', number: 3, use: 1}]}]}
    expect(() => processor.runSync(root)).toThrow(TypeError)
  })

  it('escapes text and drops raw HTML, parse to string', () => {
    // Inline HTML in the Markdown is an `html` node, which the handlers drop; its text stays, escaped.
    const tree = processor.runSync(processor.parse('A <script>alert(1)</script> & "b" <i>'), runFile(emptyRun()))
    expect(processor.stringify(tree)).toBe('<p>A alert(1) &#x26; "b" </p>')
    expect(processor.stringify({type: 'root', children: [h('p', {title: '"><script>'}, '<script>alert(1)</script>')]})).toBe(
      // In a quoted attribute value only `"` and `&` can end or change it.
      '<p title="&#x22;><script>">&#x3C;script>alert(1)&#x3C;/script></p>'
    )
  })
})
