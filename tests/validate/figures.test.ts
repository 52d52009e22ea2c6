// The rules validate/figures.ts reports, one fixture each
// (tests/fixtures/check/figure/<rule>/): the exact diagnostics; and where
// placeOfImage resolves an address.
import {afterAll, describe, expect, it} from 'vitest'
import {checkFixture, removeTempContent} from '../helpers/content.js'
import {placeOfImage} from '../../src/validate/figures.js'

afterAll(removeTempContent)

describe('figure/missing-alt', () => {
  it('reports a figure with empty or blank alt text at its image, not an inline image', async () => {
    const {list, result} = await checkFixture('figure/missing-alt')
    expect(list).toEqual(['content/briefs/alt.md:14:1 error figure/missing-alt', 'content/briefs/alt.md:16:1 error figure/missing-alt'])
    expect(result.diagnostics[0]).toMatchObject({endLine: 14, endColumn: 43})
  })
})

describe('figure/poor-alt', () => {
  it('warns about a file name and a generic word, not about a description', async () => {
    const {list, result} = await checkFixture('figure/poor-alt')
    expect(list).toEqual([
      'content/briefs/poor.md:14:1 warning figure/poor-alt',
      'content/briefs/poor.md:16:1 warning figure/poor-alt',
      'content/briefs/poor.md:18:1 warning figure/poor-alt',
      'content/briefs/poor.md:20:1 warning figure/poor-alt'
    ])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'The alt text "kinmen.png" is a file name, so a reader who cannot see the image learns nothing of what it shows.',
      'The alt text "IMG_2024.JPG" is a file name, so a reader who cannot see the image learns nothing of what it shows.',
      'The alt text "Map" only says what kind of image this is, not what it shows.',
      'The alt text "the chart." only says what kind of image this is, not what it shows.'
    ])
  })
})

describe('figure/missing-caption', () => {
  it('warns about a figure with no title or a blank one', async () => {
    const {list} = await checkFixture('figure/missing-caption')
    expect(list).toEqual(['content/briefs/caption.md:14:1 warning figure/missing-caption', 'content/briefs/caption.md:16:1 warning figure/missing-caption'])
  })
})

describe('figure/remote', () => {
  it('warns about http(s) images, protocol-relative and upper-case ones too', async () => {
    const {list, result} = await checkFixture('figure/remote')
    expect(list).toEqual([
      'content/briefs/remote.md:14:1 warning figure/remote',
      'content/briefs/remote.md:16:1 warning figure/remote',
      'content/briefs/remote.md:18:1 warning figure/remote'
    ])
    expect(result.diagnostics[0]?.hint).toBe(
      'Save the image, commit the file under content/ (e.g. content/briefs/maps/) and link it by a relative path, e.g. `maps/kinmen.png`.'
    )
  })
})

describe('figure/outside-content', () => {
  it('reports paths out of the content folder: up too far, absolute, file:, encoded dots, backslashes, a drive; not ../.. from a year folder', async () => {
    const {list} = await checkFixture('figure/outside-content')
    expect(list).toEqual([
      'content/briefs/outside.md:14:1 error figure/outside-content',
      'content/briefs/outside.md:16:1 error figure/outside-content',
      'content/briefs/outside.md:18:1 error figure/outside-content',
      'content/briefs/outside.md:20:1 error figure/outside-content',
      'content/briefs/outside.md:22:1 error figure/outside-content',
      'content/briefs/outside.md:24:1 error figure/outside-content'
    ])
    // content/briefs/2024/nested.md's `../../maps/kinmen.png` is content/maps/kinmen.png: load/ passes the brief's place.
  })
})

describe('placeOfImage', () => {
  it.each([
    ['maps/kinmen.png', 'briefs/x.md', {inside: 'briefs/maps/kinmen.png'}],
    ['../maps/kinmen.png', 'briefs/x.md', {inside: 'maps/kinmen.png'}],
    ['../../maps/kinmen.png', 'briefs/2024/x.md', {inside: 'maps/kinmen.png'}],
    ['../../maps/kinmen.png', 'briefs/x.md', 'outside'],
    ['./a%20b.png?v=1#top', 'briefs/x.md', {inside: 'briefs/a b.png'}],
    ['https://example.com/k.png', 'briefs/x.md', 'remote'],
    ['javascript:alert(1)', 'briefs/x.md', 'other'],
    ['', 'briefs/x.md', 'other']
  ])('%s from %s: %j', (url, from, expected) => {
    expect(placeOfImage(url, from)).toEqual(expected)
  })
})
