// parse/slugs.ts: brief slugs stay URL path segments ([a-z0-9-]); topic ids
// keep the letters of every script, stay unique within a section, and keep
// the id every heading slugify spelt without dropping a letter.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseBriefSyntax} from '../../src/parse/brief.js'
import {slugFromFileName, slugify, topicId, topicSlug, topicSlugOfAnyScript} from '../../src/parse/slugs.js'

describe('topicSlug', () => {
  it.each([
    ['臺灣海峽 巡邏', '臺灣海峽-巡邏'],
    ['台湾海峡の巡視', '台湾海峡の巡視'],
    ['カタカナ', 'カタカナ'],
    ['Учения в Чёрном море', 'учения-в-чёрном-море'],
    ['مناورات بحرية', 'مناورات-بحرية'],
    ['देवनागरी लिपि', 'देवनागरी-लिपि'],
    ['한국어 훈련', '한국어-훈련'],
    ['Taiwan 臺灣 Strait', 'taiwan-臺灣-strait'],
    ['PLA 🚢 drills', 'pla-drills'],
    ['Straße', 'straße'],
    ['Łódź port', 'łodz-port'],
    ['🚢🚢', ''],
    ['❤️', '']
  ])('keeps the words of %s: %s', (heading, id) => {
    expect(topicSlug(heading)).toBe(id)
  })

  it('gives one id however the heading was typed (NFC, NFD, half-width)', () => {
    expect(topicSlug('\u304c')).toBe('\u304c')
    expect(topicSlug('\u304b\u3099')).toBe('\u304c')
    expect(topicSlug('ｶﾀｶﾅ')).toBe('カタカナ')
    expect(topicSlug('Cafe\u0301')).toBe('cafe')
    expect(topicSlug('Caf\u00e9')).toBe('cafe')
  })

  it('stops at 60 characters, a letter with its marks counting as one', () => {
    expect(topicSlug('臺'.repeat(70))).toBe('臺'.repeat(60))
    expect(topicSlug(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59))
    expect(topicSlug('\u304b\u3099'.repeat(70))).toBe('\u304c'.repeat(60))
  })

  // The ids today's briefs have: readers hold permalinks to them.
  it.each([
    ['Coast guard', 'coast-guard'],
    ['A - B', 'a-b'],
    ['U.S.–China talks', 'u-s-china-talks'],
    ['Élysée talks', 'elysee-talks'],
    ['½ measures', '1-2-measures'],
    ['Ｆｕｌｌ width', 'full-width'],
    ['C++ & C#', 'c-c'],
    ['“Quoted” — heading', 'quoted-heading'],
    ['Ⅻ Corps', 'xii-corps'],
    ['(parenthetical) remark!', 'parenthetical-remark'],
    ['PLA_Navy drills', 'pla-navy-drills'],
    ['Kinmen: 2024-02-14 capsizing', 'kinmen-2024-02-14-capsizing'],
    ['Infrastructure spokesperson fishing infrastructure legislature', 'infrastructure-spokesperson-fishing-infrastructure-legislatu'],
    [`${'a'.repeat(59)}-b`, 'a'.repeat(59)]
  ])('keeps the id of the ASCII heading %s: %s', (heading, id) => {
    expect(topicSlug(heading)).toBe(id)
    expect(slugify(heading)).toBe(id)
  })
})

describe('topicId', () => {
  it('falls back to `topic` and numbers repeats -2, -3 in every script', () => {
    const taken = new Set<string>()
    expect(['🚢', '❤️', '臺灣', '臺灣', 'Taiwan', 'taiwan'].map((title) => topicId(title, taken))).toEqual([
      'topic',
      'topic-2',
      '臺灣',
      '臺灣-2',
      'taiwan',
      'taiwan-2'
    ])
  })
})

describe('topics in a brief', () => {
  it('gives a Chinese heading an id of its words, and repeats a suffix', () => {
    const value = '## Taiwan\n\n### 臺灣海峽 巡邏\n\nText.\n\n### 臺灣海峽 巡邏\n\nMore.\n\n### 🚢\n\nShips.\n'
    const {body} = parseBriefSyntax({file: 'b.md', value})
    expect(body?.sections[0]?.topics.map((topic) => [topic.title, topic.id])).toEqual([
      ['臺灣海峽 巡邏', '臺灣海峽-巡邏'],
      ['臺灣海峽 巡邏', '臺灣海峽-巡邏-2'],
      ['🚢', 'topic']
    ])
  })
})

describe('brief slugs', () => {
  it('stay lowercase ASCII letters, digits and hyphens, whatever the file is called', () => {
    expect(slugFromFileName('content/briefs/2024/臺灣 2024-02-22.md')).toBe('2024-02-22')
    expect(slugFromFileName('content/briefs/Élysée Talks.md')).toBe('elysee-talks')
    expect(slugFromFileName('content/briefs/Учения.md')).toBe('')
    expect(slugify('臺灣海峽 巡邏')).toBe('')
  })
})

describe('topicSlug on ASCII (its shortcut)', () => {
  it('gives what the rules for every script give, for any ASCII text', () => {
    const heading = fc.string({unit: fc.integer({min: 0, max: 0x7f}).map((code) => String.fromCharCode(code)), maxLength: 90})
    fc.assert(
      fc.property(heading, (text) => {
        expect(topicSlug(text)).toBe(topicSlugOfAnyScript(text))
      }),
      {numRuns: 5000}
    )
  })

  it('and for headings shaped like real ones', () => {
    for (const text of ['Coast guard  patrols near Kinmen', 'US–PRC talks', 'A - B', '-- Leading and trailing --', 'PLA_Navy drills', `${'long '.repeat(20)}end`, '', '***']) {
      expect([text, topicSlug(text)]).toEqual([text, topicSlugOfAnyScript(text)])
    }
  })
})

