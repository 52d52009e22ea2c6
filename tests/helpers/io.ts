// Test helper: a fake process for cli/ commands (captured output, no TTY).
import type {CliIo} from '../../src/cli/io.js'

export interface FakeIo extends CliIo {
  out(): string
  err(): string
}

export function fakeIo(cwd: string, env: Record<string, string> = {}): FakeIo {
  let out = ''
  let err = ''
  return {
    cwd,
    env,
    stdout: {write: (text: string) => (out += text), isTTY: false},
    stderr: {write: (text: string) => (err += text), isTTY: false},
    out: () => out,
    err: () => err
  }
}
