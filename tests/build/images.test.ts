// build/images.ts: image variants, their names and key, and every way bad
// input becomes a result rather than a throw. Inputs are made here with sharp.
import {crc32} from 'node:zlib'
import sharp from 'sharp'
import {describe, expect, it} from 'vitest'
import {contentKey} from '../../src/content-key.js'
import {defaultImageSettings, fallbackFormat, imageKey, planImage, probeImage, processImage, renderSvg, variantHeight, variantWidths, type ImageSettings} from '../../src/build/images.js'

/** A map-like PNG: a background with shapes, so it compresses as real figures do. */
async function mapPng(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#cfe3f0"/>
    <polygon points="${width * 0.1},${height * 0.2} ${width * 0.6},${height * 0.1} ${width * 0.8},${height * 0.7} ${width * 0.2},${height * 0.9}" fill="#e8e0c8" stroke="#555" stroke-width="3"/>
    <circle cx="${width * 0.45}" cy="${height * 0.45}" r="${Math.min(width, height) * 0.05}" fill="#c0392b"/>
    <path d="M0 ${height / 2} Q ${width / 2} 0 ${width} ${height / 2}" stroke="#2c3e50" stroke-width="4" fill="none"/>
  </svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/** Noise: compresses badly, so a cut anywhere falls inside pixel data. */
async function noisyPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3)
  let seed = 7
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    raw[i] = seed >> 16
  }
  return sharp(raw, {raw: {width, height, channels: 3}}).png().toBuffer()
}

/** A small PNG whose header declares `width` × `height`: the IHDR is rewritten, its CRC made good. */
async function declaringPng(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({create: {width: 1, height: 1, channels: 3, background: '#fff'}}).png().toBuffer())
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

const small: ImageSettings = Object.freeze({...defaultImageSettings, widths: Object.freeze([64, 128])})

describe('defaultImageSettings', () => {
  it('are frozen, documented defaults', () => {
    expect(defaultImageSettings).toEqual({widths: [480, 960, 1600], formats: ['avif', 'webp'], quality: {avif: 55, webp: 80, jpeg: 82}, maxPixels: 40_000_000, avifEffort: 2})
    expect(Object.isFrozen(defaultImageSettings)).toBe(true)
    expect(Object.isFrozen(defaultImageSettings.widths)).toBe(true)
    expect(Object.isFrozen(defaultImageSettings.quality)).toBe(true)
  })
})

describe('variantWidths', () => {
  it('keeps the widths that fit, adds the image\'s own when narrower than the largest, never enlarges', () => {
    expect(variantWidths(2000)).toEqual([480, 960, 1600])
    expect(variantWidths(1600)).toEqual([480, 960, 1600])
    expect(variantWidths(1200)).toEqual([480, 960, 1200])
    expect(variantWidths(960)).toEqual([480, 960])
    expect(variantWidths(300)).toEqual([300])
  })
})

describe('fallbackFormat', () => {
  it('keeps JPEG, makes everything else PNG', () => {
    expect(fallbackFormat('jpeg')).toBe('jpeg')
    expect(['png', 'gif', 'tiff', 'webp', 'avif'].map((f) => fallbackFormat(f as 'png'))).toEqual(['png', 'png', 'png', 'png', 'png'])
  })
})

describe('imageKey', () => {
  it('is a 40-digit content key of the bytes, the settings and sharp\'s version', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const key = imageKey(bytes)
    expect(key).toHaveLength(40)
    expect(key).toBe(imageKey(bytes, defaultImageSettings))
    expect(key).not.toBe(imageKey(new Uint8Array([1, 2, 4])))
    expect(key).not.toBe(imageKey(bytes, {...defaultImageSettings, quality: {...defaultImageSettings.quality, avif: 60}}))
    expect(key).not.toBe(contentKey([bytes], 40))
  })

  it('does not depend on the order settings were written in', () => {
    const bytes = new Uint8Array([9])
    const reordered: ImageSettings = {avifEffort: 2, maxPixels: 40_000_000, quality: {jpeg: 82, webp: 80, avif: 55}, formats: ['avif', 'webp'], widths: [480, 960, 1600]}
    expect(imageKey(bytes, reordered)).toBe(imageKey(bytes))
  })
})

