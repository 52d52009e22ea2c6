import {describe, expect, it} from 'vitest'
import {splitFrontmatter} from '../../src/parse/frontmatter.js'

describe('splitFrontmatter', () => {
  it('keeps body positions equal to file positions', () => {
    const value = '---\ntitle: A\n---\n\n## Taiwan\n'
    const split = splitFrontmatter(value)
    expect(split.kind).toBe('yaml')
    if (split.kind !== 'yaml') return
    expect(split.yaml).toBe('title: A\n')
    expect(split.body.length).toBe(value.length)
    expect(split.body.split('\n')[4]).toBe('## Taiwan')
  })

  it('refuses engines that run code', () => {
    expect(splitFrontmatter('---js\n{title: 1}\n---\n')).toMatchObject({kind: 'engine', engine: 'js'})
  })

  it('reports an unclosed block', () => {
    expect(splitFrontmatter('---\ntitle: A\n')).toMatchObject({kind: 'unclosed'})
  })

  it('handles CRLF line endings', () => {
    const split = splitFrontmatter('---\r\ntitle: A\r\n---\r\nBody\r\n')
    expect(split).toMatchObject({kind: 'yaml', yaml: 'title: A\r\n'})
  })
})
