// diagnostics/suggest.ts: "did you mean" by edit distance.
import {describe, expect, it} from 'vitest'
import {closest, editDistance} from '../../src/diagnostics/suggest.js'

const regions = ['Taiwan', 'China', 'ROC', 'PRC', 'United States and Europe', 'Southeast Asia', 'Northeast Asia', 'Oceania']

describe('closest', () => {
  it.each([
    ['South East Asia', 'Southeast Asia'],
    ['south-east asia', 'Southeast Asia'],
    ['Taiwna', 'Taiwan'],
    ['Chna', 'China'],
    ['Ocenia', 'Oceania'],
    ['United States & Europe', 'United States and Europe']
  ])('%s → %s', (input, expected) => {
    expect(closest(input, regions)).toBe(expected)
  })

  it.each(['Antarctica', 'Middle East', 'Economy'])('suggests nothing for %s', (input) => {
    expect(closest(input, regions)).toBeUndefined()
  })

  it('suggests frontmatter keys', () => {
    const keys = ['title', 'date', 'cutoff', 'authors', 'editors', 'takeaways', 'summary', 'series', 'tags', 'slug']
    expect(closest('autors', keys)).toBe('authors')
    expect(closest('takeaway', keys)).toBe('takeaways')
    expect(closest('Date', keys)).toBe('date')
    expect(closest('colour', keys)).toBeUndefined()
  })

  it('prefers the first of equally close candidates', () => {
    expect(closest('ab', ['ax', 'xb'])).toBe('ax')
  })

  it('suggests nothing from no candidates', () => {
    expect(closest('Taiwan', [])).toBeUndefined()
  })
})

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0]
  ])('%s / %s = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected)
    expect(editDistance(b, a)).toBe(expected)
  })
})
