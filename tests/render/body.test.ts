import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {Element} from 'hast'
import type {PhrasingContent} from 'mdast'
import type {Position} from 'unist'
import type {FigureImage, Note, RegionSection, Site, Source} from '../../src/ast.js'
import {renderInline, renderNotes, renderSource, sectionElement, sectionProse, sharedSources, type BodyContext, type SectionOptions} from '../../src/render/body.js'
import {stringifyFragment} from '../../src/render/serialize.js'
import {classifySource} from '../../src/parse/sources.js'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {testSite} from '../helpers/site.js'

const at: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 2, offset: 1}}
const site: Site = testSite()
const context: BodyContext = {site, pageDir: 'briefs/b/', idPrefix: '', slugs: new Set(['a'])}
const prefixed: BodyContext = {...context, pageDir: 'regions/taiwan/', idPrefix: 'b--'}

describe('renderSource', () => {
  it('links a URL and keeps its locator as text', () => {
    const source: Source = {kind: 'url', url: 'https://a.example/r.pdf', locator: 'p.3', raw: 'https://a.example/r.pdf, p.3', position: at}
    expect(renderSource(context, source)).toEqual([
      h('a', {href: 'https://a.example/r.pdf', className: ['source-url']}, 'https://a.example/r.pdf'),
      {type: 'text', value: ', p.3'}
    ])
  })

  it('shows an https archived copy beside its source as a link, any other as text', () => {
    const copy = 'https://web.archive.org/web/2024/https://a.example/r.pdf'
    const source: Source = {kind: 'url', url: 'https://a.example/r.pdf', locator: 'p.3', raw: '', position: at, archived: {url: copy, position: at}}
    expect(renderSource(context, source)).toEqual([
      h('a', {href: 'https://a.example/r.pdf', className: ['source-url']}, 'https://a.example/r.pdf'),
      {type: 'text', value: ', p.3'},
      {type: 'text', value: ' '},
      h('span', {className: ['archived']}, ['(', h('a', {href: copy, className: ['source-archived']}, 'archived copy'), ')'])
    ])
    const insecure: Source = {kind: 'url', url: 'https://a.example/', raw: '', position: at, archived: {url: 'http://archive.example/x', position: at}}
    expect(renderSource(context, insecure).slice(1)).toEqual([{type: 'text', value: ' '}, h('span', {className: ['archived']}, ['(', 'http://archive.example/x', ')'])])
    const hostile: Source = {kind: 'url', url: 'https://a.example/', raw: '', position: at, archived: {url: 'javascript:alert(1)', position: at}}
    expect(renderSource(context, hostile).slice(1)).toEqual([{type: 'text', value: ' '}, h('span', {className: ['archived']}, ['(', 'javascript:alert(1)', ')'])])
  })

  it('never links a defanged URL', () => {
    const source: Source = {kind: 'defanged', raw: 'https://udn dot com/x', refanged: 'https://udn.com/x', position: at}
    expect(renderSource(context, source)).toEqual([
      h('span', {className: ['defanged'], title: 'Defanged address: not linked on purpose'}, 'https://udn dot com/x')
    ])
  })

  it('shows a URL with an unsafe scheme as text even when check did not run', () => {
    const source: Source = {kind: 'url', url: 'javascript:alert(1)', locator: 'p.3', raw: 'javascript:alert(1), p.3', position: at}
    expect(renderSource(context, source)).toEqual([{type: 'text', value: 'javascript:alert(1), p.3'}])
  })

  it.each(['[Ministry statement](javascript:alert(1))', '[x](&#106;avascript:alert(1))', '[x](<JaVaScRiPt:alert(1) x>)', '[x](data:text/html,hi)'])(
    'never links the Markdown link source %s',
    (raw) => {
      const source = classifySource(raw, at)
      expect(source.kind).toBe('url')
      expect(renderSource(context, source)).toEqual([{type: 'text', value: source.kind === 'url' ? source.url : ''}])
    }
  )

  it('links a URL of another brief of the archive into the built site', () => {
    const source: Source = {kind: 'url', url: 'https://x.example/briefs/a/', raw: 'https://x.example/briefs/a/', position: at}
    expect(renderSource(context, source)).toEqual([h('a', {href: '../a/', className: ['source-url']}, 'https://x.example/briefs/a/')])
  })
})

