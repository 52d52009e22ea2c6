// write/: what writing the output stands on: the file-system calls it
// makes (SiteFs, which tests replace to inject faults), the errors it
// reports, and the one check that no path leaves the output folder. Shared
// by the staging folder (site.ts) and the update in place (update.ts).
import * as nodeFs from 'node:fs/promises'
import path from 'node:path'
import {errorCode} from '../error-code.js'
import {isInside} from '../paths.js'

export class UnsafePathError extends Error {}

/**
 * The file-system calls writing the output makes, and nothing more: the
 * default is node:fs/promises; tests pass a wrapper that fails on purpose
 * (a full disk, a refused folder), which running as root cannot produce.
 */
export interface SiteFs {
  mkdir(dir: string, options?: {recursive?: boolean}): Promise<unknown>
  writeFile(file: string, data: string | Uint8Array): Promise<void>
  link(existing: string, target: string): Promise<void>
  copyFile(source: string, target: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(target: string, options: {recursive: boolean; force: boolean}): Promise<void>
  readdir(dir: string): Promise<string[]>
  stat(target: string): Promise<unknown>
  readFile(file: string, encoding: 'utf8'): Promise<string>
}

export const defaultSiteFs: SiteFs = nodeFs

/**
 * The output could not be written: a full disk, a refused or read-only
 * folder, a file where a folder should be... `action` and `target` say what
 * was being done to which path, `code` is the system's (ENOSPC, EACCES...).
 */
export class OutputError extends Error {
  constructor(
    readonly action: string,
    readonly target: string,
    readonly code: string,
    options: {readonly cause: unknown},
    /** Set when the previous output could not be put back: where it is now (the next build restores it). */
    readonly retired?: string
  ) {
    super(`${action} ${target}: ${code}`, options)
  }
}


/** A system error as an OutputError naming the step; anything else (a bug) as it is. */
export function outputFailure(action: string, target: string, error: unknown, retired?: string): unknown {
  const code = errorCode(error)
  if (code === undefined || error instanceof OutputError) return error
  return new OutputError(action, target, code, {cause: error}, retired)
}

/** Run one file-system step; a system error becomes an OutputError naming the step. */
export async function attempt<T>(action: string, target: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    throw outputFailure(action, target, error)
  }
}

/** The absolute target of a site path, or an error if it would escape `root`. */
export function safeJoin(root: string, sitePath: string): string {
  const parts = sitePath.split('/')
  if (sitePath === '' || path.isAbsolute(sitePath) || sitePath.includes('\\') || sitePath.includes('\0') || parts.some((part) => part === '..' || part === '.' || part === '')) {
    throw new UnsafePathError(`refusing to write outside the output folder: ${JSON.stringify(sitePath)}`)
  }
  const target = path.resolve(root, ...parts)
  if (target === root || !isInside(target, root)) throw new UnsafePathError(`refusing to write outside the output folder: ${JSON.stringify(sitePath)}`)
  return target
}
