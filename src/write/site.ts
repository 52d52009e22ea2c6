// write/: the built site onto disk, atomically. Files go to a fresh
// temporary folder next to the output folder, which is then swapped in with
// renames: a build that fails or is killed leaves the previous output as it
// was. No path may leave the output folder, whatever a slug says.
import {copyFile, link, mkdir, readdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

export interface WriteFile {
  readonly path: string
  readonly contents: string | Uint8Array
}

export class UnsafePathError extends Error {}

/** The absolute target of a site path, or an error if it would escape `root`. */
export function safeJoin(root: string, sitePath: string): string {
  const parts = sitePath.split('/')
  if (sitePath === '' || path.isAbsolute(sitePath) || sitePath.includes('\\') || sitePath.includes('\0') || parts.some((part) => part === '..' || part === '.' || part === '')) {
    throw new UnsafePathError(`refusing to write outside the output folder: ${JSON.stringify(sitePath)}`)
  }
  const target = path.resolve(root, ...parts)
  if (!target.startsWith(root + path.sep)) throw new UnsafePathError(`refusing to write outside the output folder: ${JSON.stringify(sitePath)}`)
  return target
}

export interface WriteOptions {
  /**
   * Runs once every file is in the staging folder, before the swap: work on
   * the finished site (such as indexing it for search) whose failure must
   * leave the previous output untouched. Its error aborts the write.
   */
  readonly beforeSwap?: (stagingDir: string) => Promise<void>
  /**
   * Files of the previous output to keep as they are: hard-linked into the
   * staging folder (copied where links are not possible), never rewritten.
   */
  readonly reuse?: {readonly from: string; readonly paths: readonly string[]}
}

/** Write every file into `outDir`, replacing its previous contents in one swap. */
export async function writeSite(outDir: string, files: Iterable<WriteFile> | AsyncIterable<WriteFile>, options: WriteOptions = {}): Promise<void> {
  const staging = await openStaging(outDir)
  try {
    // Written as they come, 32 at a time: files need not all be in memory.
    let batch: Promise<void>[] = []
    for await (const file of files) {
      batch.push(staging.write(file))
      if (batch.length >= 32) {
        await Promise.all(batch)
        batch = []
      }
    }
    await Promise.all(batch)
    if (options.reuse) await staging.keep(options.reuse.from, options.reuse.paths)
    await staging.commit(options.beforeSwap)
  } catch (error) {
    await staging.abandon()
    throw error
  }
}

export interface Staging {
  /** The temporary folder the site is written to. */
  readonly dir: string
  write(file: WriteFile): Promise<void>
  /** Hard-link (or copy) files of the previous output instead of writing them again. */
  keep(from: string, paths: readonly string[]): Promise<void>
  /** Run `beforeSwap`, then swap the staging folder in for the output folder. */
  commit(beforeSwap?: (stagingDir: string) => Promise<void>): Promise<void>
  /** Remove the staging folder; the output folder is untouched. */
  abandon(): Promise<void>
}

/** A fresh staging folder next to `outDir`. */
export async function openStaging(outDir: string): Promise<Staging> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  const dir = path.join(parent, `.${base}.tmp-${stamp}`)
  const retired = path.join(parent, `.${base}.old-${stamp}`)
  await mkdir(parent, {recursive: true})
  await removeAbandoned(parent, base)
  await mkdir(dir)
  const made = new Set<string>([dir])
  const ensureDir = async (target: string) => {
    const folder = path.dirname(target)
    if (made.has(folder)) return
    await mkdir(folder, {recursive: true})
    made.add(folder)
  }
  return {
    dir,
    async write(file) {
      const target = safeJoin(dir, file.path)
      await ensureDir(target)
      await writeFile(target, file.contents)
    },
    async keep(from, paths) {
      for (let i = 0; i < paths.length; i += 64) {
        await Promise.all(
          paths.slice(i, i + 64).map(async (kept) => {
            const source = safeJoin(from, kept)
            const target = safeJoin(dir, kept)
            await ensureDir(target)
            await link(source, target).catch(() => copyFile(source, target))
          })
        )
      }
    },
    async commit(beforeSwap) {
      if (beforeSwap) await beforeSwap(dir)
      let hadPrevious = true
      try {
        await rename(outDir, retired)
      } catch (error) {
        if (!isMissing(error)) throw error
        hadPrevious = false
      }
      try {
        await rename(dir, outDir)
      } catch (error) {
        if (hadPrevious) await rename(retired, outDir)
        throw error
      }
      if (hadPrevious) await rm(retired, {recursive: true, force: true})
    },
    async abandon() {
      await rm(dir, {recursive: true, force: true})
    }
  }
}

/** Staging folders of builds that were killed: their process is gone, so nothing will finish them. */
async function removeAbandoned(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)-`)
  for (const name of await readdir(parent).catch(() => [])) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN)
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(path.join(parent, name), {recursive: true, force: true})
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
