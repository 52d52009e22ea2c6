// The rules validate/ reports on one brief's body, one fixture each
// (tests/fixtures/check/<rule>/), plus validateBrief on hand-made bodies.
import {afterAll, describe, expect, it} from 'vitest'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import type {Region} from '../../src/parse/schema.js'
import {validateBrief} from '../../src/validate/brief.js'
import {checkFixture, frontmatter, removeTempContent, short} from '../helpers/content.js'

afterAll(removeTempContent)

describe('region/unknown', () => {
  it('suggests the nearest region, explains a group, and finds no match for a stranger', async () => {
    const {list, result} = await checkFixture('region/unknown')
    expect(list).toEqual([
      'content/briefs/regions.md:12:1 error region/unknown',
      'content/briefs/regions.md:16:1 error region/unknown',
      'content/briefs/regions.md:20:1 error region/unknown'
    ])
    expect(result.diagnostics.map((d) => [d.message, d.hint])).toEqual([
      [
        '"South East Asia" is not a region of content/regions.yml, so this section has no region page.',
        'Did you mean "Southeast Asia"? Use a region name or alias from content/regions.yml, or add the region there.'
      ],
      [
        '"Cross-Strait Relations" is a region group, not a region; groups are shown automatically above their regions.',
        'Remove this heading and keep the `##` headings of the regions it groups.'
      ],
      [
        '"Antarctica" is not a region of content/regions.yml, so this section has no region page.',
        'Use a region name or alias from content/regions.yml, or add the region there.'
      ]
    ])
  })
})

describe('region/duplicate-section', () => {
  it('reports a second section for the same region, even under an alias', async () => {
    const {list, result} = await checkFixture('region/duplicate-section')
    expect(list).toEqual(['content/briefs/twice.md:20:1 error region/duplicate-section'])
    expect(result.diagnostics[0]?.message).toBe('The region "ROC" already has a section in this brief (line 12).')
  })
})

describe('citation/unused-note', () => {
  it('warns about a note nothing cites, and keeps it', async () => {
    const {list, parse} = await checkFixture('citation/unused-note')
    expect(list).toEqual(['content/briefs/unused.md:17:1 warning citation/unused-note'])
    expect((await parse('briefs/unused.md')).brief?.notes.map((note) => [note.number, note.uses])).toEqual([
      [1, 1],
      [2, 0]
    ])
  })
})

describe('citation/numbering', () => {
  it('warns about notes out of order and about gaps', async () => {
    const {list, result} = await checkFixture('citation/numbering')
    expect(list).toEqual(['content/briefs/gap.md:18:1 warning citation/numbering', 'content/briefs/order.md:14:19 warning citation/numbering'])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'The notes skip number 3, so readers would look for notes that do not exist.',
      'Note 1 is first cited after note 2; notes should be numbered in the order the text first cites them.'
    ])
  })
})

describe('citation/empty-note', () => {
  it('reports a note with no source', async () => {
    const {list} = await checkFixture('citation/empty-note')
    expect(list).toEqual(['content/briefs/empty-note.md:16:1 error citation/empty-note'])
  })
})

describe('source/invalid-url', () => {
  it('reports URLs that do not parse, in body links and in notes', async () => {
    const {list, result} = await checkFixture('source/invalid-url')
    expect(list).toEqual([
      'content/briefs/invalid.md:14:14 error source/invalid-url',
      'content/briefs/invalid.md:16:7 error source/invalid-url',
      'content/briefs/invalid.md:17:5 error source/invalid-url'
    ])
    expect(result.diagnostics.map((d) => d.data)).toEqual([{url: 'http://exa mple.com/'}, {url: 'https://'}, {url: 'http://[::1/report'}])
  })
})