describe('processImage', () => {
  it('makes AVIF, WebP and PNG at each width of a PNG, named by stem, key and width', async () => {
    const bytes = await mapPng(1200, 800)
    const result = await processImage({bytes, file: 'figures/Taiwan Strait.png'})
    if (!result.ok) throw new Error(result.detail)
    expect([result.width, result.height, result.format]).toEqual([1200, 800, 'png'])
    const hash = imageKey(bytes).slice(0, 8)
    expect(result.variants.map((v) => [v.name, v.width, v.height, v.format])).toEqual([
      [`taiwan-strait-${hash}-480.avif`, 480, 320, 'avif'],
      [`taiwan-strait-${hash}-480.webp`, 480, 320, 'webp'],
      [`taiwan-strait-${hash}-480.png`, 480, 320, 'png'],
      [`taiwan-strait-${hash}-960.avif`, 960, 640, 'avif'],
      [`taiwan-strait-${hash}-960.webp`, 960, 640, 'webp'],
      [`taiwan-strait-${hash}-960.png`, 960, 640, 'png'],
      [`taiwan-strait-${hash}-1200.avif`, 1200, 800, 'avif'],
      [`taiwan-strait-${hash}-1200.webp`, 1200, 800, 'webp'],
      [`taiwan-strait-${hash}-1200.png`, 1200, 800, 'png']
    ])
    // The bytes are what they say they are.
    const decoded = await Promise.all(result.variants.map(async (v) => sharp(v.bytes).metadata()))
    expect(decoded.map((m) => [m.format, m.width, m.height])).toEqual(result.variants.map((v) => [v.format === 'avif' ? 'heif' : v.format, v.width, v.height]))
  }, 60_000)

  it('gives byte-identical variants for the same input and settings', async () => {
    const bytes = await mapPng(300, 200)
    const first = await processImage({bytes, file: 'map.png'}, small)
    const second = await processImage({bytes, file: 'map.png'}, small)
    if (!first.ok || !second.ok) throw new Error('not processed')
    // Two widths in three formats, and the full size (wider than every width) in the fallback alone.
    expect(first.variants.map((v) => v.name.replace(/^map-[0-9a-f]{8}-/, ''))).toEqual(['64.avif', '64.webp', '64.png', '128.avif', '128.webp', '128.png', '300.png'])
    expect(second.variants.map((v) => v.name)).toEqual(first.variants.map((v) => v.name))
    second.variants.forEach((v, i) => {
      expect(Buffer.from(v.bytes).equals(Buffer.from(first.variants[i]!.bytes))).toBe(true)
    })
  })

  it('keeps a JPEG a JPEG, makes a GIF a PNG, and never enlarges', async () => {
    const jpeg = await sharp(await mapPng(100, 50)).jpeg().toBuffer()
    const gif = await sharp(await mapPng(50, 25)).gif().toBuffer()
    const fromJpeg = await processImage({bytes: jpeg, file: 'photo.jpg'}, small)
    const fromGif = await processImage({bytes: gif, file: 'icon.gif'}, small)
    if (!fromJpeg.ok || !fromGif.ok) throw new Error('not processed')
    expect(fromJpeg.format).toBe('jpeg')
    expect(fromJpeg.variants.map((v) => [v.format, v.width, v.height, v.name.replace(/^photo-[0-9a-f]{8}-/, '')])).toEqual([
      ['avif', 64, 32, '64.avif'],
      ['webp', 64, 32, '64.webp'],
      ['jpeg', 64, 32, '64.jpg'],
      ['avif', 100, 50, '100.avif'],
      ['webp', 100, 50, '100.webp'],
      ['jpeg', 100, 50, '100.jpg']
    ])
    expect(fromGif.format).toBe('gif')
    expect(fromGif.variants.map((v) => [v.format, v.width, v.height])).toEqual([['avif', 50, 25], ['webp', 50, 25], ['png', 50, 25]])
  })

  it('strips EXIF (GPS included) from every variant', async () => {
    const jpeg = await sharp(await mapPng(200, 100))
      .jpeg()
      .withExif({IFD0: {Make: 'Spy Camera', Copyright: 'someone'}, IFD3: {GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 33/1 0/1'}})
      .toBuffer()
    const input = await sharp(jpeg).metadata()
    expect(input.exif).toBeDefined()
    expect(input.exif!.includes('Spy Camera')).toBe(true)
    const result = await processImage({bytes: jpeg, file: 'field.jpg'}, small)
    if (!result.ok) throw new Error(result.detail)
    for (const variant of result.variants) {
      const metadata = await sharp(variant.bytes).metadata()
      expect(metadata.exif).toBeUndefined()
      expect(metadata.xmp).toBeUndefined()
      expect(Buffer.from(variant.bytes).includes('Spy Camera')).toBe(false)
    }
  })

  it('applies EXIF orientation before stripping it', async () => {
    const rotated = await sharp(await mapPng(200, 100)).jpeg().withMetadata({orientation: 6}).toBuffer()
    expect((await sharp(rotated).metadata()).orientation).toBe(6)
    const result = await processImage({bytes: rotated, file: 'rotated.jpg'}, small)
    if (!result.ok) throw new Error(result.detail)
    expect([result.width, result.height]).toEqual([100, 200])
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([[64, 128], [64, 128], [64, 128], [100, 200], [100, 200], [100, 200]])
  })

  it('gives 8-bit sRGB: CMYK converted, 16 bits cut to 8, transparency kept', async () => {
    const cmyk = await sharp({create: {width: 120, height: 80, channels: 3, background: '#c03020'}}).toColourspace('cmyk').jpeg().toBuffer()
    const deep = await sharp({create: {width: 120, height: 80, channels: 3, background: '#336699'}}).toColourspace('rgb16').png().toBuffer()
    const clear = await sharp({create: {width: 120, height: 80, channels: 4, background: {r: 0, g: 128, b: 0, alpha: 0.5}}}).png().toBuffer()
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk')
    expect((await sharp(deep).metadata()).depth).toBe('ushort')
    for (const [bytes, alpha] of [[cmyk, false], [deep, false], [clear, true]] as const) {
      const result = await processImage({bytes, file: 'x.img'}, small)
      if (!result.ok) throw new Error(result.detail)
      for (const variant of result.variants) {
        const metadata = await sharp(variant.bytes).metadata()
        expect([variant.name.slice(-8), metadata.space, metadata.depth, metadata.hasAlpha]).toEqual([variant.name.slice(-8), 'srgb', 'uchar', alpha])
      }
    }
  })

  describe('bad input: a result, never a throw', () => {
    it('zero bytes', async () => {
      expect(await processImage({bytes: new Uint8Array(), file: 'empty.png'})).toEqual({ok: false, problem: 'unreadable', detail: 'the file is empty'})
    })

    it('a text file named .png', async () => {
      const result = await processImage({bytes: Buffer.from('not a picture\n'), file: 'notes.png'})
      expect(result).toEqual({ok: false, problem: 'unreadable', detail: 'not an image: its bytes start as no PNG, JPEG, GIF, WebP, TIFF or AVIF does'})
    })

    it('corrupt bytes behind a PNG signature', async () => {
      const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage garbage garbage garbage')])
      const result = await processImage({bytes, file: 'corrupt.png'})
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.problem).toBe('unreadable')
    })

    it('a truncated PNG', async () => {
      const png = await noisyPng(400, 300)
      const result = await processImage({bytes: png.subarray(0, Math.floor(png.length / 2)), file: 'cut.png'}, small)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.problem).toBe('unreadable')
    })

    it('a truncated JPEG', async () => {
      const jpeg = await sharp(await noisyPng(400, 300)).jpeg().toBuffer()
      const result = await processImage({bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), file: 'cut.jpg'}, small)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.problem).toBe('unreadable')
    })

    it('a PNG declaring 30000 × 30000 pixels (a decompression bomb), refused by its header, naming the limit', async () => {
      const bytes = await declaringPng(30000, 30000)
      expect(bytes.length).toBeLessThan(100)
      expect(await processImage({bytes, file: 'bomb.png'})).toEqual({
        ok: false,
        problem: 'too-large',
        detail: 'bomb.png declares 30000 × 30000 pixels (900,000,000), more than the limit of 40,000,000 (maxPixels)'
      })
    })

    it('a real bomb: a small, valid PNG of more pixels than maxPixels', async () => {
      const bytes = await sharp({create: {width: 3000, height: 3000, channels: 3, background: '#fff'}}).png({compressionLevel: 9}).toBuffer()
      expect(bytes.length).toBeLessThan(100_000)
      const result = await processImage({bytes, file: 'white.png'}, {...small, maxPixels: 4_000_000})
      expect(result).toEqual({ok: false, problem: 'too-large', detail: 'white.png declares 3000 × 3000 pixels (9,000,000), more than the limit of 4,000,000 (maxPixels)'})
    })

    it('an SVG: not rasterised, it goes through the sanitiser', async () => {
      const svg = Buffer.from('\uFEFF  <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
      expect(await processImage({bytes: svg, file: 'map.png'})).toEqual({
        ok: false,
        problem: 'unsupported',
        detail: 'an SVG (or other XML) is not rasterised: SVGs go through the SVG sanitiser'
      })
    })

    it('a PDF', async () => {
      const result = await processImage({bytes: Buffer.from('%PDF-1.7\n...'), file: 'map.pdf'})
      expect(result).toEqual({ok: false, problem: 'unsupported', detail: 'a PDF is not an image format sitrep reads (PNG, JPEG, GIF, WebP, TIFF, AVIF)'})
    })
  })
})

