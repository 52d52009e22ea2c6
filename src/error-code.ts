// A failed system call's code (ENOENT, ENOSPC, EADDRINUSE ...): read the
// same way, and put into the same words, by every stage that explains such
// a failure (load/, write/, build/, serve/ and cli/). What to do about it
// differs by command, so the advice stays with each command.

/** The system error code of a failed call, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

/** The codes sitrep meets, in words; the others are named by their code. */
const words: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder should be',
  EISDIR: 'a folder stands where a file should be',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'an input/output error (the disk may be failing or disconnected)',
  EBUSY: 'the folder is busy (in use, or a mount point, which cannot be replaced by renaming)',
  EXDEV: 'the output is on another device than its parent folder (a mount point)',
  ENOMEM: 'out of memory'
}

/** The words for `code`, if sitrep has words for it. */
export function errorWords(code: string): string | undefined {
  return Object.hasOwn(words, code) ? words[code] : undefined
}

/** Why a call failed, in words: the code's words, else "system error CODE", else (no code) "unknown error". */
export function errorReason(code: string | undefined): string {
  if (code === undefined) return 'unknown error'
  return errorWords(code) ?? `system error ${code}`
}
