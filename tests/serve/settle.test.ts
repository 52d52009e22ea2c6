import {writeFileSync} from 'node:fs'
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startServer, type BuildReport, type RunningServer, type ServeEvent} from '../../src/serve/server.js'
import {fixtureContent} from '../helpers/built-site.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-settle-'))
const content = path.join(temp, 'content')
const weekOne = path.join(content, 'briefs/week-one.md')
let server: RunningServer
let original: string
/** Called with every event the server emits, in order. */
let listener: (event: ServeEvent) => void = () => undefined

beforeAll(async () => {
  await cp(fixtureContent, content, {recursive: true})
  original = await readFile(weekOne, 'utf8')
  // Generous, so that the second write's event is in long before the failed rebuild is weighed, however slow the machine.
  server = await startServer({
    contentDir: content,
    cwd: temp,
    port: 0,
    settleMs: 500,
    onEvent: (event) => {
      listener(event)
    }
  })
})
afterAll(async () => {
  await server.close()
  await rm(temp, {recursive: true, force: true})
})

/** Every build report from now until one passes `done`. */
async function buildsUntil(done: (report: BuildReport) => boolean): Promise<BuildReport[]> {
  const seen: BuildReport[] = []
  for (;;) {
    const report = await server.nextBuild()
    seen.push(report)
    if (done(report)) return seen
  }
}

describe('sitrep serve, while an editor is still writing a file', () => {
  it('drops a rebuild that read an emptied brief when the rest of the save follows, and never shows its error page', async () => {
    const reports: BuildReport[] = []
    const dropped: BuildReport[] = []
    let rewritten = false
    listener = (event) => {
      if (event.type === 'build') reports.push(event.report)
      if (event.type === 'superseded') dropped.push(event.report)
      // The rebuild has read the emptied file: now the editor writes the text.
      if (event.type === 'progress' && !rewritten) {
        rewritten = true
        writeFileSync(weekOne, original)
      }
    }
    const settled = buildsUntil((report) => report.ok)
    await writeFile(weekOne, '')
    await settled
    expect(rewritten).toBe(true)
    // The rebuild that read the empty file ran, and was dropped for the next.
    expect(dropped.map((report) => report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule))).toEqual([['file/empty', 'link/missing-brief']])
    expect(reports.map((report) => report.ok)).toEqual([true])
    const page = await fetch(new URL('briefs/week-one/', server.url))
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('sitrep found problems')
  })

  it('still shows a mistake that no change follows, once the settling time has passed', async () => {
    listener = () => undefined
    const failed = buildsUntil((report) => !report.ok)
    await writeFile(weekOne, '')
    const [report] = (await failed).slice(-1)
    expect(report?.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['content/briefs/week-one.md', 'file/empty'],
      ['content/briefs/week-two.md', 'link/missing-brief'],
      // The fixture's one warning, there all along.
      ['content/briefs/week-two.md', 'citation/unused-note']
    ])
    const fixed = buildsUntil((next) => next.ok)
    await writeFile(weekOne, original)
    await fixed
  })
})
