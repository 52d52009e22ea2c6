import {cp, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it, vi} from 'vitest'
import {main} from '../../src/cli/main.js'
import {fixtureContent, sampleContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'
import {snapshotDir} from '../helpers/tree.js'

const run = promisify(execFile)
const bin = path.resolve(import.meta.dirname, '../../bin/sitrep.js')
const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-build-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('sitrep build', () => {
  it('builds the site and says what it wrote', async () => {
    const io = fakeIo(temp)
    const code = await main(['build', '--content', fixtureContent, '--out', 'site'], io)
    expect(code).toBe(0)
    expect(io.out()).toMatch(/^Built 21 pages from 2 briefs \(40 files \+ search index of 3 pages, \d+ KB\) in \d+\.\d\d s → site\/\n$/)
    expect(await readFile(path.join(temp, 'site/briefs/week-one/index.html'), 'utf8')).toContain('>Week One</h1>')
    expect(JSON.parse(await readFile(path.join(temp, 'site/pagefind/shards.json'), 'utf8'))).toEqual({shards: ['2024.1/', 'sources/']})
    expect(await readFile(path.join(temp, 'site/pagefind/2024.1/pagefind.js'), 'utf8')).not.toBe('')
  })

  it('skips the search index with --no-search', async () => {
    const io = fakeIo(temp)
    expect(await main(['build', '--content', fixtureContent, '--out', 'plain', '--no-search'], io)).toBe(0)
    expect(io.out()).toMatch(/^Built 21 pages from 2 briefs \(40 files, no search index\) in /)
    expect([...(await snapshotDir(path.join(temp, 'plain'))).keys()].filter((file) => file.startsWith('pagefind'))).toEqual([])
  })

  it('stops with a plain message, and keeps the previous output, when the search index fails', async () => {
    const out = path.join(temp, 'search-fails')
    expect(await main(['build', '--content', fixtureContent, '--out', out, '--no-search'], fakeIo(temp))).toBe(0)
    const before = await snapshotDir(out)
    vi.stubEnv('PAGEFIND_BINARY_PATH', path.join(temp, 'no-such-pagefind'))
    try {
      const io = fakeIo(temp)
      // Without the cache, whose parts (indexed by the tests before) would be copied, not indexed.
      expect(await main(['build', '--content', fixtureContent, '--out', out, '--quiet', '--no-cache'], io)).toBe(1)
      expect(io.err()).toMatch(/^sitrep build: search index failed: Pagefind's binary .*no-such-pagefind cannot be run .* or build with --no-search\.\n/)
      expect(io.err()).toContain('Build stopped. The previous output')
      expect(io.err()).not.toMatch(/\n\s+at /)
    } finally {
      vi.unstubAllEnvs()
    }
    expect(await snapshotDir(out)).toEqual(before)
    expect((await readdir(temp)).filter((name) => name.startsWith('.search-fails'))).toEqual([])
  })

  it('refuses to build with errors and leaves the previous output exactly as it was', async () => {
    const content = path.join(temp, 'broken-content')
    await cp(fixtureContent, content, {recursive: true})
    const out = path.join(temp, 'kept')
    expect(await main(['build', '--content', content, '--out', out], fakeIo(temp))).toBe(0)
    const before = await snapshotDir(out)

    await writeFile(path.join(content, 'briefs/week-three.md'), '---\ntitle: Three\n---\n\n## Atlantis\n\nText.[^9]\n')
    const io = fakeIo(temp)
    expect(await main(['build', '--content', content, '--out', out], io)).toBe(1)
    expect(io.err()).toContain('region/unknown')
    expect(io.err()).toContain('Build refused')
    expect(await snapshotDir(out)).toEqual(before)
  })

  it('writes byte-identical output whatever the time zone, locale or clock', async () => {
    const build = (out: string, env: Record<string, string>) =>
      run(process.execPath, [bin, 'build', '--content', fixtureContent, '--out', out, '--quiet'], {cwd: temp, env: {...process.env, ...env}})
    await build('tz-a', {TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8'})
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await build('tz-b', {TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C'})
    const [a, b] = await Promise.all([snapshotDir(path.join(temp, 'tz-a')), snapshotDir(path.join(temp, 'tz-b'))])
    expect(a.size).toBeGreaterThan(10)
    // Pagefind's index included: it is byte-identical for identical input.
    expect([...a.keys()].filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(5)
    expect(a).toEqual(b)
  })

  it('refuses an output folder that would replace the project or its content (usage error)', async () => {
    const io = fakeIo(temp)
    expect(await main(['build', '--content', fixtureContent, '--out', '.'], io)).toBe(2)
    expect(io.err()).toContain('choose a folder of its own')
    expect(await main(['build', '--content', fixtureContent, '--out', path.dirname(fixtureContent)], fakeIo(temp))).toBe(2)
  })

  it('rejects unknown options with exit code 2', async () => {
    const io = fakeIo(temp)
    expect(await main(['build', '--outt', 'x'], io)).toBe(2)
    expect(io.err()).toContain("Unknown option '--outt'")
  })
})

describe('sitrep build with the cache', () => {
  it('keeps unchanged files and the search index, and says so with --verbose', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'sitrep-warm-'))
    try {
      expect(await main(['build', '--content', fixtureContent, '--out', 'site', '--quiet'], fakeIo(cwd))).toBe(0)
      const first = await snapshotDir(path.join(cwd, 'site'))
      const io = fakeIo(cwd)
      expect(await main(['build', '--content', fixtureContent, '--out', 'site', '--verbose'], io)).toBe(0)
      expect(io.out()).toMatch(/^Read 0 and parsed 0 of 2 briefs \(the rest from the cache\); nothing changed\.\nUp to date: 21 pages from 2 briefs, nothing changed, in \d+\.\d\d s → site\/\n$/)
      expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(first)
      // An edit renders that brief's pages again and keeps the rest (hard-linked, not rewritten).
      const content = path.join(cwd, 'content')
      await cp(fixtureContent, content, {recursive: true})
      expect(await main(['build', '--content', content, '--out', 'edited', '--quiet'], fakeIo(cwd))).toBe(0)
      await writeFile(path.join(content, 'briefs/week-one.md'), (await readFile(path.join(content, 'briefs/week-one.md'), 'utf8')).replace('It stayed an hour.', 'It stayed a day.'))
      const edit = fakeIo(cwd)
      expect(await main(['build', '--content', content, '--out', 'edited', '--verbose'], edit)).toBe(0)
      // The outlet pages show no prose: their part of the index is kept.
      expect(edit.out()).toMatch(
        /^Read 1 and parsed 1 of 2 briefs \(the rest from the cache\); rendered 6 files, kept 34 unchanged, kept 1 of 2 search index parts\.\nTime: reading \d+\.\d\d s, compiling \d+\.\d\d s, linking \d+\.\d\d s, images \d+\.\d\d s, rendering and writing \d+\.\d\d s, search index \d+\.\d\d s\.\n/
      )
      expect(await readFile(path.join(cwd, 'edited/briefs/week-one/index.html'), 'utf8')).toContain('It stayed a day.')
      const uncached = fakeIo(cwd)
      expect(await main(['build', '--content', fixtureContent, '--out', 'fresh', '--quiet', '--no-cache'], uncached)).toBe(0)
      expect(await snapshotDir(path.join(cwd, 'fresh'))).toEqual(first)
    } finally {
      await rm(cwd, {recursive: true, force: true})
    }
  })

  it('reads only the brief files whose stamps changed, even an edit that keeps the size and sets the modification time back', async () => {
    await withSampleCopy('sitrep-stamps-', async (cwd, content) => {
      expect(await main(['build', '--content', content, '--out', 'site', '--quiet'], fakeIo(cwd))).toBe(0)
      let stderr = ''
      const verbose = async () => {
        const io = fakeIo(cwd)
        expect(await main(['build', '--content', content, '--out', 'site', '--verbose'], io)).toBe(0)
        stderr = io.err()
        return io.out().split('\n')[0]
      }
      expect(await verbose()).toBe('Read 0 and parsed 0 of 8 briefs (the rest from the cache); nothing changed.')
      // Same length, same modification time: only the change time tells.
      const brief = path.join(content, 'briefs/2024/china-taiwan-weekly-update-2024-03-07.md')
      const before = await stat(brief, {bigint: true})
      const text = await readFile(brief, 'utf8')
      const edited = text.replace('Taiwan', 'TAIWAN')
      expect(edited).not.toBe(text)
      await writeFile(brief, edited)
      // To the nanosecond (utimes takes seconds as a float, which loses some).
      const ns = before.mtimeNs
      await promisify(execFile)('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, brief])
      expect((await stat(brief, {bigint: true})).mtimeNs).toBe(before.mtimeNs)
      expect(await verbose()).toMatch(/^Read 1 and parsed 1 of 8 briefs \(the rest from the cache\); rendered \d+ files/)
      expect(await readFile(path.join(cwd, 'site/briefs/china-taiwan-weekly-update-2024-03-07/index.html'), 'utf8')).toContain('TAIWAN')
      // A warning in a brief not read this time still gets its code frame.
      expect(await verbose()).toBe('Read 0 and parsed 0 of 8 briefs (the rest from the cache); nothing changed.')
      expect(stderr).toContain('warning  Note 24 is not cited anywhere in the text')
      expect(stderr).toMatch(/> 89 \| \[\^24\]: https:\/\/www\.rnz\.co\.nz\//)
    })
  })

  it('indexes again only the part of an edited brief; the other parts stay the very same files', async () => {
    await withSampleCopy('sitrep-parts-', async (cwd, content) => {
      expect(await main(['build', '--content', content, '--out', 'site', '--quiet'], fakeIo(cwd))).toBe(0)
      expect(JSON.parse(await readFile(path.join(cwd, 'site/pagefind/shards.json'), 'utf8'))).toEqual({shards: ['2024.1/', '2023/', 'sources/']})
      const inodes = async (part: string) => {
        const dir = path.join(cwd, 'site/pagefind', part)
        const out = new Map<string, bigint>()
        for (const [file] of await snapshotDir(dir)) out.set(file, (await stat(path.join(dir, file), {bigint: true})).ino)
        return out
      }
      const before = {y2023: await inodes('2023'), y2024: await snapshotDir(path.join(cwd, 'site/pagefind/2024.1'))}
      await addSentence(content, 'A sentence added to test the search index.')
      const io = fakeIo(cwd)
      expect(await main(['build', '--content', content, '--out', 'site', '--verbose'], io)).toBe(0)
      expect(io.out()).toMatch(/kept 2 of 3 search index parts\./)
      expect(io.out()).toMatch(/\+ search index: 1 of 3 parts updated, 7 pages, \d+ KB\)/)
      // 2023's files were kept (the same inodes: linked, not written); 2024's index holds the new sentence.
      expect(await inodes('2023')).toEqual(before.y2023)
      expect(await snapshotDir(path.join(cwd, 'site/pagefind/2024.1'))).not.toEqual(before.y2024)
    })
  })

  it('copies search index parts from the cache into a new output folder instead of indexing again (a CI runner restores the cache only)', async () => {
    await withSampleCopy('sitrep-parts-cache-', async (cwd, content) => {
      expect(await main(['build', '--content', content, '--out', 'first', '--quiet'], fakeIo(cwd))).toBe(0)
      const io = fakeIo(cwd)
      expect(await main(['build', '--content', content, '--out', 'second', '--verbose'], io)).toBe(0)
      expect(io.out()).toMatch(/, copied 3 search index parts from the cache\./)
      expect(io.out()).toMatch(/\+ search index, from the cache\) in /)
      expect(await snapshotDir(path.join(cwd, 'second/pagefind'))).toEqual(await snapshotDir(path.join(cwd, 'first/pagefind')))
      // The cache keeps the parts of the current index only: an edit replaces its part there too.
      const parts = () => readdir(path.join(cwd, '.cache/sitrep/search'))
      expect(await parts()).toHaveLength(3)
      await addSentence(content, 'A sentence added to test the cache.')
      const before = new Set(await parts())
      expect(await main(['build', '--content', content, '--out', 'second', '--quiet'], fakeIo(cwd))).toBe(0)
      const after = await parts()
      expect(after).toHaveLength(3)
      expect(after.filter((part) => !before.has(part))).toHaveLength(1)
    })
  })
})

/** Run `test` in a working directory of its own holding a copy of the sample archive (content/), removed after. */
async function withSampleCopy(prefix: string, test: (cwd: string, content: string) => Promise<void>): Promise<void> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), prefix))
  try {
    const content = path.join(cwd, 'content')
    await cp(sampleContent, content, {recursive: true})
    await test(cwd, content)
  } finally {
    await rm(cwd, {recursive: true, force: true})
  }
}

/** Edit one 2024 brief of a copy of the sample: a sentence under its first region heading. */
async function addSentence(content: string, sentence: string): Promise<void> {
  const brief = path.join(content, 'briefs/2024/china-taiwan-weekly-update-2024-03-07.md')
  await writeFile(brief, (await readFile(brief, 'utf8')).replace(/(\n## [^\n]+\n)/, `$1\n${sentence}\n`))
}
