// write/: the built site onto disk, atomically. Files go to a fresh
// temporary folder next to the output folder. With nothing known of the
// output, that folder becomes the whole new output, swapped in with renames;
// when the files in the output are known (the previous build's manifest),
// only the changed files are staged and then moved in under a journal
// (write/update.ts). Either way a build that fails leaves the previous
// output as it was, and one killed midway is put right by the next build.
// No path may leave the output folder, whatever a slug says.
import {randomBytes} from 'node:crypto'
import path from 'node:path'
import {errorCode} from '../error-code.js'
import {attempt, defaultSiteFs, OutputError, outputFailure, safeJoin, type SiteFs} from './fs.js'
import {applyUpdate, parseJournal, rollForward} from './update.js'

export {attempt, defaultSiteFs, OutputError, outputFailure, safeJoin, UnsafePathError, type SiteFs} from './fs.js'

export interface WriteFile {
  readonly path: string
  readonly contents: string | Uint8Array
}

/** Create the folder the output sits in; a file in its place says ENOTDIR (mkdir alone says EEXIST). */
export async function makeParent(parent: string, fs: SiteFs = defaultSiteFs): Promise<void> {
  try {
    await fs.mkdir(parent, {recursive: true})
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw new OutputError("creating the output's parent folder", parent, 'ENOTDIR', {cause: error})
    throw outputFailure("creating the output's parent folder", parent, error)
  }
}


/**
 * Work on the finished staging folder before it goes live (the search
 * index): `locate` gives where a site path's file is now (staged, or kept
 * in the output). Returns the site paths it added to the staging folder.
 */
export type BeforeSwap = (stagingDir: string, locate: (sitePath: string) => string) => Promise<Iterable<string> | undefined>

export interface Staging {
  /** The temporary folder the site is written to. */
  readonly dir: string
  write(file: WriteFile): Promise<void>
  /** Keep files of the previous output as they are: linked (or copied) into a whole new folder, or, updating in place, left where they are. */
  keep(from: string, paths: readonly string[]): Promise<void>
  /** Run `beforeSwap`, then put the staging folder's files live: the whole folder swapped in, or, updating in place, each moved in. */
  commit(beforeSwap?: BeforeSwap): Promise<void>
  /** Remove the staging folder (best effort: what stays is removed by the next build); the output folder is untouched. */
  abandon(): Promise<void>
}

export interface StagingOptions {
  /**
   * Every file in the output folder now (site paths), when known: the
   * output is then updated in place (write/update.ts) instead of replaced,
   * and a file there that the new site lacks is removed. Default: unknown,
   * the staging folder becomes the whole new output.
   */
  readonly present?: Iterable<string>
}

