import {cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {generate} from '../../bench/generate.js'
import {fixtureContent} from '../helpers/built-site.js'
import {frontmatter} from '../helpers/content.js'
import {onePixelPng} from '../helpers/images.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-builder-'))
afterAll(() => rm(temp, {recursive: true, force: true}))
const content = path.join(temp, 'content')
await cp(fixtureContent, content, {recursive: true})

describe('the persistent cache', () => {
  const cacheDir = path.join(temp, 'cache')
  const builder = () => createBuilder({contentDir: content, cwd: temp, cacheDir})

  it('lets a warm build parse nothing, with byte-identical output', async () => {
    const cold = await builder().build()
    expect(cold.stats.parsed).toBe(2)
    const warm = await builder().build()
    expect(warm.stats.parsed).toBe(0)
    expect(warm.files).toEqual(cold.files)
    const uncached = await createBuilder({contentDir: content, cwd: temp}).build()
    expect(uncached.files).toEqual(cold.files)
    expect(warm.diagnostics).toEqual(cold.diagnostics)
  })

  it('serves check from small entries and gives the same diagnostics', async () => {
    const check = await builder().check()
    expect(check.stats.parsed).toBe(0)
    expect(check.diagnostics).toEqual((await createBuilder({contentDir: content, cwd: temp}).check()).diagnostics)
  })

  it('compiles a brief again when its fragments in the cache are corrupt, and the output does not change', async () => {
    const before = await createBuilder({contentDir: content, cwd: temp}).build()
    const dirs = await readdir(path.join(cacheDir, 'briefs'))
    for (const dir of dirs) {
      for (const name of await readdir(path.join(cacheDir, 'briefs', dir))) await writeFile(path.join(cacheDir, 'briefs', dir, name), 'not v8 data')
    }
    const again = await builder().build()
    expect(again.ok).toBe(true)
    expect(again.files).toEqual(before.files)
  })

  it('parses everything again when the index of the cache is corrupt', async () => {
    await writeFile(path.join(cacheDir, 'check-index.v8'), 'not v8 data')
    const again = await builder().check()
    expect(again.stats.parsed).toBe(2)
    expect(again.ok).toBe(true)
  })

  it('re-parses only the brief that changed', async () => {
    await builder().build() // warm again after the corruption tests above
    const file = path.join(content, 'briefs/week-one.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('It stayed an hour.', 'It stayed two hours.'))
    const result = await builder().build()
    expect(result.stats.parsed).toBe(1)
    expect(String(result.files.get('briefs/week-one/index.html'))).toContain('It stayed two hours.')
  })
})

describe('a builder that remembers (serve)', () => {
  it('re-parses nothing when nothing changed', async () => {
    const builder = createBuilder({contentDir: content, cwd: temp})
    expect((await builder.build()).stats.parsed).toBe(2)
    expect((await builder.build()).stats.parsed).toBe(0)
  })
})

describe('parsing in worker threads', () => {
  it('gives the same results as parsing in this thread', async () => {
    const archive = path.join(temp, 'bench')
    await generate(archive, {briefs: 60})
    // In a year folder, `../../` is the content folder: workers are told where a brief sits, as this thread is.
    await mkdir(path.join(archive, 'briefs/2030'), {recursive: true})
    await mkdir(path.join(archive, 'maps'))
    await writeFile(path.join(archive, 'maps/k.png'), onePixelPng)
    await writeFile(path.join(archive, 'briefs/2030/figure.md'), `${frontmatter}\n## Taiwan\n\n![Patrols around Kinmen](../../maps/k.png "Patrols")\n\n![Patrols around Kinmen](../../../k.png "Out")\n`)
    // Workers need the compiled worker (lib/), which `npm test` builds first.
    const {createBuilder: compiled} = (await import(path.resolve(import.meta.dirname, '../../lib/src/build/builder.js'))) as typeof import('../../src/build/builder.js')
    const threaded = await compiled({contentDir: archive, cwd: temp, threads: 2}).check()
    const inline = await createBuilder({contentDir: archive, cwd: temp, threads: 1}).check()
    expect(threaded.diagnostics).toEqual(inline.diagnostics)
    expect(threaded.diagnostics.filter((d) => d.rule.startsWith('figure/')).map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      'bench/briefs/2030/figure.md:16 figure/outside-content'
    ])
    expect(threaded.archive?.briefs.map((b) => b.slug)).toEqual(inline.archive?.briefs.map((b) => b.slug))
    expect(threaded.archive?.briefs[0]?.sections).toEqual(inline.archive?.briefs[0]?.sections)
  })
})

