import matter from 'gray-matter'
import {describe, expect, it} from 'vitest'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {grayMatterOptions, splitFrontmatter} from '../../src/parse/frontmatter.js'

/** gray-matter's cache of calls made without options (not in its typings). */
const cache = (matter as unknown as {cache: Record<string, unknown>}).cache

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

  it('splits exactly: the YAML, the fence as the open position, one line of offset, the blanked body', () => {
    expect(splitFrontmatter('---\ntitle: A\n---\nBody\n')).toEqual({
      kind: 'yaml',
      yaml: 'title: A\n',
      lineOffset: 1,
      open: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 4, offset: 3}},
      body: '   \n        \n   \nBody\n'
    })
  })

  it('accepts ---yml and any case of yaml, and an empty frontmatter', () => {
    expect(splitFrontmatter('---yml\ntitle: A\n---\n')).toMatchObject({kind: 'yaml', yaml: 'title: A\n'})
    expect(splitFrontmatter('---YAML\ntitle: A\n---\n')).toMatchObject({kind: 'yaml', yaml: 'title: A\n'})
    expect(splitFrontmatter('---\n---\nBody\n')).toMatchObject({kind: 'yaml', yaml: '', body: '   \n   \nBody\n'})
    expect(splitFrontmatter('---  \n...\r\n')).toMatchObject({kind: 'yaml', yaml: ''})
  })

  it('sees no fence in a first line with more than a YAML language on it', () => {
    expect(splitFrontmatter('---foo bar\ntitle: A\n---\n')).toEqual({kind: 'none'})
    expect(splitFrontmatter('--- title: A\n---\n')).toEqual({kind: 'none'})
  })

  it('closes only at a line of its own: a line starting with --- inside the YAML stays YAML', () => {
    // gray-matter alone would cut the block at `----` and at `--- x`.
    expect(splitFrontmatter('---\na: 1\n----\nb: 2\n---\nBody\n')).toMatchObject({kind: 'yaml', yaml: 'a: 1\n----\nb: 2\n'})
    expect(splitFrontmatter('---\na: 1\n--- x\n---\n')).toMatchObject({kind: 'yaml', yaml: 'a: 1\n--- x\n'})
  })

  it('reports an unclosed block where gray-matter would take the whole file', () => {
    expect(splitFrontmatter('---\ntitle: A\n\n## Taiwan\n\nText.\n')).toEqual({
      kind: 'unclosed',
      open: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 4, offset: 3}}
    })
    expect(splitFrontmatter('---')).toMatchObject({kind: 'unclosed'})
  })

  it('drops a byte order mark, as parse/brief.ts does', () => {
    const value = '---\r\ntitle: A\r\n---\r\nBody\r\n'
    expect(splitFrontmatter(`\uFEFF${value}`)).toEqual(splitFrontmatter(value))
  })

  for (const engine of ['js', 'javascript', 'coffee']) {
    it(`never runs a ---${engine} block, closed or not`, () => {
      const key = `__pwned_${engine}`
      const code = `(globalThis.${key} = 1)`
      expect(splitFrontmatter(`---${engine}\n${code}\n---\n\nBody\n`)).toMatchObject({kind: 'engine', engine})
      expect(splitFrontmatter(`---${engine}\n${code}\n`)).toMatchObject({kind: 'engine', engine})
      // Nor does gray-matter with these options, were the guard ever bypassed.
      expect(() => matter(`---${engine}\n${code}\n---\n`, grayMatterOptions)).toThrow(`"${engine}" is refused`)
      expect(key in globalThis).toBe(false)
    })
  }

  it('uses a block that does run under gray-matter\'s defaults (so the tests above prove something)', () => {
    const key = '__pwned_control'
    try {
      matter(`---js\n(globalThis.${key} = 1)\n---\n`, {})
      expect(key in globalThis).toBe(true)
    } finally {
      Reflect.deleteProperty(globalThis, key)
    }
  })

  it('gives gray-matter refusing engines for every name but YAML, and an inert YAML engine', () => {
    for (const engine of ['json', 'toml', 'cson', 'coffeescript']) {
      expect(() => matter(`---${engine}\n{"title": "A"}\n---\n`, grayMatterOptions)).toThrow(`"${engine}" is refused`)
    }
    // js-yaml never reads the YAML: parse/yaml.ts does, with positions.
    const file = matter('---yml\ntitle: A\nexcerpt_separator: x\n---\n', grayMatterOptions)
    expect(file.data).toEqual({})
    expect(file.language).toBe('yml')
    expect(file.excerpt).toBe('')
  })

  it('never fills or reads gray-matter\'s cache, and keeps its options frozen', () => {
    const before = Object.keys(cache).length
    const value = '---\ntitle: A\n---\n\n## Taiwan\n'
    const first = splitFrontmatter(value)
    const second = splitFrontmatter(value)
    expect(second).toEqual(first)
    expect(second).not.toBe(first)
    expect(Object.keys(cache).length).toBe(before)
    expect(Object.isFrozen(grayMatterOptions)).toBe(true)
    expect(Object.isFrozen(grayMatterOptions.engines)).toBe(true)
  })

  it('gives the same text in two files two independent results', () => {
    const value = '---\ntitle: [A\n---\n\n## Taiwan\n'
    const a = parseBriefSyntax({file: 'a.md', value})
    const b = parseBriefSyntax({file: 'b.md', value})
    expect(a.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(['a.md frontmatter/yaml-syntax'])
    expect(b.diagnostics).toEqual(a.diagnostics.map((d) => ({...d, file: 'b.md'})))
  })
})
