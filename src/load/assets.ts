// load/ for static assets: every file under public/ (and the generator's own
// default stylesheet), read as bytes to be copied as they are.
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {findFiles} from './walk.js'

export interface Asset {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  readonly contents: Uint8Array
}

/** The sitrep package's root: the nearest folder above this module with a package.json (src/ in tests, lib/src/ when installed). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return dir
}

/** The package's own public/ folder: the default styles. */
export const defaultPublicDir = path.join(packageRoot(), 'public')

/** Files of the given folders; a later folder's file replaces an earlier one at the same path. */
export async function loadAssets(dirs: readonly string[]): Promise<Asset[]> {
  const byPath = new Map<string, Uint8Array>()
  for (const dir of dirs) {
    for (const file of await findFiles(dir)) {
      const relative = path.relative(dir, file).split(path.sep).join('/')
      byPath.set(relative, await readFile(file))
    }
  }
  return [...byPath].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, contents]) => ({path: p, contents}))
}