describe('a brief with a mistake repeated a hundred thousand times', () => {
  it('reports every problem instead of failing (appending them one by one, not as call arguments)', async () => {
    const flood = path.join(temp, 'flood')
    await cp(fixtureContent, flood, {recursive: true})
    const file = path.join(flood, 'briefs/week-one.md')
    const text = await readFile(file, 'utf8')
    const frontmatter = text.slice(0, text.indexOf('\n---', 3) + 4)
    // 150,000 citations of a note that does not exist, 150 to a paragraph (under body/too-much-markup).
    const paragraph = 'x[^77] '.repeat(150)
    await writeFile(file, `${frontmatter}\n\n## Taiwan\n\n${Array.from({length: 1000}, () => paragraph).join('\n\n')}\n`)
    const result = await createBuilder({contentDir: flood, cwd: temp}).check()
    expect(result.ok).toBe(false)
    expect(result.diagnostics.filter((d) => d.rule === 'citation/undefined')).toHaveLength(150_000)
  }, 60_000)
})

describe('content keys (what the search index reads of a brief page)', () => {
  it('stay the same for a brief whose page changed only around its article (a newer brief in its series)', async () => {
    const series = path.join(temp, 'series')
    await mkdir(path.join(series, 'briefs'), {recursive: true})
    await cp(path.join(content, 'site.yml'), path.join(series, 'site.yml'))
    await cp(path.join(content, 'regions.yml'), path.join(series, 'regions.yml'))
    const brief = (date: string) => `${frontmatter.replace('date: 2024-02-22', `date: ${date}`).replace('---\n', '---\nseries: weekly\n')}\n## Taiwan\n\nPatrols on ${date}.\n`
    await writeFile(path.join(series, 'briefs/one.md'), brief('2024-02-22'))
    const first = await createBuilder({contentDir: series, cwd: temp}).build()
    await writeFile(path.join(series, 'briefs/two.md'), brief('2024-02-29'))
    const second = await createBuilder({contentDir: series, cwd: temp}).build()
    // Its page links to the newer brief now...
    expect(second.keys?.get('briefs/one/index.html')).not.toBe(first.keys?.get('briefs/one/index.html'))
    // ...but what search reads of it is unchanged.
    expect(second.contentKeys?.get('one')).toBe(first.contentKeys?.get('one'))
    expect([...(second.contentKeys?.keys() ?? [])].sort()).toEqual(['one', 'two'])
  })
})

describe('outlet pages across builds', () => {
  it('are rendered again exactly when what they show changed', async () => {
    const dir = path.join(temp, 'outlets')
    await cp(fixtureContent, dir, {recursive: true})
    const builder = createBuilder({contentDir: dir, cwd: temp})
    const sourcePages = (result: Awaited<ReturnType<typeof builder.build>>) =>
      new Map([...result.files].filter(([file]) => file.startsWith('sources/')).map(([file, contents]) => [file, String(contents)]))
    let before = await builder.build()
    const week = path.join(dir, 'briefs/week-two.md')
    const text = await readFile(week, 'utf8')
    const edits = [
      // A note moves from one outlet to another (and a new outlet appears).
      text.replace('https://ferries.example.org/schedule', 'https://www.ferries.example.net/schedule'),
      // A title every citation of the brief shows.
      text.replace('title: Week Two', 'title: Week Two, revised'),
      // Prose only: no outlet page shows it.
      text.replace('Ferries resumed.', 'Ferries resumed on time.')
    ]
    const changedPerEdit: string[][] = []
    for (const edit of edits) {
      await writeFile(week, edit)
      const after = await builder.build()
      expect(after.ok).toBe(true)
      const old = sourcePages(before)
      const now = sourcePages(after)
      const changedKeys = [...now.keys()].filter((file) => before.keys?.get(file) !== after.keys?.get(file)).sort()
      const changedBytes = [...now.keys()].filter((file) => old.get(file) !== now.get(file)).sort()
      expect(changedKeys).toEqual(changedBytes)
      changedPerEdit.push(changedKeys)
      before = after
      await writeFile(week, text)
      before = await builder.build()
    }
    // example.org loses a citation: a block page goes, and the one left now links to the front page.
    expect(changedPerEdit[0]).toEqual(['sources/example.net/index.html', 'sources/example.org/citations-1-1.html', 'sources/example.org/index.html', 'sources/index.html'])
    expect(changedPerEdit[1]).toContain('sources/example.cn/index.html')
    expect(changedPerEdit[1]).not.toContain('sources/index.html')
    expect(changedPerEdit[2]).toEqual([])
  })
})
