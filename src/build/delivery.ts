// build/: page delivery. Hands each file of a build to where it goes: to
// the caller's `onFile` as it is rendered, with a bounded number of writes
// in flight and nothing kept (build), or into memory, deflated if asked
// (serve), remembered with its key so the next build can hand it over again
// without rendering it.
import type {OutputFile, PreviousFile} from '../render/site.js'
import {squeezed} from './packed.js'

export type FileContents = OutputFile['contents']

export interface DeliveryOptions {
  /** Receives each file; default: none, files are kept in `files` (serve). */
  readonly onFile?: (file: {path: string; contents: FileContents}) => Promise<void>
  /** Keep files deflated in memory (serve; see BuilderOptions.packFiles). Default false. */
  readonly packFiles?: boolean
  /** Called after each file rendered, with the count so far (see BuilderOptions.onRendered). */
  readonly onRendered?: (count: number) => void
  /** What the previous build produced: a page whose contents are the same object was not rendered again. */
  readonly previous: ReadonlyMap<string, PreviousFile>
}

export interface Delivery {
  /** A page, rendered now or kept from memory. */
  page(path: string, key: string, contents: FileContents): Promise<void>
  /**
   * A static file; false when it is reused from the previous output on disk
   * instead (build only). Contents may be a function, called only when the
   * file is delivered (an image read from the cache only if it is written).
   */
  asset(path: string, key: string, contents: FileContents | (() => Promise<FileContents>)): Promise<boolean>
  /** Wait for writes in flight; what stayed in memory. */
  finish(): Promise<DeliveryResult>
}

export interface DeliveryResult {
  /** Every file, by path, when there is no `onFile`; else empty. */
  readonly files: Map<string, FileContents>
  /** Pages as the next build of this builder compares with (memory only; undefined with `onFile`). */
  readonly remembered: Map<string, PreviousFile> | undefined
  /** Files rendered this time. */
  readonly rendered: number
}

/** 32 writes in flight at most: fast, and memory holds a handful of pages. */
const maxInFlight = 32

export function createDelivery(options: DeliveryOptions): Delivery {
  const {onFile, previous} = options
  const files = new Map<string, FileContents>()
  const remembered = new Map<string, PreviousFile>()
  let rendered = 0
  let pending: Promise<void>[] = []
  const hand = async (path: string, contents: FileContents) => {
    if (!onFile) {
      files.set(path, contents)
      return
    }
    const written = onFile({path, contents})
    // Marked handled now: it may fail while this build awaits something else
    // (an image read back from the cache), long before `pending` is awaited,
    // which still sees the failure.
    written.catch(() => undefined)
    pending.push(written)
    if (pending.length >= maxInFlight) {
      await Promise.all(pending)
      pending = []
    }
  }
  // Packed only in memory (serve): what goes to onFile is written as it is.
  const pack = Boolean(options.packFiles) && !onFile
  return {
    async page(path, key, contents) {
      const fresh = previous.get(path)?.contents !== contents
      if (fresh) {
        rendered++
        options.onRendered?.(rendered)
      }
      // A page reused from memory is already packed; a new one is packed once here.
      const stored = pack && fresh ? squeezed(contents) : contents
      if (!onFile) remembered.set(path, {key, contents: stored})
      await hand(path, stored)
    },
    async asset(path, key, contents) {
      const before = previous.get(path)
      if (onFile && before?.key === key && before.contents === undefined) return false
      const bytes = typeof contents === 'function' ? await contents() : contents
      await hand(path, pack ? squeezed(bytes) : bytes)
      return true
    },
    async finish() {
      await Promise.all(pending)
      pending = []
      return {files, remembered: onFile ? undefined : remembered, rendered}
    }
  }
}