describe('renderNotes', () => {
  const notes: Note[] = [
    {number: 3, uses: 2, position: at, sources: [{kind: 'text', raw: 'Interview, 2024', position: at}]},
    {number: 4, uses: 0, position: at, sources: [{kind: 'text', raw: 'Leftover', position: at}]}
  ]

  it('numbers notes as written and links back to every use, then to itself (a permalink); an uncited note says so', () => {
    expect(renderNotes(prefixed, notes)).toEqual(
      h('ol', {className: ['notes']}, [
        h('li', {id: 'b--note-3', value: '3', className: ['note']}, [
          h('ul', {className: ['sources']}, [h('li', {className: ['source', 'source-text']}, 'Interview, 2024')]),
          h('span', {className: ['backrefs']}, [
            h('a', {href: '#b--cite-3-1', className: ['backref'], ariaLabel: 'Back to citation 1 of note 3', role: 'doc-backlink'}, '↩ 1'),
            h('a', {href: '#b--cite-3-2', className: ['backref'], ariaLabel: 'Back to citation 2 of note 3', role: 'doc-backlink'}, '↩ 2'),
            h('a', {href: '#b--note-3', className: ['note-permalink'], ariaLabel: 'Link to note 3'}, '#')
          ])
        ]),
        h('li', {id: 'b--note-4', value: '4', className: ['note']}, [
          h('ul', {className: ['sources']}, [h('li', {className: ['source', 'source-text']}, 'Leftover')]),
          h('span', {className: ['backrefs']}, [
            h('span', {className: ['uncited']}, 'Not cited in the text.'),
            h('a', {href: '#b--note-4', className: ['note-permalink'], ariaLabel: 'Link to note 4'}, '#')
          ])
        ])
      ])
    )
  })
})

/** A section as a brief's page shows it, from the same steps as render/fragments.ts. */
function renderSection(context: BodyContext, section: RegionSection, options: SectionOptions): Element {
  const prose = sectionProse(context.site, section, options.targets)
  return sectionElement(context, section, options, prose.show({context, level: options.level, takeaways: true}))
}

/** A Taiwan section: a Kinmen topic, a paragraph citing note 7, then `more`. */
function kinmenSection(...more: RegionSection['children']): RegionSection {
  return {
    type: 'regionSection',
    regionId: 'taiwan',
    heading: 'Taiwan',
    headingPosition: at,
    position: at,
    topics: [{title: 'Kinmen', id: 'kinmen', position: at}],
    children: [
      {type: 'heading', depth: 3, children: [{type: 'text', value: 'Kinmen'}]},
      {type: 'paragraph', children: [{type: 'text', value: 'A boat.'}, {type: 'citation', number: 7, use: 1}]},
      ...more
    ]
  }
}

describe('a region section', () => {
  // The raw HTML node is dropped (validate/ warns about it).
  const section = kinmenSection({type: 'html', value: '<b>dropped</b>'})

  it('renders the region heading, topics one level down, citations with the number written', () => {
    const paragraph = section.children[1]
    if (paragraph?.type !== 'paragraph') throw new Error('fixture')
    const tree = renderSection(prefixed, section, {level: 3, targets: new Map([[paragraph, 0]]), title: 'Taiwan'})
    expect(tree).toEqual(
      h('section', {className: ['region'], ariaLabelledBy: 'b--region-taiwan-heading', id: 'b--region-taiwan'}, [
        h('h3', {id: 'b--region-taiwan-heading'}, 'Taiwan'),
        h('h4', {id: 'b--topic-taiwan--kinmen'}, 'Kinmen'),
        {type: 'text', value: '\n'} as const,
        h('p', {id: 'b--takeaway-1', className: ['elaborates']}, [
          'A boat.',
          h('sup', {className: ['cite']}, [h('a', {href: '#b--note-7', id: 'b--cite-7-1', role: 'doc-noteref'}, '[7]')])
        ])
        // The raw HTML node is dropped (validate/ warns about it).
      ])
    )
  })

  it('renders unsafe links and images as inert even when check did not run', () => {
    const hostile: RegionSection = {
      ...section,
      topics: [],
      children: [
        {
          type: 'paragraph',
          children: [
            {type: 'link', url: 'JaVaScRiPt:alert(1)', children: [{type: 'text', value: 'click'}]},
            {type: 'link', url: '\u0001javascript:alert(2)', children: [{type: 'text', value: 'ctl'}]},
            {type: 'image', url: 'data:image/svg+xml,<svg onload=alert(3)>', alt: 'chart'},
            {type: 'link', url: '../week-one/', children: [{type: 'text', value: 'ok'}]}
          ]
        }
      ]
    }
    const tree = renderSection(context, hostile, {level: 2, targets: new Map(), title: 'Taiwan'})
    // mdast-util-to-hast percent-encodes the control character: a harmless relative path.
    expect(tree.children[1]).toEqual(
      h('p', [h('a', 'click'), h('a', {href: '%01javascript:alert(2)'}, 'ctl'), h('img', {alt: 'chart'}), h('a', {href: '../week-one/'}, 'ok')])
    )
  })
})

