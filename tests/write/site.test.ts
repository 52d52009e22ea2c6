import {mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {recoverOutput, safeJoin, UnsafePathError} from '../../src/write/site.js'
import {stageSite} from '../helpers/staging.js'
import {lockFileOf, lockOutput, OutputLockedError} from '../../src/write/lock.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-write-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('safeJoin', () => {
  it('joins ordinary site paths', () => {
    expect(safeJoin('/out', 'briefs/a/index.html')).toBe('/out/briefs/a/index.html')
  })

  it.each(['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a\\..\\b', '', 'a/\0'])('refuses %j', (bad) => {
    expect(() => safeJoin('/out', bad)).toThrow(UnsafePathError)
  })
})

describe('writing the site through a staging folder (openStaging, keep, commit)', () => {
  it('replaces the whole output folder and leaves no staging folders behind', async () => {
    const out = path.join(temp, 'dist')
    await stageSite(out, [{path: 'old.html', contents: 'old'}])
    await stageSite(out, [{path: 'a/index.html', contents: 'new'}])
    expect(await readdir(out)).toEqual(['a'])
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('new')
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('leaves the previous output untouched when a path is unsafe', async () => {
    const out = path.join(temp, 'dist')
    await expect(stageSite(out, [{path: 'fine.html', contents: 'x'}, {path: '../escape.html', contents: 'x'}])).rejects.toThrow(UnsafePathError)
    expect(await readdir(out)).toEqual(['a'])
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('runs beforeSwap on the finished staging folder, and its files are swapped in too', async () => {
    const out = path.join(temp, 'dist')
    let seen: string[] = []
    await stageSite(out, [{path: 'b/index.html', contents: 'b'}], {
      beforeSwap: async (staging) => {
        seen = [path.dirname(staging) === temp ? 'next to the output' : staging, ...(await readdir(staging)), ...(await readdir(out))]
        await writeFile(path.join(staging, 'extra.txt'), 'added')
        return ['extra.txt']
      }
    })
    expect(seen).toEqual(['next to the output', 'b', 'a'])
    expect((await readdir(out)).sort()).toEqual(['b', 'extra.txt'])
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('leaves the previous output untouched when beforeSwap fails', async () => {
    const out = path.join(temp, 'dist')
    const failing = () => Promise.reject(new Error('index failed'))
    await expect(stageSite(out, [{path: 'c.html', contents: 'c'}], {beforeSwap: failing})).rejects.toThrow('index failed')
    expect((await readdir(out)).sort()).toEqual(['b', 'extra.txt'])
    expect(await readdir(temp)).toEqual(['dist'])
  })
})

describe('abandoned staging folders', () => {
  it('are removed when the build that made them is gone', async () => {
    const out = path.join(temp, 'site')
    // PID 2^22+1 is above Linux's pid_max default range: no such process.
    await mkdir(path.join(temp, '.site.tmp-4194305-abc'), {recursive: true})
    await stageSite(out, [{path: 'index.html', contents: 'x'}])
    expect((await readdir(temp)).filter((name) => name.startsWith('.site'))).toEqual([])
  })
})

describe('a swap cut short between its two renames (the build was killed)', () => {
  // The state such a kill leaves, made by hand: no output folder, the
  // previous output retired under a dead pid, maybe a staging folder too.
  const dead = 4194305
  const killedMidSwap = async (name: string) => {
    const parent = path.join(temp, name)
    const out = path.join(parent, 'site')
    await stageSite(out, [
      {path: 'index.html', contents: 'good'},
      {path: 'briefs/a/index.html', contents: 'brief a'}
    ])
    const retired = path.join(parent, `.site.old-${dead}-${Date.now().toString(36)}-abcdef`)
    await rename(out, retired)
    const staging = path.join(parent, `.site.tmp-${dead}-${Date.now().toString(36)}-fedcba`)
    await mkdir(path.join(staging, 'briefs'), {recursive: true})
    await writeFile(path.join(staging, 'index.html'), 'half-written new site')
    return {parent, out, retired, staging}
  }

  it('puts the previous output back, then removes the abandoned staging folder', async () => {
    const {parent, out, retired} = await killedMidSwap('mid-swap')
    expect(await recoverOutput(out)).toEqual({restored: retired, removed: 1})
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('good')
    expect(await readFile(path.join(out, 'briefs/a/index.html'), 'utf8')).toBe('brief a')
    expect(await readdir(parent)).toEqual(['site'])
    // Nothing left to do: a second call is a no-op.
    expect(await recoverOutput(out)).toEqual({removed: 0})
  })

  it('is recovered by the next write before anything else, so files kept from the previous output are there', async () => {
    const {parent, out} = await killedMidSwap('mid-swap-write')
    await stageSite(out, [{path: 'new.html', contents: 'new'}], {reuse: {from: out, paths: ['briefs/a/index.html']}})
    expect(await readFile(path.join(out, 'briefs/a/index.html'), 'utf8')).toBe('brief a')
    expect((await readdir(out)).sort()).toEqual(['briefs', 'new.html'])
    expect(await readdir(parent)).toEqual(['site'])
  })

  it('restores the newest retired folder when several were left', async () => {
    const {parent, out, retired} = await killedMidSwap('mid-swap-several')
    const older = path.join(parent, `.site.old-${dead + 1}-${(Date.now() - 60_000).toString(36)}`)
    await mkdir(older)
    await writeFile(path.join(older, 'index.html'), 'older')
    expect(await recoverOutput(out)).toEqual({restored: retired, removed: 2})
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('good')
    expect(await readdir(parent)).toEqual(['site'])
  })

  it('removes a retired folder when the output is there (a kill while deleting it, after the swap)', async () => {
    const {parent, out, retired} = await killedMidSwap('after-swap')
    await mkdir(out)
    await writeFile(path.join(out, 'index.html'), 'newer')
    expect(await recoverOutput(out)).toEqual({removed: 2})
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('newer')
    expect(await readdir(parent)).toEqual(['site'])
    expect(retired).not.toBe('')
  })

  it('never touches the folders of a live process (a build still swapping)', async () => {
    const parent = path.join(temp, 'live')
    const out = path.join(parent, 'site')
    // The test runner's own parent process: alive, and not this process.
    const live = path.join(parent, `.site.old-${process.ppid}-${Date.now().toString(36)}`)
    await mkdir(live, {recursive: true})
    expect(await recoverOutput(out)).toEqual({removed: 0})
    expect(await readdir(parent)).toEqual([path.basename(live)])
  })
})

describe('the output lock', () => {
  const holder = (pid: number, host = os.hostname(), started = '2024-03-01T10:00:00.000Z') => `${JSON.stringify({pid, started, host})}\n`

  it('is a file next to the output naming this process, removed on release', async () => {
    const out = path.join(temp, 'locked', 'site')
    const lock = await lockOutput(out)
    expect(lock.file).toBe(path.join(temp, 'locked', '.site.lock'))
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({pid: process.pid, host: os.hostname()})
    await lock.release()
    expect(await readdir(path.join(temp, 'locked'))).toEqual([])
  })

  it('refuses a second build while the first holds it, naming the holder', async () => {
    const out = path.join(temp, 'twice', 'site')
    const first = await lockOutput(out)
    const error: unknown = await lockOutput(out).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OutputLockedError)
    expect((error as OutputLockedError).holder).toMatchObject({pid: process.pid, host: os.hostname()})
    expect((error as OutputLockedError).lockFile).toBe(first.file)
    await first.release()
    await (await lockOutput(out)).release()
  })

  it('takes over the lock of a process that is gone', async () => {
    const out = path.join(temp, 'stale', 'site')
    await mkdir(path.dirname(out), {recursive: true})
    await writeFile(lockFileOf(out), holder(4194305))
    const lock = await lockOutput(out)
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({pid: process.pid})
    await lock.release()
    expect(await readdir(path.dirname(out))).toEqual([])
  })

  it('holds for a live process, and for a process of another machine (which cannot be checked)', async () => {
    const out = path.join(temp, 'held', 'site')
    await mkdir(path.dirname(out), {recursive: true})
    await writeFile(lockFileOf(out), holder(process.ppid))
    await expect(lockOutput(out)).rejects.toBeInstanceOf(OutputLockedError)
    await writeFile(lockFileOf(out), holder(4194305, 'another-machine'))
    await expect(lockOutput(out)).rejects.toMatchObject({holder: {pid: 4194305, host: 'another-machine'}})
    await rm(lockFileOf(out))
  })

  it('treats an unreadable lock as being written, unless it is old: then its writer died', async () => {
    const out = path.join(temp, 'garbage', 'site')
    await mkdir(path.dirname(out), {recursive: true})
    await writeFile(lockFileOf(out), '')
    await expect(lockOutput(out)).rejects.toMatchObject({holder: undefined})
    const later = () => new Date(Date.now() + 60_000)
    const lock = await lockOutput(out, later)
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({pid: process.pid})
    await lock.release()
  })

  it('release leaves a lock that is no longer its own', async () => {
    const out = path.join(temp, 'taken', 'site')
    const lock = await lockOutput(out)
    await writeFile(lock.file, holder(process.ppid))
    await lock.release()
    expect(await readFile(lock.file, 'utf8')).toBe(holder(process.ppid))
    await rm(lock.file)
  })

  it('says why it cannot be created: a file where the output folder\'s parent should be', async () => {
    await writeFile(path.join(temp, 'a-file'), 'x')
    await expect(lockOutput(path.join(temp, 'a-file', 'site'))).rejects.toMatchObject({code: 'ENOTDIR', target: path.join(temp, 'a-file')})
  })
})
