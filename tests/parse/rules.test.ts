// The rules parse/ reports, one fixture each (tests/fixtures/check/<rule>/):
// the exact diagnostics, by file, line, column, severity and rule.
import {afterAll, describe, expect, it} from 'vitest'
import {checkFixture, removeTempContent} from '../helpers/content.js'

afterAll(removeTempContent)

describe('file/empty', () => {
  it('reports an empty brief at its start', async () => {
    const {list} = await checkFixture('file/empty')
    expect(list).toEqual(['content/briefs/empty.md:1:1 error file/empty'])
  })
})

describe('frontmatter/missing', () => {
  it('reports a brief with no frontmatter, and still checks its body', async () => {
    const {list, result} = await checkFixture('frontmatter/missing')
    expect(list).toEqual(['content/briefs/no-frontmatter.md:1:1 error frontmatter/missing'])
    expect(result.archive?.briefs).toEqual([])
  })
})

describe('frontmatter/unclosed', () => {
  it('points at the opening fence', async () => {
    const {list, result} = await checkFixture('frontmatter/unclosed')
    expect(list).toEqual(['content/briefs/unclosed.md:1:1 error frontmatter/unclosed'])
    expect(result.diagnostics[0]).toMatchObject({endLine: 1, endColumn: 4})
  })
})

describe('frontmatter/engine', () => {
  it('refuses ---js without running it', async () => {
    const {list, result} = await checkFixture('frontmatter/engine')
    expect(list).toEqual(['content/briefs/js.md:1:1 error frontmatter/engine'])
    expect(result.diagnostics[0]?.message).toBe('Frontmatter in "js" is not supported: sitrep never runs code found in content.')
  })
})

describe('frontmatter/yaml-syntax', () => {
  it('reports each syntax error on the line of the offending key', async () => {
    const {list, result} = await checkFixture('frontmatter/yaml-syntax')
    expect(list).toEqual([
      // title: Taiwan: the week
      'content/briefs/colon.md:2:8 error frontmatter/yaml-syntax',
      // cutoff: "2024-02-21T17:00-05:00   (the quote that is never closed)
      'content/briefs/quote.md:4:9 error frontmatter/yaml-syntax',
      // the second `date:`
      'content/briefs/twice.md:4:1 error frontmatter/yaml-syntax'
    ])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'The frontmatter is not valid YAML: Nested mappings are not allowed in compact mappings.',
      'The frontmatter is not valid YAML: Missing closing "quote.',
      'The frontmatter is not valid YAML: Map keys must be unique.'
    ])
  })
})

describe('frontmatter/schema', () => {
  it('reports every schema issue at its key, not on line 1', async () => {
    const {list, result} = await checkFixture('frontmatter/schema')
    expect(list).toEqual([
      // ___.md: the file name gives no slug
      'content/briefs/___.md:1:1 error frontmatter/schema',
      // authors: missing, so the frontmatter's first key
      'content/briefs/schema.md:2:1 error frontmatter/schema',
      'content/briefs/schema.md:3:1 error frontmatter/schema',
      'content/briefs/schema.md:4:1 error frontmatter/schema',
      'content/briefs/schema.md:5:1 error frontmatter/schema',
      'content/briefs/schema.md:6:8 error frontmatter/schema',
      'content/briefs/schema.md:8:5 error frontmatter/schema'
    ])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'The file name gives no usable slug (""), so the brief has no URL.',
      'The frontmatter has no "authors", which is required.',
      '"date" is not a real calendar day.',
      '"cutoff" must be a date-time with a time zone offset, e.g. 2024-02-21T17:00-05:00.',
      '"takeaways" must hold at least one takeaway.',
      '"tags[0]" must be lowercase letters, digits and single hyphens, e.g. china-taiwan-2024-02-22.',
      'The frontmatter has no "editors[0].org", which is required.'
    ])
    // The span runs from the key to the end of its value: `date: 2024-02-30`.
    expect(result.diagnostics[2]).toMatchObject({line: 3, column: 1, endLine: 3, endColumn: 17})
  })
})

