// Singular and plural in every summary line: "1 brief", never "1 briefs".
import {afterAll, describe, expect, it} from 'vitest'
import {plural} from '../../src/diagnostics/report.js'
import {summaryCounts} from '../../src/cli/build.js'
import {main} from '../../src/cli/main.js'
import {progressFor} from '../../src/cli/progress.js'
import {cleanBrief, removeTempContent, tempContent} from '../helpers/content.js'
import {fakeIo} from '../helpers/io.js'

afterAll(removeTempContent)

describe('plural', () => {
  it('says 0 and 2 in the plural, 1 in the singular', () => {
    expect([0, 1, 2].map((n) => plural(n, 'brief'))).toEqual(['0 briefs', '1 brief', '2 briefs'])
    expect([0, 1, 2].map((n) => plural(n, 'entry', 'entries'))).toEqual(['0 entries', '1 entry', '2 entries'])
  })

  it('makes the build summary agree with its counts', () => {
    expect(summaryCounts(0, 0)).toBe('0 pages from 0 briefs')
    expect(summaryCounts(1, 1)).toBe('1 page from 1 brief')
    expect(summaryCounts(13, 2)).toBe('13 pages from 2 briefs')
  })

  it('makes the progress line agree with its total', () => {
    const lines = (total: number) => {
      let text = ''
      progressFor({write: (chunk: string) => (text += chunk), isTTY: true}, false).parse({step: 'parse', done: total, total})
      return text.replaceAll('\r\u001B[2K', '')
    }
    expect([0, 1, 2].map(lines)).toEqual(['Parsed 0/0 briefs', 'Parsed 1/1 brief', 'Parsed 2/2 briefs'])
  })
})

describe('sitrep build with one brief', () => {
  it('says "1 brief", in the summary and when it is up to date', async () => {
    const content = await tempContent({files: {'briefs/one.md': cleanBrief}})
    const io = fakeIo(content.root)
    expect(await main(['build', '--out', 'site', '--no-search'], io)).toBe(0)
    expect(io.out()).toMatch(/^Built \d+ pages from 1 brief \(\d+ files, no search index\) in /)
    const again = fakeIo(content.root)
    expect(await main(['build', '--out', 'site', '--no-search', '--verbose'], again)).toBe(0)
    expect(again.out()).toMatch(/^Read 0 and parsed 0 of 1 brief \(the rest from the cache\); nothing changed\.\nUp to date: \d+ pages from 1 brief, nothing changed, in /)
  })
})
