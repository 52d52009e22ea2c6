// Paths on disk, two questions every stage asks: is this path inside that
// folder (load/ for links out of the content, serve/ for what a change
// touches, write/ and cli/ for where the output may go), and how is a path
// shown to the analyst (diagnostics and every command's messages).
// Top-level and free of imports from sitrep, so any module may use it
// without a cycle, and `sitrep check` loads nothing of the writer with it.
// Symbolic links are the callers' business: resolve them first if they
// matter (load/ does, with realpath).
import path from 'node:path'

/**
 * Whether `target` is `root` or inside it. A folder counts as inside itself:
 * every caller asks "may this path be touched as part of `root`?", and root
 * is. Compared by `path.relative`, so `..` segments and trailing separators
 * do not matter, `/a/bc` is not inside `/a/b`, and on Windows another drive
 * (or case) is judged as the system would.
 */
export function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}

export interface DisplayOptions {
  /**
   * The path is a folder: shown with a trailing `/`, so "→ public/" reads
   * as a place (default false: a file, or a path whose kind is unknown).
   */
  readonly folder?: boolean
}

/**
 * A path as the analyst sees it: relative to where they stand (`cwd`),
 * `/`-separated, `.` for `cwd` itself; a path outside `cwd` is shown whole
 * (absolute), since `../../../tmp/site` says less than `/tmp/site`.
 */
export function displayPath(target: string, cwd: string, options: DisplayOptions = {}): string {
  if (!isInside(target, cwd)) {
    return options.folder === true && !target.endsWith(path.sep) && !target.endsWith('/') ? `${target}/` : target
  }
  const relative = path.relative(cwd, target)
  if (relative === '') return '.'
  const shown = relative.split(path.sep).join('/')
  return options.folder === true ? `${shown}/` : shown
}
