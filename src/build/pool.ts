// Compiling many briefs on all cores: worker threads, each taking the next
// chunk of files as it finishes the last. The results are the same plain data
// compileBrief returns in this thread (which the unit tests, running the
// TypeScript sources, use: workers need the compiled worker.js).
import {existsSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {compileBrief, type CompiledBrief, type CompileSite} from './compile.js'
import type {BriefFile} from '../parse/brief.js'

export interface CompileJob {
  readonly id: number
  readonly files: readonly BriefFile[]
  readonly site: CompileSite
  readonly render: boolean
}

export interface CompileReply {
  readonly id: number
  readonly results: CompiledBrief[]
}

export interface PoolOptions {
  /** Worker threads to use. Default: one per core (os.availableParallelism()). */
  readonly threads?: number
  /** Below this many files, compile in this thread: starting a worker costs ~50 ms. Default 48. */
  readonly threshold?: number
  /**
   * Receives each chunk of results as it is compiled (and its position in
   * `files`), and returns what to keep of them: a build writes the
   * fragments to its cache here and keeps the rest, so the archive's prose
   * is never all in memory at once. Default: keep everything.
   */
  readonly onChunk?: (start: number, results: CompiledBrief[]) => Promise<CompiledBrief[]>
}

const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url))

/** Old-space limit of each worker: room for the largest brief allowed (2 MiB, maxBriefBytes) plus a chunk of ordinary ones. */
const workerHeapMb = 384

/** Compile every file; results in the order of `files`. */
export async function compileMany(
  files: readonly BriefFile[],
  site: CompileSite,
  render: boolean,
  options: PoolOptions = {}
): Promise<CompiledBrief[]> {
  const threads = Math.max(1, Math.min(options.threads ?? os.availableParallelism(), Math.ceil(files.length / 24)))
  const keep = options.onChunk ?? ((_start: number, compiled: CompiledBrief[]) => Promise.resolve(compiled))
  if (files.length < (options.threshold ?? 48) || threads < 2 || !existsSync(workerFile)) {
    // The renderer is loaded only to build: checking never needs it.
    const renderer = render ? (await import('../render/fragments.js')).renderFragments : undefined
    return keep(0, files.map((file) => compileBrief(file, site, renderer)))
  }
  // Small chunks handed out as workers finish: the load balances itself, and
  // no worker holds more than one chunk of results (memory stays flat).
  const chunk = 24
  const results = new Array<CompiledBrief>(files.length)
  // Frozen settings are sent as plain copies.
  // The image table is a Map of plain records: structured cloning copies it as it is.
  const plainSite: CompileSite = {
    ...(JSON.parse(JSON.stringify({settings: site.settings, regions: site.regions})) as CompileSite),
    ...(site.images === undefined ? {} : {images: new Map(site.images)})
  }
  let next = 0
  // Chunks still being kept; the pool is done when every worker ended and none is pending.
  const pending = new Set<number>()
  let done = false
  let finish: () => void = () => undefined
  const allKept = new Promise<void>((resolve) => {
    finish = resolve
  })
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // A compile needs tens of megabytes live; a tighter old space makes the
      // worker collect garbage sooner instead of growing the process by gigabytes.
      const worker = new Worker(workerFile, {resourceLimits: {maxOldGenerationSizeMb: workerHeapMb}})
      const send = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => {
            resolve()
          })
          return
        }
        const id = next
        next += chunk
        const share = files
          .slice(id, id + chunk)
          .map((file) => ({file: file.file, value: file.value, ...(file.contentPath === undefined ? {} : {contentPath: file.contentPath})}))
        worker.postMessage({id, files: share, site: plainSite, render} satisfies CompileJob)
      }
      worker.on('message', (reply: CompileReply) => {
        // The next chunk is sent at once; keeping this one (writing it to the cache) overlaps with it.
        send()
        keep(reply.id, reply.results).then(
          (kept) => {
            kept.forEach((result, k) => (results[reply.id + k] = result))
            pending.delete(reply.id)
            if (pending.size === 0 && done) finish()
          },
          reject
        )
        pending.add(reply.id)
      })
      worker.once('error', reject)
      send()
    })
  await Promise.all(Array.from({length: threads}, run))
  done = true
  if (pending.size > 0) await allKept
  return results
}
