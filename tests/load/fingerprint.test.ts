// load/fingerprint.ts: the code fingerprint is a 16-digit content key of
// sitrep's own code, the same for the same code.
import {describe, expect, it} from 'vitest'
import {codeFingerprint} from '../../src/load/fingerprint.js'

describe('codeFingerprint', () => {
  it('is 16 hex digits, and the same twice for unchanged code', async () => {
    const first = await codeFingerprint()
    expect(first).toMatch(/^[0-9a-f]{16}$/)
    expect(await codeFingerprint()).toBe(first)
  })
})