describe('source/unsafe-scheme', () => {
  it('reports javascript:, data:, vbscript: and file: in body links, images and notes, bare or as Markdown links; mailto: is fine', async () => {
    const {list, result} = await checkFixture('source/unsafe-scheme')
    expect(list).toEqual([
      // note sources written as Markdown links, at their destinations: balanced
      // parentheses, <...> with a space, entity-encoded, &Tab; inside, data:,
      // vbscript:, file: after a space and before a title; then an autolink
      'content/briefs/link-sources.md:16:28 error source/unsafe-scheme',
      'content/briefs/link-sources.md:17:14 error source/unsafe-scheme',
      'content/briefs/link-sources.md:18:15 error source/unsafe-scheme',
      'content/briefs/link-sources.md:19:18 error source/unsafe-scheme',
      'content/briefs/link-sources.md:20:12 error source/unsafe-scheme',
      'content/briefs/link-sources.md:21:14 error source/unsafe-scheme',
      'content/briefs/link-sources.md:22:13 error source/unsafe-scheme',
      'content/briefs/link-sources.md:24:5 error source/unsafe-scheme',
      // a takeaway's link is reported at the takeaway
      'content/briefs/spelled.md:10:5 error source/unsafe-scheme',
      // java&#x09;script: is javascript: to a browser (tabs are dropped from URLs)
      'content/briefs/spelled.md:15:12 error source/unsafe-scheme',
      'content/briefs/unsafe.md:14:12 error source/unsafe-scheme',
      'content/briefs/unsafe.md:14:41 error source/unsafe-scheme',
      'content/briefs/unsafe.md:17:7 error source/unsafe-scheme',
      'content/briefs/unsafe.md:18:5 error source/unsafe-scheme'
    ])
    expect(result.diagnostics.map((d) => d.data)).toEqual([
      ...['javascript', 'javascript', 'javascript', 'javascript', 'data', 'vbscript', 'file', 'javascript'].map((scheme) => ({scheme})),
      ...['javascript', 'javascript', 'javascript', 'data', 'javascript', 'data'].map((scheme) => ({scheme}))
    ])
    // The whole destination is marked, `<` and `>` included.
    expect(result.diagnostics.slice(0, 2).map((d) => [d.line, d.column, d.endLine, d.endColumn])).toEqual([
      [16, 28, 16, 47],
      [17, 14, 17, 37]
    ])
    expect(result.diagnostics.slice(8).map((d) => d.message)).toEqual([
      'A "javascript:" link is not allowed: only http, https and mailto links are published.',
      'A "javascript:" link is not allowed: only http, https and mailto links are published.',
      'A "javascript:" link is not allowed: only http, https and mailto links are published.',
      'A "data:" link is not allowed: only http, https and mailto links are published.',
      'A "javascript:" link is not allowed: only http, https and mailto links are published.',
      'A "data:" link is not allowed: only http, https and mailto links are published.'
    ])
  })
})

describe('source/empty-link', () => {
  it('reports a link with no address in a takeaway, the body and a note, never one with no text', async () => {
    const {list, result} = await checkFixture('source/empty-link')
    expect(list).toEqual([
      'content/briefs/empty.md:9:5 error source/empty-link',
      'content/briefs/empty.md:14:16 error source/empty-link',
      'content/briefs/empty.md:14:39 error source/empty-link',
      // the note's `[Ministry statement]()`, at its empty destination
      'content/briefs/empty.md:16:28 error source/empty-link'
    ])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'The link "the ministry" has no address, so it leads readers nowhere.',
      'The link "the statement" has no address, so it leads readers nowhere.',
      'The link "the chart" has no address, so it leads readers nowhere.',
      'The link "Ministry statement" has no address, so it leads readers nowhere.'
    ])
  })
})

describe('citation/too-many-notes', () => {
  it('reports the first note past maxNotes', async () => {
    const {list, result} = await checkFixture('citation/too-many-notes')
    expect(list).toEqual(['content/briefs/notes.md:18:1 error citation/too-many-notes'])
    expect(result.diagnostics[0]?.data).toEqual({count: 3, limit: 2})
  })
})

describe('source/too-many', () => {
  it('reports the first source past maxSourcesPerNote', async () => {
    const {list, result} = await checkFixture('source/too-many')
    expect(list).toEqual(['content/briefs/sources.md:18:5 error source/too-many'])
    expect(result.diagnostics[0]?.data).toEqual({number: 1, count: 3, limit: 2})
  })
})

describe('source/malformed-defang', () => {
  it('warns about `mfa dotgov.cn` but accepts `udn dot com` and `hxxps://example[.]com`', async () => {
    const {list, result, parse} = await checkFixture('source/malformed-defang')
    expect(list).toEqual(['content/briefs/defang.md:18:5 warning source/malformed-defang'])
    expect(result.diagnostics[0]?.data).toEqual({text: 'https://www.mfa dotgov.cn/wjbzhd/202402/t20240221_11247709.shtml'})
    // The archive holds skeletons (no sources but links into it): the parser's own AST has them all.
    expect((await parse('briefs/defang.md')).brief?.notes[0]?.sources.map((source) => source.kind)).toEqual(['defanged', 'defanged', 'defanged'])
  })
})

