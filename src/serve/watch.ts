// serve/: watching folders for changes (chokidar), batched: events arriving
// within a short quiet period (an editor's save is several events; a `git
// checkout` is hundreds) become one batch, so one rebuild follows one save.
import path from 'node:path'
import {modifiedTimes} from '../load/stat.js'
import {watch, type FSWatcher} from 'chokidar'

export type ChangeKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'

export interface Change {
  readonly kind: ChangeKind
  /** Absolute path. */
  readonly path: string
}

export interface WatchOptions {
  readonly paths: readonly string[]
  /** Quiet period before a batch is delivered, in milliseconds (default 30). */
  readonly debounceMs?: number
  readonly onChange: (changes: readonly Change[]) => void
  readonly onError?: (error: Error) => void
}

export interface Watcher {
  close(): Promise<void>
}

/** Starts watching; resolves once the initial scan is done, so no later change is missed. */
export async function watchFiles(options: WatchOptions): Promise<Watcher> {
  const roots = new Set(options.paths.map((dir) => path.resolve(dir)))
  const debounceMs = options.debounceMs ?? 30
  const pending = new Map<string, ChangeKind>()
  let timer: NodeJS.Timeout | undefined
  let closed = false

  const flush = () => {
    timer = undefined
    if (closed || pending.size === 0) return
    const batch = [...pending].map(([file, kind]) => ({kind, path: file}))
    pending.clear()
    options.onChange(batch)
  }

  const watcher: FSWatcher = watch([...roots], {
    ignoreInitial: true,
    // Editors' swap, backup and lock files, and hidden folders such as .git, are never content.
    ignored: (file: string) => !roots.has(path.resolve(file)) && isScratch(path.basename(file))
  })
  const add = (file: string, kind: ChangeKind) => {
    pending.set(file, kind)
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(flush, debounceMs)
  }
  // chokidar drops a second 'change' of a file within 50 ms of the first
  // (its change throttle), so a quick second save would never be seen. After
  // each change, look again once that window has passed.
  const followUps = new Map<string, NodeJS.Timeout>()
  const followUp = (file: string) => {
    clearTimeout(followUps.get(file))
    followUps.set(
      file,
      setTimeout(() => {
        followUps.delete(file)
        void modifiedTimes([file]).then((times) => {
          const now = times.get(file)
          if (closed || now === undefined || now === seen.get(file)) return
          seen.set(file, now)
          add(file, 'change')
        })
      }, throttleWindowMs)
    )
  }
  const seen = new Map<string, number>()
  watcher.on('all', (event, file) => {
    if (closed || !isChangeKind(event)) return
    const absolute = path.resolve(file)
    add(absolute, event)
    if (event === 'change' || event === 'add') {
      void modifiedTimes([absolute]).then((times) => {
        const at = times.get(absolute)
        if (at !== undefined) seen.set(absolute, at)
        followUp(absolute)
      })
    }
  })
  watcher.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))))
  await new Promise<void>((resolve) => watcher.once('ready', resolve))

  return {
    async close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      for (const pendingFollowUp of followUps.values()) clearTimeout(pendingFollowUp)
      await watcher.close()
    }
  }
}

/** chokidar's change throttle is 50 ms; look again just after it. */
const throttleWindowMs = 60

const kinds: ReadonlySet<string> = new Set<ChangeKind>(['add', 'change', 'unlink', 'addDir', 'unlinkDir'])

function isChangeKind(event: string): event is ChangeKind {
  return kinds.has(event)
}

/** Names the loaders skip too (dotfiles), plus editors' temporary files (vim's probe file is "4913"). */
function isScratch(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(sw[a-p]|tmp|bak)$/i.test(name) || name === '4913' || name.startsWith('#')
}
