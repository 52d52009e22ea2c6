// The code of a failed system call (ENOENT, ENOSPC, EADDRINUSE ...), read
// the same way by every stage that explains such a failure: load/, write/,
// serve/ and cli/.

/** The system error code of a failed call, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}
