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

  it('accepts ---yaml, a fence with trailing spaces, and YAML\'s ... as the closing line', () => {
    expect(splitFrontmatter('---yaml\ntitle: A\n...\nBody\n')).toMatchObject({kind: 'yaml', yaml: 'title: A\n'})
    expect(splitFrontmatter('---  \ntitle: A\n---\t\n')).toMatchObject({kind: 'yaml', yaml: 'title: A\n'})
  })

  it('refuses every engine but YAML, before reading any further', () => {
    expect(splitFrontmatter('---coffee\n')).toMatchObject({kind: 'engine', engine: 'coffee'})
    expect(splitFrontmatter('---toml')).toMatchObject({kind: 'engine', engine: 'toml'})
  })

  it('sees no frontmatter unless the first line is a fence', () => {
    expect(splitFrontmatter('----\ntitle: A\n---\n')).toEqual({kind: 'none'})
    expect(splitFrontmatter('\n---\ntitle: A\n---\n')).toEqual({kind: 'none'})
    expect(splitFrontmatter('## Taiwan\n')).toEqual({kind: 'none'})
  })

  it('keeps carriage returns in the blanked body, so CRLF positions stay file positions', () => {
    const value = '---\r\ntitle: A\r\n---\r\n\r\n## Taiwan\r\n'
    const split = splitFrontmatter(value)
    if (split.kind !== 'yaml') throw new Error(split.kind)
    expect(split.body).toBe('   \r\n        \r\n   \r\n\r\n## Taiwan\r\n')
  })
})
