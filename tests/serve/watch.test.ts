import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {watchFiles} from '../../src/serve/watch.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-watch-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('watchFiles', () => {
  it('sees a second save that comes within chokidar\'s 50 ms change throttle', async () => {
    const file = path.join(temp, 'brief.md')
    await writeFile(file, 'one')
    const batches: number[] = []
    const watcher = await watchFiles({paths: [temp], debounceMs: 5, onChange: () => batches.push(performance.now())})
    try {
      await writeFile(file, 'two, longer')
      await new Promise((resolve) => setTimeout(resolve, 15))
      await writeFile(file, 'one')
      const second = performance.now()
      await new Promise((resolve) => setTimeout(resolve, 400))
      // Some batch must come after the second save, or the site would show the first.
      expect(batches.some((at) => at > second)).toBe(true)
    } finally {
      await watcher.close()
    }
  })
})
