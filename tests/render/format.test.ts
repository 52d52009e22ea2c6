import {describe, expect, it} from 'vitest'
import {byYear, truncate, yearOf} from '../../src/render/format.js'

describe('truncate', () => {
  it('leaves text of at most max characters as it is', () => {
    expect(truncate('Short text.', 20)).toBe('Short text.')
    expect(truncate('', 5)).toBe('')
    expect(truncate('exactly ten', 11)).toBe('exactly ten')
  })

  it('cuts one character past max, at the last space before max - 3, and adds an ellipsis', () => {
    // 'exactly ten!' is 12: its first 8 characters, 'exactly ', lose the space.
    expect(truncate('exactly ten!', 11)).toBe('exactly…')
    expect(truncate('one two three four five', 12)).toBe('one two…')
  })

  it('drops the last word before the cut even when it is whole, as built sites always had it', () => {
    // Its first 7 characters are 'one two': 'two' is whole, and goes.
    expect(truncate('one two three', 10)).toBe('one…')
  })

  it('cuts a single word longer than max in the middle, never inside a surrogate pair', () => {
    expect(truncate('a'.repeat(12), 10)).toBe(`${'a'.repeat(7)}…`)
    // Emoji are two UTF-16 units each: the cut (max - 3 units) falls inside the fourth one, which goes whole.
    expect(truncate(`x${'😀'.repeat(6)}`, 11)).toBe('x😀😀😀…')
    expect(truncate('😀'.repeat(6), 10)).toBe('😀😀😀…')
    expect(truncate(`x${'😀'.repeat(6)}`, 10)).toBe('x😀😀😀…')
  })

  it('cuts CJK text without spaces by characters', () => {
    expect(truncate('台灣海峽兩岸關係的最新發展', 8)).toBe('台灣海峽兩…')
    expect(truncate('台灣海峽 兩岸關係的最新發展', 10)).toBe('台灣海峽…')
  })

  it('keeps every result within max characters, ellipsis included', () => {
    for (const text of ['a b c d e f g h i j k l', 'word '.repeat(50), 'x'.repeat(400)]) {
      for (const max of [5, 10, 200, 300]) expect(truncate(text, max).length).toBeLessThanOrEqual(max)
    }
  })
})

describe('yearOf and byYear', () => {
  it('takes the year from a date', () => {
    expect(yearOf('2024-02-22')).toBe('2024')
  })

  it('groups items by year in the order first met, each group in its order', () => {
    const item = (date: string) => ({meta: {date}})
    const a = item('2025-01-03')
    const b = item('2024-12-30')
    const c = item('2024-06-01')
    const d = item('2023-01-01')
    expect(byYear([a, b, c, d])).toEqual(
      new Map([
        ['2025', [a]],
        ['2024', [b, c]],
        ['2023', [d]]
      ])
    )
    expect(byYear([])).toEqual(new Map())
  })
})
