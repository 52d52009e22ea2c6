// build/: page keys. A page's key hashes everything it shows (render/
// site.ts computes it from the site key and its briefs' keys); a page whose
// key is the one it had in the previous output is not rendered again. Owns
// the site key, which previous output a build compares with (memory for
// serve, the manifest for build), and the sorting of a plan into pages to
// render, pages kept in memory and files kept on disk.
import type {Site} from '../ast.js'
import type {PagePlan, PreviousFile} from '../render/site.js'
import type {BuildManifest} from './cache.js'
import {contentKey} from '../content-key.js'

/** Part of every page key: sitrep's code, the settings and the regions. */
export function siteKeyOf(code: string, site: Pick<Site, 'settings' | 'regions'>): string {
  // The longest key: it is part of every page's key, so it must set apart as many inputs as they do.
  return contentKey([code, JSON.stringify([site.settings, site.regions])], 40)
}

/** A static file's key: its bytes, as a page's is its inputs. */
export function assetKeyOf(contents: string | Uint8Array): string {
  return contentKey([contents])
}

/**
 * What the previous build produced, to compare keys with: the pages kept in
 * memory by the last build of this builder (serve), else the files of the
 * previous output (its manifest), which exist on disk only.
 */
export function previousFiles(memory: ReadonlyMap<string, PreviousFile> | undefined, manifest: BuildManifest | undefined): Map<string, PreviousFile> {
  const previous = new Map<string, PreviousFile>()
  if (memory) for (const [file, page] of memory) previous.set(file, page)
  else for (const [file, key] of Object.entries(manifest?.files ?? {})) previous.set(file, {key})
  return previous
}

export interface PageChanges {
  /** Every page's key, by path, in plan order. */
  readonly keys: Map<string, string>
  /** How many pages are HTML (the summary counts pages, not feeds). */
  readonly htmlPages: number
  /** Pages to render (their key changed, or they are new). */
  readonly todo: readonly {readonly page: PagePlan; readonly key: string}[]
  /** Unchanged pages the previous build kept in memory: delivered again as they are. */
  readonly kept: readonly {readonly path: string; readonly key: string; readonly contents: string | Uint8Array}[]
  /** Unchanged files of the previous output on disk: reused there. */
  readonly reused: readonly string[]
}

/** Which pages of `plan` changed since `previous` (each key computed once, here). */
export function pageChanges(plan: readonly PagePlan[], previous: ReadonlyMap<string, PreviousFile>): PageChanges {
  const keys = new Map<string, string>()
  const todo: {page: PagePlan; key: string}[] = []
  const kept: {path: string; key: string; contents: string | Uint8Array}[] = []
  const reused: string[] = []
  let htmlPages = 0
  for (const page of plan) {
    const key = page.key()
    keys.set(page.path, key)
    if (page.path.endsWith('.html')) htmlPages++
    const before = previous.get(page.path)
    if (before?.key !== key) todo.push({page, key})
    else if (before.contents === undefined) reused.push(page.path)
    else kept.push({path: page.path, key, contents: before.contents})
  }
  return {keys, htmlPages, todo, kept, reused}
}
