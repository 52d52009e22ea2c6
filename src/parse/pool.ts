// Parsing many briefs on all cores: worker threads, each parsing a share of
// the files. Results are the same plain data parseBrief returns in-thread
// (the unit tests run in-thread; workers need the compiled worker.js).
import {existsSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {parseBrief, type BriefResult} from '../pipeline.js'
import type {BriefFile} from './brief.js'
import type {Region} from './schema.js'

export interface ParseJob {
  readonly id: number
  readonly files: readonly BriefFile[]
  readonly regions: readonly Region[]
}

export interface ParseReply {
  readonly id: number
  readonly results: BriefResult[]
}

export interface PoolOptions {
  /** Worker threads to use. Default: one per core (os.availableParallelism()). */
  readonly threads?: number
  /** Below this many files, parse in this thread: starting workers costs ~50 ms each. Default 48. */
  readonly threshold?: number
}

const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url))

/** Parse and validate every file; results in the order of `files`. */
export async function parseMany(files: readonly BriefFile[], regions: readonly Region[], options: PoolOptions = {}): Promise<BriefResult[]> {
  const threads = Math.max(1, Math.min(options.threads ?? os.availableParallelism(), Math.ceil(files.length / 16)))
  if (files.length < (options.threshold ?? 48) || threads < 2 || !existsSync(workerFile)) {
    return files.map((file) => parseBrief(file, {regions}))
  }
  // Interleaved shares balance the load when brief sizes drift with time.
  const shares: BriefFile[][] = Array.from({length: threads}, () => [])
  files.forEach((file, i) => shares[i % threads]?.push({file: file.file, value: file.value}))
  const plainRegions = regions.map((region) => ({...region, aliases: [...region.aliases]}))
  const replies = await Promise.all(
    shares.map(
      (share, id) =>
        new Promise<ParseReply>((resolve, reject) => {
          const worker = new Worker(workerFile)
          worker.once('message', (reply: ParseReply) => {
            resolve(reply)
            void worker.terminate()
          })
          worker.once('error', reject)
          worker.postMessage({id, files: share, regions: plainRegions} satisfies ParseJob)
        })
    )
  )
  const results: BriefResult[] = new Array<BriefResult>(files.length)
  for (const reply of replies) reply.results.forEach((result, k) => (results[k * threads + reply.id] = result))
  return results
}
