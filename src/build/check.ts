// The public check: load → parse → validate → link, as `sitrep check` runs
// it. It is the builder's own check (createBuilder().check()), not a loop of
// its own: a rule's fixture test then exercises exactly what CI runs, cache
// and skeletons included (a rule reading a field the skeleton drops fails
// its tests, instead of passing them and being missed by CI).
import type {Site} from '../ast.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {Archive} from '../link/archive.js'
import {createBuilder, type BuilderOptions} from './builder.js'
import type {CacheFailure} from './cache.js'

export interface CheckOptions extends Pick<BuilderOptions, 'cacheDir' | 'threads' | 'onProgress'> {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Overrides site.yml's baseUrl (e.g. for a preview deployment). */
  readonly baseUrl?: string
  /**
   * Which files' text `sources` keeps: 'all' (default: a tool may want
   * every file it read) or 'diagnosed' (what reporters need; the CLI).
   */
  readonly sources?: 'all' | 'diagnosed'
}

export interface CheckResult {
  readonly site?: Site
  readonly archive?: Archive
  readonly diagnostics: Diagnostic[]
  /** Text of files read, by display path (see CheckOptions.sources): reporters show code frames from it. */
  readonly sources: ReadonlyMap<string, string>
  readonly briefCount: number
  /** The first cache write that failed, if one did: the result is right all the same (see BuildResult). */
  readonly cacheFailure?: CacheFailure
}

export async function checkArchive(options: CheckOptions): Promise<CheckResult> {
  const result = await createBuilder(options).check()
  const site = result.archive?.site
  return {
    ...(site === undefined ? {} : {site}),
    ...(result.archive === undefined ? {} : {archive: result.archive}),
    diagnostics: result.diagnostics,
    sources: result.sources,
    briefCount: result.stats.briefs,
    ...(result.cacheFailure === undefined ? {} : {cacheFailure: result.cacheFailure})
  }
}
