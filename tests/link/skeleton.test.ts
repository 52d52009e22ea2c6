// link/skeleton.ts: what is left of a brief once compiled, field by field,
// and that the check (checkArchive, sitrep check) hands on exactly that.
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {skeletonOf} from '../../src/link/skeleton.js'
import {checkArchive} from '../../src/build/check.js'
import {siteSchema} from '../../src/parse/schema.js'
import {frontmatter, removeTempContent, tempContent} from '../helpers/content.js'

afterAll(removeTempContent)

const brief = `${frontmatter}
## Taiwan

### Coast guard

Patrols.[^1] More.[^2]

[^1]: https://briefs.example.org/briefs/other/
    https://www.cga.gov.tw/news
[^2]: hxxps://www.mfa[.]gov[.]cn/eng/
`

describe('skeletonOf', () => {
  it('keeps each figure showing a file of content/: the path inside it, resolved from where the brief is, and where the image is written', async () => {
    const content = await tempContent({
      files: {
        'briefs/2024/one.md': `${frontmatter}\n## Taiwan\n\n![Patrols](../maps/k.png "P")\n\n![Patrols](https://example.com/k.png "P")\n\n![Patrols](../../../k.png "P")\n\nInline ![Patrols](x.png).\n`
      }
    })
    const parsed = (await content.parse('briefs/2024/one.md')).brief
    if (!parsed) throw new Error('brief did not parse')
    const site = {settings: siteSchema.parse({title: 'T', baseUrl: 'https://briefs.example.org/', language: 'en'})}
    expect(skeletonOf(parsed, site, 'briefs/2024/one.md').figures).toEqual([
      {path: 'briefs/maps/k.png', position: {start: {line: 14, column: 1, offset: 178}, end: {line: 14, column: 30, offset: 207}}, section: 0, alt: 'Patrols'}
    ])
  })

  it('keeps metadata, takeaways, sections without content, and only the sources that link into the archive', async () => {
    const content = await tempContent({files: {'briefs/one.md': brief}})
    const parsed = (await content.parse('briefs/one.md')).brief
    if (!parsed) throw new Error('brief did not parse')
    const site = {settings: siteSchema.parse({title: 'T', baseUrl: 'https://briefs.example.org/', language: 'en'})}
    const skeleton = skeletonOf(parsed, site)
    expect(Object.keys(skeleton).sort()).toEqual(['corrections', 'figures', 'file', 'meta', 'metaPositions', 'notes', 'sections', 'slug', 'sourcing', 'takeaways'])
    expect(skeleton.figures).toEqual([])
    expect(skeleton.file).toBe('content/briefs/one.md')
    expect(skeleton.meta).toBe(parsed.meta)
    expect(skeleton.takeaways).toBe(parsed.takeaways)
    expect(skeleton.sections).toEqual([
      {
        type: 'regionSection',
        regionId: 'taiwan',
        heading: 'Taiwan',
        headingPosition: parsed.sections[0]?.headingPosition,
        topics: [{title: 'Coast guard', id: 'coast-guard', position: parsed.sections[0]?.topics[0]?.position}],
        position: parsed.sections[0]?.position
      }
    ])
    // Note 2 has no link into the archive, and note 1's other source points elsewhere.
    expect(skeleton.notes).toEqual([{number: 1, sources: [parsed.notes[0]?.sources[0]]}])
  })
})

describe('the check hands on skeletons', () => {
  it('holds in its archive exactly the skeletons of the parsed briefs, with a cache or without', async () => {
    const content = await tempContent({files: {'briefs/one.md': brief, 'briefs/other.md': `${frontmatter}\n## PRC\n\nText.\n`}})
    const parsed = await Promise.all(['briefs/one.md', 'briefs/other.md'].map(async (file) => (await content.parse(file)).brief))
    const cacheDir = path.join(content.root, 'cache')
    for (const options of [{}, {cacheDir}, {cacheDir}]) {
      const result = await checkArchive({contentDir: content.contentDir, cwd: content.root, ...options})
      const site = result.site
      if (!site) throw new Error('no site')
      const expected = parsed.flatMap((full) => (full ? [skeletonOf(full, site)] : []))
      expect([...(result.archive?.briefs ?? [])].sort((a, b) => (a.slug < b.slug ? -1 : 1))).toEqual(expected)
    }
  })
})
