// write/: updating an output folder in place. The files a build changed are
// staged first (write/site.ts's staging folder); once all of them are there,
// a journal naming every file to move in and to remove is written next to
// the output, and only then is the output touched: each replaced or removed
// file is moved into a backup folder, each staged file renamed into place.
// A failure rolls every step back; a kill leaves the journal, and the next
// build finishes the update from it before anything else (roll forward: the
// staged files are complete before the journal exists).
//
// Why not swap in a whole new folder every time: a folder of 1,000 briefs is
// ~1,100 folders and ~2,500 files. Linking them into a new folder and
// deleting the old one took ~1.1 s of a 2.5 s build that changed 16 files.
import path from 'node:path'
import {errorCode} from '../error-code.js'
import {attempt, outputFailure, safeJoin, type SiteFs} from './fs.js'

/** What a journal says: written before the output is touched, removed once the update is done. */
export interface Journal {
  /** The staging folder's name (next to the output), holding the files to move in. */
  readonly staging: string
  /** The backup folder's name, where replaced and removed files go until the update is done. */
  readonly backup: string
  /** Site paths moved from the staging folder into the output, replacing what is there. */
  readonly moved: readonly string[]
  /** Site paths of the output removed (no longer part of the site). */
  readonly removed: readonly string[]
}

export interface UpdatePlan {
  readonly outDir: string
  /** The staging folder (its files are at their site paths inside it). */
  readonly stagingDir: string
  /** Where the journal goes, and the backup folder (both next to the output). */
  readonly journalFile: string
  readonly backupDir: string
  /** Every file of the output before the update (site paths). */
  readonly present: ReadonlySet<string>
  /** Staged files, to move in. */
  readonly staged: readonly string[]
  /** Files of the output the new site keeps as they are. */
  readonly kept: ReadonlySet<string>
}

/** The journal of an update: staged files move in, the output's files that the new site lacks go. */
export function journalOf(plan: UpdatePlan): Journal {
  const incoming = new Set(plan.staged)
  const removed = [...plan.present].filter((file) => !incoming.has(file) && !plan.kept.has(file)).sort()
  return {staging: path.basename(plan.stagingDir), backup: path.basename(plan.backupDir), moved: [...plan.staged].sort(), removed}
}

/** Carry out an update; on failure every step is undone and the output is as it was. */
export async function applyUpdate(plan: UpdatePlan, fs: SiteFs): Promise<void> {
  const journal = journalOf(plan)
  const {outDir, stagingDir, backupDir} = plan
  await writeJournal(plan.journalFile, journal, fs)
  // Each step done, to undo them in reverse order on failure.
  const backedUp: string[] = []
  const movedIn: string[] = []
  try {
    for (const file of [...journal.removed, ...journal.moved.filter((file) => plan.present.has(file))]) {
      await moveFile(safeJoin(outDir, file), safeJoin(backupDir, file), fs, 'moving aside', outDir)
      backedUp.push(file)
    }
    // A folder emptied by the removals may be where a file now goes.
    await removeEmptyFolders(outDir, journal.removed, fs)
    for (const file of journal.moved) {
      await moveFile(safeJoin(stagingDir, file), safeJoin(outDir, file), fs, 'moving into place', outDir)
      movedIn.push(file)
    }
  } catch (error) {
    // Undo in reverse: the new files back to staging, the old ones back in place.
    for (const file of movedIn.reverse()) await fs.rename(safeJoin(outDir, file), safeJoin(stagingDir, file)).catch(() => undefined)
    // Folders made for files moved in, or about to be, are empty again.
    await removeEmptyFolders(outDir, journal.moved, fs)
    for (const file of backedUp.reverse()) await moveFile(safeJoin(backupDir, file), safeJoin(outDir, file), fs, 'putting back', outDir).catch(() => undefined)
    await fs.rm(backupDir, {recursive: true, force: true}).catch(() => undefined)
    await fs.rm(plan.journalFile, {recursive: false, force: true}).catch(() => undefined)
    throw outputFailure('updating the output', outDir, error)
  }
  await finish(plan.journalFile, stagingDir, backupDir, fs)
}

