// cli/: what every command says about the file system: the system's error
// codes in words with advice, and the warning for a cache that cannot be
// written (paths are shown by src/paths.ts). Shared by build and check
// (check must not load the writer, so not from build.ts).
import {defaultCacheDir} from '../build/builder.js'
import type {CacheFailure} from '../build/cache.js'
import {displayPath} from '../paths.js'

/** The system's error codes in words, and what the analyst can do about each. */
export const reasons: Record<string, {readonly reason: string; readonly advice: string}> = {
  ENOSPC: {reason: 'no space left on the device', advice: 'Free some space on that disk, or build onto another one with --out'},
  EDQUOT: {reason: 'the disk quota is exhausted', advice: 'Free some space within your quota, or build elsewhere with --out'},
  EACCES: {reason: 'permission denied', advice: 'Make that folder writable for this user (the output and its temporary folder are made next to each other), or build elsewhere with --out'},
  EPERM: {reason: 'operation not permitted', advice: 'Make that folder writable for this user (the output and its temporary folder are made next to each other), or build elsewhere with --out'},
  EROFS: {reason: 'the file system is read-only', advice: 'Build into a writable folder with --out'},
  ENOTDIR: {reason: 'a file stands where a folder should be', advice: 'Check the path given to --out: every part of it above the output must be a folder'},
  EISDIR: {reason: 'a folder stands where a file should be', advice: 'Remove that folder, or build elsewhere with --out'},
  ENAMETOOLONG: {reason: 'the path is too long', advice: 'Build into a folder with a shorter path with --out'},
  ELOOP: {reason: 'too many symbolic links in the path', advice: 'Check the symbolic links on the path given to --out'},
  EMFILE: {reason: 'too many open files', advice: 'Raise the limit on open files (ulimit -n), then try again'},
  ENFILE: {reason: 'too many open files on the system', advice: 'Close some programs, then try again'},
  EIO: {reason: 'an input/output error (the disk may be failing or disconnected)', advice: 'Check the disk, then try again'},
  EBUSY: {reason: 'the folder is busy (in use, or a mount point, which cannot be replaced by renaming)', advice: 'Close what uses it; if --out is a mount point, build into a folder inside it'},
  EXDEV: {reason: 'the output is on another device than its parent folder (a mount point)', advice: 'Build into a folder inside the mount point with --out'},
  ENOENT: {reason: 'a folder on the way disappeared', advice: 'Check that nothing else deletes folders next to the output, then try again'},
  ENOMEM: {reason: 'out of memory', advice: 'Close some programs, then try again'}
}

/** The cache could not be written: why, what it costs (`consequence`), what to do. `check` says it too. */
export function cacheWarning(cwd: string, failure: CacheFailure, consequence: string, command = 'build'): string {
  const reason = reasons[failure.code]?.reason ?? `system error ${failure.code}`
  return `sitrep ${command}: warning: cannot write the cache: ${reason} (${failure.code}), writing ${displayPath(failure.path, cwd)}.\n${consequence} Remove ${defaultCacheDir}/ or make it writable to make sitrep fast again.\n`
}
