// Reading content from disk: the only stage besides write/ that touches the
// file system. Turns bytes into text (UTF-8 only, BOM allowed) and reports
// unreadable, binary, oversized and escaping files as diagnostics.
import {readFileSync, type Dirent, type Stats} from 'node:fs'
import {lstat, readFile, readdir, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {errorCode, errorReason} from '../error-code.js'
import {displayPath, isInside} from '../paths.js'
import {contentKey} from '../content-key.js'

/** A text file of the content folder. */
export interface SourceFile {
  /** Absolute path on disk. */
  readonly path: string
  /** Path relative to the working directory, `/`-separated: what diagnostics show. */
  readonly file: string
  /** The text, with a UTF-8 byte order mark removed; line endings as written. */
  readonly value: string
  /** For a brief: its path inside the content folder, `/`-separated (`briefs/2024/x.md`), which its figures' paths are resolved against. */
  readonly contentPath?: string
  /** For a brief: the key of its text (`textDigest`), what the cache knows it by. */
  readonly digest?: string
}

/**
 * A brief file whose text was not read: its stamp is the one an earlier run
 * read it with (the cache keeps stamps and digests, build/cache.ts), so its
 * compiled result is found by its digest alone. Read it (`readSourceFile`)
 * only to compile it again or to show a diagnostic's code frame.
 */
export interface UnreadFile {
  readonly path: string
  readonly file: string
  readonly contentPath?: string
  readonly digest: string
  readonly value?: undefined
}

/** A brief file as loaded: read, or known unchanged by its stamp. */
export type BriefFile = SourceFile | UnreadFile

/** The key of a brief's text. */
export function textDigest(value: string): string {
  return contentKey([value], 32)
}

export interface ReadResult {
  readonly source?: SourceFile
  readonly diagnostics: Diagnostic[]
  /** When the file was last modified and its size, to tell next time whether it changed. */
  readonly stamp?: FileStamp
}

export interface FileStamp {
  readonly mtimeMs: number
  readonly size: number
  /**
   * The change time and inode, when known: a file rewritten with its old
   * modification time set back (\`touch -d\`, some editors and sync tools)
   * still gets a new change time, which no one can set.
   */
  readonly ctimeMs?: number
  readonly ino?: number
}

/** A file's stamp from its stat. */
export function stampOf(info: {readonly mtimeMs: number; readonly size: number; readonly ctimeMs: number; readonly ino: number}): FileStamp {
  return {mtimeMs: info.mtimeMs, size: info.size, ctimeMs: info.ctimeMs, ino: info.ino}
}

/** Whether two stamps say the same file is unchanged (fields one of them lacks are not compared). */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size && (a.ctimeMs === undefined || b.ctimeMs === undefined || a.ctimeMs === b.ctimeMs) && (a.ino === undefined || b.ino === undefined || a.ino === b.ino)
}

/** A file read before: if its stamp is unchanged, its text is not read again. */
export interface KnownFile {
  readonly stamp: FileStamp
  readonly source: BriefFile
}

/** Read one text file, refusing binary data, invalid UTF-8 and files over `maxBytes`. */
export async function readSourceFile(absolute: string, cwd: string, maxBytes: number): Promise<ReadResult> {
  const file = displayPath(absolute, cwd)
  let bytes: Buffer
  let stamp: FileStamp
  try {
    const info = await stat(absolute)
    stamp = stampOf(info)
    if (info.size > maxBytes) {
      return {diagnostics: [diagnostic(file, 'file/too-large', undefined, {size: info.size, limit: maxBytes})]}
    }
    bytes = await readFile(absolute)
  } catch (error) {
    return {diagnostics: [diagnostic(file, 'file/unreadable', undefined, {reason: reasonOf(error)})]}
  }
  return {...decode(bytes, absolute, file), stamp}
}

export interface BriefReadResult {
  readonly source?: BriefFile
  readonly diagnostics: Diagnostic[]
  readonly stamp?: FileStamp
  /** Whether the file was read now (false: known unchanged). */
  readonly read: boolean
}

/**
 * A brief file: the one `known` from before when its stamp is unchanged
 * (not read again, perhaps not read at all: an UnreadFile), else read, with
 * its digest.
 */
export async function readBriefFile(absolute: string, cwd: string, maxBytes: number, known?: KnownFile): Promise<BriefReadResult> {
  const file = displayPath(absolute, cwd)
  if (known && known.source.file === file) {
    try {
      const stamp = stampOf(await stat(absolute))
      if (sameStamp(known.stamp, stamp) && stamp.size <= maxBytes) return {source: known.source, diagnostics: [], stamp, read: false}
    } catch {
      // Gone or unreadable now: reading it says why.
    }
  }
  const result = await readSourceFile(absolute, cwd, maxBytes)
  return result.source ? {...result, source: {...result.source, digest: textDigest(result.source.value)}, read: true} : {...result, read: true}
}

