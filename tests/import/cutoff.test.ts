import {describe, expect, it} from 'vitest'
import {resolveCutoff, usDaylightTime} from '../../src/import/cutoff.js'

describe('resolveCutoff', () => {
  it('keeps seconds written on a 24-hour clock (the plain-text edition writes them so)', () => {
    expect(resolveCutoff('February 21 at 17:00:30 ET', '2024-02-22')).toEqual({value: '2024-02-21T17:00:30-05:00'})
    expect(resolveCutoff('February 21 at 17:00:61 ET', '2024-02-22')).toEqual({problem: 'bad-time'})
  })

  it('resolves the reference form with the publication year and the EST offset', () => {
    expect(resolveCutoff('February 21 at 5pm ET', '2024-02-22')).toEqual({value: '2024-02-21T17:00-05:00'})
  })

  it('uses EDT between the second Sunday of March and the first Sunday of November', () => {
    // 2024: DST from March 10 to November 3.
    expect(resolveCutoff('March 9 at 5pm ET', '2024-03-14')).toEqual({value: '2024-03-09T17:00-05:00'})
    expect(resolveCutoff('March 10 at 5pm ET', '2024-03-14')).toEqual({value: '2024-03-10T17:00-04:00'})
    expect(resolveCutoff('November 2 at 5pm ET', '2024-11-07')).toEqual({value: '2024-11-02T17:00-04:00'})
    expect(resolveCutoff('November 3 at 5pm ET', '2024-11-07')).toEqual({value: '2024-11-03T17:00-05:00'})
    // 2023: DST from March 12 to November 5.
    expect(resolveCutoff('March 11, 2023 at 5pm ET', '2023-03-16')).toEqual({value: '2023-03-11T17:00-05:00'})
    expect(resolveCutoff('Nov. 5 at 9am PT', '2023-11-09')).toEqual({value: '2023-11-05T09:00-08:00'})
  })

  it('knows the transition hours: 2:30 does not exist in spring, 1:30 happens twice in autumn', () => {
    expect(usDaylightTime({year: 2024, month: 3, day: 10}, 90)).toBe(false)
    expect(usDaylightTime({year: 2024, month: 3, day: 10}, 150)).toBe('skipped-time')
    expect(usDaylightTime({year: 2024, month: 11, day: 3}, 30)).toBe(true)
    expect(usDaylightTime({year: 2024, month: 11, day: 3}, 90)).toBe('repeated-time')
    expect(resolveCutoff('March 10 at 2:30 a.m. ET', '2024-03-14')).toEqual({problem: 'skipped-time'})
    // Before 2007: first Sunday of April to last Sunday of October.
    expect(usDaylightTime({year: 2006, month: 3, day: 20}, 720)).toBe(false)
    expect(usDaylightTime({year: 2006, month: 10, day: 28}, 720)).toBe(true)
  })

  it('reads the usual ways of writing times and zones', () => {
    const cases: [string, string][] = [
      ['February 21 at 5:00 p.m. ET', '2024-02-21T17:00-05:00'],
      ['February 21 at noon ET', '2024-02-21T12:00-05:00'],
      ['12 noon ET on February 21', '2024-02-21T12:00-05:00'],
      ['February 21 at 12am ET', '2024-02-21T00:00-05:00'],
      ['21 February at 17:30 UTC', '2024-02-21T17:30Z'],
      ['February 21, 2024 at 9pm GMT', '2024-02-21T21:00Z'],
      ['February 21 at 3pm CT', '2024-02-21T15:00-06:00'],
      ['February 21 at 3pm MT', '2024-02-21T15:00-07:00'],
      ['February 21 at 3pm PT', '2024-02-21T15:00-08:00'],
      ['February 21 at 5pm EDT', '2024-02-21T17:00-04:00'],
      ['February 21 at 6pm Taipei time', '2024-02-21T18:00+08:00'],
      ['February 21 at 6pm UTC+8', '2024-02-21T18:00+08:00'],
      ['2024-02-21 17:00 Eastern Time', '2024-02-21T17:00-05:00']
    ]
    for (const [text, value] of cases) expect(resolveCutoff(text, '2024-02-22'), text).toEqual({value})
  })

  it('takes the previous year for a cutoff late in December of a January brief', () => {
    expect(resolveCutoff('December 30 at 5pm ET', '2025-01-02')).toEqual({value: '2024-12-30T17:00-05:00'})
  })

  it('reports what it cannot resolve', () => {
    const cases: [string, string | undefined, string][] = [
      ['5pm ET', '2024-02-22', 'no-day'],
      ['February 21', '2024-02-22', 'no-time'],
      ['February 21 at 5pm', '2024-02-22', 'no-zone'],
      ['February 21 at 5pm CST', '2024-02-22', 'ambiguous-zone'],
      ['February 21 at midnight ET', '2024-02-22', 'midnight'],
      ['February 21 at 13pm ET', '2024-02-22', 'bad-time'],
      ['February 23, 2024 at 5pm ET', '2024-02-22', 'after-publication'],
      ['February 21 at 5pm ET or 6pm ET', '2024-02-22', 'extra-number'],
      ['February 21 at 5pm ET', undefined, 'no-publication-date']
    ]
    for (const [text, date, problem] of cases) expect(resolveCutoff(text, date), text).toEqual({problem})
  })
})
