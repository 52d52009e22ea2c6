// Test helper: the file system write/site.ts writes with, failing on
// purpose. Tests run as root, where chmod refuses nothing, and a full disk
// cannot be made on demand: a wrapper throws the system's own error
// (ENOSPC, EACCES, ...) from the chosen call, after a number of successes.
import * as fs from 'node:fs/promises'
import type {SiteFs} from '../../src/write/site.js'

export interface Fault {
  /** The call that fails. */
  readonly call: keyof SiteFs
  /** The system error code it fails with. */
  readonly code: string
  /** Calls (of that kind, matching `when`) that succeed first (default 0). */
  readonly after?: number
  /** Only calls on paths this accepts count and fail (default: all). */
  readonly when?: (target: string) => boolean
  /** How many calls fail once failing starts (default: all of them). */
  readonly times?: number
}

/** An error as node:fs makes them: message, code, syscall, path. */
export function systemError(code: string, syscall: string, target: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${target}'`), {code, syscall, path: target, errno: -1})
}

export interface FaultyFs extends SiteFs {
  /** How many calls have failed so far. */
  failures(): number
}

export function faultyFs(...faults: readonly Fault[]): FaultyFs {
  const seen = new Map<Fault, number>()
  let failed = 0
  const check = (call: keyof SiteFs, target: string) => {
    for (const fault of faults) {
      if (fault.call !== call || !(fault.when?.(target) ?? true)) continue
      const count = (seen.get(fault) ?? 0) + 1
      seen.set(fault, count)
      const after = fault.after ?? 0
      if (count > after && count <= after + (fault.times ?? Infinity)) {
        failed++
        throw systemError(fault.code, call, target)
      }
    }
  }
  return {
    failures: () => failed,
    async mkdir(dir, options) {
      check('mkdir', dir)
      return fs.mkdir(dir, options)
    },
    async writeFile(file, data) {
      check('writeFile', file)
      return fs.writeFile(file, data)
    },
    async link(existing, target) {
      check('link', target)
      return fs.link(existing, target)
    },
    async copyFile(source, target) {
      check('copyFile', target)
      return fs.copyFile(source, target)
    },
    async rename(from, to) {
      check('rename', from)
      return fs.rename(from, to)
    },
    async rm(target, options) {
      check('rm', target)
      return fs.rm(target, options)
    },
    async readdir(dir) {
      check('readdir', dir)
      return fs.readdir(dir)
    },
    async stat(target) {
      check('stat', target)
      return fs.stat(target)
    },
    async readFile(file, encoding) {
      check('readFile', file)
      return fs.readFile(file, encoding)
    }
  }
}
