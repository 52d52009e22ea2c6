// The generator's fingerprint: a hash of sitrep's own compiled code and
// templates, so any change to how briefs are parsed or rendered invalidates
// every cache entry made by the previous code.
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {packageRoot} from './assets.js'
import {findFiles} from './walk.js'

/** Bump when the cache's own format changes. */
export const cacheFormat = 1

export async function codeFingerprint(): Promise<string> {
  const root = packageRoot()
  const hash = createHash('sha256').update(`format ${cacheFormat}\n`)
  const pkg = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => '')
  hash.update(pkg)
  // Compiled code when installed (lib/); the sources when run from them (tests).
  const lib = path.join(root, 'lib')
  const dirs = (await findFiles(lib)).length > 0 ? [lib] : [path.join(root, 'src'), path.join(root, 'templates')]
  const files = (await Promise.all(dirs.map((dir) => findFiles(dir)))).flat().filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
  // Read all at once (one after another took ~25 ms of every run), hashed in their sorted order.
  const contents = await Promise.all(files.map((file) => readFile(file)))
  files.forEach((file, i) => {
    hash.update(path.relative(root, file)).update('\0').update(contents[i] ?? '').update('\0')
  })
  return hash.digest('hex').slice(0, 16)
}
