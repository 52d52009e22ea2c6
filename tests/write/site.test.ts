import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {safeJoin, UnsafePathError, writeSite} from '../../src/write/site.js'

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

describe('writeSite', () => {
  it('replaces the whole output folder and leaves no staging folders behind', async () => {
    const out = path.join(temp, 'dist')
    await writeSite(out, [{path: 'old.html', contents: 'old'}])
    await writeSite(out, [{path: 'a/index.html', contents: 'new'}])
    expect(await readdir(out)).toEqual(['a'])
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('new')
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('leaves the previous output untouched when a path is unsafe', async () => {
    const out = path.join(temp, 'dist')
    await expect(writeSite(out, [{path: 'fine.html', contents: 'x'}, {path: '../escape.html', contents: 'x'}])).rejects.toThrow(UnsafePathError)
    expect(await readdir(out)).toEqual(['a'])
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('runs beforeSwap on the finished staging folder, and its files are swapped in too', async () => {
    const out = path.join(temp, 'dist')
    let seen: string[] = []
    await writeSite(out, [{path: 'b/index.html', contents: 'b'}], {
      beforeSwap: async (staging) => {
        seen = [path.dirname(staging) === temp ? 'next to the output' : staging, ...(await readdir(staging)), ...(await readdir(out))]
        await writeFile(path.join(staging, 'extra.txt'), 'added')
      }
    })
    expect(seen).toEqual(['next to the output', 'b', 'a'])
    expect((await readdir(out)).sort()).toEqual(['b', 'extra.txt'])
    expect(await readdir(temp)).toEqual(['dist'])
  })

  it('leaves the previous output untouched when beforeSwap fails', async () => {
    const out = path.join(temp, 'dist')
    const failing = () => Promise.reject(new Error('index failed'))
    await expect(writeSite(out, [{path: 'c.html', contents: 'c'}], {beforeSwap: failing})).rejects.toThrow('index failed')
    expect((await readdir(out)).sort()).toEqual(['b', 'extra.txt'])
    expect(await readdir(temp)).toEqual(['dist'])
  })
})

describe('abandoned staging folders', () => {
  it('are removed when the build that made them is gone', async () => {
    const {mkdir} = await import('node:fs/promises')
    const out = path.join(temp, 'site')
    // PID 2^22+1 is above Linux's pid_max default range: no such process.
    await mkdir(path.join(temp, '.site.tmp-4194305-abc'), {recursive: true})
    await writeSite(out, [{path: 'index.html', contents: 'x'}])
    expect((await readdir(temp)).filter((name) => name.startsWith('.site'))).toEqual([])
  })
})
