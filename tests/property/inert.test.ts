// The inert checker (tests/helpers/inert.ts) itself: it must pass the site
// sitrep really builds, and catch every kind of active content on small
// hand-written pages and feeds, or the property tests prove nothing.
import {describe, expect, it} from 'vitest'
import {buildInMemory, fixtureContent, sampleContent} from '../helpers/built-site.js'
import {htmlViolations, parseXml, schemeOf, siteViolations, svgViolations, xmlViolations} from '../helpers/inert.js'

const baseUrl = 'https://briefs.example.org/'
const file = 'briefs/x/index.html'

/** A page as the site's layout makes it, with `body` inside <main>. */
function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title>
<link rel="stylesheet" href="../../assets/site.css"><script type="module" src="../../assets/previews.js"></script>
<link rel="alternate" type="application/atom+xml" title="Feed" href="../../feed.xml"><link rel="canonical" href="https://briefs.example.org/briefs/x/">
<script type="application/ld+json">{"@type":"Report","headline":"\\u003c/script>"}</script>${head}</head>
<body><form class="site-search" role="search" action="../../search/" method="get"><input type="search" name="q"></form>
<main id="main">${body}</main></body></html>`
}

const rules = (body: string, head = ''): string[] => htmlViolations(page(body, head), {file, baseUrl, page: true}).map((v) => v.rule)
const fragmentRules = (html: string): string[] => htmlViolations(html, {file: 'feed.xml', baseUrl, page: false}).map((v) => v.rule)

describe('schemeOf reads a URL as a browser does', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['JaVaScRiPt:alert(1)', 'javascript'],
    ['\u0001javascript:alert(1)', 'javascript'],
    ['  \u0000 javascript:alert(1)', 'javascript'],
    ['java\tscript:alert(1)', 'javascript'],
    ['java\nscr\ript:alert(1)', 'javascript'],
    ['vbscript:x', 'vbscript'],
    ['data:text/html,x', 'data'],
    ['https://example.org/', 'https'],
    ['mailto:a@example.org', 'mailto']
  ])('%j has the scheme %s', (url, scheme) => {
    expect(schemeOf(url)).toBe(scheme)
  })

  it.each(['../x', '#note-1', '/abs', '//host/x', './javascript:alert(1)', 'javascript%3Aalert(1)', '\u00a0javascript:alert(1)', ''])('%j is relative', (url) => {
    expect(schemeOf(url)).toBeUndefined()
  })
})

describe('the checker passes what sitrep builds', () => {
  it('finds nothing in the fixture site or the sample archive', async () => {
    const fixture = await buildInMemory(fixtureContent)
    expect(siteViolations(fixture.files, {baseUrl: 'https://fixture.example.org/archive/'})).toEqual([])
    const sample = await buildInMemory(sampleContent)
    expect(siteViolations(sample.files, {baseUrl})).toEqual([])
  })

  it('finds nothing in a page with the site’s own scripts, links and search form, and safe links', () => {
    expect(rules('<p><a href="https://example.org/?a=1&amp;b=2">x</a> <a href="mailto:a@example.org">m</a> <a href="#note-1" id="cite-1-1">[1]</a></p>')).toEqual([])
    expect(rules('<p><a href="./javascript:alert(1)">relative</a> <a href="../other/">brief</a> <img src="../../assets/x.png" alt=""></p>')).toEqual([])
    expect(rules('<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) " \' &gt; onclick=alert(1)</p>')).toEqual([])
    expect(rules('<ol class="notes"><li id="note-1" value="1">x</li></ol><p id="location-1" title="javascript:alert(1)">x</p>')).toEqual([])
  })
})

describe('the checker catches in a figure\'s SVG', () => {
  const svg = (body: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attributes}>${body}</svg>`
  const found = (text: string) => svgViolations(text, 'images/x.svg').map((v) => v.rule)
  it.each([
    [svg('<script>alert(1)</script>'), 'svg-element'],
    [svg('<foreignObject><p>x</p></foreignObject>'), 'svg-element'],
    [svg('<set attributeName="href" to="javascript:alert(1)"/>'), 'svg-element'],
    [svg('<rect/>', ' onload="alert(1)"'), 'event-handler'],
    [svg('<use href="https://evil.example/x.svg#a"/>'), 'svg-reference'],
    [svg('<rect fill="url(https://evil.example/p.svg#g)"/>'), 'svg-reference'],
    ['<!DOCTYPE svg [<!ENTITY a "b">]>' + svg('<text>&a;</text>'), 'svg-doctype'],
    ['<?xml-stylesheet href="https://evil.example/x.css"?>' + svg(''), 'svg-instruction']
  ])('%s', (text, rule) => {
    expect(found(text)).toContain(rule)
  })
  it('passes a drawing that references only its own ids', () => {
    expect(found(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/>'))).toEqual([])
  })
})

