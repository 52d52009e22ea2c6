// serve/: watching folders for changes, batched: events arriving within a
// short quiet period (an editor's save is several events; a `git checkout`
// is hundreds) become one batch, so one rebuild follows one save.
//
// Built on Node's fs.watch, one watcher per folder, because every event
// names the entry it is about: a save costs one lstat of that file. chokidar
// (used before) re-listed and lstat'ed the whole folder on each save, ~40 ms
// of the main thread with 1,000 briefs in one folder, in the middle of the rebuild
// the save had started; and it dropped a second save within 50 ms.
import {watch, type FSWatcher} from 'node:fs'
import {lstat, readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {errorCode} from '../error-code.js'

export type ChangeKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'

export interface Change {
  readonly kind: ChangeKind
  /** Absolute path. */
  readonly path: string
}

export interface WatchOptions {
  readonly paths: readonly string[]
  /**
   * Quiet period before a batch is delivered, in milliseconds. Default 10:
   * an editor's save (write, or write a copy and rename it) comes within a
   * millisecond or two, and every millisecond here is one an analyst waits.
   */
  readonly debounceMs?: number
  readonly onChange: (changes: readonly Change[]) => void
  readonly onError?: (error: Error) => void
}

export interface Watcher {
  close(): Promise<void>
}

/** What is known of an entry: a folder, or a file and what its lstat said (a save changes it). */
type Entry = {readonly kind: 'dir'} | {readonly kind: 'file'; readonly stamp: string}

/** Starts watching; resolves once the initial scan is done, so no later change is missed. */
export async function watchFiles(options: WatchOptions): Promise<Watcher> {
  const roots = [...new Set(options.paths.map((dir) => path.resolve(dir)))]
  const debounceMs = options.debounceMs ?? 10
  const known = new Map<string, Entry>()
  const watchers = new Map<string, FSWatcher>()
  const pending = new Map<string, ChangeKind>()
  // Each path's checks run one after another, so a later lstat never loses to an earlier one.
  const checking = new Map<string, Promise<void>>()
  let timer: NodeJS.Timeout | undefined
  let closed = false

  const fail = (error: unknown) => {
    if (!closed) options.onError?.(error instanceof Error ? error : new Error(String(error)))
  }

  const flush = () => {
    timer = undefined
    if (closed || pending.size === 0) return
    const batch = [...pending].map(([file, kind]) => ({kind, path: file}))
    pending.clear()
    options.onChange(batch)
  }

  const report = (file: string, kind: ChangeKind) => {
    const merged = merge(pending.get(file), kind)
    if (merged === undefined) pending.delete(file)
    else pending.set(file, merged)
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(flush, debounceMs)
  }

  /** Watch one folder (not its subfolders: each has its own watcher). */
  const watchDir = (dir: string) => {
    if (closed || watchers.has(dir)) return
    try {
      const watcher = watch(dir, {persistent: true}, (_event, name) => {
        // No name (some platforms, an overflowed queue): look at the whole folder again.
        if (name === null) void queueCheck(dir)
        else if (!isScratch(name)) void queueCheck(path.join(dir, name))
      })
      watcher.on('error', (error) => {
        // A watched folder that was removed ends its watcher; its removal is reported by its parent's.
        unwatch(dir)
        if (!isGone(error)) fail(error)
      })
      watchers.set(dir, watcher)
    } catch (error) {
      // ENOSPC here is the system's limit on watches (fs.inotify.max_user_watches).
      if (!isGone(error)) fail(error)
    }
  }

  const unwatch = (dir: string) => {
    watchers.get(dir)?.close()
    watchers.delete(dir)
  }

  /** Everything under `dir`: found at the start quietly, else reported as added. */
  const scan = async (dir: string, quiet: boolean): Promise<void> => {
    watchDir(dir)
    let entries
    try {
      entries = await readdir(dir, {withFileTypes: true})
    } catch (error) {
      if (!isGone(error)) fail(error)
      return
    }
    // Links are not content (the loaders do not follow them either).
    const found = entries.filter((entry) => !isScratch(entry.name) && (entry.isDirectory() || entry.isFile()))
    await Promise.all(
      found.map((entry) => {
        const full = path.join(dir, entry.name)
        return quiet ? look(full, true) : queueCheck(full)
      })
    )
  }

  const queueCheck = (file: string): Promise<void> => {
    const next = (checking.get(file) ?? Promise.resolve()).then(() => look(file, false)).catch(fail)
    checking.set(file, next)
    void next.then(() => {
      if (checking.get(file) === next) checking.delete(file)
    })
    return next
  }

  /** What `file` is now, compared with what was known of it. */
  const look = async (file: string, quiet: boolean): Promise<void> => {
    if (closed) return
    // Links inside are not content; a root that is a link to a folder is that folder.
    const info = await (roots.includes(file) ? stat : lstat)(file).catch((error: unknown) => {
      if (isGone(error)) return undefined
      throw error
    })
    const before = known.get(file)
    const now: Entry | undefined = info?.isDirectory()
      ? {kind: 'dir'}
      : info?.isFile()
        ? {kind: 'file', stamp: `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`}
        : undefined
    if (before?.kind === 'file' && now?.kind === 'file') {
      if (before.stamp === now.stamp) return // a second event of the same save
      known.set(file, now)
      if (!quiet) report(file, 'change')
      return
    }
    if (before?.kind === 'dir' && now?.kind === 'dir') {
      // Its own watcher reports what happens inside; a new one (the folder was replaced) starts with a scan.
      if (!watchers.has(file)) await scan(file, quiet)
      return
    }
    if (before) forget(file, quiet)
    if (now?.kind === 'file') {
      known.set(file, now)
      if (!quiet) report(file, 'add')
    } else if (now?.kind === 'dir') {
      known.set(file, now)
      if (!quiet) report(file, 'addDir')
      await scan(file, quiet)
    }
  }

  /** An entry gone: a file, or a folder and everything known under it. */
  const forget = (file: string, quiet: boolean) => {
    const entry = known.get(file)
    known.delete(file)
    if (entry?.kind === 'dir') {
      unwatch(file)
      const prefix = file + path.sep
      for (const [inner, innerEntry] of [...known]) {
        if (!inner.startsWith(prefix)) continue
        known.delete(inner)
        if (innerEntry.kind === 'dir') unwatch(inner)
        if (!quiet) report(inner, innerEntry.kind === 'dir' ? 'unlinkDir' : 'unlink')
      }
    }
    if (!quiet && entry) report(file, entry.kind === 'dir' ? 'unlinkDir' : 'unlink')
  }

  // A root that is missing (a project without public/, say) is waited for:
  // its parent folder is watched for that one name.
  const parentsOfMissing = new Map<string, FSWatcher>()
  await Promise.all(
    roots.map(async (root) => {
      // A root may be a link to a folder (content/ kept elsewhere): followed, as the loaders follow it.
      const info = await stat(root).catch(() => undefined)
      if (info?.isDirectory()) {
        known.set(root, {kind: 'dir'})
        await scan(root, true)
        return
      }
      try {
        const parent = watch(path.dirname(root), {persistent: true}, (_event, name) => {
          if (name !== path.basename(root)) return
          void lstat(root).then(
            (now) => {
              if (!now.isDirectory() || known.has(root)) return
              known.set(root, {kind: 'dir'})
              report(root, 'addDir')
              return scan(root, false)
            },
            () => undefined
          )
        })
        parent.on('error', () => {
          parent.close()
        })
        parentsOfMissing.set(root, parent)
      } catch {
        // Its parent is missing too: nothing to watch there.
      }
    })
  )

  return {
    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      for (const watcher of [...watchers.values(), ...parentsOfMissing.values()]) watcher.close()
      watchers.clear()
      parentsOfMissing.clear()
      return Promise.resolve()
    }
  }
}

/**
 * Two events of one path within a batch as one: a file replaced (removed,
 * then written again, as editors save) is a change; one that came and went
 * is nothing.
 */
function merge(before: ChangeKind | undefined, now: ChangeKind): ChangeKind | undefined {
  if (before === undefined) return now
  if (before === 'unlink' && (now === 'add' || now === 'change')) return 'change'
  if (before === 'add' && now === 'unlink') return undefined
  if (before === 'addDir' && now === 'unlinkDir') return undefined
  if (before === 'add' && now === 'change') return 'add'
  return now
}

function isGone(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** Names the loaders skip too (dotfiles), plus editors' temporary files (vim's probe file is "4913"). */
function isScratch(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(sw[a-p]|tmp|bak)$/i.test(name) || name === '4913' || name.startsWith('#')
}
