// Test helper: write a site as `sitrep build` does (cli/build.ts): a
// staging folder opened, files written 32 at a time (as the builder hands
// them over), files of the previous output kept, work on the finished site
// before the swap, and the staging folder abandoned on any failure.
import {openStaging, type BeforeSwap, type SiteFs, type WriteFile} from '../../src/write/site.js'

export interface StageOptions {
  readonly fs?: SiteFs
  /** Files of the previous output to keep as they are (Staging.keep). */
  readonly reuse?: {readonly from: string; readonly paths: readonly string[]}
  /** Run on the finished staging folder before the swap (Staging.commit). */
  readonly beforeSwap?: BeforeSwap
  /** Every file in the output now: update it in place (StagingOptions.present). */
  readonly present?: Iterable<string>
}

export async function stageSite(outDir: string, files: Iterable<WriteFile>, options: StageOptions = {}): Promise<void> {
  const staging = await openStaging(outDir, options.fs, options.present === undefined ? {} : {present: options.present})
  try {
    let batch: Promise<void>[] = []
    for (const file of files) {
      batch.push(staging.write(file))
      if (batch.length >= 32) {
        await Promise.all(batch)
        batch = []
      }
    }
    await Promise.all(batch)
    if (options.reuse) await staging.keep(options.reuse.from, options.reuse.paths)
    await staging.commit(options.beforeSwap)
  } catch (error) {
    await staging.abandon()
    throw error
  }
}