describe('source/archived-copy', () => {
  it('accepts an https copy after a URL; refuses an http copy and a copy after a defanged or text source', async () => {
    const {list, result, parse} = await checkFixture('source/archived-copy')
    expect(list).toEqual([
      'content/briefs/archived.md:17:50 error source/archived-copy',
      'content/briefs/archived.md:18:5 error source/archived-copy',
      'content/briefs/archived.md:19:5 error source/archived-copy'
    ])
    expect(result.diagnostics.map((d) => d.data)).toEqual([
      {url: 'http://archive.example/b/report.pdf', problem: 'insecure'},
      {url: 'https://web.archive.org/web/2024/https://udn.com/news/story/6656/7779686', problem: 'defanged'},
      {url: 'https://perma.cc/ABCD-1234', problem: 'text'}
    ])
    const sources = (await parse('briefs/archived.md')).brief?.notes[0]?.sources ?? []
    expect(sources.map((source) => (source.kind === 'url' ? source.archived?.url : source.kind))).toEqual([
      'https://web.archive.org/web/2024/https://a.example/notice',
      'http://archive.example/b/report.pdf',
      'defanged',
      'text'
    ])
  })
})

describe('body/raw-html', () => {
  it('warns about inline and block HTML, in the body and in takeaways, but not about comments', async () => {
    const {list} = await checkFixture('body/raw-html')
    expect(list).toEqual([
      'content/briefs/html.md:14:11 warning body/raw-html',
      'content/briefs/html.md:14:40 warning body/raw-html',
      'content/briefs/html.md:18:1 warning body/raw-html',
      'content/briefs/takeaway.md:10:5 warning body/raw-html'
    ])
  })
})

describe('validateBrief', () => {
  const regions: Region[] = [
    {id: 'taiwan', name: 'Taiwan', aliases: ['ROC'], group: 'Cross-Strait Relations'},
    {id: 'southeast-asia', name: 'Southeast Asia', aliases: []}
  ]
  const validate = (body: string) => {
    const parsed = parseBriefSyntax({file: 'b.md', value: frontmatter + body}, {regions})
    if (!parsed.body) throw new Error('no body')
    return validateBrief(parsed.body, {regions}).map(short)
  }

  it('is silent on a clean brief with every kind of source', () => {
    expect(
      validate(`
## Taiwan

One.[^1] Two.[^2] [A relative link](/regions/taiwan/) and [mail](mailto:desk@example.org).

## Southeast Asia

Three.[^3] One again.[^1]

[^1]: https://example.com/a
[^2]: https://udn dot com/news/story/6656/7779686
    hxxps://www.xinhuanet[.]com/tw/c.html
    Interview with a Taiwanese official, February 2024
[^3]: https://example.com/report.pdf, p.3
    [The report](https://example.com/report)
    <https://example.com/angle>
`)
    ).toEqual([])
  })

  it('warns once about a note nothing cites', () => {
    expect(validate('\n## Taiwan\n\nOne.[^1]\n\n[^1]: https://example.com/a\n[^2]: https://example.com/b\n')).toEqual([
      'b.md:17:1 warning citation/unused-note'
    ])
  })

  it('reports a gap once, at the first note after it', () => {
    expect(validate('\n## Taiwan\n\nA.[^1] B.[^4] C.[^5]\n\n[^1]: https://a.com/\n[^4]: https://a.com/4\n[^5]: https://a.com/5\n')).toEqual([
      'b.md:17:1 warning citation/numbering'
    ])
  })

  it('counts a gap of a billion notes without walking it, and names the first ten', () => {
    const parsed = parseBriefSyntax({file: 'b.md', value: `${frontmatter}\n## Taiwan\n\nA.[^1] B.[^999999999]\n\n[^1]: https://a.com/\n[^999999999]: https://a.com/9\n`}, {regions})
    if (!parsed.body) throw new Error('no body')
    const [gap] = validateBrief(parsed.body, {regions})
    expect(gap?.message).toBe(
      'The notes skip numbers 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 999999987 more, so readers would look for notes that do not exist.'
    )
  })

  it('refuses labels of more than nine digits as note numbers', () => {
    const parsed = parseBriefSyntax({file: 'b.md', value: `${frontmatter}\n## Taiwan\n\nA.[^1234567890]\n\n[^1234567890]: https://a.com/\n`}, {regions})
    expect(parsed.diagnostics.map(short)).toEqual(['b.md:16:1 error citation/invalid-label', 'b.md:14:3 error citation/invalid-label'])
  })

  it('reports an upper-case JAVASCRIPT: scheme and an entity-encoded one', () => {
    expect(validate('\n## Taiwan\n\n[a](JAVASCRIPT:alert(1)) [b](&#106;avascript:alert(1)) <javascript:alert(1)>\n')).toEqual([
      'b.md:14:1 error source/unsafe-scheme',
      'b.md:14:26 error source/unsafe-scheme',
      'b.md:14:56 error source/unsafe-scheme'
    ])
  })
})
