// link/: rules across briefs (duplicate slugs, links to briefs that do not
// exist) and the archive it builds.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {briefSlugOf} from '../../src/link/archive.js'
import {siteSchema} from '../../src/parse/schema.js'
import {checkFixture, frontmatter, removeTempContent, short, tempContent} from '../helpers/content.js'
import {onePixelPng} from '../helpers/images.js'

afterAll(removeTempContent)

describe('frontmatter/duplicate-slug', () => {
  it('reports the later files at their `slug:` key, or at the title when the slug comes from the file name', async () => {
    const {list, result} = await checkFixture('frontmatter/duplicate-slug')
    expect(list).toEqual([
      'content/briefs/2024/renamed.md:10:1 error frontmatter/duplicate-slug',
      'content/briefs/2024/weekly.md:2:1 error frontmatter/duplicate-slug'
    ])
    expect(result.diagnostics[0]?.message).toBe(
      'The slug "weekly" is also used by content/briefs/2023/weekly.md; both briefs would be written to /briefs/weekly/.'
    )
    expect(result.archive?.briefs.map((brief) => brief.file)).toEqual(['content/briefs/2023/weekly.md'])
  })
})

describe('link/missing-brief', () => {
  it('reports a citation of a brief that does not exist, not one that does', async () => {
    const {list, result} = await checkFixture('link/missing-brief')
    expect(list).toEqual(['content/briefs/second.md:17:7 error link/missing-brief'])
    expect(result.diagnostics[0]).toMatchObject({
      endColumn: 55,
      message: 'https://briefs.example.org/briefs/no-such-brief/ points into this archive at the brief "no-such-brief", which does not exist.'
    })
  })

  it('does not report a link to a brief that exists but has errors of its own', async () => {
    const content = await tempContent({
      files: {
        'briefs/broken.md': frontmatter.replace('date: 2024-02-22', 'date: 22 February') + '\n## Taiwan\n\nText.\n',
        'briefs/renamed-broken.md': frontmatter.replace('title: Test brief', 'title: Test brief\nslug: custom\ncolour: red') + '\n## Taiwan\n\nText.\n',
        'briefs/citing.md': `${frontmatter}\n## Taiwan\n\nA.[^1] B.[^2]\n\n[^1]: https://briefs.example.org/briefs/broken/\n[^2]: https://briefs.example.org/briefs/custom/index.html\n`
      }
    })
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual([
      'content/briefs/broken.md:3:1 error frontmatter/schema',
      'content/briefs/renamed-broken.md:4:1 error frontmatter/unknown-key'
    ])
  })

  it('follows --base-url', async () => {
    const content = await tempContent({
      files: {'briefs/a.md': `${frontmatter}\n## Taiwan\n\nA.[^1]\n\n[^1]: https://preview.example.net/site/briefs/gone/\n`}
    })
    const {checkArchive} = await import('../../src/build/check.js')
    const result = await checkArchive({contentDir: content.contentDir, cwd: content.root, baseUrl: 'https://preview.example.net/site'})
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/a.md:16:7 error link/missing-brief'])
  })
})

describe('briefSlugOf', () => {
  const site = {settings: siteSchema.parse({title: 'T', baseUrl: 'https://briefs.example.org/archive', language: 'en'})}
  it.each([
    ['https://briefs.example.org/archive/briefs/a-b/', 'a-b'],
    ['https://briefs.example.org/archive/briefs/a-b', 'a-b'],
    ['https://BRIEFS.example.org/archive/briefs/a-b/index.html', 'a-b'],
    ['https://briefs.example.org/archive/briefs/a-b/#note-3', 'a-b'],
    ['https://briefs.example.org/archive/regions/taiwan/', undefined],
    ['https://briefs.example.org/briefs/a-b/', undefined],
    ['https://other.example.org/archive/briefs/a-b/', undefined],
    ['not a url', undefined]
  ])('%s → %s', (url, slug) => {
    expect(briefSlugOf(url, site)).toBe(slug)
  })
})

describe('figure/missing-file', () => {
  it('reports a figure whose file is not under content/, the case of the path included', async () => {
    const {list, result} = await checkFixture('figure/missing-file')
    expect(list).toEqual(['content/briefs/missing.md:16:1 error figure/missing-file', 'content/briefs/missing.md:18:1 error figure/missing-file'])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'There is no file content/briefs/maps/penghu.png, so this figure would show a broken image.',
      'There is no file content/briefs/Maps/Kinmen.png, so this figure would show a broken image.'
    ])
  })

  it('is decided when an image is added or removed, with the briefs unchanged (not per brief)', async () => {
    const content = await tempContent({fixture: 'figure/missing-file'})
    await content.write('briefs/maps/penghu.png', onePixelPng)
    expect((await content.check()).diagnostics.map(short)).toEqual(['content/briefs/missing.md:18:1 error figure/missing-file'])
  })

  it('in serve, a save of a brief reuses the last list of images; an added image is listed again', async () => {
    const content = await tempContent({fixture: 'figure/missing-file'})
    const builder = createBuilder({contentDir: content.contentDir, cwd: content.root})
    const both = ['content/briefs/missing.md:16:1 error figure/missing-file', 'content/briefs/missing.md:18:1 error figure/missing-file']
    expect((await builder.build()).diagnostics.map(short)).toEqual(both)
    const brief = path.join(content.contentDir, 'briefs/missing.md')
    // An image written behind the watcher's back is not seen by a save that only edits a brief...
    const image = await content.write('briefs/maps/penghu.png', onePixelPng)
    await content.write('briefs/missing.md', `${await readFile(brief, 'utf8')}\n`)
    expect((await builder.build({changes: [{kind: 'change', path: brief}]})).diagnostics.map(short)).toEqual(both)
    // ...and is, once the watcher reports it.
    expect((await builder.build({changes: [{kind: 'add', path: image}]})).diagnostics.map(short)).toEqual(both.slice(1))
  })
})

describe('figure/unused', () => {
  it('warns about image files no figure shows, anywhere under content/ and in any case of extension', async () => {
    const {list} = await checkFixture('figure/unused')
    expect(list).toEqual(['content/briefs/IMG_2024.JPG:1:1 warning figure/unused', 'content/maps/old.png:1:1 warning figure/unused'])
  })
})