describe('frontmatter/unknown-key', () => {
  it('reports unknown keys with a did-you-mean, top-level and nested', async () => {
    const {list, result} = await checkFixture('frontmatter/unknown-key')
    expect(list).toEqual([
      'content/briefs/unknown.md:2:1 error frontmatter/schema',
      'content/briefs/unknown.md:5:1 error frontmatter/unknown-key',
      'content/briefs/unknown.md:9:5 error frontmatter/schema',
      'content/briefs/unknown.md:10:5 error frontmatter/unknown-key',
      'content/briefs/unknown.md:13:1 error frontmatter/unknown-key'
    ])
    const unknown = result.diagnostics.filter((d) => d.rule === 'frontmatter/unknown-key')
    expect(unknown.map((d) => [d.message, d.hint])).toEqual([
      [
        '"autors" is not a frontmatter key, so its value would be ignored.',
        'Did you mean "authors"? Known keys: title, date, cutoff, authors, editors, takeaways, summary, series, tags, slug, corrections.'
      ],
      ['"editors[0].organisation" is not a frontmatter key, so its value would be ignored.', 'Known keys here: name, org.'],
      ['"colour" is not a frontmatter key, so its value would be ignored.', 'Known keys: title, date, cutoff, authors, editors, takeaways, summary, series, tags, slug, corrections.']
    ])
  })
})

describe('region/outside-section', () => {
  it('reports prose and lists before the first region, but not an HTML comment', async () => {
    const {list, result} = await checkFixture('region/outside-section')
    expect(list).toEqual(['content/briefs/intro.md:14:1 error region/outside-section', 'content/briefs/intro.md:16:1 error region/outside-section'])
    expect(result.diagnostics[1]?.message).toBe(
      'This list comes before the first `##` region heading, so it belongs to no region and would not be published.'
    )
  })
})

describe('heading/level', () => {
  it('reports a # heading in the body', async () => {
    const {list} = await checkFixture('heading/level')
    expect(list).toEqual(['content/briefs/title.md:14:1 error heading/level'])
  })
})

describe('citation/undefined', () => {
  it('reports the reference to a note that is not defined', async () => {
    const {list, result} = await checkFixture('citation/undefined')
    expect(list).toEqual(['content/briefs/undefined.md:14:24 error citation/undefined'])
    expect(result.diagnostics[0]).toMatchObject({
      endLine: 14,
      endColumn: 28,
      message: 'Citation [^2] refers to note 2, which is not defined, so readers would reach no source.',
      hint: 'Add `[^2]: <source URL>` at the end of the brief, or correct the number.'
    })
  })
})

describe('citation/duplicate-note', () => {
  it('reports the second definition and names the first', async () => {
    const {list, result} = await checkFixture('citation/duplicate-note')
    expect(list).toEqual(['content/briefs/duplicate.md:17:1 error citation/duplicate-note'])
    expect(result.diagnostics[0]?.message).toBe('Note 1 is defined twice (first on line 16), so its citations are ambiguous.')
  })
})

describe('citation/invalid-label', () => {
  it('reports labels that are not positive integers, in citations and definitions', async () => {
    const {list, result} = await checkFixture('citation/invalid-label')
    expect(list).toEqual([
      'content/briefs/labels.md:14:7 error citation/invalid-label',
      'content/briefs/labels.md:14:22 error citation/invalid-label',
      'content/briefs/labels.md:14:34 error citation/invalid-label',
      'content/briefs/labels.md:17:1 error citation/invalid-label'
    ])
    expect(result.diagnostics.map((d) => d.data)).toEqual([{label: 'source'}, {label: '0'}, {label: '01'}, {label: 'source'}])
  })
})

describe('body/too-much-markup', () => {
  it('refuses a paragraph or takeaway with more than 200 brackets, not counting escaped ones or citations, or 1,000 markup characters', async () => {
    const {list} = await checkFixture('body/too-much-markup')
    expect(list).toEqual([
      'content/briefs/brackets.md:14:625 error body/too-much-markup',
      // the 1,001st backslash or underscore
      'content/briefs/escapes.md:14:1002 error body/too-much-markup',
      'content/briefs/takeaway.md:9:5 error body/too-much-markup'
    ])
  })
})

describe('body/too-deep', () => {
  it('refuses Markdown nested past the limit instead of overflowing the stack', async () => {
    const {list} = await checkFixture('body/too-deep')
    expect(list).toEqual(['content/briefs/deep.md:14:101 error body/too-deep'])
  })
})
