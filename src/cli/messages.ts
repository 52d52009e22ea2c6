// cli/: what every command says about the file system: what to do about
// a system error (its words are error-code.ts's), and the warning for a cache that cannot be
// written (paths are shown by src/paths.ts). Shared by build and check
// (check must not load the writer, so not from build.ts).
import {defaultCacheDir} from '../build/builder.js'
import type {CacheFailure} from '../build/cache.js'
import {errorReason} from '../error-code.js'
import {displayPath} from '../paths.js'

/**
 * What the analyst can do about each system error while building (the
 * words for the error itself are error-code.ts's). ENOENT here means a
 * folder sitrep had just made or read went away.
 */
export const buildAdvice: Readonly<Record<string, string>> = {
  ENOSPC: 'Free some space on that disk, or build onto another one with --out',
  EDQUOT: 'Free some space within your quota, or build elsewhere with --out',
  EACCES: 'Make that folder writable for this user (the output and its temporary folder are made next to each other), or build elsewhere with --out',
  EPERM: 'Make that folder writable for this user (the output and its temporary folder are made next to each other), or build elsewhere with --out',
  EROFS: 'Build into a writable folder with --out',
  ENOTDIR: 'Check the path given to --out: every part of it above the output must be a folder',
  EISDIR: 'Remove that folder, or build elsewhere with --out',
  ENAMETOOLONG: 'Build into a folder with a shorter path with --out',
  ELOOP: 'Check the symbolic links on the path given to --out',
  EMFILE: 'Raise the limit on open files (ulimit -n), then try again',
  ENFILE: 'Close some programs, then try again',
  EIO: 'Check the disk, then try again',
  EBUSY: 'Close what uses it; if --out is a mount point, build into a folder inside it',
  EXDEV: 'Build into a folder inside the mount point with --out',
  ENOENT: 'Check that nothing else deletes folders next to the output, then try again',
  ENOMEM: 'Close some programs, then try again'
}

/** The cache could not be written: why, what it costs (`consequence`), what to do. `check` says it too. */
export function cacheWarning(cwd: string, failure: CacheFailure, consequence: string, command = 'build'): string {
  return `sitrep ${command}: warning: cannot write the cache: ${errorReason(failure.code)} (${failure.code}), writing ${displayPath(failure.path, cwd)}.\n${consequence} Remove ${defaultCacheDir}/ or make it writable to make sitrep fast again.\n`
}
