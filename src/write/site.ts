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
export async function writeSite(outDir: string, files: readonly WriteFile[], options: WriteOptions = {}): Promise<void> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const staging = path.join(parent, `.${base}.tmp-${process.pid}-${Date.now().toString(36)}`)
  const retired = path.join(parent, `.${base}.old-${process.pid}-${Date.now().toString(36)}`)
  await mkdir(parent, {recursive: true})
  await removeAbandoned(parent, base)
  try {
    await mkdir(staging)
    const dirs = new Set<string>()
    for (const file of files) dirs.add(path.dirname(safeJoin(staging, file.path)))
    for (const kept of options.reuse?.paths ?? []) dirs.add(path.dirname(safeJoin(staging, kept)))
    for (const dir of [...dirs].sort()) await mkdir(dir, {recursive: true})
    // Bounded parallel writes: fast, without exhausting file descriptors.
    for (let i = 0; i < files.length; i += 64) {
      await Promise.all(files.slice(i, i + 64).map((file) => writeFile(safeJoin(staging, file.path), file.contents)))
    }
    const reuse = options.reuse
    if (reuse) {
      for (let i = 0; i < reuse.paths.length; i += 64) {
        await Promise.all(
          reuse.paths.slice(i, i + 64).map(async (kept) => {
            const from = safeJoin(reuse.from, kept)
            const to = safeJoin(staging, kept)
            await link(from, to).catch(() => copyFile(from, to))
          })
        )
      }
    }
    if (options.beforeSwap) await options.beforeSwap(staging)
    let hadPrevious = true
    try {
      await rename(outDir, retired)
    } catch (error) {
      if (!isMissing(error)) throw error
      hadPrevious = false
    }
    try {
      await rename(staging, outDir)
    } catch (error) {
      if (hadPrevious) await rename(retired, outDir)
      throw error
    }
    if (hadPrevious) await rm(retired, {recursive: true, force: true})
  } catch (error) {
    await rm(staging, {recursive: true, force: true})
    throw error
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
