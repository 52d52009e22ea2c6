// The builder with figures: images processed once and cached, an edited
// map re-rendering exactly the briefs that show it, and bad images reported
// at the figures that show them, never a crash.
import {crc32} from 'node:zlib'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {parseFeed} from '@rowanmanning/feed-parser'
import sharp from 'sharp'
import {describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {frontmatter, short, tempContent} from '../helpers/content.js'

const map = (colour: string) =>
  sharp({create: {width: 1200, height: 800, channels: 3, background: colour}})
    .composite([{input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><circle cx="600" cy="400" r="200" fill="#c0392b"/></svg>')}])
    .png()
    .toBuffer()

const withFigure = (title: string, image: string) =>
  `${frontmatter.replace('title: Test brief', `title: ${title}`)}\n## Taiwan\n\nPatrols continued.\n\n![Two coast guard ships circling Kinmen from the west](${image} "Patrols near Kinmen")\nMap: Example Institute\n`

const text = (contents: string | Uint8Array | undefined) => (typeof contents === 'string' ? contents : new TextDecoder().decode(contents))

describe('building figures', () => {
  it('processes each image once, caches it across builders, and re-renders only what shows an edited map', async () => {
    const content = await tempContent({
      files: {'briefs/one.md': withFigure('One', '../maps/kinmen.png'), 'briefs/two.md': withFigure('Two', '../maps/other.png').replace('2024-02-22', '2024-02-29'), 'maps/kinmen.png': await map('#cfe3f0'), 'maps/other.png': await map('#e8e0c8')}
    })
    const cacheDir = path.join(content.root, 'cache')
    const builder = () => createBuilder({contentDir: content.contentDir, cwd: content.root, cacheDir})
    const cold = await builder().build()
    expect(cold.diagnostics.map(short)).toEqual([])
    expect(cold.stats.images).toBe(2)
    const images = [...cold.files.keys()].filter((file) => file.startsWith('images/'))
    // Two widths that fit (480, 960) and its own (1200) in three formats each, for each map.
    expect(images).toHaveLength(18)
    const page = text(cold.files.get('briefs/one/index.html'))
    expect(page).toMatch(/<picture><source media="print" srcset="\.\.\/\.\.\/images\/kinmen-[0-9a-f]{8}-1200\.png 1200w" sizes="[^"]+"><source type="image\/avif" srcset="\.\.\/\.\.\/images\/kinmen-[0-9a-f]{8}-480\.avif 480w/)
    expect(page).toMatch(/<meta property="og:image" content="https:\/\/briefs\.example\.org\/images\/kinmen-[0-9a-f]{8}-1200\.png">/)

    // Feeds give each entry its lead figure at an absolute URL, as a feed reader reads it.
    const lead = /images\/(kinmen-[0-9a-f]{8}-1200\.png)/.exec(page)?.[1] ?? ''
    for (const feed of ['feed.xml', 'regions/taiwan/feed.xml']) {
      const entry = parseFeed(text(cold.files.get(feed))).items.find((item) => item.title?.startsWith('One'))
      expect(entry?.media.map((media) => [media.url, media.mimeType, media.title]), feed).toEqual([
        [`https://briefs.example.org/images/${lead}`, 'image/png', 'Two coast guard ships circling Kinmen from the west']
      ])
    }
    expect(parseFeed(text(cold.files.get('feed.xml'))).items.find((item) => item.title === 'One')?.content).toContain(`<img src="https://briefs.example.org/images/${lead}"`)

    const warm = await builder().build()
    expect(warm.stats.images).toBe(0)
    expect(warm.stats.parsed).toBe(0)
    expect(warm.files).toEqual(cold.files)

    await writeFile(path.join(content.contentDir, 'maps/kinmen.png'), await map('#102030'))
    const edited = await builder().build()
    expect(edited.stats.images).toBe(1)
    // The brief that shows it is rendered again (its text did not change); the other is not.
    expect(edited.stats.parsed).toBe(1)
    const before = (name: string) => text(cold.files.get(name))
    const after = (name: string) => text(edited.files.get(name))
    expect(after('briefs/one/index.html')).not.toBe(before('briefs/one/index.html'))
    expect(after('briefs/two/index.html')).toBe(before('briefs/two/index.html'))
    const renamed = [...edited.files.keys()].filter((file) => file.startsWith('images/kinmen-'))
    expect(renamed).toHaveLength(9)
    expect(renamed.some((file) => cold.files.has(file))).toBe(false)
    // The page shows every new file (each format and width, and the full size as its link) and none of the old.
    for (const file of renamed) expect(after('briefs/one/index.html')).toContain(file.slice('images/'.length))
    expect(after('briefs/one/index.html')).not.toMatch(new RegExp(images.filter((file) => file.startsWith('images/kinmen-'))[0]?.slice('images/'.length) ?? '-'))
    expect(after('regions/taiwan/index.html')).toContain(renamed.find((file) => file.endsWith('-480.avif'))?.slice('images/'.length))
  }, 120_000)

  it('reports an image whose pixels are cut short at the figure, and writes nothing', async () => {
    const whole = await sharp(Buffer.from(Array.from({length: 200 * 100 * 3}, (_, i) => (i * 7919) % 251)), {raw: {width: 200, height: 100, channels: 3}})
      .png()
      .toBuffer()
    const content = await tempContent({files: {'briefs/one.md': withFigure('One', '../maps/cut.png'), 'maps/cut.png': whole.subarray(0, whole.length >> 1)}})
    const builder = createBuilder({contentDir: content.contentDir, cwd: content.root})
    // Checking reads headers only: the header is whole.
    expect((await builder.check()).diagnostics.map(short)).toEqual([])
    const built = await builder.build()
    expect(built.ok).toBe(false)
    expect(built.files.size).toBe(0)
    expect(built.diagnostics.map(short)).toEqual(['content/briefs/one.md:16:1 error figure/unreadable'])
  })

  it('refuses a decompression bomb from its header, naming the limit, and honours images.maxPixels', async () => {
    const png = Buffer.from(await sharp({create: {width: 1, height: 1, channels: 3, background: '#fff'}}).png().toBuffer())
    png.writeUInt32BE(50_000, 16)
    png.writeUInt32BE(50_000, 20)
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
    const content = await tempContent({files: {'briefs/one.md': withFigure('One', '../maps/bomb.png'), 'maps/bomb.png': png}})
    const check = await content.check()
    expect(check.diagnostics.map(short)).toEqual(['content/briefs/one.md:16:1 error figure/too-large'])
    expect(check.diagnostics[0]?.message).toBe(
      'The image is too large to process: content/maps/bomb.png declares 50000 × 50000 pixels (2,500,000,000), more than the limit of 40,000,000 (maxPixels).'
    )
    // A lower limit in site.yml refuses an ordinary map too.
    const site = await readFile(path.join(content.contentDir, 'site.yml'), 'utf8')
    await writeFile(path.join(content.contentDir, 'site.yml'), `${site}\nimages:\n  maxPixels: 500000\n`)
    await writeFile(path.join(content.contentDir, 'maps/bomb.png'), await map('#fff'))
    expect((await content.check()).diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual([
      'figure/too-large The image is too large to process: content/maps/bomb.png declares 1200 × 800 pixels (960,000), more than the limit of 500,000 (maxPixels).'
    ])
  })

  it('publishes a hostile SVG sanitised, with a warning at the figure', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" onload="alert(1)"><script>alert(2)</script><rect width="400" height="300" fill="#cfe3f0"/></svg>'
    const content = await tempContent({files: {'briefs/one.md': withFigure('One', '../maps/hostile.svg'), 'maps/hostile.svg': svg}})
    const built = await createBuilder({contentDir: content.contentDir, cwd: content.root}).build()
    expect(built.diagnostics.map((d) => `${short(d)}: ${d.message}`)).toEqual([
      'content/briefs/one.md:16:1 warning figure/svg-sanitised: The SVG content/maps/hostile.svg held onload, <script>, which could run script, load other files or restyle the page; it is published without them, so check it still draws as meant.'
    ])
    const written = [...built.files].filter(([file]) => file.endsWith('.svg') && file.startsWith('images/'))
    expect(written).toHaveLength(1)
    expect(text(written[0]?.[1])).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect width="400" height="300" fill="#cfe3f0"></rect></svg>')
  })
})
