import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {contentKey} from '../src/content-key.js'

describe('contentKey', () => {
  it('is SHA-256 of the parts joined by NUL, cut to the length asked for', () => {
    const full = createHash('sha256').update('a\0b').digest('hex')
    expect(contentKey(['a', 'b'])).toBe(full.slice(0, 32))
    expect(contentKey(['a', 'b'], 16)).toBe(full.slice(0, 16))
    expect(contentKey(['a', 'b'], 40)).toBe(full.slice(0, 40))
  })

  it('keeps parts apart: moving a boundary changes the key', () => {
    expect(contentKey(['ab', 'c'])).not.toBe(contentKey(['a', 'bc']))
    expect(contentKey(['abc'])).not.toBe(contentKey(['ab', 'c']))
  })

  it('hashes bytes as their bytes', () => {
    expect(contentKey([Buffer.from('é')])).toBe(contentKey(['é']))
  })
})
