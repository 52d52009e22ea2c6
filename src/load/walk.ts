// load/: listing every regular file under a folder (not following links out
// of it), for assets and for the cache of watched files.
import {readdir} from 'node:fs/promises'
import path from 'node:path'

export async function findFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (current: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(current, {withFileTypes: true})
    } catch {
      return // A missing folder simply has no files.
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) out.push(full)
    }
  }
  await walk(dir)
  return out
}
