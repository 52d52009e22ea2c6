// serve/: watching folders for changes (chokidar), batched: events arriving
// within a short quiet period (an editor's save is several events; a `git
// checkout` is hundreds) become one batch, so one rebuild follows one save.
import path from 'node:path'
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
  watcher.on('all', (event, file) => {
    if (closed || !isChangeKind(event)) return
    pending.set(path.resolve(file), event)
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(flush, debounceMs)
  })
  watcher.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))))
  await new Promise<void>((resolve) => watcher.once('ready', resolve))

  return {
    async close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      await watcher.close()
    }
  }
}

const kinds: ReadonlySet<string> = new Set<ChangeKind>(['add', 'change', 'unlink', 'addDir', 'unlinkDir'])

function isChangeKind(event: string): event is ChangeKind {
  return kinds.has(event)
}

/** Names the loaders skip too (dotfiles), plus editors' temporary files (vim's probe file is "4913"). */
function isScratch(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(sw[a-p]|tmp|bak)$/i.test(name) || name === '4913' || name.startsWith('#')
}
