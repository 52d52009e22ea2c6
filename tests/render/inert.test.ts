import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {ElementContent} from 'hast'
import {inertProperties, makeInert} from '../../src/render/inert.js'

describe('makeInert', () => {
  it('keeps http, https, mailto and relative URLs', () => {
    const nodes: ElementContent[] = [
      h('a', {href: 'https://a.example/'}, 'a'),
      h('a', {href: 'http://a.example/'}, 'b'),
      h('a', {href: 'mailto:desk@example.org'}, 'c'),
      h('a', {href: '../x/#note-1'}, 'd'),
      h('a', {href: '#note-1'}, 'e')
    ]
    expect(makeInert(structuredClone(nodes))).toEqual(nodes)
  })

  it('drops URLs a browser would resolve to another scheme, however they are spelled', () => {
    const spellings = ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' \u0001javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'vbscript:msgbox', 'data:text/html,x', 'file:///etc/passwd']
    for (const href of spellings) expect(makeInert([h('a', {href}, 'x')]), href).toEqual([h('a', 'x')])
    expect(makeInert([h('img', {src: 'data:image/png;base64,AA', alt: 'a'})])).toEqual([h('img', {alt: 'a'})])
  })

  it('removes event handlers and style, at any depth', () => {
    const nested = [h('p', [h('em', {onMouseOver: 'alert(1)', style: 'x'}, [h('span', {onclick: 'alert(2)', className: ['k']}, 't')])])]
    expect(makeInert(nested)).toEqual([h('p', [h('em', [h('span', {className: ['k']}, 't')])])])
  })

  it('removes elements that run or embed content', () => {
    const nodes: ElementContent[] = [h('script', 'alert(1)'), h('p', ['a', h('iframe', {src: 'https://a.example/'}), 'b']), h('base', {href: 'https://evil.example/'})]
    expect(makeInert(nodes)).toEqual([h('p', ['a', 'b'])])
  })
})

describe('inertProperties', () => {
  it('returns the properties themselves when nothing goes, a copy without what goes otherwise', () => {
    const clean = {href: '#note-1', id: 'cite-1-1', className: ['cite']}
    expect(inertProperties(clean)).toBe(clean)
    const hostile = {href: 'javascript:alert(1)', id: 'x', onClick: 'alert(2)', title: 't'}
    expect(inertProperties(hostile)).toEqual({id: 'x', title: 't'})
    expect(hostile.href).toBe('javascript:alert(1)')
  })

  it('keeps a fragment whatever follows the #, and judges everything else as a browser would', () => {
    expect(inertProperties({href: '#javascript:alert(1)'})).toEqual({href: '#javascript:alert(1)'})
    expect(inertProperties({href: ' #x'})).toEqual({href: ' #x'})
    expect(inertProperties({href: 'b/javascript:x'})).toEqual({href: 'b/javascript:x'})
    expect(inertProperties({href: 'javascript:x/#y'})).toEqual({})
  })
})
