// The generator's fingerprint: a hash of sitrep's own compiled code and
// templates, so any change to how briefs are parsed or rendered invalidates
// every cache entry made by the previous code.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {contentKey} from '../content-key.js'
import {packageRoot} from './assets.js'
import {findFiles} from './walk.js'

/** Bump when the cache's own format changes. */
export const cacheFormat = 1

export async function codeFingerprint(): Promise<string> {
  const root = packageRoot()
  const pkg = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => '')
  // Compiled code when installed (lib/); the sources when run from them (tests).
  const lib = path.join(root, 'lib')
  const dirs = (await findFiles(lib)).length > 0 ? [lib] : [path.join(root, 'src'), path.join(root, 'templates')]
  const files = (await Promise.all(dirs.map((dir) => findFiles(dir)))).flat().filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
  // Read all at once (one after another took ~25 ms of every run), hashed in their sorted order.
  const contents = await Promise.all(files.map((file) => readFile(file)))
  function* parts(): Generator<string | Uint8Array> {
    yield `format ${cacheFormat}`
    yield pkg
    for (const [i, file] of files.entries()) {
      yield path.relative(root, file)
      yield contents[i] ?? ''
    }
  }
  return contentKey(parts(), 16)
}
