// write/ for search: index the built site with Pagefind, in the folder the
// site was just written to (the staging folder, before the swap), so a failed
// index leaves the previous output untouched. Pagefind's binary ships in an
// optional platform package (@pagefind/<platform>-<arch>) that npm installs
// with the `pagefind` package; nothing is downloaded at build time.
//
// Pagefind reads only the element marked `data-pagefind-body` (the article
// of a brief page; see templates/), takes
// filters and metadata from `data-pagefind-filter` / `data-pagefind-meta`,
// and gives one sub-result per heading with an id. Its output is
// byte-identical for identical input (checked by tests/cli/build.test.ts).
import {constants} from 'node:fs'
import {access, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {packageRoot} from '../load/assets.js'
import {findFiles} from '../load/walk.js'
import {paths} from '../render/paths.js'

/** A problem indexing the site: its message is for the analyst, with what to do about it. */
export class SearchIndexError extends Error {}

export interface SearchIndexStats {
  /** Pages indexed now. */
  readonly pages: number
  /** Parts copied from the store instead of indexed. */
  readonly restored: number
  /** Files and bytes written now (after removing Pagefind's unused UI bundles). */
  readonly files: number
  readonly bytes: number
  /** The files written now, as site paths (e.g. `pagefind/2024/pagefind.js`), with the key of the part each belongs to. */
  readonly paths: ReadonlyMap<string, string>
}

/** A part of the index to write (build/output.ts's SearchShard). */
export interface IndexShard {
  readonly id: string
  /** Its folder, a site path ending in `/` (`pagefind/2024/`). */
  readonly dir: string
  /** Site paths of the pages it indexes. */
  readonly pages: readonly string[]
  readonly key: string
}

/** Where parts are kept between builds (build/cache.ts): one indexed before is copied, not indexed again. */
export interface PartStore {
  /** Put the part with this key into `target`; false when there is none. */
  restore(key: string, target: string): Promise<boolean>
  /** Keep the part just written in `from`; a failure costs the next build time only. */
  save(key: string, from: string): Promise<void>
}

export interface IndexRequest {
  /** Every part, newest first: the list the search page merges. */
  readonly shards: readonly IndexShard[]
  /** Default: none, every part asked for is indexed. */
  readonly store?: PartStore
  /** The parts to index now (the others are in the folder already, kept from the previous output). */
  readonly todo: readonly IndexShard[]
  /** Where the list goes, and its key, when it is written now. */
  readonly list?: {readonly path: string; readonly key: string}
  /** A page's HTML by its site path. Default: read from `siteDir` (an output updated in place has its unchanged pages elsewhere). */
  readonly readPage?: (page: string) => Promise<string>
}

/**
 * Noise inside indexed content: citation numbers, back links, reading aids,
 * and the endnotes. Search finds what a brief says; the notes are URLs,
 * whose path fragments match almost any word, and indexing them took half of
 * Pagefind's time and index (1,000 synthetic briefs: 7.7 s and 27 MB with
 * them, 3.1 s without).
 */
const excludeSelectors = ['sup.cite', '.backrefs', '.search-facets', '.section-notes', '.entry-meta a', '.endnotes', '.sourcing', '.cite-brief']

/**
 * Pagefind's ready-made interfaces. The site's own search page uses the
 * pagefind.js API (assets/search.js), so these would only be dead weight.
 */
const unusedBundles = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js'
]

// Pagefind runs one service process per Node process: one index at a time.
let queue: Promise<unknown> = Promise.resolve()

/**
 * Index the parts asked for, each from its pages in `siteDir` into its own
 * folder, and write the list of parts. The pages search covers are the
 * briefs' (build/output.ts's searchShards): region pages repeat the briefs'
 * sections word for word; indexing them too doubled the indexing time and
 * the index for no new result (brief pages carry the region filter and
 * give one sub-result per section).
 */
export function writeSearchIndex(siteDir: string, request: IndexRequest): Promise<SearchIndexStats> {
  const run = queue.then(() => indexSite(siteDir, request))
  queue = run.catch(() => undefined)
  return run
}

