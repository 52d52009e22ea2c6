// serve/content-type.ts: the types serve sends, the citation files' among them.
import {describe, expect, it} from 'vitest'
import {contentTypeOf} from '../../src/serve/content-type.js'

describe('contentTypeOf', () => {
  it('sends feeds as Atom and pages as UTF-8 HTML', () => {
    expect(contentTypeOf('regions/taiwan/feed.xml')).toBe('application/atom+xml; charset=utf-8')
    expect(contentTypeOf('sitemap.xml')).toBe('application/xml; charset=utf-8')
    expect(contentTypeOf('briefs/x/index.html')).toBe('text/html; charset=utf-8')
  })

  it('sends a brief\'s citation files with the types reference managers import', () => {
    expect(contentTypeOf('briefs/x/x.bib')).toBe('application/x-bibtex; charset=utf-8')
    expect(contentTypeOf('briefs/x/x.ris')).toBe('application/x-research-info-systems; charset=utf-8')
    expect(contentTypeOf('briefs/x/x.csl.json')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8')
    expect(contentTypeOf('pagefind/shards.json')).toBe('application/json; charset=utf-8')
  })

  it('sends what it does not know as bytes', () => {
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream')
  })
})
