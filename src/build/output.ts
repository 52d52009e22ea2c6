// build/: what a build decides about its output folder, as pure functions
// over plain data (keys, the previous manifest): the search index's parts
// and which of the previous ones still fit, whether the output already is exactly this
// build, and the manifest the next build will compare with. cli/build.ts
// does the I/O and says what happened.
import {contentKey} from '../content-key.js'
import type {BuildManifest} from './cache.js'

/** The search index's files, in the output (Pagefind's folder). */
export const searchIndexDir = 'pagefind/'

/**
 * One part of the search index, indexed as a Pagefind bundle of its own
 * (`pagefind/2023/`, `pagefind/2015-07/`, `pagefind/2024.2/`) that the
 * search page merges with the others (Pagefind's mergeIndex). A new or
 * edited brief changes its own part alone; the other parts' files are kept
 * as they are.
 *
 * By date, because an archive grows at its newest end: a closed period's
 * part stops changing. A period is a year, or a month in a year with more
 * than `shardPages` brief pages. The newest period, where this week's brief
 * lands, is cut into blocks of `openBlock` pages counted from its oldest
 * (`2024.1`, `2024.2` ...), so adding the newest brief re-indexes one small
 * block, not the whole year; once a newer period starts, the closed one is
 * indexed again as one part, once. Decided by the briefs alone, so the same
 * archive always gives the same parts, whatever was built before.
 */
export interface SearchShard {
  /** The period (year, or year and month), with the block's number in the newest period. */
  readonly id: string
  /** Its folder in the output, e.g. `pagefind/2024/`. */
  readonly dir: string
  /** The pages it indexes (site paths of brief pages), in path order. */
  readonly pages: readonly string[]
  /** The keys of those pages: the part is still right while none changed. */
  readonly key: string
}

/**
 * Most brief pages in a year's part before the year is split by month.
 * 150 (three weekly series' worth): Pagefind indexes ~150 pages a second
 * here, so closing a period re-indexes about a second's worth once, while
 * a weekly archive keeps one part per year (fewer parts: fewer files for a
 * reader's search to fetch).
 */
export const shardPages = 150

/**
 * Pages per block of the newest period. 16: indexing one block takes about
 * 0.15 s, the weekly build's share of search; a year of weekly briefs is
 * four blocks, three more parts for a reader's search to merge than one.
 */
export const openBlock = 16

/** The list of parts the search page merges (newest first), written beside them. */
export const shardListFile = `${searchIndexDir}shards.json`

interface Dated {
  readonly slug: string
  readonly meta: {readonly date: string}
}

/**
 * What the index is split into, newest first: each brief page by its
 * brief's date. `keys`: by slug, each brief page's content key (the
 * builder's `contentKeys`: it changes with what the index reads of the
 * page, not with the links to its neighbours around it); briefs without
 * one are not indexed.
 */
export function searchShards(briefs: readonly Dated[], keys: ReadonlyMap<string, string>, others: readonly {readonly path: string; readonly key: string}[] = []): SearchShard[] {
  const indexed = briefs.filter((brief) => keys.has(brief.slug))
  const perYear = new Map<string, number>()
  for (const brief of indexed) perYear.set(brief.meta.date.slice(0, 4), (perYear.get(brief.meta.date.slice(0, 4)) ?? 0) + 1)
  const periodOf = (brief: Dated) => {
    const year = brief.meta.date.slice(0, 4)
    return (perYear.get(year) ?? 0) > shardPages ? brief.meta.date.slice(0, 7) : year
  }
  const periods = new Map<string, Dated[]>()
  for (const brief of indexed) periods.set(periodOf(brief), [...(periods.get(periodOf(brief)) ?? []), brief])
  const newest = [...periods.keys()].sort().at(-1)
  const parts: [string, Dated[]][] = []
  for (const [period, members] of periods) {
    if (period !== newest) {
      parts.push([period, members])
      continue
    }
    // Oldest first, so a brief added after the others leaves the earlier blocks as they were.
    const ordered = [...members].sort((a, b) => compare(a.meta.date, b.meta.date) || compare(a.slug, b.slug))
    for (let start = 0; start < ordered.length; start += openBlock) parts.push([`${period}.${start / openBlock + 1}`, ordered.slice(start, start + openBlock)])
  }
  // Each page as its path with the content key it is indexed under.
  const shard = ([id, entries]: [string, string[]]): SearchShard => {
    const sorted = [...entries].sort()
    return {id, dir: `${searchIndexDir}${id}/`, pages: sorted.map((entry) => entry.slice(0, entry.indexOf('\0'))), key: contentKey([shardFormat, ...sorted])}
  }
  const byDate = parts
    .sort(([a], [b]) => compareParts(b, a))
    .map(([id, members]) => shard([id, members.map((brief) => `briefs/${brief.slug}/index.html\0${keys.get(brief.slug) ?? ''}`)]))
  // The outlets' page, last: it changes with any brief, and is indexed apart from the briefs.
  return others.length === 0 ? byDate : [...byDate, shard([otherShard, others.map((page) => `${page.path}\0${page.key}`)])]
}

