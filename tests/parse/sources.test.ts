// parse/sources.ts: how one line of a note is classified, by shape only.
import {describe, expect, it} from 'vitest'
import type {Position} from 'unist'
import {classifySource, refang} from '../../src/parse/sources.js'

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
      position: at
    })
    expect(classify('<https://example.com/angle>')).toEqual({
      kind: 'url',
      url: 'https://example.com/angle',
      raw: '<https://example.com/angle>',
      position: at
    })
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
