import {watch} from 'node:fs'
import {cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, truncate, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {runBuild} from '../../src/cli/build.js'
import {recoverOutput} from '../../src/write/site.js'
import {brief, generate, prng} from '../../bench/generate.js'
import {fixtureContent} from '../helpers/built-site.js'
import {faultyFs} from '../helpers/faulty-fs.js'
import {fakeIo} from '../helpers/io.js'
import {differences, spawnBuild} from '../helpers/spawn-build.js'
import {snapshotDir} from '../helpers/tree.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-build-faults-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** A working directory of its own (its own .cache/sitrep/) holding an edited copy of the fixture content. */
let projects = 0
async function project(): Promise<{cwd: string; content: string; build: (...args: string[]) => Promise<{code: number; out: string; err: string}>}> {
  const cwd = path.join(temp, `project-${++projects}`)
  const content = path.join(cwd, 'content')
  await cp(fixtureContent, content, {recursive: true})
  return {
    cwd,
    content,
    build: async (...args) => {
      const io = fakeIo(cwd)
      const code = await main(['build', '--content', 'content', ...args], io)
      return {code, out: io.out(), err: io.err()}
    }
  }
}

/** Everything next to the output that is not the output: staging, retired folders, locks. */
const leftovers = async (cwd: string, base = 'site') => (await readdir(cwd)).filter((name) => name.startsWith(`.${base}.`))

const noStackTrace = /\n\s+at /

describe('sitrep build when the output cannot be written', () => {
  it('a full disk: a plain message, exit 1, the previous output byte-identical, no staging folder or lock left', async () => {
    const {cwd, content, build} = await project()
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const before = await snapshotDir(path.join(cwd, 'site'))
    await writeFile(path.join(content, 'briefs/week-one.md'), (await readFile(path.join(content, 'briefs/week-one.md'), 'utf8')).replace('It stayed an hour.', 'It stayed a week.'))
    const io = fakeIo(cwd)
    const code = await runBuild(['--content', 'content', '--out', 'site', '--no-cache', '--quiet'], io, faultyFs({call: 'writeFile', code: 'ENOSPC', after: 3}))
    expect(code).toBe(1)
    expect(io.err()).toMatch(
      /^sitrep build: cannot write the site: no space left on the device \(ENOSPC\), writing site\/[\w./-]+\.\w+\.\nNothing in site\/ was changed: the previous output is as it was\.\nFree some space on that disk, or build onto another one with --out, then run sitrep build again\.\n$/
    )
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(before)
    expect(await leftovers(cwd)).toEqual([])
  })

  it('a figure\'s image that cannot be written: exit 1, the previous output (images included) byte-identical', async () => {
    const {cwd, content, build} = await project()
    const map = (colour: string) => sharp({create: {width: 400, height: 300, channels: 3, background: colour}}).png().toBuffer()
    await mkdir(path.join(content, 'maps'))
    await writeFile(path.join(content, 'maps/k.png'), await map('#cfe3f0'))
    const file = path.join(content, 'briefs/week-one.md')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('It stayed an hour.', 'It stayed an hour.\n\n![Two ships west of Kinmen](../maps/k.png "Patrols near Kinmen")\nMap: Example Institute'))
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const before = await snapshotDir(path.join(cwd, 'site'))
    expect([...before.keys()].some((name) => name.startsWith(`images${path.sep}k-`))).toBe(true)
    await writeFile(path.join(content, 'maps/k.png'), await map('#102030'))
    const io = fakeIo(cwd)
    const code = await runBuild(['--content', 'content', '--out', 'site', '--quiet'], io, faultyFs({call: 'writeFile', code: 'ENOSPC', when: (target) => target.includes(`${path.sep}images${path.sep}`)}))
    expect(code).toBe(1)
    expect(io.err()).toMatch(/^sitrep build: cannot write the site: no space left on the device \(ENOSPC\), writing site\/images\/k-[0-9a-f]{8}-\d+\.\w+\./)
    expect(io.err()).not.toMatch(noStackTrace)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(before)
    expect(await leftovers(cwd)).toEqual([])
  })

  it('a refused temporary folder (EACCES): the same, with what to do about permissions', async () => {
    const {cwd, build} = await project()
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const before = await snapshotDir(path.join(cwd, 'site'))
    const io = fakeIo(cwd)
    const refuse = faultyFs({call: 'mkdir', code: 'EACCES', when: (dir) => path.basename(dir).startsWith('.site.tmp-')})
    expect(await runBuild(['--content', 'content', '--out', 'site', '--no-cache'], io, refuse)).toBe(1)
    expect(io.err()).toMatch(/sitrep build: cannot write the site: permission denied \(EACCES\), creating the temporary folder \.site\.tmp-\d+-\w+-\w+\.\n/)
    expect(io.err()).toContain('Make that folder writable for this user')
    expect(io.err()).not.toMatch(noStackTrace)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(before)
    expect(await leftovers(cwd)).toEqual([])
  })

  it('--out under a regular file (ENOTDIR), through the real command line', async () => {
    const {cwd} = await project()
    await writeFile(path.join(cwd, 'a-file'), 'not a folder')
    const result = await spawnBuild(cwd, ['--content', 'content', '--out', 'a-file/site']).finished
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "sitrep build: cannot write the site: a file stands where a folder should be (ENOTDIR), creating the output's parent folder a-file.\n" +
        'Nothing in a-file/site/ was changed: the previous output is as it was.\n' +
        'Check the path given to --out: every part of it above the output must be a folder, then run sitrep build again.\n'
    )
    expect(await readFile(path.join(cwd, 'a-file'), 'utf8')).toBe('not a folder')
  })
})

