// What the CLI needs of its process, passed in so commands are testable
// without spawning: arguments, working directory, streams, environment.

export interface Writable {
  write(text: string): unknown
  readonly isTTY?: boolean
}

export interface CliIo {
  readonly cwd: string
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Exit codes: the only place they are decided is cli/. */
export const exit = {ok: 0, problems: 1, usage: 2} as const
export type ExitCode = (typeof exit)[keyof typeof exit]

export function useColor(stream: Writable, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

export class UsageError extends Error {}
