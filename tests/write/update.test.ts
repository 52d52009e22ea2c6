// write/update.ts: the output updated in place, under a journal. Every
// step that touches the disk is failed, and "killed" (stalled forever), in
// turn: a failure must leave the previous output byte for byte, a kill must
// leave what the next build's recovery turns into the new output exactly.
import * as nodeFs from 'node:fs/promises'
import {mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {OutputError, recoverOutput, type SiteFs} from '../../src/write/site.js'
import {journalOf, parseJournal} from '../../src/write/update.js'
import {faultyFs} from '../helpers/faulty-fs.js'
import {stageSite} from '../helpers/staging.js'
import {snapshotDir} from '../helpers/tree.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-update-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** The previous output: a brief that goes, one that stays, a file that becomes a folder, a folder that becomes a file. */
const before: Record<string, string> = {
  'index.html': 'old index',
  'feed.xml': 'feed',
  'briefs/a/index.html': 'brief a',
  'briefs/gone/index.html': 'gone brief',
  'briefs/gone/figure.svg': 'gone figure',
  x: 'x was a file',
  'y/index.html': 'y was a folder',
  'stray.txt': 'put there by hand'
}
/** What the new build writes (staged), and what it keeps as it is. */
const written = [
  {path: 'index.html', contents: 'new index'},
  {path: 'briefs/new/index.html', contents: 'new brief'},
  {path: 'x/index.html', contents: 'x is a folder'},
  {path: 'y', contents: 'y is a file'}
]
const kept = ['feed.xml', 'briefs/a/index.html']
const after = new Map<string, string>([
  ['index.html', 'new index'],
  ['feed.xml', 'feed'],
  ['briefs/a/index.html', 'brief a'],
  ['briefs/new/index.html', 'new brief'],
  ['x/index.html', 'x is a folder'],
  ['y', 'y is a file']
])

let cases = 0
async function previousOutput(): Promise<{parent: string; out: string}> {
  const parent = path.join(temp, `case-${++cases}`)
  const out = path.join(parent, 'site')
  for (const [file, contents] of Object.entries(before)) {
    await mkdir(path.dirname(path.join(out, file)), {recursive: true})
    await writeFile(path.join(out, file), contents)
  }
  return {parent, out}
}

const update = (out: string, fs?: SiteFs) => stageSite(out, written, {present: Object.keys(before), reuse: {from: out, paths: kept}, ...(fs ? {fs} : {})})

async function contentsOf(dir: string): Promise<Map<string, string>> {
  const snapshot = await snapshotDir(dir)
  return new Map([...snapshot].map(([file, base64]) => [file.split(path.sep).join('/'), Buffer.from(base64, 'base64').toString()]))
}

describe('updating the output in place', () => {
  it('moves the written files in, removes what the new site lacks (strays too) and the folders left empty, and keeps the rest as the very same files', async () => {
    const {parent, out} = await previousOutput()
    const inode = async (file: string) => (await stat(path.join(out, file))).ino
    const keptInodes = await Promise.all(kept.map(inode))
    const outInode = (await stat(out)).ino
    await update(out)
    expect(await contentsOf(out)).toEqual(after)
    expect(await Promise.all(kept.map(inode))).toEqual(keptInodes)
    expect((await stat(out)).ino).toBe(outInode)
    expect(await readdir(path.join(out, 'briefs'))).toEqual(['a', 'new'])
    expect(await readdir(parent)).toEqual(['site'])
  })

  it('journals exactly what it moves in and removes', () => {
    const journal = journalOf({
      outDir: '/p/site',
      stagingDir: '/p/.site.tmp-1-a-b',
      backupDir: '/p/.site.bak-1-a-b',
      journalFile: '/p/.site.apply-1-a-b.json',
      present: new Set(Object.keys(before)),
      staged: written.map((file) => file.path),
      kept: new Set(kept)
    })
    expect(journal).toEqual({
      staging: '.site.tmp-1-a-b',
      backup: '.site.bak-1-a-b',
      moved: ['briefs/new/index.html', 'index.html', 'x/index.html', 'y'],
      removed: ['briefs/gone/figure.svg', 'briefs/gone/index.html', 'stray.txt', 'x', 'y/index.html']
    })
    expect(parseJournal(`${JSON.stringify(journal)}\n`)).toEqual(journal)
  })

  it.each([
    ['not JSON', '{"staging":'],
    ['a list', '[]'],
    ['a missing field', JSON.stringify({staging: '.s.tmp', backup: '.s.bak', moved: []})],
    ['a folder elsewhere', JSON.stringify({staging: '../../etc', backup: '.s.bak', moved: [], removed: []})],
    ['a number for a path', JSON.stringify({staging: '.s.tmp', backup: '.s.bak', moved: [1], removed: []})]
  ])('reads no journal from %s', (_name, text) => {
    expect(parseJournal(text)).toBeUndefined()
  })

  // Every call a fault can hit, in the order the update makes them (counted by a first clean run).
  it('on a failure at any step, undoes every step: the previous output byte for byte, nothing left beside it', async () => {
    const counting = await previousOutput()
    const calls = callCounter()
    await update(counting.out, calls.fs)
    expect(calls.count()).toBeGreaterThan(10)
    for (const call of ['rename', 'mkdir', 'writeFile'] as const) {
      for (let after = 0; after < calls.of(call); after++) {
        const {parent, out} = await previousOutput()
        const previous = await snapshotDir(out)
        const error = await update(out, faultyFs({call, code: 'EIO', after, times: 1})).catch((caught: unknown) => caught)
        expect(error, `${call} #${after + 1}`).toBeInstanceOf(OutputError)
        expect(await snapshotDir(out), `${call} #${after + 1}`).toEqual(previous)
        expect(await readdir(parent), `${call} #${after + 1}`).toEqual(['site'])
      }
    }
  })

  it('killed at any step, is finished by the next build from its journal: the new output exactly, nothing left beside it', async () => {
    const counting = await previousOutput()
    const calls = callCounter()
    await update(counting.out, calls.fs)
    let finishedFromJournal = 0
    for (let step = 1; step <= calls.count(); step++) {
      const {parent, out} = await previousOutput()
      const previous = await contentsOf(out)
      const kill = stallAt(step)
      const outcome = await Promise.race([update(out, kill.fs).then(() => 'finished'), kill.stalled.then(() => 'killed')])
      if (outcome === 'finished') continue
      // The process is gone: its folders and journal now carry a dead pid.
      await asDead(parent)
      const recovered = await recoverOutput(out)
      const now = await contentsOf(out)
      if (recovered.completed !== undefined) {
        finishedFromJournal++
        expect(now, `killed at step ${step}, finished from the journal`).toEqual(after)
      } else {
        // Killed before the journal was whole (the output was never touched), or after it was removed (the update was done).
        expect([previous, after], `killed at step ${step}, with no journal`).toContainEqual(now)
      }
      expect(await readdir(parent), `killed at step ${step}`).toEqual(['site'])
    }
    // The journal exists for most of the steps: moving aside, removing, moving in.
    expect(finishedFromJournal).toBeGreaterThan(8)
  })

  it('finishes an update cut short even when that recovery is itself cut short', async () => {
    const {parent, out} = await previousOutput()
    const kill = stallAt(20)
    await Promise.race([update(out, kill.fs), kill.stalled])
    await asDead(parent)
    // The first recovery is killed after a few steps; the second finishes.
    const again = stallAt(3)
    await Promise.race([recoverOutput(out, again.fs), again.stalled])
    expect((await recoverOutput(out)).completed).toBeDefined()
    expect(await contentsOf(out)).toEqual(after)
    expect(await readdir(parent)).toEqual(['site'])
  })
})

/** A SiteFs counting its calls. */
function callCounter(): {fs: SiteFs; count: () => number; of: (call: keyof SiteFs) => number} {
  const counts = new Map<string, number>()
  const fs = wrap((call) => {
    counts.set(call, (counts.get(call) ?? 0) + 1)
    return undefined
  })
  return {fs, count: () => [...counts.values()].reduce((a, b) => a + b, 0), of: (call) => counts.get(call) ?? 0}
}

/** A SiteFs whose `step`-th call never returns, as if the process were killed right there. */
function stallAt(step: number): {fs: SiteFs; stalled: Promise<void>} {
  let calls = 0
  let stall: () => void = () => undefined
  const stalled = new Promise<void>((resolve) => {
    stall = resolve
  })
  const fs = wrap(() => {
    if (++calls < step) return undefined
    stall()
    return new Promise<never>(() => undefined)
  })
  return {fs, stalled}
}

/** node:fs/promises, with `before` run first on every call: it may return a promise that replaces the call. */
function wrap(before: (call: keyof SiteFs) => Promise<never> | undefined): SiteFs {
  return {
    mkdir: (dir, options) => before('mkdir') ?? nodeFs.mkdir(dir, options),
    writeFile: (file, data) => before('writeFile') ?? nodeFs.writeFile(file, data),
    link: (existing, target) => before('link') ?? nodeFs.link(existing, target),
    copyFile: (source, target) => before('copyFile') ?? nodeFs.copyFile(source, target),
    rename: (from, to) => before('rename') ?? nodeFs.rename(from, to),
    rm: (target, options) => before('rm') ?? nodeFs.rm(target, options),
    readdir: (dir) => before('readdir') ?? nodeFs.readdir(dir),
    stat: (target) => before('stat') ?? nodeFs.stat(target),
    readFile: (file, encoding) => before('readFile') ?? nodeFs.readFile(file, encoding)
  }
}

/** Give what this process left next to the output the pid of a dead one (2^22+1: above Linux's pid range), journal contents included. */
async function asDead(parent: string): Promise<void> {
  // Calls made before the stall may still be running (a write of the same batch): a killed process's would have stopped.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const own = `-${process.pid}-`
  for (const name of await readdir(parent)) {
    if (!name.includes(own)) continue
    const renamed = path.join(parent, name.replace(own, '-4194305-'))
    await rename(path.join(parent, name), renamed)
    if (name.endsWith('.json')) await writeFile(renamed, (await readFile(renamed, 'utf8')).replaceAll(own, '-4194305-'))
  }
}