describe('the lock on the output', () => {
  it('a lock left by a build that was killed (its process is gone) is taken over, and released after', async () => {
    const {cwd, build} = await project()
    await writeFile(path.join(cwd, '.site.lock'), `${JSON.stringify({pid: 4194305, started: '2024-03-01T10:00:00.000Z', host: os.hostname()})}\n`)
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    expect(await readFile(path.join(cwd, 'site/briefs/week-one/index.html'), 'utf8')).toContain('>Week One</h1>')
    expect(await leftovers(cwd)).toEqual([])
  })

  it('a live build holding it stops this one: which process, since when, what to do; exit 1; the output untouched', async () => {
    const {cwd, build} = await project()
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const before = await snapshotDir(path.join(cwd, 'site'))
    const started = new Date(Date.now() - 42_000).toISOString()
    const lock = `${JSON.stringify({pid: process.ppid, started, host: os.hostname()})}\n`
    await writeFile(path.join(cwd, '.site.lock'), lock)
    const result = await build('--out', 'site', '--no-cache')
    expect(result.code).toBe(1)
    expect(result.err).toBe(
      `sitrep build: site/ is being built by another build (process ${process.ppid}, started ${started.slice(0, 19).replace('T', ' ')} UTC, 42 s ago).\n` +
        'Nothing was written; the output was left as it was. Wait for that build to finish, then run sitrep build again.\n' +
        `If no build is running (that process is not sitrep), delete ${path.join(cwd, '.site.lock')} and try again.\n`
    )
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(before)
    expect(await readFile(path.join(cwd, '.site.lock'), 'utf8')).toBe(lock) // someone else's: left alone
  })
})

describe('a build killed between the two renames of its swap', () => {
  it('is recovered by the next build: the previous output is put back first, then the build runs', async () => {
    const {cwd, build} = await project()
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const before = await snapshotDir(path.join(cwd, 'site'))
    // What the kill leaves: no output folder, the previous one retired by a dead process, its staging half-written.
    await rename(path.join(cwd, 'site'), path.join(cwd, `.site.old-4194305-${Date.now().toString(36)}-abcdef`))
    await mkdir(path.join(cwd, `.site.tmp-4194305-${Date.now().toString(36)}-fedcba/briefs`), {recursive: true})
    const result = await build('--out', 'site', '--no-search')
    expect(result.code).toBe(0)
    expect(result.err).toContain("sitrep build: a build was killed while replacing site/; its previous output was put back.\n")
    expect(await leftovers(cwd)).toEqual([])
    // Built with --no-search: everything but the search index is as before.
    const after = await snapshotDir(path.join(cwd, 'site'))
    expect(differences(after, before).every((file) => file.startsWith('pagefind/'))).toBe(true)
  })
})

