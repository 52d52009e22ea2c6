// error-code.ts: a failed call's code, and the one set of words for it.
import {describe, expect, it} from 'vitest'
import {errorCode, errorReason, errorWords} from '../src/error-code.js'

const failure = (code: unknown) => Object.assign(new Error('failed'), {code})

describe('errorCode', () => {
  it('reads a string code, and nothing else', () => {
    expect(errorCode(failure('ENOSPC'))).toBe('ENOSPC')
    expect(errorCode(failure(28))).toBeUndefined()
    expect(errorCode(new Error('plain'))).toBeUndefined()
    expect(errorCode({code: 'ENOSPC'})).toBeUndefined()
    expect(errorCode(undefined)).toBeUndefined()
  })
})

describe('errorWords and errorReason', () => {
  it.each([
    ['ENOENT', 'no such file or folder'],
    ['ENOSPC', 'no space left on the device'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'operation not permitted'],
    ['ENOTDIR', 'a file stands where a folder should be'],
    ['EISDIR', 'a folder stands where a file should be']
  ])('%s is "%s"', (code, words) => {
    expect(errorWords(code)).toBe(words)
    expect(errorReason(code)).toBe(words)
  })

  it('names a code it has no words for by its code', () => {
    expect(errorWords('EWHATEVER')).toBeUndefined()
    expect(errorReason('EWHATEVER')).toBe('system error EWHATEVER')
  })

  it('has no words for names an object has of itself', () => {
    expect(errorWords('toString')).toBeUndefined()
    expect(errorReason('__proto__')).toBe('system error __proto__')
  })

  it('says "unknown error" without a code', () => {
    expect(errorReason(undefined)).toBe('unknown error')
  })
})
