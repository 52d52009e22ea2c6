// build/: what a build decides about its output folder, as pure functions
// over plain data (keys, the previous manifest): whether the previous
// search index still fits, whether the output already is exactly this
// build, and the manifest the next build will compare with. cli/build.ts
// does the I/O and says what happened.
import {contentKey} from '../content-key.js'
import type {BuildManifest} from './cache.js'

/** The search index's files, in the output (Pagefind's folder). */
export const searchIndexDir = 'pagefind/'

/** The search index's key: the keys of the HTML pages it indexes (no page changed, the index is still right). */
export function searchIndexKey(keys: ReadonlyMap<string, string>): string {
  return contentKey([JSON.stringify([...keys].filter(([file]) => file.endsWith('.html')))])
}

/**
 * The previous output's search index files when they can be kept: search
 * is wanted, there was an index, and every file of it was made for these
 * pages (`indexKey`). Otherwise none: the index is made again.
 */
export function keptSearchIndex(previous: BuildManifest | undefined, indexKey: string, search: boolean): string[] {
  const files = Object.entries(previous?.files ?? {}).filter(([file]) => file.startsWith(searchIndexDir))
  return search && files.length > 0 && files.every(([, key]) => key === indexKey) ? files.map(([file]) => file) : []
}

export interface OutputState {
  /** Whether this build wrote any file (rendered one, or a changed asset). */
  readonly wrote: boolean
  readonly search: boolean
  /** The previous index files kept (keptSearchIndex). */
  readonly keptIndex: readonly string[]
  /** The previous output, as its manifest says (files still there). */
  readonly previous: BuildManifest | undefined
  /** Every page's and asset's key of this build. */
  readonly keys: ReadonlyMap<string, string>
}

/**
 * Whether the output already is exactly this build: nothing written,
 * nothing to remove (the same files), and the search index kept (or not
 * wanted). The output is then left alone rather than relinked.
 */
export function upToDate(state: OutputState): boolean {
  if (state.wrote || (state.search && state.keptIndex.length === 0)) return false
  const previousFiles = Object.keys(state.previous?.files ?? {})
  const current = new Set([...state.keys.keys(), ...state.keptIndex])
  return previousFiles.length === current.size && previousFiles.every((file) => current.has(file))
}

/** The new output's files and keys, for its manifest: pages and assets by their keys, the index's files by the index key. */
export function manifestFiles(keys: ReadonlyMap<string, string>, indexFiles: readonly string[], indexKey: string): Record<string, string> {
  const files = Object.fromEntries(keys)
  for (const file of indexFiles) files[file] = indexKey
  return files
}
