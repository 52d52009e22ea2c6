import {mkdir, mkdtemp, readdir, rename, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {OutputError, recoverOutput, type WriteFile} from '../../src/write/site.js'
import {stageSite} from '../helpers/staging.js'
import {probeCache, writeCacheEntries, writeCheckIndex, writeManifest} from '../../src/build/cache.js'
import {faultyFs, type Fault} from '../helpers/faulty-fs.js'
import {snapshotDir} from '../helpers/tree.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-faults-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** A site of 60 files in a few folders, a little different each time. */
const site = (version: string): WriteFile[] =>
  Array.from({length: 60}, (_, i) => ({path: `section-${i % 4}/page-${i}.html`, contents: `<p>${version} ${i}</p>`}))

let round = 0
/** A fresh output folder holding a good previous build, in a folder of its own. */
async function previousOutput(): Promise<{out: string; parent: string; before: Map<string, string>}> {
  const parent = path.join(temp, `case-${++round}`)
  const out = path.join(parent, 'dist')
  await stageSite(out, site('old'))
  return {out, parent, before: await snapshotDir(out)}
}

const leftovers = async (parent: string) => (await readdir(parent)).filter((name) => name !== 'dist')

describe('a write that fails part-way', () => {
  const cases: [string, Fault[], string][] = [
    ['a full disk after 5 files', [{call: 'writeFile', code: 'ENOSPC', after: 5}], 'ENOSPC'],
    ['an exhausted quota on the first file', [{call: 'writeFile', code: 'EDQUOT'}], 'EDQUOT'],
    ['a refused temporary folder', [{call: 'mkdir', code: 'EACCES', when: (dir) => path.basename(dir).startsWith('.dist.tmp-')}], 'EACCES'],
    ['a read-only file system for sub-folders', [{call: 'mkdir', code: 'EROFS', after: 1}], 'EROFS'],
    ['too many open files', [{call: 'writeFile', code: 'EMFILE', after: 20}], 'EMFILE'],
    ['a refused permission to move the old output aside', [{call: 'rename', code: 'EPERM'}], 'EPERM'],
    ['a failure to move the new output into place', [{call: 'rename', code: 'EBUSY', after: 1, times: 1}], 'EBUSY']
  ]

  it.each(cases)('%s: an OutputError, the previous output byte-identical, no staging left', async (_name, faults, code) => {
    const {out, parent, before} = await previousOutput()
    const fs = faultyFs(...faults)
    const error: unknown = await stageSite(out, site('new'), {fs}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OutputError)
    expect((error as OutputError).code).toBe(code)
    expect((error as OutputError).retired).toBeUndefined()
    expect(fs.failures()).toBeGreaterThan(0)
    expect(await snapshotDir(out)).toEqual(before)
    expect(await leftovers(parent)).toEqual([])
  })

  it('waits for writes still running before removing the staging folder (a late mkdir would bring it back)', async () => {
    const {out, parent, before} = await previousOutput()
    const fs = faultyFs({call: 'writeFile', code: 'ENOSPC', when: (file) => file.includes('section-0')})
    const slow = {
      ...fs,
      mkdir: async (dir: string, options?: {recursive?: boolean}) => {
        if (dir.endsWith('section-3')) await new Promise((resolve) => setTimeout(resolve, 100))
        return fs.mkdir(dir, options)
      }
    }
    await expect(stageSite(out, site('new'), {fs: slow})).rejects.toBeInstanceOf(OutputError)
    expect(await leftovers(parent)).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await leftovers(parent)).toEqual([])
    expect(await snapshotDir(out)).toEqual(before)
  })

  it('names the file that failed by its place in the output, not the staging folder', async () => {
    const {out} = await previousOutput()
    const error = (await stageSite(out, site('new'), {fs: faultyFs({call: 'writeFile', code: 'ENOSPC', after: 2})}).catch((caught: unknown) => caught)) as OutputError
    expect(error.action).toBe('writing')
    expect(error.target.startsWith(out + path.sep)).toBe(true)
    expect(error.target).toMatch(/\/dist\/section-\d\/page-\d+\.html$/)
  })

  it('copies files it cannot link, and a full disk while copying keeps the previous output too', async () => {
    const {out, parent, before} = await previousOutput()
    const reuse = {from: out, paths: ['section-0/page-0.html', 'section-1/page-1.html']}
    // Links refused (another device): kept files are copied instead.
    await stageSite(out, site('old').slice(2), {reuse, fs: faultyFs({call: 'link', code: 'EXDEV'})})
    expect(await snapshotDir(out)).toEqual(before)
    const error: unknown = await stageSite(out, site('new').slice(2), {reuse, fs: faultyFs({call: 'link', code: 'EXDEV'}, {call: 'copyFile', code: 'ENOSPC'})}).catch(
      (caught: unknown) => caught
    )
    expect((error as OutputError).code).toBe('ENOSPC')
    expect((error as OutputError).action).toBe('copying')
    expect(await snapshotDir(out)).toEqual(before)
    expect(await leftovers(parent)).toEqual([])
  })

  it('when the previous output cannot be put back either, says where it is, and the next build restores it', async () => {
    const {out, parent, before} = await previousOutput()
    // Moving the old output aside works; every rename after that fails.
    const error = (await stageSite(out, site('new'), {fs: faultyFs({call: 'rename', code: 'EIO', after: 1})}).catch((caught: unknown) => caught)) as OutputError
    expect(error).toBeInstanceOf(OutputError)
    expect(error.code).toBe('EIO')
    expect(error.retired).toMatch(/\/\.dist\.old-\d+-/)
    expect(await leftovers(parent)).toEqual([path.basename(error.retired ?? '')])
    expect(await snapshotDir(error.retired ?? '')).toEqual(before)
    // This process then exits; as the next build sees it, its pid is a dead one.
    const dead = path.join(parent, path.basename(error.retired ?? '').replace(/-\d+-/, '-4194305-'))
    await rename(error.retired ?? '', dead)
    expect(await recoverOutput(out)).toEqual({restored: dead, removed: 0})
    expect(await snapshotDir(out)).toEqual(before)
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('a system error that is no file-system failure of ours (a bug) is not dressed up as one', async () => {
    const {out, before} = await previousOutput()
    await expect(stageSite(out, [{path: 'a.html', contents: 'a'}], {beforeSwap: () => Promise.reject(new Error('indexer crashed'))})).rejects.toThrow('indexer crashed')
    expect(await snapshotDir(out)).toEqual(before)
  })
})

describe('the cache never fails a build', () => {
  // A regular file where the cache folder should be: every write fails, as with a refused folder.
  const blocked = async () => {
    const file = path.join(temp, `blocked-${++round}`)
    await writeFile(file, 'not a folder')
    return path.join(file, 'sitrep')
  }

  it('the probe says why it cannot write', async () => {
    expect(await probeCache(await blocked())).toEqual({path: expect.stringContaining('blocked-') as string, code: 'ENOTDIR'})
    const fine = path.join(temp, 'cache-fine')
    expect(await probeCache(fine)).toBeUndefined()
    expect(await readdir(fine)).toEqual([]) // the probe file is gone
  })

  it('entry, index and manifest writes report failures instead of throwing', async () => {
    const cacheDir = await blocked()
    const compiled = {result: {diagnostics: []}, fragments: {sections: []}} as unknown as Parameters<typeof writeCacheEntries>[1][number]['compiled']
    expect((await writeCacheEntries(cacheDir, [{key: 'ab'.repeat(20), compiled}]))?.code).toBe('ENOTDIR')
    expect((await writeCheckIndex(cacheDir, new Map()))?.code).toBe('ENOTDIR')
    expect((await writeManifest(cacheDir, {outDir: temp, files: {}}))?.code).toBe('ENOTDIR')
  })

  it('a failed entry write leaves no temporary file behind', async () => {
    const cacheDir = path.join(temp, 'cache-partial')
    await mkdir(path.join(cacheDir, 'manifest.json'), {recursive: true}) // a folder where the manifest goes: its rename fails
    expect((await writeManifest(cacheDir, {outDir: temp, files: {}}))?.code).toMatch(/^(EISDIR|ENOTEMPTY|EEXIST)$/)
    expect(await readdir(cacheDir)).toEqual(['manifest.json'])
  })
})