/** A fresh staging folder next to `outDir`, once an interrupted swap or update is recovered. */
export async function openStaging(outDir: string, fs: SiteFs = defaultSiteFs, options: StagingOptions = {}): Promise<Staging> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  // Pid (whose liveness says whether the folder is abandoned), time (which
  // retired folder is newest), and a few random bytes (two in one millisecond).
  const stamp = `${process.pid}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
  const dir = path.join(parent, `.${base}.tmp-${stamp}`)
  const retired = path.join(parent, `.${base}.old-${stamp}`)
  const present = options.present === undefined ? undefined : new Set(options.present)
  // Site paths written to the staging folder, and (updating in place) those kept where they are.
  const staged = new Set<string>()
  const kept = new Set<string>()
  await makeParent(parent, fs)
  await recoverOutput(outDir, fs)
  await attempt('creating the temporary folder', dir, () => fs.mkdir(dir))
  // Errors name the file as it will be in the output: the staging folder's name means nothing to an analyst.
  const shown = (target: string) => path.join(outDir, path.relative(dir, target))
  const made = new Set<string>([dir])
  const ensureDir = async (target: string) => {
    const folder = path.dirname(target)
    if (made.has(folder)) return
    await attempt('creating the folder', shown(folder), () => fs.mkdir(folder, {recursive: true}))
    made.add(folder)
  }
  // Writes still running when the build fails: abandon waits for them, or
  // a folder created after the removal would bring the staging folder back.
  const running = new Set<Promise<unknown>>()
  let abandoned = false
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    if (abandoned) throw new Error('the staging folder was abandoned')
    const promise = work()
    running.add(promise)
    try {
      return await promise
    } finally {
      running.delete(promise)
    }
  }
  return {
    dir,
    write: (file) =>
      track(async () => {
        const target = safeJoin(dir, file.path)
        await ensureDir(target)
        await attempt('writing', shown(target), () => fs.writeFile(target, file.contents))
        staged.add(file.path)
      }),
    async keep(from, paths) {
      if (present !== undefined && from === outDir) {
        for (const file of paths) kept.add(file)
        return
      }
      for (let i = 0; i < paths.length; i += 64) {
        await Promise.all(
          paths.slice(i, i + 64).map((kept) =>
            track(async () => {
              const source = safeJoin(from, kept)
              const target = safeJoin(dir, kept)
              await ensureDir(target)
              await fs.link(source, target).catch(() => attempt('copying', shown(target), () => fs.copyFile(source, target)))
            })
          )
        )
      }
    },
    async commit(beforeSwap) {
      const locate = (sitePath: string) => (present !== undefined && !staged.has(sitePath) ? safeJoin(outDir, sitePath) : safeJoin(dir, sitePath))
      if (beforeSwap) for (const file of (await beforeSwap(dir, locate)) ?? []) staged.add(file)
      if (present !== undefined) {
        const update = {outDir, stagingDir: dir, present, staged: [...staged], kept}
        await track(() => applyUpdate({...update, journalFile: path.join(parent, `.${base}.apply-${stamp}.json`), backupDir: path.join(parent, `.${base}.bak-${stamp}`)}, fs))
        return
      }
      let hadPrevious = true
      try {
        await fs.rename(outDir, retired)
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw outputFailure('moving the previous output aside', outDir, error)
        hadPrevious = false
      }
      // A kill here leaves no output folder but a complete retired one: recoverOutput puts it back.
      try {
        await fs.rename(dir, outDir)
      } catch (error) {
        if (!hadPrevious) throw outputFailure('moving the new output into place', outDir, error)
        const restored = await fs.rename(retired, outDir).then(
          () => true,
          () => false
        )
        throw outputFailure('moving the new output into place', outDir, error, restored ? undefined : retired)
      }
      // The new output is in place: a retired folder that cannot be removed now is removed by the next build.
      if (hadPrevious) await fs.rm(retired, {recursive: true, force: true}).catch(() => undefined)
    },
    async abandon() {
      abandoned = true
      await Promise.allSettled([...running])
      await fs.rm(dir, {recursive: true, force: true}).catch(() => undefined)
    }
  }
}

export interface Recovery {
  /** The retired folder put back as the output, if a swap had been cut short. */
  readonly restored?: string
  /** The journal of an update in place that was cut short, and has now been finished. */
  readonly completed?: string
  /** Abandoned staging and retired folders removed. */
  readonly removed: number
}

/**
 * Clean up after builds that were killed, before anything else touches the
 * output. A build killed between the swap's two renames leaves no output
 * folder but a complete retired one (`.<out>.old-<pid>-...`): that is the
 * last good site, so it is renamed back (the newest, if several) before any
 * other folder of a dead process is removed. Cheap (one listing) when there
 * is nothing to do; folders of live processes are never touched.
 */
export async function recoverOutput(outDir: string, fs: SiteFs = defaultSiteFs): Promise<Recovery> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old|bak|apply)-(\\d+)-([0-9a-z]+)`)
  const abandoned: {name: string; kind: string; time: number}[] = []
  for (const name of await fs.readdir(parent).catch(() => [])) {
    const match = pattern.exec(name)
    const pid = Number(match?.[2] ?? NaN)
    if (match && Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) abandoned.push({name, kind: match[1] ?? '', time: parseInt(match[3] ?? '0', 36)})
  }
  if (abandoned.length === 0) return {removed: 0}
  // An update in place cut short: finished from its journal (whole, or it was never started), before its staging folder goes.
  let completed: string | undefined
  for (const entry of abandoned.filter((item) => item.kind === 'apply' && item.name.endsWith('.json')).sort((a, b) => a.time - b.time)) {
    const file = path.join(parent, entry.name)
    const journal = parseJournal(await fs.readFile(file, 'utf8').catch(() => ''))
    if (journal !== undefined) {
      await attempt('finishing the update cut short, from', file, () => rollForward(outDir, file, journal, fs))
      completed = file
    }
  }
  let restored: string | undefined
  const missing = await fs.stat(outDir).then(
    () => false,
    (error: unknown) => errorCode(error) === 'ENOENT'
  )
  const retired = abandoned.filter((entry) => entry.kind === 'old').sort((a, b) => b.time - a.time)[0]
  if (missing && retired) {
    const from = path.join(parent, retired.name)
    await attempt('restoring the previous output from', from, () => fs.rename(from, outDir))
    restored = from
  }
  let removed = 0
  for (const entry of abandoned) {
    if (path.join(parent, entry.name) === restored) continue
    // Best effort: a folder that will not go now is tried again next build.
    if (await fs.rm(path.join(parent, entry.name), {recursive: true, force: true}).then(() => true, () => false)) removed++
  }
  return {...(restored === undefined ? {} : {restored}), ...(completed === undefined ? {} : {completed}), removed}
}

/** Whether a process is running (EPERM: it is, but someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}
