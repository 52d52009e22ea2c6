// parse/sources.ts: how one line of a note is classified, by shape only.
import {describe, expect, it} from 'vitest'
import type {Position} from 'unist'
import {classifySource, refang} from '../../src/parse/sources.js'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {validateBrief} from '../../src/validate/brief.js'
import {short} from '../helpers/content.js'

const at: Position = {start: {line: 20, column: 7}, end: {line: 20, column: 30}}
const classify = (raw: string) => classifySource(raw, at)

describe('classifySource', () => {
  it('reads a plain URL and keeps the position it is given', () => {
    expect(classify('https://example.com/a?b=1&c=2#x')).toEqual({
      kind: 'url',
      url: 'https://example.com/a?b=1&c=2#x',
      raw: 'https://example.com/a?b=1&c=2#x',
      position: at
    })
  })

  it.each([
    ['https://example.com/r.pdf, p.3', 'https://example.com/r.pdf', 'p.3'],
    ['https://example.com/r.pdf, pp. 3-5', 'https://example.com/r.pdf', 'pp. 3-5'],
    ['https://example.com/r.pdf, para. 12', 'https://example.com/r.pdf', 'para. 12'],
    ['https://example.com/r.pdf, page 7', 'https://example.com/r.pdf', 'page 7']
  ])('splits a page locator off %s', (raw, url, locator) => {
    expect(classify(raw)).toEqual({kind: 'url', url, locator, raw, position: at})
  })

  it('keeps commas that are part of a URL (text fragments)', () => {
    const raw = 'https://crsreports.congress.gov/product/pdf/IF/IF12194#:~:text=In%202003%2C%20the,years%20(FY2004%2DFY2023).'
    expect(classify(raw)).toEqual({kind: 'url', url: raw, raw, position: at})
  })

  it('reads Markdown and angle-bracket links, with a label and a locator', () => {
    expect(classify('[The report](https://example.com/report), p.4')).toEqual({
      kind: 'url',
      url: 'https://example.com/report',
      label: 'The report',
      locator: 'p.4',
      raw: '[The report](https://example.com/report), p.4',
      position: at,
      urlPosition: {start: {line: 20, column: 20}, end: {line: 20, column: 46}}
    })
    expect(classify('<https://example.com/angle>')).toEqual({
      kind: 'url',
      url: 'https://example.com/angle',
      raw: '<https://example.com/angle>',
      position: at
    })
  })

  it('reads an archived copy after a URL, a locator or a Markdown link, with its position', () => {
    const copy = 'https://web.archive.org/web/20240221000000/https://a.example/r.pdf'
    const raw = `https://a.example/r.pdf, p.3 (archived: ${copy})`
    const column = at.start.column + raw.indexOf(copy)
    expect(classify(raw)).toEqual({
      kind: 'url',
      url: 'https://a.example/r.pdf',
      locator: 'p.3',
      raw,
      position: at,
      archived: {url: copy, position: {start: {line: 20, column}, end: {line: 20, column: column + copy.length}}}
    })
    const link = classify(`[The report](https://a.example/r.pdf) (Archived:  ${copy})`)
    expect(link.kind === 'url' && [link.label, link.url, link.locator, link.archived?.url]).toEqual(['The report', 'https://a.example/r.pdf', undefined, copy])
  })

  it('gives no archived copy to a defanged or text source: the suffix stays part of what is shown', () => {
    const defanged = classify('https://udn dot com/x (archived: https://web.archive.org/web/2024/https://udn.com/x)')
    expect(defanged.kind).toBe('defanged')
    expect('archived' in defanged).toBe(false)
    expect(classify('Interview, 2024 (archived: https://perma.cc/ABCD-1234)')).toMatchObject({kind: 'text', raw: 'Interview, 2024 (archived: https://perma.cc/ABCD-1234)'})
  })

  it.each([
    ['https://udn dot com/news/story/6656/7779686', 'https://udn.com/news/story/6656/7779686'],
    ['https://www.cga dot gov.tw/GipOpen/wSite/ct?xItem=159716', 'https://www.cga.gov.tw/GipOpen/wSite/ct?xItem=159716'],
    ['hxxps://example[.]com/x', 'https://example.com/x'],
    ['hxxp://example[.]com', 'http://example.com'],
    ['https[:]//example[.]com', 'https://example.com'],
    ['https://example(.)org/y', 'https://example.org/y'],
    ['https://example[dot]org/y', 'https://example.org/y'],
    ['example[.]com/path', 'https://example.com/path'],
    ['https://www.palaugov dot pw/report.pdf, p.12', 'https://www.palaugov.pw/report.pdf']
  ])('reads the defanged %s back as %s', (raw, refanged) => {
    expect(classify(raw)).toEqual({kind: 'defanged', raw, refanged, position: at})
  })

  it('cannot read back a malformed defang, and says so by leaving out `refanged`', () => {
    expect(classify('https://www.mfa dotgov.cn/wjbzhd/202402/t20240221_11247709.shtml')).toEqual({
      kind: 'defanged',
      raw: 'https://www.mfa dotgov.cn/wjbzhd/202402/t20240221_11247709.shtml',
      position: at
    })
    expect(refang('https://www.mfa dotgov.cn/x')).toBeUndefined()
    expect(refang('hxxps://example[.]com/a b')).toBeUndefined()
  })

  it.each([
    'Interview with a Taiwanese official, February 2024',
    'See https://example.com/x',
    'the dot com era',
    'Note: see above',
    'https://example.com/a (in Chinese)'
  ])('treats %s as text', (raw) => {
    expect(classify(raw)).toEqual({kind: 'text', raw, position: at})
  })

  it('classifies other schemes as URLs, for validate/ to judge', () => {
    expect(classify('javascript:alert(1)')).toMatchObject({kind: 'url', url: 'javascript:alert(1)'})
    expect(classify('data:text/html;base64,AAAA')).toMatchObject({kind: 'url', url: 'data:text/html;base64,AAAA'})
    expect(classify('mailto:desk@example.org')).toMatchObject({kind: 'url', url: 'mailto:desk@example.org'})
  })
})

