import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {fixtureContent} from '../helpers/built-site.js'
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
    expect(io.out()).toMatch(/^Built 11 pages from 2 briefs \(18 files\) in \d+\.\d\d s → site\/\n$/)
    expect(await readFile(path.join(temp, 'site/briefs/week-one/index.html'), 'utf8')).toContain('<h1>Week One</h1>')
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
