// build/image-store.ts: images probed once per change of their stamp,
// processed once per key, kept in the cache across processes; reads are
// counted through the store's `read` option.
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import {afterAll, describe, expect, it} from 'vitest'
import {createImageStore} from '../../src/build/image-store.js'
import {defaultImageSettings, imageKey, type ImageSettings} from '../../src/build/images.js'
import {listImages, readImage, type ContentImage} from '../../src/load/content.js'

const temps: string[] = []
afterAll(async () => {
  for (const dir of temps) await rm(dir, {recursive: true, force: true})
})

const settings: ImageSettings = Object.freeze({...defaultImageSettings, widths: Object.freeze([32, 64])})

async function folder(files: Record<string, Uint8Array | string>): Promise<{content: string; cache: string}> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-images-'))
  temps.push(root)
  const content = path.join(root, 'content')
  for (const [name, data] of Object.entries(files)) {
    const target = path.join(content, name)
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, data)
  }
  return {content, cache: path.join(root, 'cache')}
}

const png = (width: number, colour: string) => sharp({create: {width, height: width / 2, channels: 3, background: colour}}).png().toBuffer()

/** A store whose reads are counted, by path inside the content folder. */
function counted(cacheDir?: string) {
  const reads: string[] = []
  const store = createImageStore({
    ...(cacheDir === undefined ? {} : {cacheDir}),
    read: async (image: ContentImage) => {
      reads.push(image.path)
      return readImage(image)
    }
  })
  return {store, reads}
}

describe('the image store', () => {
  it('plans every image, and reports the unusable ones with why', async () => {
    const map = await png(100, '#cfe3f0')
    const {content} = await folder({'maps/a.png': map, 'maps/b.png': 'not an image', 'maps/c.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><script>x()</script></svg>'})
    const {store} = counted()
    const resolved = await store.resolve(await listImages(content, content), settings)
    expect([...resolved.table.keys()]).toEqual(['maps/a.png', 'maps/c.svg'])
    expect(resolved.table.get('maps/a.png')?.full).toEqual({name: `a-${imageKey(map, settings).slice(0, 8)}-100.png`, width: 100, height: 50, type: 'image/png'})
    expect(resolved.problems.get('maps/b.png')).toMatchObject({problem: 'unreadable'})
    expect(resolved.sanitised.get('maps/c.svg')).toEqual(['<script>'])
  })

  it('reads an image again only when its stamp changed, in this process and the next (the cache)', async () => {
    const {content, cache} = await folder({'a.png': await png(100, '#fff'), 'b.png': await png(80, '#000')})
    const first = counted(cache)
    await first.store.resolve(await listImages(content, content), settings)
    expect(first.reads.sort()).toEqual(['a.png', 'b.png'])
    first.reads.length = 0
    await first.store.resolve(await listImages(content, content), settings)
    expect(first.reads).toEqual([])
    // Another process: the probes come from the cache.
    const next = counted(cache)
    await next.store.resolve(await listImages(content, content), settings)
    expect(next.reads).toEqual([])
    // An edited image is read again; so is every image under other settings.
    await writeFile(path.join(content, 'b.png'), await png(60, '#000'))
    await next.store.resolve(await listImages(content, content), settings)
    expect(next.reads).toEqual(['b.png'])
    next.reads.length = 0
    await next.store.resolve(await listImages(content, content), {...settings, maxPixels: 1000})
    expect(next.reads.sort()).toEqual(['a.png', 'b.png'])
  })

  it('processes each shown image once; a new process finds its files in the cache and processes none', async () => {
    const {content, cache} = await folder({'a.png': await png(100, '#fff'), 'unshown.png': await png(100, '#000')})
    const first = counted(cache)
    await first.store.resolve(await listImages(content, content), settings)
    expect((await first.store.process(['a.png'])).processed).toBe(1)
    expect((await first.store.process(['a.png'])).processed).toBe(0)
    const outputs = first.store.outputs(['a.png'])
    const hash = (await first.store.resolve(await listImages(content, content), settings)).table.get('a.png')?.full.name.split('-')[1]
    expect(outputs.map((file) => file.path)).toEqual(
      ['32.avif', '32.png', '32.webp', '64.avif', '64.png', '64.webp', '100.png'].map((end) => `images/a-${hash}-${end}`).sort()
    )
    const next = counted(cache)
    await next.store.resolve(await listImages(content, content), settings)
    expect(await next.store.process(['a.png'])).toEqual({failures: new Map(), processed: 0})
    expect(next.reads).toEqual([])
    // Each file reads back as what was made.
    const bytes = await next.store.outputs(['a.png'])[0]?.read()
    expect((await sharp(bytes).metadata()).width).toBe(100)
  })

  it('keeps files in memory without a cache, and reports pixels that fail to decode as a failure, not a throw', async () => {
    const good = await png(100, '#fff')
    const noisy = await sharp(Buffer.from(Array.from({length: 64 * 32 * 3}, (_, i) => (i * 7919) % 256)), {raw: {width: 64, height: 32, channels: 3}})
      .png()
      .toBuffer()
    // The header is whole (it probes fine); the pixel data is cut short.
    const truncated = noisy.subarray(0, Math.floor(noisy.length * 0.6))
    const {content} = await folder({'good.png': good, 'cut.png': truncated})
    const {store} = counted()
    const resolved = await store.resolve(await listImages(content, content), settings)
    expect([...resolved.table.keys()].sort()).toEqual(['cut.png', 'good.png'])
    const made = await store.process(['good.png', 'cut.png'])
    expect(made.processed).toBe(1)
    expect([...made.failures.keys()]).toEqual(['cut.png'])
    expect(made.failures.get('cut.png')?.problem).toBe('unreadable')
    expect(await store.outputs(['good.png'])[0]?.read()).toBeInstanceOf(Uint8Array)
  })
})
