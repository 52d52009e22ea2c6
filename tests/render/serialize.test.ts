import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {Element, ElementContent, Root} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {unified} from 'unified'
import rehypeStringify from 'rehype-stringify'
import {compact, serializePage, stringify, stringifyFragment, type Fragment} from '../../src/render/serialize.js'

describe('stringify', () => {
  const long = (label: string): Raw => ({type: 'raw', value: `<p>${label} ${'x & y '.repeat(200)}</p>`})
  const template = h('template')
  template.content = {type: 'root', children: [h('p', 'in a template'), long('templated')]}
  const page = (): Root => ({
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', [
        h('body', [
          h('main', [long('first'), h('article', [h('h2', 'A <b> & "c"'), long('deep')]), {type: 'raw', value: '<hr>'}]),
          template,
          long('last')
        ])
      ])
    ]
  })

  it('writes long raw nodes spliced in exactly where the serialiser would write them', () => {
    const tree = page()
    const plain = unified().use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}})
    expect(stringify(tree)).toBe(`${plain.stringify(page())}\n`)
    // And leaves the tree as it found it.
    expect(tree).toEqual(page())
  })

  it('splices fragments given as UTF-8 bytes, short or long, into the same bytes, and leaves them in the tree', () => {
    const html = (label: string) => `<p>${label} ${'“é” & ↩ '.repeat(100)}</p>`
    const asBytes = (label: string): Fragment => ({type: 'fragment', value: Buffer.from(html(label))})
    const tree = (): Root => ({
      type: 'root',
      children: [h('main', [asBytes('first'), h('p', 'between'), {type: 'fragment', value: Buffer.from('<hr>')}, asBytes('last')])]
    })
    const plain = unified().use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}})
    const expected = `${plain.stringify({type: 'root', children: [h('main', [{type: 'raw', value: html('first')}, h('p', 'between'), {type: 'raw', value: '<hr>'}, {type: 'raw', value: html('last')}])]})}\n`
    const given = tree()
    const bytes = serializePage(given)
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(bytes).toString('utf8')).toBe(expected)
    expect(stringify(tree())).toBe(expected)
    expect(given).toEqual(tree())
    // Text fragments give text.
    expect(serializePage({type: 'root', children: [h('main', [{type: 'fragment', value: html('text')}])]})).toBe(`<main>${html('text')}</main>\n`)
  })
})

describe('compact', () => {
  /** A paragraph with text, markup and two elements whose ids change between serialisations. */
  function tree(): {nodes: ElementContent[]; variable: Element[]} {
    const first = h('a', {href: '#note-1'}, '[1]')
    const second = h('a', {href: '#note-2'}, '[2]')
    const nodes: ElementContent[] = [
      h('h3', 'Kinmen & <Matsu>'),
      {type: 'text', value: '\n'},
      h('p', ['A "boat" ', h('em', 'stayed'), ' an hour.', h('sup', {className: ['cite']}, [first]), ' Then ', h('code', '<b>'), '.', second]),
      {type: 'text', value: '\n'},
      h('ul', [h('li', 'one'), h('li', [h('strong', 'two')])])
    ]
    return {nodes, variable: [first, second]}
  }

  it('serialises to the same HTML as the tree it stands for, and keeps variable elements live', () => {
    const plain = tree()
    const packed = tree()
    compact(packed.nodes, new Set(packed.variable))
    expect(stringifyFragment(packed.nodes)).toBe(stringifyFragment(plain.nodes))
    for (const {variable} of [plain, packed]) {
      variable.forEach((element, index) => (element.properties = {href: `#b--note-${index + 1}`, id: `b--cite-${index + 1}`}))
    }
    expect(stringifyFragment(packed.nodes)).toBe(stringifyFragment(plain.nodes))
    expect(stringifyFragment(packed.nodes)).toContain('<a href="#b--note-2" id="b--cite-2">[2]</a>')
  })

  it('turns each run of fixed siblings into one raw node, down to the variable elements', () => {
    const {nodes, variable} = tree()
    compact(nodes, new Set(variable))
    // The heading and the newline before the paragraph, the paragraph, the newline and list after it.
    expect(nodes.map((node) => node.type)).toEqual(['raw', 'element', 'raw'])
    const paragraph = nodes[1]
    if (paragraph?.type !== 'element') throw new Error('fixture')
    expect(paragraph.children.map((node) => (node.type === 'element' ? node.tagName : node.type))).toEqual(['raw', 'sup', 'raw', 'a'])
  })
})
