import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeEach, describe, expect, it} from 'vitest'
import {UsageError} from '../../src/cli/io.js'
import {runNew} from '../../src/cli/new.js'
import {loadConfig} from '../../src/load/content.js'
import {parseSite} from '../../src/parse/site.js'
import {parseBrief} from '../../src/build/compile.js'
import {fixtureContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-new-'))
afterAll(() => rm(temp, {recursive: true, force: true}))
let project: string
let count = 0

beforeEach(async () => {
  // A fresh copy each time: the fixture itself is never written to.
  project = path.join(temp, `project-${++count}`)
  await cp(fixtureContent, path.join(project, 'content'), {recursive: true})
})

async function regions(contentDir: string) {
  const config = await loadConfig(contentDir, project)
  if (!config.site || !config.regions) throw new Error('fixture settings unreadable')
  const site = parseSite({site: config.site, regions: config.regions, contentDir}).site
  if (!site) throw new Error('fixture settings invalid')
  return site.regions
}

describe('sitrep new', () => {
  it('scaffolds the next brief a week after the latest, prints its path, and the file parses with no errors', async () => {
    const io = fakeIo(project)
    expect(await runNew([], io)).toBe(0)
    expect(io.out()).toBe('content/briefs/2024/brief-2024-01-18.md\n')
    expect(io.err()).toBe('')
    const file = path.join(project, 'content/briefs/2024/brief-2024-01-18.md')
    const markdown = await readFile(file, 'utf8')
    expect(markdown).toMatch(/^---\ntitle: Fixture Watch update, January 18, 2024\ndate: 2024-01-18\ncutoff: 2024-01-17T17:00-05:00\n/)
    // Authors and editors come from the latest brief (week two).
    expect(markdown).toContain('authors:\n  - name: Ann Analyst\n    org: Fixture Institute\neditors:\n  - name: Ed Editor\n    org: Other Foundation\n')
    // Every region the briefs used, in regions.yml's order.
    expect([...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(['Taiwan', 'China', 'Oceania'])

    const result = parseBrief({file: 'content/briefs/2024/brief-2024-01-18.md', value: markdown}, {regions: await regions(path.join(project, 'content'))})
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.brief?.slug).toBe('brief-2024-01-18')
  })

  it('refuses to overwrite an existing file, leaving it exactly as it was', async () => {
    const target = path.join(project, 'content/briefs/2024/brief-2024-01-18.md')
    await mkdir(path.dirname(target), {recursive: true})
    // Not a valid brief (so its slug is not taken): the write itself must refuse.
    await writeFile(target, 'draft in progress\n')
    const io = fakeIo(project)
    expect(await runNew(['--date', '2024-01-18'], io)).toBe(1)
    expect(io.err()).toContain('Nothing written: content/briefs/2024/brief-2024-01-18.md already exists.')
    expect(io.out()).toBe('')
    expect(await readFile(target, 'utf8')).toBe('draft in progress\n')
  })

  it('refuses a date whose brief already exists, and says which file has it', async () => {
    expect(await runNew([], fakeIo(project))).toBe(0)
    const io = fakeIo(project)
    expect(await runNew(['--date', '2024-01-18'], io)).toBe(1)
    expect(io.err()).toContain('already exists: content/briefs/2024/brief-2024-01-18.md')
  })

  it('follows the scaffold it wrote last time, and takes --content', async () => {
    const outside = fakeIo(temp)
    const content = path.join(project, 'content')
    expect(await runNew(['--content', content], outside)).toBe(0)
    expect(await runNew(['--content', content], outside)).toBe(0)
    expect(outside.out()).toBe(`${path.relative(temp, content)}/briefs/2024/brief-2024-01-18.md\n${path.relative(temp, content)}/briefs/2024/brief-2024-01-25.md\n`)
  })

  it('explains an unknown series and a missing content folder (exit 1)', async () => {
    const io = fakeIo(project)
    expect(await runNew(['--series', 'nope'], io)).toBe(1)
    expect(io.err()).toContain('Nothing written: No brief of the series "nope" to follow. No brief names a series.')
    const missing = fakeIo(project)
    expect(await runNew(['--content', 'nowhere'], missing)).toBe(1)
    expect(missing.err()).toContain('file/missing-config')
  })

  it('rejects a malformed date or series as a usage error', async () => {
    await expect(runNew(['--date', '2024-02-30'], fakeIo(project))).rejects.toThrow(UsageError)
    await expect(runNew(['--series', 'Not A Slug'], fakeIo(project))).rejects.toThrow(UsageError)
    await expect(runNew(['extra'], fakeIo(project))).rejects.toThrow()
  })
})
