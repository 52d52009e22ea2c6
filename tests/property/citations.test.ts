// Property: for any valid brief (tests/helpers/arbitraries.ts validBrief:
// regions from the shared regions.yml, topics, citations numbering the notes
// 1..N in order of first citation, adjacent and repeated, notes of one to
// three sources, at most one note nothing cites), check reports no error and
// the built brief page links every citation to exactly one rendered note
// showing its number, renders every note exactly once with its number and a
// link back to each of its citations, renders the uncited note too, and never
// makes a defanged source a link. Region pages resolve their citations on the
// page itself. The whole site passes the inert checker.
//
// Seeds: random by default; FC_SEED=<n> replays a run (the seed of a failure
// is printed with its counterexample), FC_RUNS=<n> changes the number of runs.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {fromHtml} from 'hast-util-from-html'
import type {Element, Root} from 'hast'
import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {createBuilder} from '../../src/build/builder.js'
import {checkArchive} from '../../src/build/check.js'
import {validBrief, type RegionChoice, type ValidBrief} from '../helpers/arbitraries.js'
import {$, $$, attr, text} from '../helpers/built-site.js'
import {removeTempContent, sharedDir, tempContent, type TempContent} from '../helpers/content.js'
import {siteViolations} from '../helpers/inert.js'

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED)
const numRuns = process.env.FC_RUNS === undefined ? 60 : Number(process.env.FC_RUNS)
const baseUrl = 'https://briefs.example.org/'
/** Deadline of each check and build: a valid brief takes milliseconds. */
const stepTimeout = Number(process.env.FC_STEP_TIMEOUT ?? 15_000)

afterAll(removeTempContent)

const regions = (parse(await readFile(path.join(sharedDir, 'regions.yml'), 'utf8')) as {id: string; name: string; aliases?: string[]}[]).map(
  (region): RegionChoice => ({id: region.id, name: region.name, aliases: region.aliases ?? []})
)

/**
 * A step with a deadline. Valid briefs run in this thread: a stalled promise
 * fails the run here, while synchronous hangs on hostile input are what
 * hostile.test.ts isolates in a worker.
 */
function within<T>(step: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${step} did not finish within ${String(stepTimeout)} ms: a hang`))
    }, stepTimeout)
  })
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer)
  })
}

/** Every element of a tree, in document order. */
function elements(tree: Root | Element): Element[] {
  const out: Element[] = []
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'element') {
        out.push(child)
        visit(child)
      }
    }
  }
  visit(tree)
  return out
}

/** The elements whose id is exactly `id` (ids may hold characters a selector would need escaped). */
const byId = (all: readonly Element[], id: string) => all.filter((element) => element.properties.id === id)
const fragmentOf = (href: string) => (href.startsWith('#') ? decodeURIComponent(href.slice(1)) : undefined)

/** The brief page against the model: see the file's comment. */
function expectBriefPage(tree: Root, model: ValidBrief): void {
  const all = elements(tree)
  const ids = all.map((element) => element.properties.id).filter((id) => id !== undefined)
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids used twice').toEqual([])

  const cites = $$(tree, 'sup.cite > a')
  expect(cites.map((a) => text(a)), 'the citations, as written').toEqual(model.citations.map((n) => `[${String(n)}]`))
  const seen = new Map<number, number>()
  cites.forEach((a, i) => {
    const number = model.citations[i] ?? 0
    const use = (seen.get(number) ?? 0) + 1
    seen.set(number, use)
    expect(attr(a, 'id'), `citation ${String(i + 1)}'s id`).toBe(`cite-${String(number)}-${String(use)}`)
    const target = fragmentOf(attr(a, 'href'))
    expect(target, `citation ${String(i + 1)} links within the page`).toBeDefined()
    const notes = byId(all, target ?? '')
    expect(notes, `citation ${String(i + 1)} [${String(number)}] resolves to one element`).toHaveLength(1)
    const note = notes[0]!
    expect(note.tagName).toBe('li')
    expect(attr(note, 'className').split(' ')).toContain('note')
    expect(attr(note, 'value'), `the note citation ${String(i + 1)} links to shows its number`).toBe(String(number))
  })

  const list = $$(tree, '.endnotes ol.notes > li')
  expect(list.map((li) => attr(li, 'value')), 'every note once, with its number, in order').toEqual(model.notes.map((note) => String(note.number)))
  expect($$(tree, 'li.note')).toHaveLength(model.notes.length)
  list.forEach((li, i) => {
    const note = model.notes[i]!
    const label = `note ${String(note.number)}`
    expect(attr(li, 'id'), label).toBe(`note-${String(note.number)}`)
    const back = $$(li, 'a.backref')
    expect(back.map((a) => attr(a, 'href')), `${label} links back to each citation`).toEqual(
      Array.from({length: note.uses}, (_, k) => `#cite-${String(note.number)}-${String(k + 1)}`)
    )
    for (const a of back) {
      const targets = byId(all, fragmentOf(attr(a, 'href')) ?? '')
      expect(targets, `${label}: ${attr(a, 'href')} resolves to one element`).toHaveLength(1)
      expect(text(targets[0]), `${label}: its back link leads to a citation of it`).toBe(`[${String(note.number)}]`)
    }
    if (note.uses === 0) expect(text($(li, '.uncited')), `${label} is not cited`).toBe('Not cited in the text.')
    else expect($(li, '.uncited'), label).toBeUndefined()

    const sources = $$(li, '.sources > li')
    expect(sources, `${label}'s sources`).toHaveLength(note.sources.length)
    note.sources.forEach((source, k) => {
      const item = sources[k]!
      const links = $$(item, 'a')
      const where = `${label}, source ${String(k + 1)} (${source.raw})`
      if (source.kind === 'url') {
        expect(links.map((a) => attr(a, 'href')), where).toEqual([source.url])
        expect(text(item), where).toBe(source.text)
      } else {
        expect(links, `${where} is never a link`).toEqual([])
        expect(text(item), where).toBe(source.raw)
      }
    })
  })
}