describe('the checker catches', () => {
  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<script src="https://evil.example/x.js"></script>', 'script'],
    ['<script src="../../assets/previews.js">alert(1)</script>', 'script'],
    ['<script type="text/javascript" src="../../../../assets/x.js"></script>', 'script'],
    ['<script type="application/ld+json">{"a": "</script><p>x</p>', 'script'],
    ['<template><script>alert(1)</script></template>', 'script'],
    ['<svg><script>alert(1)</script></svg>', 'script'],
    ['<img src="x" onerror="alert(1)">', 'event-handler'],
    ['<svg onload=alert(1)>', 'event-handler'],
    ['<x-y onclick="alert(1)">x</x-y>', 'event-handler'],
    ['<a href="javascript:alert(1)">x</a>', 'unsafe-url'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', 'unsafe-url'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'unsafe-url'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'unsafe-url'],
    ['<a href="\u0001javascript:alert(1)">x</a>', 'unsafe-url'],
    ['<a href=" javascript:alert(1)">x</a>', 'unsafe-url'],
    ['<a href="vbscript:msgbox(1)">x</a>', 'unsafe-url'],
    ['<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', 'unsafe-url'],
    ['<img src="data:image/svg+xml,x">', 'unsafe-url'],
    ['<img srcset="a.png 1x, javascript:alert(1) 2x">', 'unsafe-url'],
    ['<video poster="javascript:alert(1)"></video>', 'unsafe-url'],
    ['<blockquote cite="javascript:alert(1)">x</blockquote>', 'unsafe-url'],
    ['<button formaction="javascript:alert(1)">x</button>', 'unsafe-url'],
    ['<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 'unsafe-url'],
    ['<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', 'unsafe-url'],
    ['<iframe src="https://example.org/"></iframe>', 'active-element'],
    ['<object data="x.swf"></object>', 'active-element'],
    ['<embed src="x.swf">', 'active-element'],
    ['<base href="https://evil.example/">', 'active-element'],
    ['<style>*{}</style>', 'active-element'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'meta-http-equiv'],
    ['<form action="https://evil.example/"><button>x</button></form>', 'form'],
    ['<form action="../../search/" method="post"></form>', 'form'],
    ['<p style="color:red">x</p>', 'style-attribute'],
    ['<a title="x"onclick="alert(1)">x</a>', 'parse-error'],
    ['<a href="x" "onclick=alert(1)">x</a>', 'malformed-attribute'],
    ['<a id="x" id="location">x</a>', 'parse-error'],
    ['<p id="location">x</p>', 'clobbering'],
    ['<p id="__proto__">x</p>', 'clobbering'],
    ['<img name="cookie">', 'clobbering'],
    ['<form name="getElementById" action="../../search/"></form>', 'clobbering'],
    ['<a id="defaultView">x</a>', 'clobbering'],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', 'link']
  ])('%s (%s)', (html, rule) => {
    expect(rules(html)).toContain(rule)
  })

  it('a style attribute of an email edition only when its CSS can load or run something', () => {
    const email = (style: string) =>
      htmlViolations(page(`<p style="${style}">x</p>`), {file: 'briefs/x/email.html', baseUrl, page: true, inlineStyles: true}).map((v) => v.rule)
    expect(email('margin:0 0 16px 0;color:#1f2328;')).toEqual([])
    for (const style of ['background:url(https://evil.example/pixel.png)', 'width:expression(alert(1))', 'behavior:url(x.htc)', '-moz-binding:url(x.xml#x)', 'background:u\\72l(x)', 'color:red/*x*/']) {
      expect(email(style), style).toEqual(['style-attribute'])
    }
  })

  it('a foreign stylesheet, or a link to an import, in <head>', () => {
    expect(rules('', '<link rel="stylesheet" href="https://evil.example/x.css">')).toEqual(['link'])
    expect(rules('', '<link rel="import" href="../../assets/x.html">')).toEqual(['link'])
  })

  it('scripts and forms in a fragment (a feed entry), even the site’s own', () => {
    expect(fragmentRules('<script type="module" src="assets/previews.js"></script>')).toEqual(['script'])
    expect(fragmentRules('<script type="application/ld+json">{}</script>')).toEqual(['script'])
    expect(fragmentRules('<form action="search/"></form>')).toEqual(['form'])
    expect(fragmentRules('<ul><li>&lt;script&gt; <a href="https://example.org/">x</a></li></ul>')).toEqual([])
  })
})

