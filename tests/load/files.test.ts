// load/: file/* rules (fixtures under tests/fixtures/check/file/), bytes to
// text, and the walk over content/briefs that never leaves content/.
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decode, firstInvalidUtf8} from '../../src/load/files.js'
import {checkFixture, frontmatter, removeTempContent, short, tempContent} from '../helpers/content.js'

const outside: string[] = []
afterAll(async () => {
  await removeTempContent()
  await Promise.all(outside.map((dir) => rm(dir, {recursive: true, force: true})))
})

/** A folder outside every content folder, holding one file. */
async function outsideFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-outside-'))
  outside.push(dir)
  const file = path.join(dir, name)
  await writeFile(file, text)
  return file
}

const validBrief = `${frontmatter}\n## Taiwan\n\nText.\n`

describe('file/encoding', () => {
  it('points at the first byte that is not UTF-8', async () => {
    const {list, result} = await checkFixture('file/encoding')
    // `title: Caf\xe9 diplomacy`: the Latin-1 é is the 11th character of line 2.
    expect(list).toEqual(['content/briefs/latin1.md:2:11 error file/encoding'])
    expect(result.diagnostics[0]?.message).toBe('The file is not valid UTF-8 (byte 0xe9 here), so its text cannot be trusted.')
  })
})

describe('file/binary', () => {
  it('reports a PNG named .md at its first NUL byte', async () => {
    const {list} = await checkFixture('file/binary')
    expect(list).toEqual(['content/briefs/image.md:3:1 error file/binary'])
  })
})

describe('file/too-large', () => {
  it('refuses a brief over maxBriefBytes without parsing it', async () => {
    const {list, result} = await checkFixture('file/too-large')
    expect(list).toEqual(['content/briefs/long.md:1:1 error file/too-large'])
    expect(result.diagnostics[0]?.message).toBe('This brief is 2 KB, over the 1 KB limit for one brief, so it was not parsed.')
  })

  it('refuses a 5 MB brief under the default limit', async () => {
    const content = await tempContent()
    await content.write('briefs/huge.md', validBrief + 'Filler text for a very long brief. '.repeat(150_000))
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/huge.md:1:1 error file/too-large'])
    expect(result.diagnostics[0]?.data).toEqual({size: 5_250_184, limit: 2 * 1024 * 1024})
  })
})

describe('file/missing-config', () => {
  it('reports a missing regions.yml and checks no brief', async () => {
    const {list, result} = await checkFixture('file/missing-config', {shared: false})
    expect(list).toEqual(['content/regions.yml:1:1 error file/missing-config'])
    expect(result.diagnostics[0]?.message).toBe(
      'The content folder has no content/regions.yml; sitrep needs it to check and build the archive.'
    )
    expect(result.briefCount).toBe(0)
  })

  it('reports both files when the content folder does not exist', async () => {
    const content = await tempContent({shared: false})
    const {checkArchive} = await import('../../src/build/check.js')
    const result = await checkArchive({contentDir: path.join(content.root, 'nowhere'), cwd: content.root})
    expect(result.diagnostics.map(short)).toEqual([
      'nowhere/regions.yml:1:1 error file/missing-config',
      'nowhere/site.yml:1:1 error file/missing-config'
    ])
  })
})

describe('file/unreadable', () => {
  it('reports a broken symbolic link named .md', async () => {
    const content = await tempContent({fixture: 'file/unreadable'})
    await content.link('briefs/gone.md', path.join(content.root, 'does-not-exist.md'))
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/gone.md:1:1 error file/unreadable'])
    expect(result.diagnostics[0]?.data).toEqual({reason: 'broken symbolic link'})
  })

  it('reports a settings file that is a folder', async () => {
    const content = await tempContent({shared: false, files: {'site.yml/README.md': 'not a file', 'regions.yml': '- id: a\n  name: A\n'}})
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/site.yml:1:1 error file/unreadable'])
    expect(result.diagnostics[0]?.data).toEqual({reason: 'a folder stands where a file should be'})
  })
})

describe('file/outside-content', () => {
  it('reports a brief that is a symbolic link to a file outside content/, without reading it', async () => {
    const target = await outsideFile('secret.md', validBrief)
    const content = await tempContent({fixture: 'file/outside-content', files: {'briefs/real.md': validBrief}})
    await content.link('briefs/linked.md', target)
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/linked.md:1:1 error file/outside-content'])
    expect(result.sources.has('content/briefs/linked.md')).toBe(false)
    expect(result.archive?.briefs.map((brief) => brief.slug)).toEqual(['real'])
  })

  it('follows a symbolic link that stays inside content/', async () => {
    const content = await tempContent({files: {'drafts/kept.md': validBrief}})
    await content.link('briefs/kept.md', path.join(content.contentDir, 'drafts/kept.md'))
    const result = await content.check()
    expect(result.diagnostics).toEqual([])
    expect(result.archive?.briefs.map((brief) => brief.slug)).toEqual(['kept'])
  })

  it('reports a linked folder, a linked briefs/ folder and linked settings', async () => {
    const target = await outsideFile('site.yml', 'title: T\nbaseUrl: https://x.org/\nlanguage: en\n')
    const content = await tempContent()
    await content.link('briefs/elsewhere', path.dirname(target))
    let result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs/elsewhere:1:1 error file/outside-content'])

    const whole = await tempContent()
    await rm(path.join(whole.contentDir, 'briefs'), {recursive: true})
    await whole.link('briefs', path.dirname(target))
    result = await whole.check()
    expect(result.diagnostics.map(short)).toEqual(['content/briefs:1:1 error file/outside-content'])

    const settings = await tempContent({shared: false, files: {'regions.yml': '- id: a\n  name: A\n'}})
    await settings.link('site.yml', target)
    result = await settings.check()
    expect(result.diagnostics.map(short)).toEqual(['content/site.yml:1:1 error file/outside-content'])
  })

  it('survives a link loop', async () => {
    const content = await tempContent({files: {'briefs/a.md': validBrief}})
    await content.link('briefs/loop', '.')
    const result = await content.check()
    expect(result.diagnostics).toEqual([])
    expect(result.briefCount).toBe(1)
  })
})

describe('decode', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values)
  const text = (value: string) => new TextEncoder().encode(value)

  it('drops a UTF-8 byte order mark', () => {
    const result = decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...text('---\n')]), '/x.md', 'x.md')
    expect(result.source?.value).toBe('---\n')
  })

  it('counts columns in characters, not bytes', () => {
    // "é" is two bytes; the bad byte is the third character of line 2.
    const result = decode(Uint8Array.from([...text('a\né'), 0x41, 0xff]), '/x.md', 'x.md')
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['file/encoding', 2, 3]])
  })

  it.each([
    ['ASCII', bytes(0x61, 0x62), -1],
    ['two-byte é', bytes(0xc3, 0xa9), -1],
    ['four-byte emoji', bytes(0xf0, 0x9f, 0x98, 0x80), -1],
    ['Latin-1 é', bytes(0x61, 0xe9, 0x62), 1],
    ['overlong slash', bytes(0xc0, 0xaf), 0],
    ['surrogate half', bytes(0xed, 0xa0, 0x80), 0],
    ['truncated sequence', bytes(0x61, 0xe2, 0x82), 1],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['stray continuation byte', bytes(0x80), 0]
  ])('firstInvalidUtf8: %s', (_name, input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected)
  })
})