describe('sectionProse', () => {
  const section = kinmenSection(
    {
      type: 'paragraph',
      children: [
        {type: 'text', value: 'See '},
        {type: 'link', url: 'https://x.example/briefs/a/', title: 'Week A', children: [{type: 'text', value: 'week A'}]},
        {type: 'text', value: ' and '},
        // A slug that, relative to b's own page, would read as a javascript: URL.
        {type: 'link', url: 'https://x.example/briefs/b%2Fjavascript:alert(1)/', children: [{type: 'text', value: 'this'}]},
        {type: 'text', value: '.'},
        {type: 'citation', number: 7, use: 2}
      ]
    },
    {type: 'heading', depth: 4, children: [{type: 'emphasis', children: [{type: 'text', value: 'Deeper'}]}]}
  )
  const paragraph = section.children[1]
  if (paragraph?.type !== 'paragraph') throw new Error('fixture')
  const targets = new Map([[paragraph, 0]])
  const own: BodyContext = {site, pageDir: 'briefs/b/', idPrefix: ''}
  const region: BodyContext = {site, pageDir: 'regions/taiwan/', idPrefix: 'b--'}

  it('shows one conversion on each page as converting it for that page would, compacted or not', () => {
    const prose = sectionProse(site, section, targets).compact()
    const onOwn = stringifyFragment(prose.show({context: own, level: 3, takeaways: true}))
    expect(onOwn).toBe(stringifyFragment(sectionProse(site, section, targets).show({context: own, level: 3, takeaways: true})))
    expect(onOwn).toBe(
      stringifyFragment(renderSection(own, section, {level: 3, targets, title: 'Taiwan'}).children.slice(1))
    )
    const onRegion = stringifyFragment(prose.show({context: region, level: 2, takeaways: false}))
    expect(onRegion).toBe(stringifyFragment(sectionProse(site, section, new Map()).show({context: region, level: 2, takeaways: false})))
    // And back: showing it on a region page left nothing behind.
    expect(stringifyFragment(prose.show({context: own, level: 3, takeaways: true}))).toBe(onOwn)
  })

  it('re-points ids, heading levels and links into the archive for each page', () => {
    const prose = sectionProse(site, section, targets).compact()
    const onOwn = stringifyFragment(prose.show({context: own, level: 3, takeaways: true}))
    expect(onOwn).toContain('<h4 id="topic-taiwan--kinmen">Kinmen</h4>')
    expect(onOwn).toContain('<p id="takeaway-1" class="elaborates">A boat.<sup class="cite"><a href="#note-7" id="cite-7-1" role="doc-noteref">[7]</a></sup></p>')
    expect(onOwn).toContain('<a href="../a/" title="Week A">week A</a>')
    // Relative to briefs/b/, the second slug is `javascript:alert(1)/`: inert, so no href.
    expect(onOwn).toContain(' and <a>this</a>.')
    expect(onOwn).toContain('<h5><em>Deeper</em></h5>')
    const onRegion = stringifyFragment(prose.show({context: region, level: 2, takeaways: false}))
    expect(onRegion).toContain('<h3 id="b--topic-taiwan--kinmen">Kinmen</h3>')
    expect(onRegion).toContain('<p>A boat.<sup class="cite"><a href="#b--note-7" id="b--cite-7-1" role="doc-noteref">[7]</a></sup></p>')
    expect(onRegion).toContain('<a href="../../briefs/a/" title="Week A">week A</a>')
    expect(onRegion).toContain(' and <a href="../../briefs/b/javascript:alert(1)/">this</a>.')
    expect(onRegion).toContain('<h4><em>Deeper</em></h4>')
  })
})

describe('renderInline', () => {
  it('converts a takeaway with the prose handlers, shown on the page it is given', () => {
    const content = [
      {type: 'text', value: 'See '},
      {type: 'link', url: 'https://x.example/briefs/a/', children: [{type: 'text', value: 'week A'}]},
      {type: 'text', value: ', '},
      // Not one of `context.slugs`: left as written.
      {type: 'link', url: 'https://x.example/briefs/z/', children: [{type: 'text', value: 'week Z'}]},
      {type: 'html', value: '<b>'},
      {type: 'link', url: 'javascript:alert(1)', children: [{type: 'emphasis', children: [{type: 'text', value: 'and'}]}]}
    ] satisfies PhrasingContent[]
    expect(renderInline(context, content)).toEqual([
      {type: 'text', value: 'See '},
      h('a', {href: '../a/'}, 'week A'),
      {type: 'text', value: ', '},
      h('a', {href: 'https://x.example/briefs/z/'}, 'week Z'),
      // The raw HTML is dropped, the unsafe link made inert.
      h('a', [h('em', 'and')])
    ])
  })
})