describe('a deleted or corrupt cache is rebuilt, and the output is byte-identical to a --no-cache build', () => {
  const cacheOf = (cwd: string) => path.join(cwd, '.cache/sitrep')
  const eachFile = async (dir: string, change: (file: string) => Promise<void>) => {
    for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) if (entry.isFile()) await change(path.join(entry.parentPath, entry.name))
  }
  const corruptions: [string, (cwd: string) => Promise<void>][] = [
    ['the cache folder deleted', (cwd) => rm(cacheOf(cwd), {recursive: true})],
    ['the entries deleted, the index kept', (cwd) => rm(path.join(cacheOf(cwd), 'briefs'), {recursive: true})],
    ['entries truncated', (cwd) => eachFile(path.join(cacheOf(cwd), 'briefs'), async (file) => truncate(file, Math.floor((await stat(file)).size / 2)))],
    ['entries and index replaced by garbage', (cwd) => eachFile(cacheOf(cwd), (file) => writeFile(file, Buffer.from([0xff, 0x0f, 0x00, 0x13, 0x37, 0x42])))],
    ['the index truncated to nothing', (cwd) => writeFile(path.join(cacheOf(cwd), 'check-index.v8'), '')],
    ['the manifest not JSON', (cwd) => writeFile(path.join(cacheOf(cwd), 'manifest.json'), '{"outDir": "/x", "files": {')],
    ['the manifest null', (cwd) => writeFile(path.join(cacheOf(cwd), 'manifest.json'), 'null')],
    ['the manifest a list', (cwd) => writeFile(path.join(cacheOf(cwd), 'manifest.json'), '[1, 2]')],
    [
      'the manifest with files null',
      async (cwd) => {
        const file = path.join(cacheOf(cwd), 'manifest.json')
        await writeFile(file, JSON.stringify({...(JSON.parse(await readFile(file, 'utf8')) as object), files: null}))
      }
    ],
    [
      'the manifest with every key wrong',
      async (cwd) => {
        const file = path.join(cacheOf(cwd), 'manifest.json')
        const manifest = JSON.parse(await readFile(file, 'utf8')) as {files: Record<string, unknown>}
        for (const key of Object.keys(manifest.files)) manifest.files[key] = 42
        await writeFile(file, JSON.stringify(manifest))
      }
    ]
  ]

  it.each(corruptions)('%s', async (_name, corrupt) => {
    const {cwd, content, build} = await project()
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    // An edit, so the build after the corruption has something to do.
    await writeFile(path.join(content, 'briefs/week-two.md'), (await readFile(path.join(content, 'briefs/week-two.md'), 'utf8')).replace('Week Two', 'Week Two, revised'))
    await corrupt(cwd)
    const result = await build('--out', 'site', '--quiet')
    expect(result).toMatchObject({code: 0, err: ''})
    expect((await build('--out', 'fresh', '--quiet', '--no-cache')).code).toBe(0)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(await snapshotDir(path.join(cwd, 'fresh')))
    // Rebuilt: the next build finds everything in it.
    expect((await build('--out', 'site')).out).toMatch(/^Up to date: /)
  })

  it('a manifest of an older output (a build killed after its swap, before writing the manifest) is not trusted', async () => {
    const {cwd, content, build} = await project()
    const brief = path.join(content, 'briefs/week-one.md')
    const original = await readFile(brief, 'utf8')
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    const manifest = await readFile(path.join(cacheOf(cwd), 'manifest.json'))
    await writeFile(brief, original.replace('It stayed an hour.', 'It stayed a week.'))
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    // The first build's manifest is back, with the second build's output: its keys say the edited page is the original.
    await writeFile(path.join(cacheOf(cwd), 'manifest.json'), manifest)
    await writeFile(brief, original)
    expect((await build('--out', 'site', '--quiet')).code).toBe(0)
    expect(await readFile(path.join(cwd, 'site/briefs/week-one/index.html'), 'utf8')).toContain('It stayed an hour.')
    expect((await build('--out', 'fresh', '--quiet', '--no-cache')).code).toBe(0)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(await snapshotDir(path.join(cwd, 'fresh')))
  })

  it('a cache folder that cannot be written: the build succeeds without it, with a warning', async () => {
    const {cwd, build} = await project()
    await mkdir(path.join(cwd, '.cache'))
    await writeFile(cacheOf(cwd), 'a file where the cache folder should be')
    const result = await build('--out', 'site', '--no-search')
    expect(result.code).toBe(0)
    expect(result.err).toMatch(
      /^sitrep build: warning: cannot write the cache: a file stands where a folder should be \(ENOTDIR\), writing \.cache\/sitrep\.\nBuilding without it: the site is the same, only slower to build\. Remove \.cache\/sitrep\/ or make it writable to make sitrep fast again\.\n/
    )
    expect(result.out).toMatch(/^Built 21 pages/)
    expect((await build('--out', 'fresh', '--no-search', '--quiet', '--no-cache')).code).toBe(0)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(await snapshotDir(path.join(cwd, 'fresh')))
    // --quiet keeps the warning out, like other warnings.
    expect((await build('--out', 'site', '--no-search', '--quiet')).err).toBe('')
  })

  it('cache entries that cannot be written during the build: the site is right, with a warning; check warns too', async () => {
    const {cwd, build} = await project()
    // The folder itself is writable (the probe passes); its entries' folder is a file.
    await mkdir(cacheOf(cwd), {recursive: true})
    await writeFile(path.join(cacheOf(cwd), 'briefs'), 'a file where the entries should be')
    const result = await build('--out', 'site', '--no-search')
    expect(result.code).toBe(0)
    expect(result.err).toMatch(
      /^sitrep build: warning: cannot write the cache: a file stands where a folder should be \(ENOTDIR\), writing \.cache\/sitrep\/briefs\/[0-9a-f]{2}\/[0-9a-f]{40}\.v8\.\nThis build is right all the same; what could not be cached is compiled again next time\. /
    )
    expect(result.err).not.toMatch(noStackTrace)
    expect((await build('--out', 'fresh', '--no-search', '--quiet', '--no-cache')).code).toBe(0)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(await snapshotDir(path.join(cwd, 'fresh')))
    const io = fakeIo(cwd)
    await rm(path.join(cacheOf(cwd), 'check-index.v8'), {force: true})
    await mkdir(path.join(cacheOf(cwd), 'check-index.v8', 'in-the-way'), {recursive: true})
    expect(await main(['check', '--content', 'content', '--format', 'json'], io)).toBe(0)
    expect(io.err()).toMatch(/^sitrep check: warning: cannot write the cache: .*check-index\.v8\.\nThe check is right all the same, only slower next time\./)
    expect(JSON.parse(io.out())).toMatchObject({errors: 0})
  })

  it('a manifest that cannot be written: the site is built, with a warning that the next build renders everything', async () => {
    const {cwd, build} = await project()
    await mkdir(path.join(cacheOf(cwd), 'manifest.json', 'in-the-way'), {recursive: true})
    const result = await build('--out', 'site', '--no-search')
    expect(result.code).toBe(0)
    expect(result.err).toMatch(/sitrep build: warning: cannot write the cache: .* writing \.cache\/sitrep\/manifest\.json\.\nThe site was built; the next build will render every page again\./)
    expect((await build('--out', 'fresh', '--no-search', '--quiet', '--no-cache')).code).toBe(0)
    expect(await snapshotDir(path.join(cwd, 'site'))).toEqual(await snapshotDir(path.join(cwd, 'fresh')))
  })
})