describe('probeImage and planImage: names and sizes from the header alone', () => {
  it('plans what processing makes, file for file, before any pixel is decoded', async () => {
    const bytes = await mapPng(301, 199)
    const probe = await probeImage({bytes, file: 'maps/Patrol Track.png'}, small)
    if (!probe.ok || probe.kind !== 'raster') throw new Error('not probed')
    expect(probe).toEqual({ok: true, kind: 'raster', key: imageKey(bytes, small), width: 301, height: 199, format: 'png'})
    const plan = planImage(probe, 'maps/Patrol Track.png', small)
    const hash = probe.key.slice(0, 8)
    const file = (width: number, height: number, ext: string, type: string) => ({name: `patrol-track-${hash}-${width}.${ext}`, width, height, type})
    expect(plan).toEqual({
      width: 301,
      height: 199,
      sources: [
        file(64, 42, 'avif', 'image/avif'),
        file(64, 42, 'webp', 'image/webp'),
        file(64, 42, 'png', 'image/png'),
        file(128, 85, 'avif', 'image/avif'),
        file(128, 85, 'webp', 'image/webp'),
        file(128, 85, 'png', 'image/png')
      ],
      full: file(301, 199, 'png', 'image/png'),
      raster: file(128, 85, 'png', 'image/png')
    })
    const made = await processImage({bytes, file: 'maps/Patrol Track.png'}, small)
    if (!made.ok) throw new Error(made.detail)
    expect(made.variants.map((v) => ({name: v.name, width: v.width, height: v.height, type: `image/${v.format}`}))).toEqual([...plan.sources, plan.full])
    const decoded = await Promise.all(made.variants.map(async (v) => sharp(v.bytes).metadata()))
    expect(decoded.map((m) => [m.width, m.height])).toEqual(made.variants.map((v) => [v.width, v.height]))
  })

  it('rounds a variant\'s height to the aspect, never below a pixel', () => {
    expect(variantHeight({width: 2000, height: 1500}, 480)).toBe(360)
    expect(variantHeight({width: 301, height: 199}, 128)).toBe(85)
    expect(variantHeight({width: 5000, height: 2}, 480)).toBe(1)
    expect(variantHeight({width: 300, height: 200}, 300)).toBe(200)
  })

  it('sanitises an SVG, sized from its viewBox, as one file', async () => {
    const bytes = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 900"><rect width="10" height="10" onclick="alert(1)"/></svg>')
    const probe = await probeImage({bytes, file: 'maps/strait.svg'})
    expect(probe).toEqual({
      ok: true,
      kind: 'svg',
      key: imageKey(bytes),
      width: 1200,
      height: 900,
      svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 900"><rect width="10" height="10"></rect></svg>',
      removed: ['onclick']
    })
    if (!probe.ok) throw new Error('not probed')
    const hash = imageKey(bytes).slice(0, 8)
    const svg = {name: `strait-${hash}.svg`, width: 1200, height: 900, type: 'image/svg+xml'}
    const raster = {name: `strait-${hash}-1200.png`, width: 1200, height: 900, type: 'image/png'}
    const plan = planImage(probe, 'maps/strait.svg')
    expect(plan).toEqual({width: 1200, height: 900, sources: [svg], full: svg, raster})
    // The sanitised text as it is, and a PNG drawn from it for share previews.
    if (probe.kind !== 'svg') throw new Error('not an SVG')
    const made = await renderSvg(probe, plan)
    if (!made.ok) throw new Error(made.detail)
    expect(made.variants.map((v) => [v.name, v.format])).toEqual([[svg.name, 'svg'], [raster.name, 'png']])
    expect(new TextDecoder().decode(made.variants[0]?.bytes)).toBe(probe.svg)
    const png = await sharp(made.variants[1]?.bytes).metadata()
    expect([png.format, png.width, png.height]).toEqual(['png', 1200, 900])
  })

  it('refuses an SVG with entities, one that is not UTF-8, and one with no size', async () => {
    const bomb = Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>')
    expect(await probeImage({bytes: bomb, file: 'bomb.svg'})).toMatchObject({ok: false, problem: 'unsafe-svg'})
    const latin1 = Buffer.from([...Buffer.from('<svg viewBox="0 0 1 1"><text>'), 0xe9, ...Buffer.from('</text></svg>')])
    expect(await probeImage({bytes: latin1, file: 'x.svg'})).toEqual({ok: false, problem: 'unreadable', detail: 'the SVG is not UTF-8 text'})
    expect(await probeImage({bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), file: 'x.svg'})).toEqual({
      ok: false,
      problem: 'unreadable',
      detail: 'the SVG has no size: give its root a viewBox (or width and height in pixels)'
    })
  })
})
