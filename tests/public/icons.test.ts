// The icons in public/, copied into every site: a real ICO at the root (where
// browsers ask for /favicon.ico unprompted) and an SVG with nothing active in
// it (under assets/, with the site's other files that could hold script).
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {defaultPublicDir} from '../../src/load/assets.js'

describe('public/favicon.ico', () => {
  const ico = readFileSync(path.join(defaultPublicDir, 'favicon.ico'))

  it('is an ICO of a 16 and a 32 pixel 32-bit image, whose entries cover the file exactly', () => {
    // ICONDIR: reserved 0, type 1 (icon), two images.
    expect([...ico.subarray(0, 6)]).toEqual([0x00, 0x00, 0x01, 0x00, 0x02, 0x00])
    let end = 6 + 16 * 2
    for (const [index, size] of [16, 32].entries()) {
      const entry = ico.subarray(6 + 16 * index, 6 + 16 * (index + 1))
      expect([entry[0], entry[1], entry.readUInt16LE(4), entry.readUInt16LE(6)]).toEqual([size, size, 1, 32])
      const bytes = entry.readUInt32LE(8)
      const offset = entry.readUInt32LE(12)
      expect(offset).toBe(end)
      // A BMP without its file header: BITMAPINFOHEADER, height doubled for the AND mask, 32 bits.
      expect([ico.readUInt32LE(offset), ico.readInt32LE(offset + 4), ico.readInt32LE(offset + 8), ico.readUInt16LE(offset + 14)]).toEqual([40, size, size * 2, 32])
      // Header, BGRA pixels, then a 1-bit mask whose rows are padded to 4 bytes.
      expect(bytes).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size)
      end = offset + bytes
    }
    expect(end).toBe(ico.length)
  })
})

describe('public/assets/favicon.svg', () => {
  const svg = readFileSync(path.join(defaultPublicDir, 'assets', 'favicon.svg'), 'utf8')

  it('is shapes only: no script, no event handler, no link, nothing loaded', () => {
    expect(new Set([...svg.matchAll(/<([A-Za-z][\w:-]*)/g)].map((match) => match[1]))).toEqual(new Set(['svg', 'rect', 'path']))
    expect(new Set([...svg.matchAll(/\s([A-Za-z][\w:-]*)=/g)].map((match) => match[1]))).toEqual(
      new Set(['xmlns', 'viewBox', 'x', 'y', 'width', 'height', 'rx', 'fill', 'd'])
    )
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">')).toBe(true)
  })
})
