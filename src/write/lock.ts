// write/ for the output lock: one build at a time per output folder. Two
// builds swapping the same folder would each retire the other's output and
// hard-link files the other is replacing; the second one stops instead. The
// lock is a file next to the output (`.<out>.lock`), created exclusively,
// naming its process; a lock whose process is gone (a killed build) is
// stale and taken over, so a crash never blocks the next build.
import {open, readFile, rename, stat, unlink, link} from 'node:fs/promises'
import {randomBytes} from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import {errorCode} from '../error-code.js'
import {isAlive, makeParent, outputFailure} from './site.js'

/** Who holds a lock: written into the lock file as JSON. */
export interface LockHolder {
  readonly pid: number
  /** When the build started, ISO 8601 in UTC. */
  readonly started: string
  readonly host: string
}

/** Another build holds the output's lock. `holder` is undefined when the lock file is being written or unreadable. */
export class OutputLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined
  ) {
    super(`${lockFile} is held${holder ? ` by process ${holder.pid} since ${holder.started}` : ''}`)
  }
}

export interface OutputLock {
  readonly file: string
  /** Remove the lock if it is still this build's (best effort: a lock left behind is stale once this process ends). */
  release(): Promise<void>
}

/** A lock file whose contents cannot be read as a holder is being written, unless it is older than this: then its writer died. */
const unreadableGraceMs = 10_000

export function lockFileOf(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`)
}

/** Take the lock of `outDir`, or throw OutputLockedError naming the build that holds it. */
export async function lockOutput(outDir: string, now: () => Date = () => new Date()): Promise<OutputLock> {
  const file = lockFileOf(outDir)
  const text = `${JSON.stringify({pid: process.pid, started: now().toISOString(), host: os.hostname()} satisfies LockHolder)}\n`
  await makeParent(path.dirname(outDir))
  // A few rounds: a stale lock taken over, or a lock released while it was read, means trying again.
  for (let round = 0; round < 5; round++) {
    if (await create(file, text)) return {file, release: () => release(file, text)}
    const held = await readLock(file)
    if (held === undefined) continue
    if (!isStale(held, now())) throw new OutputLockedError(file, held.holder)
    await takeOver(file, held.text)
  }
  throw new OutputLockedError(file, undefined)
}

/** Create the lock file only if there is none ('wx'); false if there is one. */
async function create(file: string, text: string): Promise<boolean> {
  let handle
  try {
    handle = await open(file, 'wx')
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw outputFailure('creating the lock file', file, error)
  }
  try {
    await handle.writeFile(text)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(file).catch(() => undefined)
    throw outputFailure('writing the lock file', file, error)
  }
  await handle.close()
  return true
}

interface Held {
  readonly text: string
  readonly holder: LockHolder | undefined
  readonly modified: number
}

/** The lock file's holder, or undefined if it vanished meanwhile (released: try again). */
async function readLock(file: string): Promise<Held | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)])
    return {text, holder: parseHolder(text), modified: info.mtimeMs}
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw outputFailure('reading the lock file', file, error)
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LockHolder, unknown>> | null
    if (typeof value?.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 && typeof value.started === 'string' && typeof value.host === 'string') {
      return {pid: value.pid, started: value.started, host: value.host}
    }
  } catch {
    // Not JSON: empty while its writer is between open and write, or damaged.
  }
  return undefined
}

/** Stale: its process is gone. A lock of another machine (a shared drive) cannot be checked, so it is held. */
function isStale(held: Held, now: Date): boolean {
  if (held.holder === undefined) return now.getTime() - held.modified > unreadableGraceMs
  if (held.holder.host !== os.hostname()) return false
  return !isAlive(held.holder.pid)
}

/**
 * Remove a stale lock, but only the one that was read: it is renamed aside
 * (atomic) and compared, so a build that took it over a moment ago keeps
 * its fresh lock (put back if it was moved by mistake).
 */
async function takeOver(file: string, staleText: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(3).toString('hex')}`
  try {
    await rename(file, aside)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return // someone else took it over or released it
    throw outputFailure('removing the stale lock file', file, error)
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText)
  if (moved !== staleText) await link(aside, file).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

async function release(file: string, text: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined)
  if (current === text) await unlink(file).catch(() => undefined)
}
