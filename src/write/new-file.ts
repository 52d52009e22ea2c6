// write/: one new file, created only if nothing is there yet (`sitrep new`,
// and `sitrep import` unless --force).
// The exclusive-create flag makes "is it free?" and "write it" one step, so
// a file that appears in between is never overwritten. Failures are results,
// never exceptions; cli/ decides what they mean.
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {errorCode, errorReason} from '../error-code.js'

export type NewFileResult =
  | {readonly kind: 'written'}
  | {readonly kind: 'exists'}
  | {readonly kind: 'failed'; readonly reason: string}

export async function createNewFile(absolute: string, text: string, options: {replace?: boolean} = {}): Promise<NewFileResult> {
  try {
    await mkdir(path.dirname(absolute), {recursive: true})
    // `replace` (default false) overwrites a file that is there; otherwise it is never touched.
    await writeFile(absolute, text, {encoding: 'utf8', flag: options.replace === true ? 'w' : 'wx'})
    return {kind: 'written'}
  } catch (error) {
    const code = errorCode(error)
    if (code === 'EEXIST') return {kind: 'exists'}
    return {kind: 'failed', reason: errorReason(code)}
  }
}