const feed = (entry: string, head = '') => `<?xml version="1.0" encoding="utf-8"?>${head}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title><id>https://briefs.example.org/feed.xml</id>
<link rel="self" type="application/atom+xml" href="https://briefs.example.org/feed.xml"/><updated>2024-02-22T00:00:00Z</updated>
<entry xml:base="https://briefs.example.org/briefs/x/"><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><id>https://briefs.example.org/briefs/x/</id>
<link rel="alternate" type="text/html" href="https://briefs.example.org/briefs/x/"/><updated>2024-02-22T00:00:00Z</updated>${entry}</entry></feed>
`
const feedRules = (xml: string) => xmlViolations(xml, {file: 'feed.xml', baseUrl}).map((v) => v.rule)

describe('the checker reads feeds and sitemaps as XML', () => {
  it('parses well-formed XML, with entities, CDATA and comments', () => {
    const doc = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; &#x3C;2&#62;" y=\'"\'><b/>t&lt;<![CDATA[<i>]]></a>\n')
    expect(doc.root.name).toBe('a')
    expect(doc.root.attributes.get('x')).toBe('1 & <2>')
    expect(doc.root.attributes.get('y')).toBe('"')
    expect(doc.root.children).toEqual([
      {type: 'element', name: 'b', attributes: new Map(), children: []},
      {type: 'text', value: 't<'},
      {type: 'text', value: '<i>'}
    ])
  })

  it.each([
    '<a>',
    '<a></b>',
    '<a x="<">t</a>',
    '<a x="1" x="2"/>',
    '<a x="1"y="2"/>',
    '<a x=1/>',
    '<a>&nbsp;</a>',
    '<a>& </a>',
    '<a>&#0;</a>',
    '<a>\u0001</a>',
    '<a>]]></a>',
    '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    '<a/><b/>',
    '<a/>text'
  ])('refuses %j', (xml) => {
    expect(() => parseXml(xml)).toThrow(/not well-formed/)
  })

  it('finds nothing in a plain feed whose text holds escaped markup', () => {
    expect(feedRules(feed('<summary>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</summary><content type="html">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content>'))).toEqual([])
  })

  it.each([
    ['<content type="html">&lt;script&gt;alert(1)&lt;/script&gt;</content>', 'script'],
    ['<content type="html"><![CDATA[<img src=x onerror=alert(1)>]]></content>', 'event-handler'],
    ['<content type="html">&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</content>', 'unsafe-url'],
    ['<summary type="html">&lt;p id="location"&gt;x&lt;/p&gt;</summary>', 'clobbering'],
    ['<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="javascript:alert(1)">x</a></div></content>', 'unsafe-url'],
    ['<content type="text/html">x</content>', 'xml-content-type'],
    ['<link rel="related" href="javascript:alert(1)"/>', 'unsafe-url'],
    ['<link rel="related" href="java&#x09;script:alert(1)"/>', 'unsafe-url'],
    ['<content src="data:text/html,x"/>', 'unsafe-url'],
    ['<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', 'xml-active-element'],
    ['<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', 'xml-namespace'],
    ['<author onclick="alert(1)"><name>x</name></author>', 'event-handler'],
    ['<title>x</title><title a="x" a="y">x</title>', 'xml-malformed'],
    ['<title>\u0001</title>', 'xml-malformed']
  ])('%s (%s)', (entry, rule) => {
    expect(feedRules(feed(entry))).toContain(rule)
  })

  it('a stylesheet instruction (XSLT can run script) and an unreadable feed', () => {
    expect(feedRules(feed('', '<?xml-stylesheet type="text/xsl" href="x.xsl"?>'))).toEqual(['xml-instruction'])
    expect(feedRules('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed')).toEqual(['xml-malformed'])
  })

  it('a sitemap location that is not http(s)', () => {
    const sitemap = (loc: string) =>
      `<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${loc}</loc></url></urlset>`
    expect(xmlViolations(sitemap('https://briefs.example.org/'), {file: 'sitemap.xml', baseUrl})).toEqual([])
    expect(xmlViolations(sitemap('javascript:alert(1)'), {file: 'sitemap.xml', baseUrl}).map((v) => v.rule)).toEqual(['unsafe-url'])
  })
})

describe('the checker reads a whole site', () => {
  it('names the file and entry of each violation, and odd output paths and scripts', () => {
    const files = new Map<string, string | Uint8Array>([
      ['briefs/x/index.html', page('<a href="javascript:alert(1)">x</a>')],
      ['feed.xml', feed('<content type="html">&lt;script&gt;&lt;/script&gt;</content>')],
      ['../outside.html', page('')],
      ['briefs/x/evil.js', 'alert(1)'],
      ['assets/previews.js', 'ok()'],
      ['robots.txt', 'javascript:alert(1)']
    ])
    expect(siteViolations(files, {baseUrl}).map((v) => `${v.file} ${v.rule}`)).toEqual([
      'briefs/x/index.html unsafe-url',
      'feed.xml#entry-1 <content> script',
      '../outside.html file-path',
      'briefs/x/evil.js active-file'
    ])
  })
})
