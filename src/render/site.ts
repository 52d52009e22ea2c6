// render/: the linked archive → every file of the built site, in memory.
// Owns the plan: the list of page kinds (render/pages/, each of which owns
// which pages of its kind exist and what data each template receives), their
// order, and each page's key, derived from what the page declares it shows.
// Templates own the markup. Briefs are skeletons: their prose comes as
// fragments rendered when each brief was compiled (fragments.ts), spliced
// into every page that shows it.
import type {Archive, BriefSkeleton, RegionEntry} from '../link/archive.js'
import {contentKey} from '../content-key.js'
import type {FragmentReader} from './fragments.js'
import type {Html} from './serialize.js'
import {archiveJobs} from './pages/archive.js'
import {briefJobs} from './pages/brief.js'
import {crawlerJobs} from './pages/crawlers.js'
import {editionJobs} from './pages/editions.js'
import {feedJobs} from './pages/feeds.js'
import {fixedJobs} from './pages/fixed.js'
import {homeJobs} from './pages/home.js'
import {depsOf, inputsOf, type Job, type PageContext, type PartKeys} from './pages/job.js'
import {regionJobs} from './pages/region.js'
import {outletJobs} from './pages/outlets.js'
import {outletIndex} from '../link/outlets.js'

export interface OutputFile {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  readonly contents: string | Uint8Array
}

export {stringify, stringifyFragment} from './serialize.js'

export interface RenderOptions {
  /** A stable key per brief (a hash of its source): a caller need not render again pages whose keys are unchanged (build/builder.ts). Default: none, keys that say nothing of the content. */
  readonly keyOf?: (brief: BriefSkeleton) => string
  /**
   * Each brief's serialised prose (render/fragments.ts), rendered when it was
   * compiled: a skeleton has no prose left to render here.
   */
  readonly fragmentsOf: (brief: BriefSkeleton) => FragmentReader | undefined
  /** Each brief's section keys (render/fragments.ts), when known without its fragments. Default: from `fragmentsOf`. */
  readonly sectionKeysOf?: (brief: BriefSkeleton) => readonly string[] | undefined
  /** Part of every page key: settings, regions and the generator's code (default: settings and regions). */
  readonly siteKey?: string
  /**
   * Each page's key and what it was computed from, kept by the caller from
   * one render to the next (serve's builder); updated here. Default: none,
   * every key is computed.
   */
  readonly keyMemo?: Map<string, KeyMemo>
}

/**
 * A page key, and the site key and dependencies it was computed from: what
 * the page shows, each brief by identity (render/pages/job.ts, `depsOf`).
 * When both are the same at the next render, the key is reused unhashed:
 * serve's rebuild after a save hashed every page's inputs, ~20 ms at 1,000 briefs.
 */
export interface KeyMemo {
  readonly siteKey: string
  readonly deps: readonly unknown[]
  readonly key: string
}

/** What a previous build produced of a file (build/builder.ts): its key, and its contents when kept in memory. */
export interface PreviousFile {
  readonly key: string
  readonly contents?: string | Uint8Array
}

/** One file of the site, not rendered yet. */
export interface PagePlan {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  /** Hash of everything the file shows (see `RenderOptions.keyMemo`). */
  key(): string
  render(): Html
}

/**
 * Every file of the site, newest briefs' pages first (see `Job.rank` in pages/job.ts), each
 * with its key and how to render it: a build first finds which files
 * changed, and loads what rendering needs only if some did; it then writes
 * each page and lets it go, so memory holds one page, not the whole site.
 */
export function planPages(archive: Archive, options: RenderOptions): PagePlan[] {
  const {site} = archive
  const keyOf = options.keyOf ?? ((brief: BriefSkeleton) => brief.slug)
  const fragments = (brief: BriefSkeleton): FragmentReader => {
    const given = options.fragmentsOf(brief)
    // A skeleton has no prose left to render: a missing fragment is a bug, never an empty page.
    if (!given) throw new Error(`internal: no rendered fragments for ${brief.file}`)
    return given
  }
  const siteKey = options.siteKey ?? JSON.stringify([site.settings, site.regions])
  // Without brief keys, nothing may be reused: the slug says nothing about the content.
  const reusable = options.keyOf !== undefined
  const rankOf = new Map(archive.briefs.map((brief, index) => [brief, index]))
  const context: PageContext = {slugs: new Set(archive.bySlug.keys()), fragments, rankOf: (brief) => rankOf.get(brief) ?? 0}
  const keys: PartKeys = {
    keyOf,
    // What a region page shows of a section: the section's own key (its HTML and summary), and the brief's title and date that head it.
    sectionOf: (entry: RegionEntry) =>
      reusable
        ? [
            entry.brief.slug,
            entry.brief.meta.title,
            entry.brief.meta.date,
            (options.sectionKeysOf?.(entry.brief) ?? fragments(entry.brief).sectionKeys)[entry.section]
          ]
        : [keyOf(entry.brief), entry.section]
  }
  const outlets = outletIndex(archive.briefs)
  const jobs: Job[] = [
    ...briefJobs(archive, context),
    ...editionJobs(archive, context),
    ...regionJobs(archive, context),
    ...outletJobs(archive, context, outlets),
    ...homeJobs(archive, context),
    ...archiveJobs(archive),
    ...feedJobs(archive, context),
    ...crawlerJobs(archive, outlets),
    ...fixedJobs(archive)
  ]
  const last = archive.briefs.length
  jobs.sort((a, b) => (a.rank ?? last) - (b.rank ?? last) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const memo = reusable ? options.keyMemo : undefined
  const keyOfJob = (job: Job): string => {
    const deps = depsOf(job.shows)
    const known = memo?.get(job.path)
    if (known?.siteKey === siteKey && sameDeps(known.deps, deps)) return known.key
    const key = contentKey([siteKey, JSON.stringify(inputsOf(job.shows, keys))], 32)
    memo?.set(job.path, {siteKey, deps, key})
    return key
  }
  if (memo) {
    // Pages gone from the site are forgotten.
    const current = new Set(jobs.map((job) => job.path))
    for (const file of memo.keys()) if (!current.has(file)) memo.delete(file)
  }
  return jobs.map((job) => ({path: job.path, key: () => keyOfJob(job), render: job.render}))
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index])
}
