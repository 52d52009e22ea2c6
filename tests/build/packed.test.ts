import {describe, expect, it} from 'vitest'
import {inflateRawSync} from 'node:zlib'
import {squeezed, unsqueezed} from '../../src/build/packed.js'

describe('squeezed', () => {
  it('deflates into a buffer of its own size, not a view of zlib’s 16 KB output buffer', () => {
    const html = '<p>Patrols continued near the island.</p>'.repeat(50)
    const packed = squeezed(html)
    expect(packed.buffer.byteLength).toBe(packed.byteLength)
    expect(packed.byteLength).toBeLessThan(html.length / 4)
    expect(inflateRawSync(packed).toString('utf8')).toBe(html)
    expect(unsqueezed(packed).toString('utf8')).toBe(html)
  })
})
