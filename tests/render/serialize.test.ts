import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {Element, ElementContent} from 'hast'
import {compact, stringifyFragment} from '../../src/render/serialize.js'

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
