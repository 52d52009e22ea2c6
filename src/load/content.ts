// load/: the content folder read from disk: content/site.yml,
// content/regions.yml and every content/briefs/**/*.md, as text files; and
// its image files, listed with their stamps and read on request.
import {readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {appendAll, diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {errorCode, errorReason} from '../error-code.js'
import {displayPath, isInside} from '../paths.js'
import {findMarkdown, readBriefFile, readSourceFile, stampOf, type BriefFile, type FileStamp, type KnownFile, type SourceFile} from './files.js'
import {findFiles} from './walk.js'

/** Settings files are small; 1 MiB is far beyond any real one. */
const configLimit = 1024 * 1024

export interface LoadedConfig {
  readonly site?: SourceFile
  readonly regions?: SourceFile
  readonly diagnostics: Diagnostic[]
}

export async function loadConfig(contentDir: string, cwd: string): Promise<LoadedConfig> {
  const diagnostics: Diagnostic[] = []
  const realRoot = await realpath(contentDir).catch(() => contentDir)
  const read = async (name: string): Promise<SourceFile | undefined> => {
    const absolute = path.join(contentDir, name)
    // A settings file linked from outside content/ is not read, like a brief.
    const target = await realpath(absolute).catch(() => undefined)
    if (target !== undefined && !isInside(target, realRoot)) {
      diagnostics.push(diagnostic(displayPath(absolute, cwd), 'file/outside-content', undefined, {target}))
      return undefined
    }
    const result = await readSourceFile(absolute, cwd, configLimit)
    const missing = result.diagnostics.find((d) => d.rule === 'file/unreadable' && d.data.reason === errorReason('ENOENT'))
    if (missing) diagnostics.push(diagnostic(displayPath(absolute, cwd), 'file/missing-config', undefined, {name: `content/${name}`}))
    else appendAll(diagnostics, result.diagnostics)
    return result.source
  }
  const [site, regions] = await Promise.all([read('site.yml'), read('regions.yml')])
  return {...(site ? {site} : {}), ...(regions ? {regions} : {}), diagnostics}
}

export interface LoadedBriefs {
  /** Read, or (unchanged since `known` was made) perhaps never read: see UnreadFile. */
  readonly files: BriefFile[]
  readonly diagnostics: Diagnostic[]
  /** Each file read, by absolute path: pass back as `known` to skip unchanged files next time. */
  readonly known: Map<string, KnownFile>
  /** How many files were read now (the others were unchanged since `known`). */
  readonly read: number
}

/** Every brief under content/briefs/, in path order, read with bounded concurrency. */
export async function loadBriefs(
  contentDir: string,
  cwd: string,
  maxBytes: number,
  known: ReadonlyMap<string, KnownFile> = new Map(),
  /**
   * When the caller knows exactly which files changed since `known` was
   * read (serve's watcher, for edits to existing files), only those are
   * read; the folder is not walked and the other files are not even stat'ed.
   */
  changed?: ReadonlySet<string>
): Promise<LoadedBriefs> {
  if (changed !== undefined && known.size > 0) return reloadChanged(cwd, maxBytes, known, changed)
  const dir = path.join(contentDir, 'briefs')
  const walk = await findMarkdown(dir, contentDir, cwd)
  const diagnostics = [...walk.diagnostics]
  const files: BriefFile[] = []
  const read = new Map<string, KnownFile>()
  let count = 0
  // 64 open files at a time: fast on SSDs, far below any file-descriptor limit.
  for (let i = 0; i < walk.files.length; i += 64) {
    const batch = await Promise.all(walk.files.slice(i, i + 64).map((file) => readBriefFile(file, cwd, maxBytes, known.get(file))))
    for (const result of batch) {
      appendAll(diagnostics, result.diagnostics)
      if (result.read) count++
      if (result.source) {
        const source = placed(result.source, contentDir)
        files.push(source)
        if (result.stamp) read.set(source.path, {stamp: result.stamp, source})
      }
    }
  }
  return {files, diagnostics, known: read, read: count}
}

/** The files of `known`, with those in `changed` read again (an edit, not an addition or a removal). */
async function reloadChanged(cwd: string, maxBytes: number, known: ReadonlyMap<string, KnownFile>, changed: ReadonlySet<string>): Promise<LoadedBriefs> {
  const files: BriefFile[] = []
  const diagnostics: Diagnostic[] = []
  const read = new Map<string, KnownFile>()
  for (const [file, entry] of [...known].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!changed.has(file)) {
      files.push(entry.source)
      read.set(file, entry)
      continue
    }
    const result = await readBriefFile(file, cwd, maxBytes)
    appendAll(diagnostics, result.diagnostics)
    if (result.source) {
      // The file has not moved: its place in the content folder is the one read before.
      const {contentPath} = entry.source
      const source = contentPath === undefined ? result.source : {...result.source, contentPath}
      files.push(source)
      if (result.stamp) read.set(file, {stamp: result.stamp, source})
    }
  }
  return {files, diagnostics, known: read, read: changed.size}
}

/**
 * A brief with its path inside the content folder. A file read before
 * comes back as the same object (it has the path already), so what is
 * remembered by object (compile keys) stays remembered.
 */
function placed(source: BriefFile, contentDir: string): BriefFile {
  if (source.contentPath !== undefined) return source
  return {...source, contentPath: path.relative(contentDir, source.path).split(path.sep).join('/')}
}

/** The files listed as images, by extension (any case): what figures may show. */
const imageExtensions = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg'] as const
const imageExtensionSet: ReadonlySet<string> = new Set(imageExtensions)

/** Whether a file is one of the content folder's images, by its extension. */
export function isImageFile(file: string): boolean {
  return imageExtensionSet.has(path.extname(file).toLowerCase())
}

/** An image file of the content folder. */
export interface ContentImage {
  /** Its path inside the content folder, `/`-separated: what figures resolve to. */
  readonly path: string
  /** Its path as diagnostics show it (relative to the working directory). */
  readonly file: string
  /** Absolute path on disk, to read it (`readImage`). */
  readonly absolute: string
  /** Size and modification time when listed: an image whose stamp is unchanged is not read again (build/image-store.ts). */
  readonly stamp?: FileStamp
}

/** Every image file under the content folder (by extension, any case), in path order; links and hidden files are not listed. */
export async function listImages(contentDir: string, cwd: string): Promise<ContentImage[]> {
  const files = (await findFiles(contentDir)).filter(isImageFile)
  return Promise.all(
    files.map(async (file) => {
      const image = {path: path.relative(contentDir, file).split(path.sep).join('/'), file: displayPath(file, cwd), absolute: file}
      // A file that vanished or cannot be stated has no stamp: reading it will say why.
      const info = await stat(file).catch(() => undefined)
      return info ? {...image, stamp: stampOf(info)} : image
    })
  )
}

/** An image's bytes, or why they cannot be read (the system's words: "permission denied"). */
export async function readImage(image: ContentImage): Promise<{bytes: Uint8Array} | {reason: string}> {
  try {
    return {bytes: await readFile(image.absolute)}
  } catch (error) {
    return {reason: errorReason(errorCode(error))}
  }
}