/**
 * Finish an update a killed build left half done, from its journal. Each
 * step is checked against what is on disk, so it does not matter where the
 * kill struck, nor how often recovery itself is cut short.
 */
export async function rollForward(outDir: string, journalFile: string, journal: Journal, fs: SiteFs): Promise<void> {
  const parent = path.dirname(outDir)
  const stagingDir = path.join(parent, journal.staging)
  const backupDir = path.join(parent, journal.backup)
  const exists = (target: string) => fs.stat(target).then(() => true, () => false)
  for (const file of journal.removed) {
    // Every removed path was a file; a folder there now holds files already moved in (`x` became `x/index.html`), and is kept.
    await fs.rm(safeJoin(outDir, file), {recursive: false, force: true}).catch((error: unknown) => {
      if (!['ERR_FS_EISDIR', 'EISDIR', 'ENOTDIR'].includes(errorCode(error) ?? '')) throw error
    })
  }
  await removeEmptyFolders(outDir, journal.removed, fs)
  for (const file of journal.moved) {
    // Still staged: not moved in yet, so what the output has there is the old file.
    if (await exists(safeJoin(stagingDir, file))) await moveFile(safeJoin(stagingDir, file), safeJoin(outDir, file), fs, 'moving into place', outDir)
  }
  await finish(journalFile, stagingDir, backupDir, fs)
}

/** Read a journal file; undefined if it is not one (then nothing of the output was touched: it is written before). */
export function parseJournal(text: string): Journal | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const {staging, backup, moved, removed} = value as Record<string, unknown>
  const names = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string')
  if (typeof staging !== 'string' || typeof backup !== 'string' || !names(moved) || !names(removed)) return undefined
  // Only folders next to the output: a journal never names a path elsewhere.
  if ([staging, backup].some((name) => name.includes('/') || name.includes('\\') || !name.startsWith('.'))) return undefined
  return {staging, backup, moved, removed}
}

async function writeJournal(file: string, journal: Journal, fs: SiteFs): Promise<void> {
  // Written under another name, then renamed: a journal is whole or absent.
  const partial = `${file}.partial`
  try {
    await attempt('writing the update journal', file, () => fs.writeFile(partial, `${JSON.stringify(journal)}\n`))
    await attempt('writing the update journal', file, () => fs.rename(partial, file))
  } catch (error) {
    await fs.rm(partial, {recursive: false, force: true}).catch(() => undefined)
    throw error
  }
}

/** The journal goes first (the update is done), then the staging and backup folders, best effort: the next build removes what stays. */
async function finish(journalFile: string, stagingDir: string, backupDir: string, fs: SiteFs): Promise<void> {
  await attempt('removing the update journal', journalFile, () => fs.rm(journalFile, {recursive: false, force: true}))
  await Promise.all([stagingDir, backupDir].map((dir) => fs.rm(dir, {recursive: true, force: true}).catch(() => undefined)))
}

async function moveFile(from: string, to: string, fs: SiteFs, action: string, outDir: string): Promise<void> {
  const shown = to.startsWith(outDir + path.sep) ? to : from
  await attempt(action, shown, async () => {
    try {
      await fs.rename(from, to)
    } catch (error) {
      // Its folder does not exist yet (a new brief's), or a file stands where it goes.
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw error
      await fs.mkdir(path.dirname(to), {recursive: true})
      await fs.rename(from, to)
    }
  })
}

/** Remove the folders of removed files that are now empty, deepest first, up to (not including) the output folder. */
async function removeEmptyFolders(outDir: string, removed: readonly string[], fs: SiteFs): Promise<void> {
  const folders = new Set<string>()
  for (const file of removed) {
    const parts = file.split('/')
    for (let depth = parts.length - 1; depth > 0; depth--) folders.add(parts.slice(0, depth).join('/'))
  }
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1))
  for (const folder of deepestFirst) {
    const target = safeJoin(outDir, folder)
    const entries = await fs.readdir(target).catch(() => undefined)
    if (entries?.length === 0) await fs.rm(target, {recursive: true, force: true}).catch(() => undefined)
  }
}