async function indexSite(siteDir: string, request: IndexRequest): Promise<SearchIndexStats> {
  const written = new Map<string, string>()
  let pages = 0
  let restored = 0
  const todo: IndexShard[] = []
  for (const shard of request.todo) {
    if (await request.store?.restore(shard.key, path.join(siteDir, shard.dir))) {
      restored++
      for (const file of await findFiles(path.join(siteDir, shard.dir))) written.set(sitePath(siteDir, file), shard.key)
    } else todo.push(shard)
  }
  if (todo.length > 0) {
    let pagefind: typeof import('pagefind')
    try {
      pagefind = await import('pagefind')
    } catch (error) {
      throw new SearchIndexError(`the pagefind package could not be loaded (${messageOf(error)}). Reinstall with \`npm ci\`, or build with --no-search.`)
    }
    // Checked first: Pagefind itself reports a missing binary with a stack trace from its child process.
    await checkBinary()
    try {
      for (const shard of todo) {
        pages += await indexShard(pagefind, siteDir, shard, request.readPage ?? ((page) => readFile(path.join(siteDir, page), 'utf8')))
        for (const file of await findFiles(path.join(siteDir, shard.dir))) written.set(sitePath(siteDir, file), shard.key)
        await request.store?.save(shard.key, path.join(siteDir, shard.dir))
      }
    } catch (error) {
      if (error instanceof SearchIndexError) throw error
      throw new SearchIndexError(`Pagefind failed: ${messageOf(error)}`)
    } finally {
      await pagefind.close()
    }
  }
  if (request.list) {
    const list = {shards: request.shards.map((shard) => shard.dir.slice(paths.searchIndex.length))}
    await writeFile(path.join(siteDir, request.list.path), `${JSON.stringify(list)}\n`)
    written.set(request.list.path, request.list.key)
  }
  const sizes = await Promise.all([...written.keys()].map(async (file) => (await stat(path.join(siteDir, file))).size))
  return {pages, restored, files: written.size, bytes: sizes.reduce((a, b) => a + b, 0), paths: written}
}

/** One part: a Pagefind index of its own, fed its pages one by one (no folder walk), written to its folder. */
async function indexShard(pagefind: typeof import('pagefind'), siteDir: string, shard: IndexShard, readPage: (page: string) => Promise<string>): Promise<number> {
  const created = await pagefind.createIndex({excludeSelectors})
  const index = created.index
  if (created.errors.length > 0 || !index) throw new SearchIndexError(`Pagefind could not start an index: ${created.errors.join('; ') || 'no reason given'}`)
  try {
    for (const page of shard.pages) {
      const added = await index.addHTMLFile({sourcePath: page, content: await readPage(page)})
      if (added.errors.length > 0) throw new SearchIndexError(`Pagefind could not index ${page}: ${added.errors.join('; ')}`)
    }
    const outputPath = path.join(siteDir, shard.dir)
    const wrote = await index.writeFiles({outputPath})
    if (wrote.errors.length > 0) throw new SearchIndexError(`Pagefind could not write the index: ${wrote.errors.join('; ')}`)
    await Promise.all(unusedBundles.map((name) => rm(path.join(outputPath, name), {force: true})))
  } finally {
    await index.deleteIndex()
  }
  return shard.pages.length
}

function sitePath(siteDir: string, file: string): string {
  return path.relative(siteDir, file).split(path.sep).join('/')
}

/** Where Pagefind will look for its binary (its own rules: an env override, else the platform package). */
async function checkBinary(): Promise<void> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const arch = process.env.npm_config_arch ?? process.arch
  const names = ['pagefind_extended', 'pagefind']
  let binary: string | undefined
  for (const name of names) binary ??= process.env[`${name.toUpperCase()}_BINARY_PATH`] || undefined
  if (binary === undefined) {
    const require = createRequire(path.join(packageRoot(), 'package.json'))
    for (const name of names) {
      try {
        binary ??= require.resolve(`@pagefind/${platform}-${arch}/bin/${platform === 'windows' ? `${name}.exe` : name}`)
      } catch {
        // Not this one: try the next name.
      }
    }
  }
  if (binary === undefined) {
    throw new SearchIndexError(
      `Pagefind's binary for ${platform}-${arch} is not installed (npm package @pagefind/${platform}-${arch}, an optional dependency of pagefind). ` +
        'Reinstall without --omit=optional, or build with --no-search.'
    )
  }
  try {
    await access(binary, constants.X_OK)
  } catch {
    throw new SearchIndexError(`Pagefind's binary ${binary} cannot be run (missing, or not executable). Reinstall with \`npm ci\`, or build with --no-search.`)
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}

