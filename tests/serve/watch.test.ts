import {mkdir, mkdtemp, rename, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {watchFiles, type Change} from '../../src/serve/watch.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-watch-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fresh folder with `files`, watched; `batches` collects what the watcher delivers. */
async function watched(name: string, files: Record<string, string>, paths?: (dir: string) => string[]) {
  const dir = path.join(temp, name)
  await mkdir(dir, {recursive: true})
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), {recursive: true})
    await writeFile(path.join(dir, file), text)
  }
  const batches: Change[][] = []
  // When each batch came.
  const times: number[] = []
  const errors: Error[] = []
  const watcher = await watchFiles({
    paths: paths ? paths(dir) : [dir],
    debounceMs: 5,
    onChange: (batch) => {
      times.push(performance.now())
      batches.push([...batch].sort((a, b) => (a.path < b.path ? -1 : 1)))
    },
    onError: (error) => errors.push(error)
  })
  const at = (file: string) => path.join(dir, file)
  const all = () => addedOnce(batches.flat()).map((change) => ({kind: change.kind, path: path.relative(dir, change.path)}))
  return {dir, at, batches, times, errors, all, close: () => watcher.close()}
}

/**
 * The changes, with a file's 'change' after its own 'add' left out:
 * writing a new file is a create then a write, which a loaded machine may
 * deliver in two batches (debounceMs is 5 here); serve reads the file
 * again either way, so both orders mean the same.
 */
function addedOnce(changes: readonly Change[]): Change[] {
  const added = new Set<string>()
  return changes.filter((change) => {
    if (change.kind === 'add') added.add(change.path)
    return !(change.kind === 'change' && added.has(change.path))
  })
}

describe('watchFiles', () => {
  it('reports a saved file as changed, once, and nothing found at the start', async () => {
    const w = await watched('save', {'briefs/2024/a.md': 'one', 'site.yml': 'x'})
    try {
      await settle(50)
      expect(w.batches).toEqual([])
      await writeFile(w.at('briefs/2024/a.md'), 'two')
      await settle()
      expect(w.all()).toEqual([{kind: 'change', path: 'briefs/2024/a.md'}])
      expect(w.errors).toEqual([])
    } finally {
      await w.close()
    }
  })

  it('sees a second save that comes quickly after the first', async () => {
    const w = await watched('twice', {'brief.md': 'one'})
    try {
      await writeFile(w.at('brief.md'), 'two, longer')
      await settle(15)
      await writeFile(w.at('brief.md'), 'one')
      const second = performance.now()
      await settle(200)
      // Some change must be delivered after the second save, or the site would show the first.
      expect(w.times.some((at) => at > second)).toBe(true)
      expect(w.all().at(-1)).toEqual({kind: 'change', path: 'brief.md'})
    } finally {
      await w.close()
    }
  })

  it('reports an editor\'s save by rename as a change, and ignores its scratch files', async () => {
    const w = await watched('rename', {'a.md': 'one'})
    try {
      await writeFile(w.at('.a.md.swp'), 'swap')
      await writeFile(w.at('a.md~'), 'backup')
      await writeFile(w.at('a.md.tmp'), 'two')
      await rename(w.at('a.md.tmp'), w.at('a.md'))
      await settle()
      expect(w.all()).toEqual([{kind: 'change', path: 'a.md'}])
    } finally {
      await w.close()
    }
  })

  it('reports files added and removed, and a folder added or removed with what it holds', async () => {
    const w = await watched('tree', {'briefs/2023/old.md': 'old', 'briefs/2023/older.md': 'older'})
    try {
      await writeFile(w.at('briefs/new.md'), 'new')
      await settle()
      expect(w.all()).toEqual([{kind: 'add', path: 'briefs/new.md'}])
      w.batches.length = 0
      await rm(w.at('briefs/new.md'))
      await settle()
      expect(w.all()).toEqual([{kind: 'unlink', path: 'briefs/new.md'}])
      w.batches.length = 0
      await rm(w.at('briefs/2023'), {recursive: true})
      await settle()
      expect(w.all()).toEqual([
        {kind: 'unlinkDir', path: 'briefs/2023'},
        {kind: 'unlink', path: 'briefs/2023/old.md'},
        {kind: 'unlink', path: 'briefs/2023/older.md'}
      ])
      w.batches.length = 0
      // A folder moved in whole: its files are found, and later saves in it seen.
      const outside = path.join(temp, 'outside-2025')
      await mkdir(outside)
      await writeFile(path.join(outside, 'b.md'), 'b')
      await rename(outside, w.at('briefs/2025'))
      await settle()
      expect(w.all()).toEqual([
        {kind: 'addDir', path: 'briefs/2025'},
        {kind: 'add', path: 'briefs/2025/b.md'}
      ])
      w.batches.length = 0
      await writeFile(w.at('briefs/2025/b.md'), 'b2')
      await settle()
      expect(w.all()).toEqual([{kind: 'change', path: 'briefs/2025/b.md'}])
    } finally {
      await w.close()
    }
  })

  it('waits for a folder that does not exist yet (a project without public/)', async () => {
    const w = await watched('later', {'content/a.md': 'a'}, (dir) => [path.join(dir, 'content'), path.join(dir, 'public')])
    try {
      await mkdir(w.at('public'))
      await settle()
      await writeFile(w.at('public/style.css'), 'p {}')
      await settle()
      expect(w.all()).toEqual([
        {kind: 'addDir', path: 'public'},
        {kind: 'add', path: 'public/style.css'}
      ])
    } finally {
      await w.close()
    }
  })

  it('follows a root that is a link to a folder (content kept elsewhere)', async () => {
    const w = await watched('linked', {'real/a.md': 'a'}, (dir) => [path.join(dir, 'content')])
    try {
      await w.close()
      await symlink(w.at('real'), w.at('content'))
      const batches: Change[][] = []
      const watcher = await watchFiles({paths: [w.at('content')], debounceMs: 5, onChange: (batch) => batches.push([...batch])})
      try {
        await writeFile(w.at('real/a.md'), 'b')
        await writeFile(w.at('real/new.md'), 'new')
        await settle()
        expect(addedOnce(batches.flat()).map((change) => [change.kind, path.relative(w.dir, change.path)])).toEqual([
          ['change', 'content/a.md'],
          ['add', 'content/new.md']
        ])
      } finally {
        await watcher.close()
      }
    } finally {
      await w.close()
    }
  })

  it('delivers nothing after it is closed', async () => {
    const w = await watched('closed', {'a.md': 'a'})
    await w.close()
    await writeFile(w.at('a.md'), 'b')
    await settle()
    expect(w.batches).toEqual([])
  })
})
