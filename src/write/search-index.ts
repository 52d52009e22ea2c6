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
import {access, rm, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {packageRoot} from '../load/assets.js'
import {findFiles} from '../load/walk.js'
import {paths} from '../render/paths.js'

/** A problem indexing the site: its message is for the analyst, with what to do about it. */
export class SearchIndexError extends Error {}

export interface SearchIndexStats {
  /** Pages in the index. */
  readonly pages: number
  /** Files and bytes Pagefind wrote (after removing its unused UI bundles). */
  readonly files: number
  readonly bytes: number
  /** The index's files, as site paths (e.g. `pagefind/pagefind.js`). */
  readonly paths: readonly string[]
}

/**
 * The pages search covers, by the URL scheme of src/render/paths.ts: the
 * briefs. Region pages repeat the briefs' sections word for word; indexing
 * them too doubled the indexing time and the index for no new result (brief
 * pages carry the region filter and give one sub-result per section).
 */
const pageGlob = 'briefs/*/index.html'

/**
 * Noise inside indexed content: citation numbers, back links, reading aids,
 * and the endnotes. Search finds what a brief says; the notes are URLs,
 * whose path fragments match almost any word, and indexing them took half of
 * Pagefind's time and index (1,000 synthetic briefs: 7.7 s and 27 MB with
 * them, 3.1 s without).
 */
const excludeSelectors = ['sup.cite', '.backrefs', '.search-facets', '.section-notes', '.entry-meta a', '.endnotes']

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

/** Index the site in `siteDir` into `siteDir/pagefind/`. */
export function writeSearchIndex(siteDir: string): Promise<SearchIndexStats> {
  const run = queue.then(() => indexSite(siteDir))
  queue = run.catch(() => undefined)
  return run
}

async function indexSite(siteDir: string): Promise<SearchIndexStats> {
  let pagefind: typeof import('pagefind')
  try {
    pagefind = await import('pagefind')
  } catch (error) {
    throw new SearchIndexError(`the pagefind package could not be loaded (${messageOf(error)}). Reinstall with \`npm ci\`, or build with --no-search.`)
  }
  // Checked first: Pagefind itself reports a missing binary with a stack trace from its child process.
  await checkBinary()
  const outputPath = path.join(siteDir, paths.searchIndex)
  try {
    const created = await pagefind.createIndex({excludeSelectors})
    const index = created.index
    if (created.errors.length > 0 || !index) throw new SearchIndexError(`Pagefind could not start an index: ${created.errors.join('; ') || 'no reason given'}`)
    const added = await index.addDirectory({path: siteDir, glob: pageGlob})
    if (added.errors.length > 0) throw new SearchIndexError(`Pagefind could not index the site: ${added.errors.join('; ')}`)
    const written = await index.writeFiles({outputPath})
    if (written.errors.length > 0) throw new SearchIndexError(`Pagefind could not write the index: ${written.errors.join('; ')}`)
    await Promise.all(unusedBundles.map((name) => rm(path.join(outputPath, name), {force: true})))
    const files = await findFiles(outputPath)
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size))
    return {
      pages: added.page_count,
      files: files.length,
      bytes: sizes.reduce((a, b) => a + b, 0),
      paths: files.map((file) => path.relative(siteDir, file).split(path.sep).join('/'))
    }
  } catch (error) {
    if (error instanceof SearchIndexError) throw error
    throw new SearchIndexError(`Pagefind failed: ${messageOf(error)}`)
  } finally {
    await pagefind.close()
  }
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