/** A brief's text read now, synchronously (fragments the cache lost are compiled again in the middle of rendering); undefined if it can no longer be read as it was. */
export function readBriefTextSync(file: UnreadFile): SourceFile | undefined {
  try {
    const result = decode(readFileSync(file.path), file.path, file.file)
    if (result.source === undefined || textDigest(result.source.value) !== file.digest) return undefined
    return {...result.source, ...(file.contentPath === undefined ? {} : {contentPath: file.contentPath}), digest: file.digest}
  } catch {
    return undefined
  }
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true})

/** Decode bytes as UTF-8 text or explain, at the offending byte, why not. */
export function decode(bytes: Uint8Array, absolute: string, file: string): ReadResult {
  const nul = bytes.indexOf(0)
  if (nul !== -1) return {diagnostics: [diagnostic(file, 'file/binary', placeOfByte(bytes, nul))]}
  let value: string
  try {
    // The native decoder checks the bytes fast; only on failure is the byte found, by hand.
    // It drops a leading BOM, so line 1 column 1 is the first real character.
    value = strictUtf8.decode(bytes)
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes))
    return {diagnostics: [diagnostic(file, 'file/encoding', placeOfByte(bytes, bad), {byte: bytes[bad] ?? 0})]}
  }
  return {source: {path: absolute, file, value}, diagnostics: []}
}

export interface WalkResult {
  readonly files: string[]
  readonly diagnostics: Diagnostic[]
}

/**
 * Every `.md` file under `dir`, sorted, following symbolic links only while
 * they stay inside `root` (a link that leaves the content folder is reported).
 */
export async function findMarkdown(dir: string, root: string, cwd: string): Promise<WalkResult> {
  const files: string[] = []
  const diagnostics: Diagnostic[] = []
  const realRoot = await realpath(root).catch(() => root)
  const seen = new Set<string>()

  async function walk(current: string): Promise<void> {
    let entries: Dirent[]
    try {
      // The entries' types come with the listing: no lstat per file (a
      // thousand of them were a third of a warm check), except where the
      // file system does not say (then lstat) and for links (followed below).
      entries = (await readdir(current, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    } catch (error) {
      diagnostics.push(diagnostic(displayPath(current, cwd), 'file/unreadable', undefined, {reason: reasonOf(error)}))
      return
    }
    for (const entry of entries) {
      const name = entry.name
      if (name.startsWith('.')) continue
      const full = path.join(current, name)
      let info: Pick<Stats, 'isSymbolicLink' | 'isDirectory' | 'isFile'> | undefined =
        entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : await lstat(full).catch(() => undefined)
      if (!info) continue
      if (info.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined)
        if (target === undefined) {
          if (name.endsWith('.md')) diagnostics.push(diagnostic(displayPath(full, cwd), 'file/unreadable', undefined, {reason: 'broken symbolic link'}))
          continue
        }
        if (!isInside(target, realRoot)) {
          diagnostics.push(diagnostic(displayPath(full, cwd), 'file/outside-content', undefined, {target}))
          continue
        }
        info = await stat(full)
      }
      if (info.isDirectory()) {
        const real = await realpath(full)
        if (seen.has(real)) continue // a link loop, or a folder reached twice
        seen.add(real)
        await walk(full)
      } else if (info.isFile() && name.endsWith('.md')) {
        files.push(full)
      }
    }
  }

  // content/briefs itself may be a link out of the content folder.
  const realDir = await realpath(dir).catch(() => undefined)
  if (realDir !== undefined && !isInside(realDir, realRoot)) {
    diagnostics.push(diagnostic(displayPath(dir, cwd), 'file/outside-content', undefined, {target: realDir}))
    return {files, diagnostics}
  }
  // A link back to briefs/ itself would otherwise read every brief twice.
  if (realDir !== undefined) seen.add(realDir)
  await walk(dir)
  return {files, diagnostics}
}

function reasonOf(error: unknown): string {
  return errorReason(errorCode(error))
}

/** Line and column (in characters, counting a multi-byte character once) of a byte. */
function placeOfByte(bytes: Uint8Array, index: number) {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  let column = 1
  for (let i = lineStart; i < index; i++) {
    // Continuation bytes (10xxxxxx) do not start a character.
    if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++
  }
  return {start: {line, column}, end: {line, column: column + 1}}
}

/** Index of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  const n = bytes.length
  while (i < n) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000]
    else return i
    let cp = b & (0xff >> (need + 2))
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}