describe('sharedSources', () => {
  const notes: Note[] = [
    {number: 1, uses: 1, position: at, sources: [{kind: 'url', url: 'https://a.example/r?x=1&y=2', label: 'A "report"', raw: 'r', position: at}]},
    {number: 2, uses: 1, position: at, sources: [{kind: 'defanged', raw: 'https://udn dot com/x', position: at}, {kind: 'text', raw: 'Interview <b>', position: at}]},
    {number: 3, uses: 2, position: at, sources: [{kind: 'url', url: 'https://x.example/briefs/a/', raw: 'https://x.example/briefs/a/', position: at}]}
  ]

  it('gives the same note lists, and leaves out notes whose sources depend on the page', () => {
    const shared = sharedSources(site, notes)
    expect([...shared.keys()].map((note) => note.number)).toEqual([1, 2])
    for (const page of [context, prefixed]) {
      expect(stringifyFragment([renderNotes(page, notes, {sources: shared})])).toBe(stringifyFragment([renderNotes(page, notes)]))
    }
  })
})

describe('figures', () => {
  const markdown = '## Taiwan\n\n![Kinmen, the route](maps/k.png "Routes")\nMap: *Strait* Studies\n\n![](https://example.com/k.png)\n'
  const section = parseBriefSyntax({file: 'b.md', value: markdown}).body?.sections[0]
  if (!section) throw new Error('no section')
  const file = (name: string, width: number, height: number, type: string) => ({name, width, height, type})
  const image: FigureImage = {
    width: 2000,
    height: 1500,
    sources: [
      file('k-1-480.avif', 480, 360, 'image/avif'),
      file('k-1-480.png', 480, 360, 'image/png'),
      file('k-1-1600.avif', 1600, 1200, 'image/avif'),
      file('k-1-1600.png', 1600, 1200, 'image/png')
    ],
    full: file('k-1-2000.png', 2000, 1500, 'image/png'),
    raster: file('k-1-1600.png', 1600, 1200, 'image/png')
  }
  const sizes = '(min-width: 36rem) 34rem, calc(100vw - 2rem)'
  const caption = h('figcaption', [h('span.figure-caption', 'Routes'), ' ', h('span.figure-credit', ['Map: ', h('em', 'Strait'), ' Studies'])])

  it('are a <figure>: a <picture> of the processed files, sized and lazy, linked to the full size, then caption and credit', () => {
    expect(section.children.map((node) => node.type)).toEqual(['figure', 'figure'])
    const imageOf = (url: string) => (url === 'maps/k.png' ? image : undefined)
    const shown = sectionProse(site, section, new Map(), imageOf).show({context, level: 2, takeaways: true})
    const expected = [
      h('figure.figure', [
        h('a.figure-image', {href: '../../images/k-1-2000.png'}, [
          h('picture', [
            h('source', {media: 'print', srcSet: '../../images/k-1-1600.png 1600w', sizes}),
            h('source', {type: 'image/avif', srcSet: '../../images/k-1-480.avif 480w, ../../images/k-1-1600.avif 1600w', sizes}),
            h('img', {
              src: '../../images/k-1-1600.png',
              srcSet: '../../images/k-1-480.png 480w, ../../images/k-1-1600.png 1600w',
              sizes,
              alt: 'Kinmen, the route',
              width: 1600,
              height: 1200,
              loading: 'lazy',
              decoding: 'async',
              dataPagefindIndexAttrs: 'alt'
            })
          ]),
          h('span.visually-hidden', {dataPagefindIgnore: ''}, ' (opens the full-size image)')
        ]),
        caption
      ]),
      {type: 'text', value: '\n'} as const,
      h('figure.figure', [h('img', {src: 'https://example.com/k.png', alt: '', loading: 'lazy', decoding: 'async', dataPagefindIndexAttrs: 'alt'})])
    ]
    expect(stringifyFragment(shown)).toBe(stringifyFragment(expected))
  })

  it('point at the same files from any page, relative to it', () => {
    const shown = sectionProse(site, section, new Map(), () => image).show({context: {...context, pageDir: 'regions/taiwan/sections-1-1.html', idPrefix: 'b--'}, level: 2, takeaways: false})
    expect(stringifyFragment(shown)).toContain('href="../../images/k-1-2000.png"')
  })

  it('show an address that leads to no processed image as written, with the caption', () => {
    const shown = sectionProse(site, section, new Map()).show({context, level: 2, takeaways: true})
    expect(stringifyFragment(shown)).toBe(
      stringifyFragment([
        h('figure.figure', [h('img', {src: 'maps/k.png', alt: 'Kinmen, the route', loading: 'lazy', decoding: 'async', dataPagefindIndexAttrs: 'alt'}), caption]),
        {type: 'text', value: '\n'} as const,
        h('figure.figure', [h('img', {src: 'https://example.com/k.png', alt: '', loading: 'lazy', decoding: 'async', dataPagefindIndexAttrs: 'alt'})])
      ])
    )
  })
})
