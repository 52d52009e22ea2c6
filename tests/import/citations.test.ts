import {describe, expect, it} from 'vitest'
import {convertProse, stripCitations} from '../../src/import/citations.js'
import {escapeMarkdown} from '../../src/import/escape.js'
import {parseMarkdown} from '../../src/parse/markdown.js'
import {toString} from 'mdast-util-to-string'

describe('convertProse', () => {
  it('turns [n] into [^n] and joins adjacent marks into one run', () => {
    expect(convertProse('Said so.[1] [2] Then.[3]', {lineStart: true}).markdown).toBe('Said so.[^1][^2] Then.[^3]')
    expect(convertProse('Revenue.[48],[49] Next.', {lineStart: true}).markdown).toBe('Revenue.[^48][^49] Next.')
    expect(convertProse('Both.[3, 4] Range.[5–7]', {lineStart: true}).markdown).toBe('Both.[^3][^4] Range.[^5][^6][^7]')
    expect(convertProse('Other things. [24]', {lineStart: true}).markdown).toBe('Other things. [^24]')
  })

  it('never turns a line that starts with a citation into a note definition', () => {
    expect(convertProse('[3]: the ministry said so.', {lineStart: true}).markdown).toBe('[^3]\\: the ministry said so.')
    expect(convertProse('[3] # not a heading', {lineStart: true}).markdown).toBe('[^3] # not a heading')
  })

  it('records where each citation was written', () => {
    expect(convertProse('A.[1] [2]', {lineStart: true}).citations).toEqual([
      {number: 1, index: 2, length: 3},
      {number: 2, index: 6, length: 3}
    ])
  })

  it('leaves brackets that are not citations as text', () => {
    expect(convertProse('approval [of the funding] by Congress[7]', {lineStart: true}).markdown).toBe('approval \\[of the funding\\] by Congress[^7]')
    expect(convertProse('a stray [^x] mark', {lineStart: true}).markdown).toBe('a stray \\[^x\\] mark')
  })
})

describe('escapeMarkdown', () => {
  const renders = (text: string) => toString(parseMarkdown(escapeMarkdown(text, {lineStart: true})))
  it('keeps text that would be Markdown syntax as text', () => {
    const lines = [
      '# Not a heading',
      '> not a quote',
      '- not a list',
      '+ not a list',
      '1. not a list',
      '2024) not a list',
      '*not emphasis* and _not either_ but snake_case stays',
      '`not code` and <b>not html</b> and &amp; stays',
      '~~not struck~~ but ~5 stays',
      'a back\\slash and [a link](https://example.org)',
      '---',
      '=== ',
      '| a | b |'
    ]
    for (const line of lines) expect(renders(line), line).toBe(line.trim())
  })

  it('escapes only where needed', () => {
    expect(escapeMarkdown('snake_case and U.S.-PRC ties (2024)', {lineStart: true})).toBe('snake_case and U.S.-PRC ties (2024)')
    expect(escapeMarkdown('Taiwan #1', {lineStart: false, headingEnd: true})).toBe('Taiwan #1')
    expect(escapeMarkdown('Priority ##', {lineStart: false, headingEnd: true})).toBe('Priority \\##')
  })
})

describe('stripCitations', () => {
  it('removes marks from a takeaway and says which', () => {
    expect(stripCitations('Beijing protested [3] loudly.[4],[5]')).toEqual({
      text: 'Beijing protested loudly.',
      citations: [
        {number: 3, index: 18, length: 3},
        {number: 4, index: 29, length: 3},
        {number: 5, index: 33, length: 3}
      ]
    })
  })
})
