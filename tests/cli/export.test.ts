// `sitrep export --text`: the sample archive's briefs as plain text, to
// standard output or a folder, each importable back (tests/render/text.test.ts
// proves the round trip); usage mistakes and briefs with errors.
import {cp, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {sampleContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-export-'))
afterAll(() => rm(temp, {recursive: true, force: true}))
const content = path.join(temp, 'content')
await cp(sampleContent, content, {recursive: true})
const slug = 'china-taiwan-weekly-update-2024-02-22'

describe('sitrep export --text', () => {
  it('writes one named brief to standard output', async () => {
    const io = fakeIo(temp)
    expect(await main(['export', '--text', slug], io)).toBe(0)
    expect(io.out()).toMatch(/^China–Taiwan Weekly Update, February 22, 2024\nAuthors: Jane Example, Wei Sample, and Kenji Dummy of Example Institute for Strategic Studies\n/)
    expect(io.out()).toContain('\n[3] https://news.ltn dot com.tw/news/society/breakingnews/4578812\nhttps://www.cna dot com.tw/news/asoc/202402160098.aspx\n')
    expect(io.out()).not.toContain('[^')
    expect(io.err()).toBe('')
  })

  it('writes every brief into a folder, and says how many', async () => {
    const io = fakeIo(temp)
    expect(await main(['export', '--text', '--out', 'texts'], io)).toBe(0)
    const files = (await readdir(path.join(temp, 'texts'))).sort()
    expect(files).toHaveLength(8)
    expect(files).toContain(`${slug}.txt`)
    expect(io.out()).toBe('Exported 8 briefs → texts/\n')
    const one = fakeIo(temp)
    await main(['export', '--text', slug], one)
    expect(await readFile(path.join(temp, 'texts', `${slug}.txt`), 'utf8')).toBe(one.out())
  })

  it('refuses usage mistakes with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['export', slug], /say which edition to export: --text/],
      [['export', '--text', '--out', '-'], /standard output takes one brief/],
      [['export', '--text', 'china-taiwan-weekly-update-2024-02-23'], /no brief has the slug "china-taiwan-weekly-update-2024-02-23" \(did you mean "china-taiwan-weekly-update-2024-02-22"\?\)/],
      [['export', '--text', '--out', 'content/x'], /--out must not be inside the content folder/]
    ]
    for (const [args, message] of cases) {
      const io = fakeIo(temp)
      expect(await main(args, io)).toBe(2)
      expect(io.err()).toMatch(message)
    }
  })

  it('exports the other briefs and reports one with errors (exit 1)', async () => {
    const broken = path.join(temp, 'broken')
    await cp(sampleContent, broken, {recursive: true})
    const file = path.join(broken, 'briefs/2024', `${slug}.md`)
    await writeFile(file, (await readFile(file, 'utf8')).replace('doubled since 2021.[^25]', 'doubled since 2021.[^99]'))
    const io = fakeIo(temp)
    expect(await main(['export', '--text', '--content', 'broken', '--out', 'partial'], io)).toBe(1)
    expect(await readdir(path.join(temp, 'partial'))).toHaveLength(7)
    expect(io.err()).toContain('citation/undefined')
    expect(io.err()).toContain('Briefs with errors were not exported')
  })
})