/** The part holding the pages that are not a brief's (the outlets' page): not a period, so it never collides with one. */
export const otherShard = 'sources'

/**
 * The pages besides the briefs' that search covers: the outlets' index
 * (`sources/index.html`), which names every outlet, with the key it was
 * rendered under. Not each outlet's own pages: a weekly brief cites some
 * fifty sources and so changes dozens of them, whose indexing would cost
 * the weekly build more than the brief's own.
 */
export function otherSearchPages(keys: ReadonlyMap<string, string>): {path: string; key: string}[] {
  return [...keys].filter(([file]) => file === 'sources/index.html').map(([path, key]) => ({path, key}))
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Parts in date order: by period, then a block's number as a number (`2024.10` after `2024.9`). */
function compareParts(a: string, b: string): number {
  const [periodA = '', blockA = '0'] = a.split('.')
  const [periodB = '', blockB = '0'] = b.split('.')
  return compare(periodA, periodB) || Number(blockA) - Number(blockB)
}

/** Part of every shard's key: changed when what a shard holds or how it is indexed changes. */
const shardFormat = 'pagefind shard 1'

/** The list file's key: the parts it names, in order. */
export function shardListKey(shards: readonly SearchShard[]): string {
  return contentKey([shardFormat, ...shards.map((shard) => shard.id)])
}

export interface SearchIndexPlan {
  /** Files of the previous output kept as they are, with their keys: unchanged parts (and the list, when the same). */
  readonly kept: ReadonlyMap<string, string>
  /** Parts to index now. */
  readonly todo: readonly SearchShard[]
  /** Whether the list of parts is written now. */
  readonly writeList: boolean
}

/**
 * Which parts of the previous index still fit: a part is kept when every
 * file of it in the previous output was made for these pages (its key);
 * the rest are indexed again. Search off: nothing.
 */
export function planSearchIndex(previous: BuildManifest | undefined, shards: readonly SearchShard[], search: boolean): SearchIndexPlan {
  const kept = new Map<string, string>()
  if (!search) return {kept, todo: [], writeList: false}
  const files = Object.entries(previous?.files ?? {})
  const todo: SearchShard[] = []
  for (const shard of shards) {
    const own = files.filter(([file]) => file.startsWith(shard.dir))
    if (own.length > 0 && own.every(([, key]) => key === shard.key)) for (const [file, key] of own) kept.set(file, key)
    else todo.push(shard)
  }
  const listKey = shardListKey(shards)
  const listKept = previous?.files[shardListFile] === listKey
  if (listKept) kept.set(shardListFile, listKey)
  return {kept, todo, writeList: !listKept}
}

export interface OutputState {
  /** Whether this build wrote any file (rendered one, or a changed asset). */
  readonly wrote: boolean
  readonly search: boolean
  /** The search index as planned (planSearchIndex). */
  readonly index: SearchIndexPlan
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
  if (state.wrote || (state.search && (state.index.todo.length > 0 || state.index.writeList))) return false
  const previousFiles = Object.keys(state.previous?.files ?? {})
  const current = new Set([...state.keys.keys(), ...state.index.kept.keys()])
  return previousFiles.length === current.size && previousFiles.every((file) => current.has(file))
}

/** The new output's files and keys, for its manifest: pages and assets by their keys, the index's files by their parts' keys. */
export function manifestFiles(keys: ReadonlyMap<string, string>, index: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...keys, ...index])
}