describe('Markdown link sources', () => {
  // Columns 20 + offset: the line starts at column 7 of `at`.
  const destination = (start: number, end: number): Position => ({start: {line: 20, column: 7 + start}, end: {line: 20, column: 7 + end}})

  it.each([
    ['[Ministry statement](javascript:alert(1))', 'javascript:alert(1)', 'Ministry statement', destination(21, 40)],
    ['[x](<java script:alert(1)>)', 'java script:alert(1)', 'x', destination(4, 26)],
    ['[x](&#106;avascript:alert(1))', 'javascript:alert(1)', 'x', destination(4, 28)],
    ['[x](java&Tab;script:alert(1))', 'java\tscript:alert(1)', 'x', destination(4, 28)],
    ['[x]( JaVaScRiPt:alert(1) "title")', 'JaVaScRiPt:alert(1)', 'x', destination(5, 24)],
    ['[x](<\u0001javascript:alert(1)>)', '\u0001javascript:alert(1)', 'x', destination(4, 26)],
    ['[*A* \\] report](https://a.example/x)', 'https://a.example/x', 'A ] report', destination(16, 35)],
    ['[Ministry statement]()', '', 'Ministry statement', destination(21, 21)]
  ])('reads %s as the Markdown parser does', (raw, url, label, urlPosition) => {
    expect(classify(raw)).toEqual({kind: 'url', url, label, raw, position: at, urlPosition})
  })

  it('leaves out an empty label, so the address is shown', () => {
    expect(classify('[](https://a.example/x)')).toEqual({kind: 'url', url: 'https://a.example/x', raw: '[](https://a.example/x)', position: at, urlPosition: destination(3, 22)})
  })

  it.each(['[x](javascript:alert(1) foo)', '[x](\u0001javascript:alert(1))', '[1] Interview', `[${'[a]'.repeat(300)}](https://a.example/)`])(
    'keeps %s, which no Markdown reader would link, as text',
    (raw) => {
      expect(classify(raw)).toEqual({kind: 'text', raw, position: at})
    }
  )

  const check = (notes: string) => {
    const value = `## Taiwan\n\nCited.[^1]\n\n${notes}\n`
    const regions = [{id: 'taiwan', name: 'Taiwan', aliases: []}]
    const {body} = parseBriefSyntax({file: 'b.md', value}, {regions})
    return body ? validateBrief(body, {regions}).map(short) : []
  }

  it('reports an unsafe destination at the destination, however it is written', () => {
    expect(
      check(
        [
          '[^1]: [Ministry statement](javascript:alert(1))',
          '    [Spaced](<JaVaScRiPt:alert(1) x>)',
          '    [Encoded](&#106;avascript:alert(1))',
          '    [Page](data:text/html;base64,PHNjcmlwdD4=)',
          '    [Script](vbscript:msgbox(1))',
          '    [Disk](file:///etc/passwd)',
          '    javascript:alert(1)'
        ].join('\n')
      )
    ).toEqual([
      'b.md:5:28 error source/unsafe-scheme',
      'b.md:6:14 error source/unsafe-scheme',
      'b.md:7:15 error source/unsafe-scheme',
      'b.md:8:12 error source/unsafe-scheme',
      'b.md:9:14 error source/unsafe-scheme',
      'b.md:10:12 error source/unsafe-scheme',
      'b.md:11:5 error source/unsafe-scheme'
    ])
  })

  it('reports a label with no address, and an address that is not absolute', () => {
    expect(check('[^1]: [Ministry statement]()\n    [Relative](/reports/1)')).toEqual([
      'b.md:5:28 error source/empty-link',
      'b.md:6:16 error source/invalid-url'
    ])
  })

  it('reports nothing for safe Markdown link sources', () => {
    expect(check('[^1]: [The report](https://example.com/report), p.4\n    [Desk](mailto:desk@example.org)')).toEqual([])
  })
})
