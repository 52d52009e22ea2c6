import {describe, expect, it} from 'vitest'
import {checkArchive} from '../../../src/build/check.js'
import {fixtureContent} from '../../helpers/built-site.js'
import {dated, depsOf, feedEntry, inputsOf, listed, revised, section, whole, type PartKeys} from '../../../src/render/pages/job.js'

const brief = (await checkArchive({contentDir: fixtureContent, cwd: process.cwd()})).archive?.bySlug.get('week-one')
if (!brief) throw new Error('no week-one in the fixture site')
const keys: PartKeys = {keyOf: (b) => `key of ${b.slug}`, sectionOf: (entry) => [entry.brief.slug, entry.section]}

describe('a page\'s parts', () => {
  const shows = ['region', 2, undefined, whole(brief), listed(brief), dated(brief), revised(brief), section({brief, section: 3}), feedEntry({brief, section: 0})]

  it('are compared by their values, each brief by identity and each section as its brief and index, with their views', () => {
    expect(depsOf(shows)).toEqual(['region', 2, undefined, 'whole', brief, 'listed', brief, 'dated', brief, 'revised', brief, 'section', brief, 3, 'feed-entry', brief, 0])
    expect(depsOf(shows)[4]).toBe(brief)
  })

  it('are hashed as what each view shows of its brief or section', () => {
    expect(inputsOf(shows, keys)).toEqual([
      'region',
      2,
      undefined,
      'key of week-one',
      ['week-one', 'Week One', '2024-01-04'],
      ['week-one', '2024-01-04'],
      // No correction: the day of the latest is undefined.
      ['week-one', '2024-01-04', undefined],
      ['week-one', 3],
      [['week-one', 0], [{name: 'Ann Analyst', org: 'Fixture Institute'}], undefined]
    ])
  })
})
