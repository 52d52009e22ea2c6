// build/cache.ts: the check index, written whole or as a small file of the
// entries added since.
import {mkdtemp, readdir, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {readCheckIndex, writeCheckIndex} from '../../src/build/cache.js'
import type {CompiledBrief} from '../../src/build/compile.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-cache-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** A check entry: a brief that failed to parse, which is all an index entry needs to be. */
const entry = (slug: string): CompiledBrief => ({result: {diagnostics: [], slug}})
const indexOf = (slugs: readonly string[]) => new Map(slugs.map((slug) => [`key-${slug}`, entry(slug)]))
const slugs = (count: number, from = 0) => Array.from({length: count}, (_, i) => `b${from + i}`)

describe('the check index', () => {
  it('is written whole the first time, then only the entries added go to the small file', async () => {
    const dir = await mkdtemp(path.join(temp, 'index-'))
    const first = indexOf(slugs(1000))
    expect(await writeCheckIndex(dir, first, await readCheckIndex(dir))).toBeUndefined()
    expect(await readdir(dir)).toEqual(['check-index.v8'])
    const whole = await stat(path.join(dir, 'check-index.v8'))

    const read = await readCheckIndex(dir)
    expect(read.entries.size).toBe(1000)
    expect(read.whole).toBe(1000)
    const next = new Map([...read.entries, ...indexOf(['new'])])
    await writeCheckIndex(dir, next, read)
    expect((await readdir(dir)).sort()).toEqual(['check-index.added.v8', 'check-index.v8'])
    expect((await stat(path.join(dir, 'check-index.v8'))).mtimeMs).toBe(whole.mtimeMs)
    const again = await readCheckIndex(dir)
    expect([...again.added]).toEqual(['key-new'])
    expect(again.entries.get('key-new')).toEqual(entry('new'))
    expect(again.entries.size).toBe(1001)
  })

  it('writes nothing when no entry changed', async () => {
    const dir = await mkdtemp(path.join(temp, 'same-'))
    await writeCheckIndex(dir, indexOf(slugs(10)))
    const read = await readCheckIndex(dir)
    const before = await stat(path.join(dir, 'check-index.v8'))
    expect(await writeCheckIndex(dir, new Map(read.entries), read)).toBeUndefined()
    expect(await readdir(dir)).toEqual(['check-index.v8'])
    expect((await stat(path.join(dir, 'check-index.v8'))).mtimeMs).toBe(before.mtimeMs)
  })

  it('is written whole again, and the small file removed, once the additions or the entries of briefs gone pass a tenth of it (at least 64)', async () => {
    const dir = await mkdtemp(path.join(temp, 'grow-'))
    await writeCheckIndex(dir, indexOf(slugs(1000)))
    // 100 additions, one build at a time: all in the small file.
    for (let i = 0; i < 100; i += 10) {
      const read = await readCheckIndex(dir)
      await writeCheckIndex(dir, new Map([...read.entries, ...indexOf(slugs(10, 1000 + i))]), read)
    }
    expect((await readCheckIndex(dir)).added.size).toBe(100)
    // Twelve more: 112 added of 1,112, past a tenth (111).
    let read = await readCheckIndex(dir)
    await writeCheckIndex(dir, new Map([...read.entries, ...indexOf(slugs(12, 1100))]), read)
    expect(await readdir(dir)).toEqual(['check-index.v8'])
    read = await readCheckIndex(dir)
    expect(read.whole).toBe(1112)
    // Briefs removed: the index keeps their entries until there are too many.
    const fewer = new Map([...read.entries].slice(0, 1050))
    await writeCheckIndex(dir, fewer, read)
    expect((await readCheckIndex(dir)).entries.size).toBe(1112)
    const fewest = new Map([...read.entries].slice(0, 900))
    await writeCheckIndex(dir, fewest, read)
    expect((await readCheckIndex(dir)).entries.size).toBe(900)
  })

  it('is written whole when the whole index could not be read, even if the small file could', async () => {
    const dir = await mkdtemp(path.join(temp, 'lost-'))
    await writeCheckIndex(dir, indexOf(slugs(100)))
    const read = await readCheckIndex(dir)
    await writeCheckIndex(dir, new Map([...read.entries, ...indexOf(['x'])]), read)
    await rm(path.join(dir, 'check-index.v8'))
    const partial = await readCheckIndex(dir)
    expect(partial).toMatchObject({whole: 0, added: new Set(['key-x'])})
    await writeCheckIndex(dir, new Map([...read.entries, ...indexOf(['x'])]), partial)
    expect(await readdir(dir)).toEqual(['check-index.v8'])
    expect((await readCheckIndex(dir)).entries.size).toBe(101)
  })
})
