// Import → check → build: the page built from an imported brief shows the
// same note numbers and the same sources, in the same order, as the text;
// and the brief's built plain-text edition imports to the same brief.
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {importBrief} from '../../src/import/brief.js'
import {parseBrief} from '../../src/build/compile.js'
import {shapeOf} from '../helpers/brief-shape.js'
import {parseSite} from '../../src/parse/site.js'
import {sampleContent, $, $$, text} from '../helpers/built-site.js'
import {fromHtml} from 'hast-util-from-html'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-roundtrip-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

/** The endnotes of the plain text: number → sources, continuation lines included. */
function notesOfText(input: string): Map<number, string[]> {
  const notes = new Map<number, string[]>()
  let current: string[] | undefined
  const lines = input.split('\n')
  const start = lines.findIndex((line) => /^\[1\]\s/.test(line))
  for (const line of lines.slice(start)) {
    const match = /^\[(\d+)\]\s+(.*)$/.exec(line)
    if (match) {
      current = [match[2]?.trim() ?? '']
      notes.set(Number(match[1]), current)
    } else if (line.trim() !== '') current?.push(line.trim())
  }
  return notes
}

describe('import → check → build', () => {
  it('renders the note numbers and sources of the text', async () => {
    const content = path.join(temp, 'content')
    await cp(sampleContent, content, {recursive: true})
    const site = parseSite({
      site: {file: 'site.yml', value: await readFile(path.join(content, 'site.yml'), 'utf8')},
      regions: {file: 'regions.yml', value: await readFile(path.join(content, 'regions.yml'), 'utf8')},
      contentDir: content
    }).site
    if (!site) throw new Error('sample settings do not parse')
    const input = await readFile(path.resolve(import.meta.dirname, '../fixtures/import/weekly-update.txt'), 'utf8')
    const imported = importBrief(input, {regions: site.regions, date: '2024-03-14', series: 'china-taiwan', file: 'weekly-update.txt'})
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    await mkdir(path.join(content, 'briefs/2024'), {recursive: true})
    await writeFile(path.join(content, 'briefs/2024/imported-2024-03-14.md'), imported.markdown)

    const result = await createBuilder({contentDir: content, cwd: temp}).build()
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const page = fromHtml(String(result.files.get('briefs/imported-2024-03-14/index.html')))
    const rendered = $$(page, 'ol.notes > li').map((li) => [Number(/\d+$/.exec(String(li.properties.id))?.[0]), $$(li, '.sources > li').map((s) => text(s))])
    expect(new Map(rendered as [number, string[]][])).toEqual(notesOfText(input))
    expect($(page, '.defanged')).toBeDefined()

    // ... and the built plain-text edition, imported again, is the same brief.
    const first = parseBrief({file: 'content/briefs/2024/imported-2024-03-14.md', value: imported.markdown}, {regions: site.regions}).brief!
    const edition = String(result.files.get('briefs/imported-2024-03-14/email.txt'))
    const again = importBrief(edition, {regions: site.regions, series: 'china-taiwan', file: 'email.txt'})
    expect(again.diagnostics).toEqual([])
    const second = parseBrief({file: 'content/briefs/2024/imported-2024-03-14.md', value: again.markdown}, {regions: site.regions}).brief!
    expect(shapeOf(second)).toEqual(shapeOf(first))
  })
})
