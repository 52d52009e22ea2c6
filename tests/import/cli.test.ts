import {mkdtemp, mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {UsageError} from '../../src/cli/io.js'
import {runImport, type ImportIo} from '../../src/cli/import.js'
import {regionsYaml} from './regions.js'

const fixture = (name: string) => readFile(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-import-'))
  await mkdir(path.join(dir, 'content'))
  await writeFile(path.join(dir, 'content/site.yml'), 'title: Test Watch\nbaseUrl: https://briefs.example.org/\nlanguage: en\n')
  await writeFile(path.join(dir, 'content/regions.yml'), regionsYaml)
  await writeFile(path.join(dir, 'weekly.txt'), await fixture('weekly-update.txt'))
})
afterEach(async () => {
  await rm(dir, {recursive: true, force: true})
})

/** Standard input as a pipe delivers it: bytes, in more than one chunk (split inside a character). */
async function* pipe(text: string): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8')
  const middle = bytes.indexOf(Buffer.from('’')) + 1
  yield await Promise.resolve(bytes.subarray(0, middle))
  yield bytes.subarray(middle)
}

function fakeIo(stdin?: string): ImportIo & {out: () => string; err: () => string} {
  let out = ''
  let err = ''
  return {
    cwd: dir,
    env: {NO_COLOR: '1'},
    stdout: {write: (text: string) => (out += text)},
    stderr: {write: (text: string) => (err += text)},
    ...(stdin === undefined ? {} : {stdin: pipe(stdin)}),
    out: () => out,
    err: () => err
  }
}

describe('sitrep import', () => {
  it('writes content/briefs/<year>/<series>-<date>.md, prints its path and the faithful warning', async () => {
    const io = fakeIo()
    expect(await runImport(['weekly.txt', '--date', '2024-03-14', '--series', 'china-taiwan'], io)).toBe(0)
    expect(io.out()).toBe('content/briefs/2024/china-taiwan-2024-03-14.md\n')
    expect(await readFile(path.join(dir, 'content/briefs/2024/china-taiwan-2024-03-14.md'), 'utf8')).toBe(await fixture('weekly-update.md'))
    expect(io.err()).toContain('content/briefs/2024/china-taiwan-2024-03-14.md:61:1  warning  Note 11 is not cited anywhere')
    expect(io.err()).toContain('0 errors and 1 warning in 1 file.')
  })

  it('refuses to overwrite an existing file unless --force', async () => {
    const args = ['weekly.txt', '--date', '2024-03-14', '--series', 'china-taiwan']
    const target = path.join(dir, 'content/briefs/2024/china-taiwan-2024-03-14.md')
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, 'keep me\n')
    const io = fakeIo()
    expect(await runImport(args, io)).toBe(1)
    expect(io.err()).toContain('content/briefs/2024/china-taiwan-2024-03-14.md already exists, so it was not overwritten.')
    expect(io.out()).toBe('')
    expect(await readFile(target, 'utf8')).toBe('keep me\n')
    expect(await runImport([...args, '--force'], fakeIo())).toBe(0)
    expect(await readFile(target, 'utf8')).toBe(await fixture('weekly-update.md'))
  })

  it('reads standard input and writes standard output with "-"', async () => {
    const io = fakeIo(await fixture('weekly-update.txt'))
    expect(await runImport(['-', '--date', '2024-03-14', '--series', 'china-taiwan', '--out', '-'], io)).toBe(0)
    expect(io.out()).toBe(await fixture('weekly-update.md'))
    expect(io.err()).toContain('<stdout>:61:1  warning')
  })

  it('reports import errors at their input line, writes the brief, and exits 1', async () => {
    await writeFile(path.join(dir, 'messy.txt'), await fixture('messy.txt'))
    const io = fakeIo()
    expect(await runImport(['messy.txt', '--out', 'out/messy.md'], io)).toBe(1)
    expect(io.err()).toContain('messy.txt:7:1  warning  This header line was not placed')
    expect(io.err()).toContain('messy.txt:19:52  error  This cites note 6, but the endnotes have no [6]')
    expect(io.err()).toContain('out/messy.md:36:1  error  "Southeast Asai" is not a region')
    expect(io.out()).toBe('out/messy.md\n')
    expect(await readFile(path.join(dir, 'out/messy.md'), 'utf8')).toBe(await fixture('messy.md'))
  })

  it('writes nothing when no date names the default file', async () => {
    const io = fakeIo()
    expect(await runImport(['weekly.txt'], io)).toBe(1)
    expect(io.err()).toContain('no publication date')
    expect(io.err()).toContain('Nothing written')
    expect(io.out()).toBe('')
  })

  it('reports an unreadable input and a missing content folder', async () => {
    const missing = fakeIo()
    expect(await runImport(['nope.txt', '--date', '2024-03-14'], missing)).toBe(1)
    expect(missing.err()).toContain('nope.txt:1:1  error  This file could not be read (no such file or folder)')
    const noContent = fakeIo()
    expect(await runImport(['weekly.txt', '--content', 'elsewhere'], noContent)).toBe(1)
    expect(noContent.err()).toContain('has no content/site.yml')
  })

  it('treats bad arguments as usage errors', async () => {
    await expect(runImport([], fakeIo())).rejects.toThrow(UsageError)
    await expect(runImport(['weekly.txt', '--date', '2024-02-30'], fakeIo())).rejects.toThrow(UsageError)
    await expect(runImport(['weekly.txt', '--series', 'China Taiwan'], fakeIo())).rejects.toThrow(UsageError)
    await expect(runImport(['a.txt', 'b.txt'], fakeIo())).rejects.toThrow(UsageError)
    const help = fakeIo()
    expect(await runImport(['--help'], help)).toBe(0)
    expect(help.out()).toContain('Usage: sitrep import FILE|-')
  })
})