describe('real builds killed, or run at once', () => {
  // A hundred-odd synthetic briefs of the benchmark's (about 27 KB each): a
  // cold build takes seconds, long enough to overlap a second build and to
  // be killed at many different moments.
  const briefs = 128
  const work = path.join(temp, 'archive')
  const content = path.join(work, 'content')
  const out = path.join(work, 'site')
  // Version B retitles every fourth brief: brief pages, neighbours, archive,
  // feeds and region pages change, so a build of B after A does real work.
  const edited = Array.from({length: briefs}, (_, i) => i).filter((i) => i % 4 === 0)
  const setVersion = async (version: 'A' | 'B') => {
    for (const i of edited) {
      const {file, text} = brief(i)
      await writeFile(path.join(content, file), version === 'A' ? text : text.replace('title: Bench update', 'title: Revised update'))
    }
  }
  const build = async (...args: string[]) => {
    const started = performance.now()
    const result = await spawnBuild(work, ['--content', 'content', '--quiet', ...args]).finished
    expect(result).toMatchObject({code: 0, stderr: ''})
    return performance.now() - started
  }
  const versions = new Map<'A' | 'B', Map<string, string>>()

  beforeAll(async () => {
    await generate(content, {briefs})
  })

  it('two builds at once: the second stops with a clear message (exit 1), the first writes a complete build', {timeout: 60_000}, async () => {
    const first = spawnBuild(work, ['--content', 'content', '--out', 'site'])
    // The first holds the lock as soon as it starts; its (cold) build takes seconds more.
    const lock = path.join(work, '.site.lock')
    for (let waited = 0; !(await stat(lock).then(() => true, () => false)); waited += 10) {
      if (waited > 20_000) throw new Error('the first build never took the lock')
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const second = await spawnBuild(work, ['--content', 'content', '--out', 'site']).finished
    expect(second.code).toBe(1)
    expect(second.stdout).toBe('')
    expect(second.stderr).toMatch(
      new RegExp(
        `^sitrep build: site/ is being built by another build \\(process ${first.pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, \\d+ s ago\\)\\.\\n` +
          'Nothing was written; the output was left as it was\\. Wait for that build to finish, then run sitrep build again\\.\\n' +
          `If no build is running \\(that process is not sitrep\\), delete ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} and try again\\.\\n$`
      )
    )
    const done = await first.finished
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/^Built \d+ pages from 128 briefs/)
    expect((await readdir(work)).filter((name) => name.startsWith('.site.'))).toEqual([])
    // Complete and correct: what a clean build of the same content gives (checked again below).
    await build('--out', 'clean-a', '--no-cache')
    expect(differences(await snapshotDir(out), await snapshotDir(path.join(work, 'clean-a')))).toEqual([])
    versions.set('A', await snapshotDir(out))
  })

  it('killed with SIGKILL at random moments: once put right, the output is the previous build or the new one, whole; the next build succeeds', {timeout: 120_000}, async () => {
    // Both versions built normally (with the cache, as an analyst does),
    // then A again: timing a build from one to the other with both in the
    // cache, as every build killed below is.
    if (!versions.has('A')) {
      await build('--out', 'site')
      versions.set('A', await snapshotDir(out))
    }
    await setVersion('B')
    await build('--out', 'site')
    versions.set('B', await snapshotDir(out))
    expect(differences(versions.get('A')!, versions.get('B')!).length).toBeGreaterThan(40)
    // Timed, watching for the moment the output starts to change: the
    // journal of an update in place appears (or, swapping in a whole new
    // folder, the folder changes). fs.watch hears it as it happens.
    await setVersion('A')
    const inode = async () => (await stat(out, {bigint: true}).catch(() => undefined))?.ino
    const changing = (previous: bigint | undefined) => {
      let seen = false
      const watcher = watch(work, (_event, name) => {
        if (String(name).startsWith('.site.apply-')) seen = true
      })
      return {
        happened: async () => seen || (await inode()) !== previous,
        close: () => {
          watcher.close()
        }
      }
    }
    let swapped = 0
    let watching = true
    const first = changing(await inode())
    const watchFirst = (async () => {
      const started = performance.now()
      while (watching && swapped === 0) {
        if (await first.happened()) swapped = performance.now() - started
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    })()
    const duration = await build('--out', 'site')
    watching = false
    await watchFirst
    first.close()
    expect(differences(await snapshotDir(out), versions.get('A')!)).toEqual([])
    if (swapped === 0) swapped = duration * 0.9

    // Kills at random moments, eight spread over the build up to the point
    // where it changes the output; and two the moment it starts changing it
    // (its update journal appears: the files are being moved in), which
    // timing alone hits only by luck, that step being the last few
    // milliseconds of the build. The next build first puts right what a
    // kill left (recoverOutput: finishing an update from its journal, or
    // putting back a folder retired mid-swap); after that the output must
    // be one build or the other, whole.
    const random = prng(20240301)
    const plans: (number | 'at the update')[] = [...Array.from({length: 8}, (_, k) => ((k + random()) / 8) * swapped * 0.95), 'at the update', 'at the update']
    let good: 'A' | 'B' = 'A'
    const outcomes: string[] = []
    for (const plan of plans) {
      const target: 'A' | 'B' = good === 'A' ? 'B' : 'A'
      await setVersion(target)
      const watcher = changing(await inode())
      const running = spawnBuild(work, ['--content', 'content', '--out', 'site', '--quiet'])
      if (plan === 'at the update') {
        let exited = false
        void running.finished.then(() => (exited = true))
        while (!exited && !(await watcher.happened())) await new Promise((resolve) => setTimeout(resolve, 1))
      } else {
        await new Promise((resolve) => setTimeout(resolve, plan))
      }
      running.kill()
      watcher.close()
      const result = await running.finished
      const when = plan === 'at the update' ? plan : `at ${Math.round(plan)} ms`
      let outcome = result.signal === 'SIGKILL' ? `killed ${when}` : `finished (${result.code}) before the kill ${when}`
      const leftBehind = (await readdir(work)).filter((name) => name.startsWith(".site."))
      const recovered = await recoverOutput(out)
      // Killed between the swap's two renames: no output, the previous one retired; put back.
      if (recovered.restored !== undefined) outcome += ', between the renames'
      if (recovered.completed !== undefined) outcome += ', mid-update (finished from its journal)'
      const now = await snapshotDir(out)
      const fromGood = differences(now, versions.get(good)!)
      const fromTarget = differences(now, versions.get(target)!)
      if (fromGood.length > 0 && fromTarget.length > 0) {
        throw new Error(`after ${outcome} (left: ${leftBehind.join(", ")}; recovered: ${JSON.stringify(recovered)}), the output is neither build: ${fromGood.length} files differ from the previous, ${fromTarget.length} from the new (${fromTarget.slice(0, 5).join(', ')})`)
      }
      if (fromTarget.length === 0) good = target
      outcomes.push(`${outcome}: ${fromTarget.length === 0 ? 'new' : 'previous'} output`)
    }
    // Most kills must land inside a build, or the test proves little.
    expect(outcomes.filter((outcome) => outcome.startsWith('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(plans.length / 2)

    // Then normal builds succeed (taking over the stale lock, removing what
    // the kills left): B if the output is not B already, then A, which must
    // be what a clean --no-cache build of A gives.
    if (good === 'A') {
      await setVersion('B')
      await build('--out', 'site')
      expect(differences(await snapshotDir(out), versions.get('B')!)).toEqual([])
    }
    await setVersion('A')
    await build('--out', 'site')
    if (!(await stat(path.join(work, 'clean-a')).then(() => true, () => false))) await build('--out', 'clean-a', '--no-cache')
    expect(differences(await snapshotDir(out), await snapshotDir(path.join(work, 'clean-a')))).toEqual([])
    expect((await readdir(work)).filter((name) => name.startsWith('.site.'))).toEqual([])
  })
})
