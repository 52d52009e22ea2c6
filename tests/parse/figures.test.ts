// parse/figures.ts through parseBriefSyntax: which paragraphs become figure
// nodes (an image alone, or with a credit line under it), with the exact
// node and positions, and which stay paragraphs.
import {describe, expect, it} from 'vitest'
import type {RootContent} from 'mdast'
import {parseBriefSyntax} from '../../src/parse/brief.js'

/** The top-level nodes of the one section of a frontmatter-less body (line 1 is `## Taiwan`). */
function children(body: string): RootContent[] {
  const parsed = parseBriefSyntax({file: 'b.md', value: `## Taiwan\n\n${body}\n`})
  return parsed.body?.sections[0]?.children ?? []
}

const point = (line: number, column: number, offset: number) => ({line, column, offset})

describe('figures', () => {
  it('reads an image alone with a caption and an indented credit line holding inline Markdown and a citation', () => {
    const [figure] = children('![Kinmen and the route](maps/kinmen.png "Patrol routes")\n  Map: *Strait Studies*[^1]\n\n[^1]: https://example.com/')
    expect(figure).toEqual({
      type: 'figure',
      url: 'maps/kinmen.png',
      alt: 'Kinmen and the route',
      caption: 'Patrol routes',
      credit: [
        {type: 'text', value: 'Map: ', position: {start: point(4, 3, 70), end: point(4, 8, 75)}},
        {
          type: 'emphasis',
          children: [{type: 'text', value: 'Strait Studies', position: {start: point(4, 9, 76), end: point(4, 23, 90)}}],
          position: {start: point(4, 8, 75), end: point(4, 24, 91)}
        },
        {type: 'citation', number: 1, use: 1, position: {start: point(4, 24, 91), end: point(4, 28, 95)}}
      ],
      imagePosition: {start: point(3, 1, 11), end: point(3, 57, 67)},
      creditPosition: {start: point(4, 3, 70), end: point(4, 28, 95)},
      position: {start: point(3, 1, 11), end: point(4, 28, 95)}
    })
  })

  it('reads an image alone without caption or credit, alt text as written (none: empty)', () => {
    expect(children('![](kinmen.png)')).toEqual([
      {
        type: 'figure',
        url: 'kinmen.png',
        alt: '',
        imagePosition: {start: point(3, 1, 11), end: point(3, 16, 26)},
        position: {start: point(3, 1, 11), end: point(3, 16, 26)}
      }
    ])
  })

  it.each(['SOURCE: a', 'data:x', 'Photo:  Reuters'])('takes "%s" as a credit line, in any case', (line) => {
    expect(children(`![a](b.png)\n${line}`)[0]?.type).toBe('figure')
  })

  it.each([
    ['an image inside a sentence', 'The map ![a](b.png) shows it.'],
    ['two images in one paragraph', '![a](b.png) ![c](d.png)'],
    ['two images on two lines', '![a](b.png)\n![c](d.png)'],
    ['a line that is not a credit', '![a](b.png)\nThe map shows it.'],
    ['a credit on the same line', '![a](b.png) Map: X'],
    ['a bare label', '![a](b.png)\nMap:'],
    ['a credit of two lines', '![a](b.png)\nMap: X\nand Y'],
    ['a hard line break before the credit', '![a](b.png)\\\nMap: X'],
    ['a linked image', '[![a](b.png)](https://example.com/)']
  ])('leaves %s a paragraph', (_, body) => {
    expect(children(body).map((node) => node.type)).toEqual(['paragraph'])
  })

  it('reads figures at the top level of a section only', () => {
    expect(children('> ![a](b.png)\n\n- ![a](b.png)').map((node) => node.type)).toEqual(['blockquote', 'list'])
  })
})
