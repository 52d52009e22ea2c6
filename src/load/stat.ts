// load/: when files last changed, for serve's check that a rebuild read
// each changed file after its last write (a file still being written when
// it was read is read again).
import {stat} from 'node:fs/promises'

/** Modification time in milliseconds of each path; missing files are left out. */
export async function modifiedTimes(paths: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  await Promise.all(
    paths.map(async (file) => {
      const info = await stat(file).catch(() => undefined)
      if (info) out.set(file, info.mtimeMs)
    })
  )
  return out
}
