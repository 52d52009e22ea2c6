// render/svg.ts: a hostile corpus comes out with nothing active (asserted
// on the parsed output, not on strings), a benign map keeps its drawing.
import type {Element, Nodes} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {describe, expect, it} from 'vitest'
import {isInertValue, sanitiseSvg} from '../../src/render/svg.js'

const allowed = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'title', 'desc', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask',
  'marker', 'pattern', 'filter', 'feGaussianBlur', 'feOffset', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode',
  'feColorMatrix', 'feBlend', 'feMorphology', 'feDropShadow'
])

function elements(node: Nodes): Element[] {
  const found: Element[] = node.type === 'element' ? [node] : []
  if ('children' in node) for (const child of node.children) found.push(...elements(child))
  return found
}

/** Sanitises `svg`, expecting success, and checks the output holds nothing active. */
function inert(svg: string): {tree: Element; removed: readonly string[]; text: string} {
  const result = sanitiseSvg(svg)
  if (!result.ok) throw new Error(result.problem)
  const root = fromXml(result.svg)
  // Only the element: no doctype, instruction, comment beside it.
  expect(root.children.map((child) => child.type)).toEqual(['element'])
  const tree = root.children[0] as Element
  for (const element of elements(tree)) {
    expect(allowed.has(element.name), element.name).toBe(true)
    for (const [name, value] of Object.entries(element.attributes)) {
      expect(name.toLowerCase().startsWith('on'), name).toBe(false)
      if (name === 'href' || name === 'xlink:href') expect(value).toMatch(/^#[^#\s]+$/)
      const lower = String(value).toLowerCase()
      expect(lower).not.toContain('javascript:')
      for (const url of lower.matchAll(/url\(([^)]*)\)/g)) expect(url[1]).toMatch(/^\s*['"]?#/)
      if (name.startsWith('xmlns')) expect(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']).toContain(value)
    }
  }
  for (const node of walk(tree)) expect(['element', 'text']).toContain(node.type)
  return {tree, removed: result.removed, text: result.svg}
}

function* walk(node: Nodes): Generator<Nodes> {
  yield node
  if ('children' in node) for (const child of node.children) yield* walk(child)
}

const svg = (body: string, attributes = ''): string => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"${attributes}>${body}</svg>`

describe('sanitiseSvg: hostile input comes out inert', () => {
  it('drops <script>, also with CDATA, and says so', () => {
    const {text, removed} = inert(svg('<script>alert(1)</script><script type="text/javascript"><![CDATA[ if (1 < 2) alert(2) ]]></script><rect width="10" height="10"/>'))
    expect(text).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"><rect width="10" height="10"></rect></svg>')
    expect(removed).toEqual(['<script>'])
  })

  it('drops every on* attribute, in any case', () => {
    const {tree, removed} = inert(svg('<rect width="1" height="1" onclick="alert(1)" ONMOUSEOVER="alert(2)" OnFocus="x"/>', ' onload="alert(0)"'))
    expect(tree.attributes).toEqual({xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink', viewBox: '0 0 100 100'})
    expect(elements(tree)[1]!.attributes).toEqual({width: '1', height: '1'})
    expect(removed).toEqual(['onload', 'onclick', 'ONMOUSEOVER', 'OnFocus'])
  })

  it('drops links: javascript: and external, keeping their labels', () => {
    const {tree, removed} = inert(svg('<a href="javascript:alert(1)"><text>one</text></a><a xlink:href=" java\tscript:alert(2)"><text>two</text></a><a href="https://evil.example/"><text>three</text></a>'))
    expect(elements(tree).map((e) => e.name)).toEqual(['svg', 'text', 'text', 'text'])
    expect(removed).toEqual(['<a>'])
  })

  it('drops external images and external use/xlink references', () => {
    const {tree, removed} = inert(svg('<image href="https://evil.example/track.png" width="10" height="10"/><use xlink:href="https://evil.example/sprite.svg#icon"/><use href="other.svg#x"/><use href="javascript:alert(1)"/><use href="#ok"/>'))
    expect(elements(tree).map((e) => [e.name, e.attributes])).toEqual([
      ['svg', {xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink', viewBox: '0 0 100 100'}],
      ['use', {}],
      ['use', {}],
      ['use', {}],
      ['use', {href: '#ok'}]
    ])
    expect(removed).toEqual(['<image>', 'xlink:href', 'href'])
  })

  it('drops foreignObject with the HTML inside it', () => {
    const {tree, removed} = inert(svg('<foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/><img src="x" onerror="alert(1)"/></body></foreignObject><circle r="5"/>'))
    expect(elements(tree).map((e) => e.name)).toEqual(['svg', 'circle'])
    expect(removed).toEqual(['<foreignObject>'])
  })

  it('drops <style> (an @import fetches, and a sheet restyles the page it is inlined into)', () => {
    const {tree, removed} = inert(svg('<style>@import url(http://evil.example/x.css); rect { fill: red }</style><rect width="1" height="1"/>'))
    expect(elements(tree).map((e) => e.name)).toEqual(['svg', 'rect'])
    expect(removed).toEqual(['<style>'])
  })

  it('drops style and presentation values that reach outside the document, keeps url(#id)', () => {
    const {tree, removed} = inert(svg(
      '<rect style="background:url(http://evil.example/x)" fill="url(https://evil.example/p.svg#g)" width="1" height="1"/>' +
        '<rect style="fill: url( \'#g\' ); stroke:#000" fill="url(#g)" width="1" height="1"/>' +
        '<rect style="fill:u\\72l(http://evil.example)" filter="url(data:image/svg+xml,x)" width="1" height="1"/>'
    ))
    expect(elements(tree).slice(1).map((e) => e.attributes)).toEqual([
      {width: '1', height: '1'},
      {style: 'fill:url( \'#g\' );stroke:#000', fill: 'url(#g)', width: '1', height: '1'},
      {width: '1', height: '1'}
    ])
    expect(removed).toEqual(['style', 'fill', 'filter'])
  })

  it('keeps only presentation declarations in style: nothing that places the SVG over the page', () => {
    const {tree, removed} = inert(svg('<rect width="1" height="1" style="fill:#c00; Stroke : blue ;;"/><circle r="1" style="fill:red"/>', ' style="position:fixed; inset:0; z-index:9999; fill:red; opacity:0.5"'))
    expect(elements(tree).map((e) => e.attributes.style)).toEqual(['fill:red;opacity:0.5', 'fill:#c00;stroke:blue', 'fill:red'])
    expect(removed).toEqual(['style'])
    const {tree: emptied} = inert(svg('', ' style="position:absolute;top:0"'))
    expect(emptied.attributes.style).toBeUndefined()
  })

  it('drops animation, which can rewrite an href to javascript:', () => {
    const {tree, removed} = inert(svg('<a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>'))
    expect(elements(tree).map((e) => e.name)).toEqual(['svg', 'text'])
    expect(removed).toEqual(['<a>', '<set>', '<animate>'])
  })

  it('drops processing instructions, comments, the doctype and editors\' namespaced markup', () => {
    const input = '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet href="http://evil.example/x.css"?>\n' +
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- made by hand -->\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3">' +
      '<inkscape:grid/><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><!-- c --><?php echo 1 ?><g xmlns="http://www.w3.org/1999/xhtml"><circle r="1"/></g></svg>'
    const {text, removed} = inert(input)
    expect(text).toBe('<svg xmlns="http://www.w3.org/2000/svg"><g><circle r="1"></circle></g></svg>')
    expect(removed).toEqual(['<?xml-stylesheet?>', 'xmlns:inkscape', 'inkscape:version', '<inkscape:grid>', '<metadata>', '<?php?>', 'xmlns'])
  })

  it('refuses a doctype declaring entities: the billion laughs', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol3;</text></svg>'
    expect(sanitiseSvg(bomb)).toEqual({ok: false, problem: 'the SVG declares entities (<!ENTITY ...>): refused, as entities serve entity-expansion bombs and external-file reads'})
  })

  it('refuses an external entity (XXE), even unused', () => {
    expect(sanitiseSvg('<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>').ok).toBe(false)
    expect(sanitiseSvg('<!DOCTYPE svg [ <!entity xxe SYSTEM "file:///etc/passwd"> ]><svg xmlns="http://www.w3.org/2000/svg"/>').ok).toBe(false)
  })

  it('refuses what is not a well-formed SVG', () => {
    expect(sanitiseSvg('<svg><g></svg>')).toEqual({ok: false, problem: 'the SVG is not well-formed XML: Missing end tag for element g (line 1, column 9)'})
    expect(sanitiseSvg('')).toMatchObject({ok: false})
    expect(sanitiseSvg('just text')).toMatchObject({ok: false})
    expect(sanitiseSvg('<html><script>alert(1)</script></html>')).toEqual({ok: false, problem: 'not an SVG: the root element is <html>'})
    expect(sanitiseSvg('<svg xmlns="http://www.w3.org/1999/xhtml"/>')).toEqual({ok: false, problem: 'not an SVG: its namespace is http://www.w3.org/1999/xhtml, not http://www.w3.org/2000/svg'})
  })

  it('refuses nesting deeper than 200 elements', () => {
    const deep = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(300)}${'</g>'.repeat(300)}</svg>`
    expect(sanitiseSvg(deep)).toEqual({ok: false, problem: 'the SVG nests elements deeper than 200'})
    const fine = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(150)}${'</g>'.repeat(150)}</svg>`
    expect(sanitiseSvg(fine).ok).toBe(true)
  })

  it('escapes text so it cannot close the element it is in', () => {
    const {tree, text} = inert(svg('<text><![CDATA[</text><script>alert(1)</script>]]> &lt;b&gt;</text>'))
    expect(text).toContain('<text>&#x3C;/text>&#x3C;script>alert(1)&#x3C;/script> &#x3C;b></text>')
    expect(elements(tree).map((e) => e.name)).toEqual(['svg', 'text'])
  })
})

describe('sanitiseSvg: a benign map keeps its drawing', () => {
  it('keeps shapes, text, a gradient by url(#g), a marker and <use href="#id">', () => {
    const map = svg(
      '<title>Taiwan Strait</title><desc>Positions on 22 February</desc>' +
        '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#cfe3f0"/><stop offset="1" stop-color="#9cc"/></linearGradient>' +
        '<marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker>' +
        '<symbol id="ship"><polygon points="0,0 10,5 0,10"/></symbol></defs>' +
        '<rect width="100" height="100" fill="url(#g)"/>' +
        '<g class="land" transform="translate(10 10)"><path d="M0 0 L50 10 L40 60 Z" fill="#e8e0c8" stroke="#555" stroke-width="0.5"/></g>' +
        '<line x1="10" y1="90" x2="60" y2="40" stroke="#c00" marker-end="url(#arrow)"/>' +
        '<use href="#ship" x="30" y="30"/><use xlink:href="#ship" x="60" y="20"/>' +
        '<text x="20" y="50" font-size="4" text-anchor="middle">Taipei <tspan font-weight="bold">★</tspan></text>',
      ' role="img" aria-labelledby="t"'
    )
    const result = sanitiseSvg(map)
    expect(result).toEqual({ok: true, svg: withEndTags(map), removed: [], width: 100, height: 100})
    const {tree} = inert(map)
    expect(elements(tree).map((e) => e.name)).toEqual([
      'svg', 'title', 'desc', 'defs', 'linearGradient', 'stop', 'stop', 'marker', 'path', 'symbol', 'polygon',
      'rect', 'g', 'path', 'line', 'use', 'use', 'text', 'tspan'
    ])
  })

  it('adds the SVG namespace when it is missing, so a written file draws', () => {
    expect(sanitiseSvg('<svg viewBox="0 0 1 1"><circle r="1"/></svg>')).toEqual({
      ok: true,
      svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><circle r="1"></circle></svg>',
      removed: [],
      width: 1,
      height: 1
    })
  })
})

describe('sanitiseSvg: the size a page reserves', () => {
  const sizeOf = (attributes: string) => {
    const result = sanitiseSvg(`<svg xmlns="http://www.w3.org/2000/svg"${attributes}><rect width="1" height="1"/></svg>`)
    return result.ok ? [result.width, result.height] : result.problem
  }
  it('takes width and height in pixels, unitless or px', () => {
    expect(sizeOf(' width="800" height="600" viewBox="0 0 400 300"')).toEqual([800, 600])
    expect(sizeOf(' width="800px" height="600.4px"')).toEqual([800, 600])
  })
  it('completes one of them from the viewBox\'s aspect', () => {
    expect(sizeOf(' width="1000" viewBox="0 0 400 300"')).toEqual([1000, 750])
    expect(sizeOf(' height="150" viewBox="0,0,400,300"')).toEqual([200, 150])
  })
  it('falls back to the viewBox when the sizes are relative or in other units', () => {
    expect(sizeOf(' width="100%" height="20cm" viewBox="0 0 1200 900"')).toEqual([1200, 900])
  })
  it('states none when there is nothing to go by', () => {
    expect(sizeOf('')).toEqual([undefined, undefined])
    expect(sizeOf(' width="100%" viewBox="0 0 0 10"')).toEqual([undefined, undefined])
  })
})

describe('isInertValue', () => {
  it('allows plain values and fragment urls, refuses every way out', () => {
    expect(['#fff', '10 20', 'url(#g)', 'url("#a-b")', "fill:url('#g');stroke:none", 'translate(1 2)'].map(isInertValue)).toEqual([true, true, true, true, true, true])
    expect([
      'url(http://x)', 'url(//x)', 'url(x.svg#g)', 'url(#g) url(http://x)', 'javascript:alert(1)', 'JaVa\nScRiPt:x', 'java\u0000script:x',
      'u\\72l(http://x)', '@import "x"', 'expression(alert(1))', 'url(data:image/png;base64,AAAA)'
    ].map(isInertValue)).toEqual(Array(11).fill(false))
  })
})

/** A benign document with its empty elements written with end tags, as the sanitiser serialises them: nothing else changes. */
function withEndTags(text: string): string {
  return text.replace(/<(\w+)([^<>]*?)\/>/g, '<$1$2></$1>')
}
