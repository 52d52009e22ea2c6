// The briefs as copied for Hugo and Astro (bench/copy-briefs.ts): the same
// text with the regions of their sections as a front-matter key.
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {regionIds, regionsOf, withRegions} from '../../bench/copy-briefs.js'
import {brief, regionsYaml} from '../../bench/generate.js'

describe('briefs copied for Hugo and Astro', () => {
  const ids = regionIds(regionsYaml())

  it('reads every region of regions.yml', () => {
    expect([...ids.values()]).toEqual(['taiwan', 'china', 'us-europe', 'southeast-asia', 'northeast-asia', 'oceania'])
    expect(ids.get('United States and Europe')).toBe('us-europe')
  })

  it('lists the regions of a brief’s sections in its front matter, the rest unchanged', () => {
    for (const i of [0, 1, 2, 9999]) {
      const text = brief(i).text
      const regions = regionsOf(text, ids)
      expect(regions.length).toBeGreaterThanOrEqual(3)
      const copied = withRegions(text, regions)
      const frontmatter = parse(/^---\n([\s\S]*?)\n---\n/.exec(copied)?.[1] ?? '') as {regions: string[]; title: string}
      expect(frontmatter.regions).toEqual(regions)
      expect(frontmatter.title).toMatch(/^Bench update/)
      expect(copied.replace(/^---\nregions: .*\n/, '---\n')).toBe(text)
    }
    expect(regionsOf('## Taiwan\n\n### Oceania\n\n## Taiwan\n\n## Atlantis\n', ids)).toEqual(['taiwan'])
  })

  it('names brief 9,999 (a 10,000-brief archive) by a date of its own', () => {
    expect(brief(9999).file).toBe('briefs/2024/china-taiwan-2024-02-16.md')
    expect(new Set([9997, 9998, 9999, 10000].map((i) => brief(i).file)).size).toBe(4)
  })
})
