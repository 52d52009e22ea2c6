// config/* rules: content/site.yml and content/regions.yml, each problem at
// the line and column of the key or value concerned.
import {afterAll, describe, expect, it} from 'vitest'
import {parseSite} from '../../src/parse/site.js'
import {checkFixture, removeTempContent} from '../helpers/content.js'

afterAll(removeTempContent)

describe('config/yaml-syntax', () => {
  it('points at the quote that is never closed, not at the end of the file', async () => {
    const {list, result} = await checkFixture('config/yaml-syntax')
    expect(list).toEqual(['content/site.yml:1:8 error config/yaml-syntax'])
    expect(result.diagnostics[0]?.message).toBe('This file is not valid YAML: Missing closing "quote.')
    // Nothing else is checked without the settings.
    expect(result.briefCount).toBe(0)
  })
})

describe('config/schema', () => {
  it('reports a missing, an unknown (with a suggestion) and two invalid settings', async () => {
    const {list, result} = await checkFixture('config/schema')
    expect(list).toEqual([
      'content/site.yml:1:1 error config/schema',
      'content/site.yml:2:1 error config/schema',
      'content/site.yml:3:1 error config/schema',
      'content/site.yml:4:1 error config/schema'
    ])
    expect(result.diagnostics.map((d) => [d.message, d.hint])).toEqual([
      ['content/site.yml has no "language", which is required.', 'Add `language:` with its value.'],
      ['"baseUrl" must be an absolute http(s) URL, e.g. https://briefs.example.org/.', 'Correct the value of "baseUrl".'],
      ['"languge" is not a setting of site.yml.', 'Did you mean "language"?'],
      ['"pageSize" must be at least 1.', 'Correct the value of "pageSize".']
    ])
  })
})

describe('config/duplicate-region', () => {
  it('reports a reused name, id, and a group name used as a region name', async () => {
    const {list, result} = await checkFixture('config/duplicate-region')
    expect(list).toEqual([
      'content/regions.yml:6:18 error config/duplicate-region',
      'content/regions.yml:7:7 error config/duplicate-region',
      'content/regions.yml:10:9 error config/duplicate-region'
    ])
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      '"Taiwan" already names a region (line 2), so headings could not tell them apart.',
      '"taiwan" already names a region (line 1), so headings could not tell them apart.',
      '"Cross-Strait Relations" already names a region (line 3), so headings could not tell them apart.'
    ])
  })
})

describe('parseSite', () => {
  const file = (name: string, value: string) => ({file: `content/${name}`, value})
  const regions = file('regions.yml', '- id: taiwan\n  name: Taiwan\n  aliases: [ROC]\n')

  it('reads links.archiveApi: a URL, or false for none; anything else is reported', () => {
    const parse = (value: string) => parseSite({site: file('site.yml', `title: T\nbaseUrl: https://b.example\nlanguage: en\nlinks:\n  archiveApi: ${value}\n`), regions, contentDir: '/c'})
    expect(parse('http://127.0.0.1:9/available').site?.settings.links).toEqual({archiveApi: 'http://127.0.0.1:9/available'})
    expect(parse('false').site?.settings.links).toEqual({archiveApi: false})
    expect(parse('ftp://x').diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([
      ['config/schema', 5, expect.stringContaining('must be an absolute http(s) URL') as string]
    ])
  })

  it('resolves defaults and freezes the settings', () => {
    const {site, diagnostics} = parseSite({
      site: file('site.yml', 'title: T\nbaseUrl: https://briefs.example.org\nlanguage: en\n'),
      regions,
      contentDir: '/c'
    })
    expect(diagnostics).toEqual([])
    expect(site?.settings).toEqual({
      title: 'T',
      description: 'Weekly intelligence briefs.',
      baseUrl: 'https://briefs.example.org/',
      language: 'en',
      pageSize: 20,
      feedSize: 20,
      maxBriefBytes: 2 * 1024 * 1024,
      maxNotes: 1000,
      maxSourcesPerNote: 50,
      images: {maxPixels: 40_000_000, widths: [480, 960, 1600]},
      links: {archiveApi: 'https://archive.org/wayback/available'},
      zoneNames: {}
    })
    expect(site?.regions).toEqual([{id: 'taiwan', name: 'Taiwan', aliases: ['ROC']}])
    expect(Object.isFrozen(site?.settings)).toBe(true)
  })

  it('lets --base-url override baseUrl', () => {
    const {site} = parseSite(
      {site: file('site.yml', 'title: T\nbaseUrl: https://briefs.example.org/\nlanguage: en\n'), regions, contentDir: '/c'},
      {baseUrl: 'https://preview.example.org/x'}
    )
    expect(site?.settings.baseUrl).toBe('https://preview.example.org/x/')
  })

  it('says what is wrong with a file that is not a map or a list', () => {
    const {site, diagnostics} = parseSite({site: file('site.yml', '- a\n'), regions: file('regions.yml', '[]\n'), contentDir: '/c'})
    expect(site).toBeUndefined()
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.rule, d.message])).toEqual([
      ['content/site.yml', 1, 1, 'config/schema', 'content/site.yml must be a map of settings (title: ..., baseUrl: ..., language: ...).'],
      ['content/regions.yml', 1, 1, 'config/schema', 'content/regions.yml must list at least one region.']
    ])
  })

  it('reports a wrong type at the key, not as a missing key', () => {
    const {diagnostics} = parseSite({
      site: file('site.yml', 'title: T\nbaseUrl: https://x.org/\nlanguage: en\nfeedSize: many\n'),
      regions: file('regions.yml', '- id: taiwan\n  name: Taiwan\n  aliases: ROC\n'),
      contentDir: '/c'
    })
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['content/site.yml', 4, 1, '"feedSize" must be a whole number.'],
      ['content/regions.yml', 3, 3, '"[0].aliases" must be a list of names, e.g. [PRC, Mainland China].']
    ])
  })
})
