// write/: one text file written for a command (`sitrep import`'s brief).
// Never overwrites an existing file unless asked: the exclusive-create flag
// makes the check and the write one step, so no file appearing in between is
// lost. Failures are diagnostics, never exceptions.
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {displayPath} from '../paths.js'
import {createNewFile} from './new-file.js'

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
  const result = await createNewFile(absolute, text, {replace: options.force === true})
  if (result.kind === 'written') return {written: true, diagnostics: []}
  if (result.kind === 'exists') return {written: false, diagnostics: [diagnostic(shown, 'import/output-exists', undefined, {path: shown})]}
  return {written: false, diagnostics: [diagnostic(shown, 'import/output-unwritable', undefined, {path: shown, reason: result.reason})]}
}