/** A region page: every citation and back link resolves to exactly one element of the page itself, the right one. */
function expectRegionPage(tree: Root, file: string): void {
  const all = elements(tree)
  for (const a of $$(tree, 'sup.cite > a')) {
    const targets = byId(all, fragmentOf(attr(a, 'href')) ?? '')
    expect(targets, `${file}: ${attr(a, 'href')}`).toHaveLength(1)
    expect(attr(targets[0], 'value'), `${file}: ${attr(a, 'href')} shows its number`).toBe(/\d+/.exec(text(a))?.[0])
  }
  for (const a of $$(tree, 'a.backref')) {
    const targets = byId(all, fragmentOf(attr(a, 'href')) ?? '')
    expect(targets, `${file}: ${attr(a, 'href')}`).toHaveLength(1)
    expect(targets[0]?.tagName, `${file}: ${attr(a, 'href')}`).toBe('a')
  }
}

describe('a valid brief', () => {
  it('links every citation to exactly one note with its number, and every note back', async () => {
    let content: TempContent | undefined
    await fc.assert(
      fc.asyncProperty(validBrief(regions), async (model) => {
        content ??= await tempContent()
        await content.write('briefs/brief.md', model.text)
        const checked = await within('check', checkArchive({contentDir: content.contentDir, cwd: content.root}))
        const problems = checked.diagnostics.map((d) => `${String(d.line)}:${String(d.column)} ${d.severity} ${d.rule}: ${d.message}`)
        // The one note nothing cites is the only warning there may be.
        const uncited = model.notes.filter((note) => note.uses === 0).map((note) => note.number)
        expect(problems.filter((p) => !/ warning citation\/unused-note:/.test(p)), 'check').toEqual([])
        expect(checked.diagnostics.map((d) => d.rule)).toEqual(uncited.map(() => 'citation/unused-note'))

        const built = await within('build', createBuilder({contentDir: content.contentDir, cwd: content.root, threads: 1}).build())
        expect(built.ok, 'build').toBe(true)
        const files = new Map([...built.files].map(([file, contents]) => [file, typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8')]))
        const page = files.get(`briefs/${model.slug}/index.html`)
        expect(page, `briefs/${model.slug}/index.html`).toBeDefined()
        expectBriefPage(fromHtml(page ?? ''), model)
        for (const [file, html] of files) if (file.startsWith('regions/') && file.endsWith('.html')) expectRegionPage(fromHtml(html), file)
        expect(siteViolations(files, {baseUrl})).toEqual([])
      }),
      {numRuns, plugins: [fc.interruptAfterTimeLimit(100_000)], ...(seed === undefined ? {} : {seed})}
    )
  }, 180_000)
})
