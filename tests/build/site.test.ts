// loadSite: site.yml and regions.yml resolved once, and with a cache,
// reused while their text and sitrep's code stay the same.
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {loadSite} from '../../src/build/site.js'
import {fixtureContent} from '../helpers/built-site.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-settings-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('loadSite with a cache', () => {
  it('gives the same frozen site from the cache, and parses again when a file, the code or the cache changes', async () => {
    const contentDir = path.join(temp, 'content')
    await cp(fixtureContent, contentDir, {recursive: true})
    const dir = path.join(temp, 'cache')
    const cache = {dir, code: 'code-1'}
    const plain = await loadSite({contentDir, cwd: temp})
    const first = await loadSite({contentDir, cwd: temp, cache})
    expect(first.site).toEqual(plain.site)
    const entry = await readFile(path.join(dir, 'site.v8'))

    const again = await loadSite({contentDir, cwd: temp, cache})
    expect(again.site).toEqual(plain.site)
    expect(again.diagnostics).toEqual(plain.diagnostics)
    expect(Object.isFrozen(again.site)).toBe(true)
    expect(Object.isFrozen(again.site?.settings)).toBe(true)
    expect(Object.isFrozen(again.site?.regions[0]?.aliases)).toBe(true)
    // Read, not written again.
    expect(await readFile(path.join(dir, 'site.v8'))).toEqual(entry)

    // Other code: parsed again (and the entry replaced).
    await loadSite({contentDir, cwd: temp, cache: {dir, code: 'code-2'}})
    expect(await readFile(path.join(dir, 'site.v8'))).not.toEqual(entry)

    // An edited site.yml is read as edited.
    const siteYml = path.join(contentDir, 'site.yml')
    await writeFile(siteYml, (await readFile(siteYml, 'utf8')).replace(/^title: .*$/m, 'title: Renamed Watch'))
    expect((await loadSite({contentDir, cwd: temp, cache})).site?.settings.title).toBe('Renamed Watch')

    // A corrupt entry is parsed again, never used.
    await writeFile(path.join(dir, 'site.v8'), 'not v8 data')
    expect((await loadSite({contentDir, cwd: temp, cache})).site?.settings.title).toBe('Renamed Watch')

    // A broken site.yml is reported every time, not cached.
    await writeFile(siteYml, 'title: [unclosed\n')
    for (let i = 0; i < 2; i++) {
      const broken = await loadSite({contentDir, cwd: temp, cache})
      expect(broken.site).toBeUndefined()
      expect(broken.diagnostics.map((d) => d.rule)).toContain('config/yaml-syntax')
    }
  })
})
