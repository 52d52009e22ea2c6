// Test helper: every file of a folder with its bytes, to compare builds.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {findFiles} from '../../src/load/walk.js'

export async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const file of await findFiles(dir)) out.set(path.relative(dir, file), (await readFile(file)).toString('base64'))
  return out
}
