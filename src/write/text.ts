// write/: one text file written for a command (`sitrep import`'s brief).
// Never overwrites an existing file unless asked: the exclusive-create flag
// makes the check and the write one step, so no file appearing in between is
// lost. Failures are diagnostics, never exceptions.
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {displayPath} from '../load/files.js'

export interface WriteOptions {
  /** Diagnostics name the file relative to this folder. */
  readonly cwd: string
  /** Replace an existing file. */
  readonly force?: boolean
}

export interface WriteResult {
  readonly written: boolean
  readonly diagnostics: Diagnostic[]
}

export async function writeText(absolute: string, text: string, options: WriteOptions): Promise<WriteResult> {
  const shown = displayPath(absolute, options.cwd)
  try {
    await mkdir(path.dirname(absolute), {recursive: true})
    await writeFile(absolute, text, {encoding: 'utf8', flag: options.force === true ? 'w' : 'wx'})
    return {written: true, diagnostics: []}
  } catch (error) {
    const code = error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined
    if (code === 'EEXIST') return {written: false, diagnostics: [diagnostic(shown, 'import/output-exists', undefined, {path: shown})]}
    const reason = code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unknown error')
    return {written: false, diagnostics: [diagnostic(shown, 'import/output-unwritable', undefined, {path: shown, reason})]}
  }
}
