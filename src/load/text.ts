// load/: one text file named on the command line, or standard input ("-"),
// read as UTF-8 with the same checks as content files (size limit, binary
// data, invalid UTF-8), each failure a diagnostic. Used by `sitrep import`.
import path from 'node:path'
import {diagnostic} from '../diagnostics/diagnostic.js'
import {decode, readSourceFile, type ReadResult} from './files.js'

/** What diagnostics call standard input. */
export const stdinName = '<stdin>'

export interface TextInput {
  /** Standard input, read when `target` is "-" (default: the process's). */
  readonly stdin?: AsyncIterable<Uint8Array | string>
  readonly cwd: string
  readonly maxBytes: number
}

export async function readText(target: string, input: TextInput): Promise<ReadResult> {
  if (target !== '-') return readSourceFile(path.resolve(input.cwd, target), input.cwd, input.maxBytes)
  const chunks: Uint8Array[] = []
  let size = 0
  // Node types the process's stdin as yielding `any`; it yields Buffers (strings once an encoding is set).
  const stream: AsyncIterable<Uint8Array | string> = input.stdin ?? (process.stdin as AsyncIterable<Uint8Array | string>)
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      size += bytes.length
      // Stop reading at the limit: a runaway pipe must not fill memory.
      if (size > input.maxBytes) return {diagnostics: [diagnostic(stdinName, 'file/too-large', undefined, {size, limit: input.maxBytes})]}
      chunks.push(bytes)
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error'
    return {diagnostics: [diagnostic(stdinName, 'file/unreadable', undefined, {reason})]}
  }
  return decode(Buffer.concat(chunks), '-', stdinName)
}
