// fast-check arbitraries for the property tests (tests/property/): arbitrary
// bytes, Markdown and frontmatter built from hostile pieces (script, event
// handlers, every spelling of javascript:, quotes, brackets, names that
// clobber page globals), and valid briefs with a model of what their pages
// must show (every citation, every note and its sources).
import fc from 'fast-check'
import {frontmatter} from './content.js'

// --- hostile pieces --------------------------------------------------------

/** URLs a browser would run or that lead to active content, in the spellings that slip past naive checks. */
export const unsafeUrls = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'javascript:alert(document.cookie)//',
  '\u0001javascript:alert(1)',
  '\u0000javascript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'javascript\t:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  '&#0000106;&#0000097;vascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'jav&Tab;ascript:alert(1)',
  'javascript&colon;alert(1)',
  '\\javascript:alert(1)',
  'javascript%3Aalert(1)',
  '\u00a0javascript:alert(1)',
  '\u2028javascript:alert(1)',
  '\ufeffjavascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.org/x',
  'intent://x#Intent;end',
  'c:\\windows\\evil.exe'
]

/** URLs that are fine as links, some carrying quotes and brackets that must stay inside their attribute. */
export const safeUrls = [
  'https://example.org/report?a=1&b=2',
  'http://example.org/',
  'mailto:desk@example.org',
  'https://briefs.example.org/briefs/other-brief/',
  'https://example.org/"onmouseover="alert(1)',
  "https://example.org/'><script>alert(1)</script>",
  'https://example.org/<img src=x onerror=alert(1)>',
  'https://example.org/#__proto__',
  '../x',
  '#note-1',
  '#location',
  '/abs/path',
  '//evil.example/x',
  './javascript:alert(1)'
]

/** Defanged addresses: never links, whatever they contain. */
export const defangedUrls = [
  'https://udn dot com/news/story/7320/7775102',
  'hxxps://example[.]com/x',
  'example[.]com',
  'hxxp://evil[.]example/<script>alert(1)</script>',
  'https://udn dot com/"><script>alert(1)</script>',
  'hxxps://javascript:alert(1)[.]com',
  'hxxps://example[.]com/" onclick="alert(1)',
  'https://www.mfa dotgov.cn/'
]

export const htmlPieces = [
  '<script>alert(1)</script>',
  '<script src="https://evil.example/x.js"></script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<form action="https://evil.example/"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<object data="javascript:alert(1)"></object>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '<scr<script>ipt>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<!-- <script>alert(1)</script> -->',
  '<!--><script>alert(1)</script>-->',
  '<x onclick=alert(1)>x</x>',
  '<p id="location">x</p>',
  '<img name="cookie">'
]

export const quotePieces = [
  '"',
  "'",
  '>',
  '<',
  '`',
  '``',
  '&',
  '&amp;',
  '&lt;script&gt;',
  '&#0;',
  '\\',
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
  '" autofocus onfocus="alert(1)',
  '</script><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  ']]>',
  '<![CDATA[',
  '\u2028',
  '\u0001',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}'
]

/** Names of window and document properties, and of every object's: as ids or names they would clobber them. */
export const clobberWords = ['__proto__', 'location', 'cookie', 'defaultView', 'getElementById', 'constructor', 'prototype', 'toString', 'document', 'window', 'name']

const words = ['Patrols', 'continued', 'near', 'Kinmen', 'officials', 'confirmed', 'the', 'coast', 'guard', 'said', 'ministry', 'vessels', 'Matsu', 'report']

/** One hostile piece of text, or some arbitrary printable text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.constantFrom(...htmlPieces, ...quotePieces, ...unsafeUrls, ...clobberWords), weight: 4},
  {arbitrary: fc.constantFrom(...words), weight: 2},
  {arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 12}), weight: 1},
  {arbitrary: fc.string({unit: 'binary', maxLength: 6}), weight: 1}
)

/** A few hostile pieces joined, as one would find them inside a sentence. */
export const hostilePhrase: fc.Arbitrary<string> = fc.array(hostileText, {minLength: 1, maxLength: 4}).map((parts) => parts.join(' '))

export const anyUrl: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.constantFrom(...unsafeUrls), weight: 3},
  {arbitrary: fc.constantFrom(...safeUrls), weight: 2},
  {arbitrary: fc.tuple(fc.constantFrom(...unsafeUrls, ...safeUrls), hostileText).map(([url, text]) => `${url}${text}`), weight: 1},
  {arbitrary: hostileText, weight: 1}
)

/** Note labels, the usual ones and the ones that must be refused. */
export const noteLabel: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.constantFrom('1', '2', '3'), weight: 4},
  {arbitrary: fc.constantFrom('0', '01', '-1', '1.5', '__proto__', 'location', 'x"y', '<script>', ' 1', '1e3', '1000000000', '4294967296', '99999999999999999999'), weight: 2}
)

// --- (a) arbitrary bytes ------------------------------------------------------

/** Arbitrary bytes as a brief file: raw, arbitrary Unicode, or after a valid frontmatter (so the body parser sees them). */
export const arbitraryBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({maxLength: 2048}),
  fc.string({unit: 'binary', maxLength: 600}).map((text) => new TextEncoder().encode(text)),
  fc.string({unit: 'binary-ascii', maxLength: 600}).map((text) => new TextEncoder().encode(`${frontmatter}\n## Taiwan\n\n${text}`)),
  fc.uint8Array({maxLength: 512}).map((bytes) => Buffer.concat([Buffer.from(`${frontmatter}\n## Taiwan\n\n`), bytes])),
  fc.uint8Array({maxLength: 256}).map((bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntitle: '), bytes]))
)

// --- large repetitive input --------------------------------------------------------

/**
 * Pieces whose long runs stress parsers: brackets and citations (label
 * matching), escapes, containers (quotes, lists), emphasis, definitions,
 * and the shapes note sources are classified by (locators, spelled dots).
 */
export const repetitivePieces = [
  // The first is what a failing piece shrinks to: a benign one, so a counterexample names the piece that failed.
  ', p.1', ' dot ', '<a ', '&#', '*a ', '_a ', '`a', 'a\n', '[x]: y\n', '[^1]: x\n', '\\',
  '[', '[a](', '![a](', '[a]', '[.]', '[^', '[^1]', '\\[^1]', '> '
]

export interface Repetition {
  readonly piece: string
  /** In the prose of a section, or on one line of a note (after a URL). */
  readonly inNote: boolean
}

export const repetition: fc.Arbitrary<Repetition> = fc.record({piece: fc.constantFrom(...repetitivePieces), inNote: fc.boolean()})

/** A valid brief with `piece` repeated to about `size` characters in its prose or in a note. */
export function repeatedBrief(repetition: Repetition, size: number): string {
  const run = repetition.piece.repeat(Math.ceil(size / repetition.piece.length))
  const note = repetition.inNote ? `https://example.org/x${run.replace(/\n/g, ' ')}` : 'https://example.org/x'
  return `${frontmatter}\n## Taiwan\n\nText.[^1]\n\n${repetition.inNote ? 'Prose.' : run}\n\n[^1]: ${note}\n`
}

// --- (b) hostile Markdown -------------------------------------------------------

const regionHeadings = ['Taiwan', 'China', 'PRC', 'ROC', 'Southeast Asia', 'Oceania', 'Pacific Islands', 'taiwan', 'Cross-Strait Relations']

const headingText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...regionHeadings),
  hostilePhrase,
  fc.tuple(fc.constantFrom(...regionHeadings), hostilePhrase).map(([region, text]) => `${region} ${text}`)
)

/** One inline piece of Markdown: text, links and images of every kind, citations, code, emphasis. */
export const hostileInline: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: hostilePhrase, weight: 4},
  {arbitrary: fc.tuple(hostilePhrase, anyUrl).map(([text, url]) => `[${text}](${url})`), weight: 2},
  {arbitrary: fc.tuple(hostilePhrase, anyUrl).map(([text, url]) => `[${text}](<${url}>)`), weight: 1},
  {arbitrary: fc.tuple(hostilePhrase, anyUrl, hostileText).map(([text, url, title]) => `[${text}](${url} "${title}")`), weight: 1},
  {arbitrary: fc.tuple(hostilePhrase, anyUrl).map(([text, url]) => `![${text}](${url})`), weight: 1},
  {arbitrary: anyUrl.map((url) => `<${url}>`), weight: 1},
  {arbitrary: hostilePhrase.map((text) => `[${text}][ref]`), weight: 1},
  {arbitrary: noteLabel.map((label) => `[^${label}]`), weight: 2},
  {arbitrary: hostilePhrase.map((text) => `\`${text}\``), weight: 1},
  {arbitrary: hostilePhrase.map((text) => `*${text}*`), weight: 1},
  {arbitrary: fc.constantFrom(...htmlPieces), weight: 1}
)

const hostileSource: fc.Arbitrary<string> = fc.oneof(
  anyUrl,
  fc.tuple(hostilePhrase, anyUrl).map(([text, url]) => `[${text}](${url})`),
  anyUrl.map((url) => `<${url}>`),
  fc.constantFrom(...defangedUrls),
  hostilePhrase,
  anyUrl.map((url) => `${url}, p.3`)
)

/** A note definition: a label, then sources on following lines (indented or not). */
const noteDefinition = (label: fc.Arbitrary<string>, source: fc.Arbitrary<string>, minSources = 0): fc.Arbitrary<string> =>
  fc
    .tuple(label, fc.array(source, {minLength: minSources, maxLength: 3}), fc.constantFrom('\n', '\n    ', '\n  '))
    .map(([l, sources, separator]) => `[^${l}]: ${sources.join(separator)}`)

const hostileBlock: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.array(hostileInline, {minLength: 1, maxLength: 6}).map((parts) => parts.join(' ')), weight: 6},
  {arbitrary: fc.tuple(fc.constantFrom('## ', '### ', '#### ', '# ', '###### '), headingText).map(([level, text]) => `${level}${text}`), weight: 3},
  {arbitrary: noteDefinition(noteLabel, hostileSource), weight: 2},
  {arbitrary: hostileInline.map((text) => `> ${text}`), weight: 1},
  {arbitrary: hostileInline.map((text) => `- ${text}`), weight: 1},
  {arbitrary: hostileInline.map((text) => `1. ${text}`), weight: 1},
  {arbitrary: hostilePhrase.map((text) => `\`\`\`${text}\n${text}\n\`\`\``), weight: 1},
  {arbitrary: hostilePhrase.map((text) => `    ${text}`), weight: 1},
  {arbitrary: fc.constantFrom(...htmlPieces), weight: 1},
  {arbitrary: anyUrl.map((url) => `[ref]: ${url}`), weight: 1},
  {arbitrary: fc.tuple(anyUrl, hostileText).map(([url, title]) => `[ref]: ${url} "${title}"`), weight: 1},
  {arbitrary: hostilePhrase.map((text) => `<!-- ${text} -->`), weight: 1},
  {arbitrary: fc.constantFrom('---', '***', '==='), weight: 1}
)

/**
 * A body from hostile pieces with no regard for the rules: it may well be
 * refused (an unknown region, an unsafe link), and what passes must be inert.
 */
export const hostileBody: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(hostileBlock, {maxLength: 10}), fc.boolean(), fc.constantFrom('\n\n', '\n', '\r\n\r\n'))
  .map(([region, blocks, notes, separator]) =>
    [
      ...(region ? ['## Taiwan'] : []),
      ...blocks,
      ...(notes ? ['[^1]: https://example.org/1', '[^2]: Interview, 2024', '[^3]: https://udn dot com/news/story/1'] : [])
    ].join(separator)
  )

/** Inline Markdown that passes `check` (hostile text, safe links) but must still be escaped. */
/* eslint-disable no-control-regex -- control characters are kept out of what should pass check */
const passableInline: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: hostilePhrase.filter((text) => !/\[\^|[<`*_\\[\]\u0000-\u0008\u000a-\u001f\u007f]|^\s*[-+#>=]|^\s*\d+[.)]/.test(text)), weight: 4},
  {arbitrary: fc.constantFrom(...quotePieces.filter((piece) => !/[<`\\[\]\u0000-\u001f\u2028]/.test(piece)), ...clobberWords), weight: 2},
  {arbitrary: fc.tuple(fc.constantFrom(...words, ...clobberWords), fc.constantFrom(...safeUrls)).map(([text, url]) => `[${text}](${url})`), weight: 2},
  {arbitrary: fc.tuple(fc.constantFrom(...words), fc.constantFrom(...safeUrls), fc.constantFrom(...quotePieces, ...clobberWords)).map(([t, u, title]) => `[${t}](<${u}> "${title.replace(/"/g, '&quot;')}")`), weight: 1},
  {arbitrary: fc.constantFrom(...htmlPieces, ...quotePieces.map((piece) => `\`${piece}\``)), weight: 1},
  {arbitrary: fc.constantFrom('[^1]', '[^2]', '[^3]'), weight: 2}
)
/* eslint-enable no-control-regex */

const passableSource: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...safeUrls.filter((url) => /^(https?|mailto):/.test(url))),
  fc.constantFrom(...defangedUrls.slice(0, 7)),
  fc.tuple(fc.constantFrom(...words, ...clobberWords, ...quotePieces.filter((piece) => !/[[\]()<>]/.test(piece))), fc.constantFrom('https://example.org/x', 'https://example.org/"q"')).map(
    ([text, url]) => `[${text}](${url})`
  ),
  fc.constantFrom(...htmlPieces, ...quotePieces.filter((piece) => !/^\s*$/.test(piece)), ...clobberWords).map((text) => `Interview ${text}`)
)

/**
 * A body that should pass `check` (every heading a region, every citation a
 * note, only safe links), so that it is built: its hostile text, topics and
 * sources must come out as escaped text.
 */
export const passableBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.option(fc.oneof(fc.constantFrom(...clobberWords), hostilePhrase.filter((text) => !/[\r\n]/.test(text) && text.trim() !== '')), {nil: undefined}),
        fc.array(passableInline, {minLength: 1, maxLength: 6})
      ),
      {minLength: 1, maxLength: 4}
    ),
    fc.tuple(noteDefinition(fc.constant('1'), passableSource, 1), noteDefinition(fc.constant('2'), passableSource, 1), noteDefinition(fc.constant('3'), passableSource, 1))
  )
  .map(([blocks, notes]) =>
    [
      '## Taiwan',
      ...blocks.flatMap(([topic, parts]) => [...(topic === undefined ? [] : [`### ${topic}`]), parts.join(' ')]),
      '## China',
      'Cited.[^1][^2][^3]',
      notes.join('\n')
    ].join('\n\n')
  )

/** A brief file with a hostile body: either anything goes, or it should pass check and be built. */
export const hostileMarkdownBrief: fc.Arbitrary<string> = fc.oneof(hostileBody, passableBody).map((body) => `${frontmatter}\n${body}\n`)

// --- (c) hostile frontmatter ----------------------------------------------------------

/** A YAML scalar for a text: double-quoted (JSON is YAML), single-quoted, plain (which may not be YAML at all) or a block. */
const yamlScalar = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    {arbitrary: text.map((value) => JSON.stringify(value)), weight: 4},
    {arbitrary: text.map((value) => `'${value.replace(/'/g, "''")}'`), weight: 2},
    {arbitrary: text, weight: 1},
    {arbitrary: text.map((value) => `|\n    ${value.replace(/\n/g, '\n    ')}`), weight: 1}
  )

const hostileMarkdownText: fc.Arbitrary<string> = fc.oneof(hostilePhrase, hostileInline, fc.array(hostileInline, {minLength: 1, maxLength: 3}).map((parts) => parts.join(' ')))

const slugValue: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.constantFrom('constructor', 'prototype', 'location', 'cookie', 'valid-slug', 'a', 'index', 'feed', 'assets', 'pagefind', 'search'), weight: 3},
  {arbitrary: fc.constantFrom('__proto__', '../../etc', 'javascript:alert(1)', '"><script>', 'UPPER', 'a--b', '-a', 'toString', '%2e%2e'), weight: 2},
  {arbitrary: hostileText, weight: 1}
)

const person: fc.Arbitrary<string> = fc
  .tuple(yamlScalar(hostilePhrase), yamlScalar(hostilePhrase))
  .map(([name, org]) => `  - name: ${name.replace(/\n/g, '\n  ')}\n    org: ${org.replace(/\n/g, '\n  ')}`)

/** Lines YAML and its parsers must not be talked into doing more with: tags, merge keys, prototype keys, anchors. */
const yamlTricks = [
  '__proto__: {polluted: yes}',
  '__proto__:\n  polluted: yes',
  'constructor: {prototype: {polluted: yes}}',
  '"__proto__": {"polluted": "yes"}',
  'extra: !!js/function "function () { return process.exit(1) }"',
  'extra: !!js/undefined ~',
  'extra: !!python/object/apply:os.system ["id"]',
  'extra: !!binary PHNjcmlwdD4=',
  'extra: !<tag:yaml.org,2002:js/regexp> /x/',
  '<<: {title: "<script>alert(1)</script>"}',
  'base: &b {title: "<script>alert(1)</script>"}\n<<: *b',
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'extra: !!str &x "<script>"',
  '? [complex, key]\n: value'
]

/** How a frontmatter opens: YAML, or an engine line sitrep must refuse (never run). */
const opener: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: fc.constant('---'), weight: 12},
  {arbitrary: fc.constantFrom('---js', '---javascript', '--- js', '---json', '---coffee', '---yaml', '--- ', '+++', ';;;'), weight: 2}
)

export interface FrontmatterBrief {
  /** File name inside briefs/ (its slug when the frontmatter has none). */
  readonly name: string
  readonly text: string
}

/**
 * A brief whose frontmatter carries hostile values in every field (title,
 * summary, takeaways as inline Markdown, people, slug, series, tags), with
 * aliases, YAML tags, prototype keys and engine lines; the body is a valid one.
 */
const briefNames = ['brief.md', 'constructor.md', '__proto__.md', 'location.md', '<script>alert(1)<script>.md', 'javascript:alert(1).md', '"onmouseover=alert(1).md', 'UPPER.md']

/** Slugs that pass the schema but name things a page or a lookup table might trip on. */
const validSlugs = ['constructor', 'prototype', 'location', 'cookie', 'valid-slug', 'a', 'index', 'feed', 'assets', 'pagefind', 'search', 'tostring']

/** Frontmatter that passes the schema, every text hostile (double-quoted YAML holds any text), with an anchor and an alias. */
const passableFields = fc.record({
  opener: fc.constant('---'),
  title: fc.oneof(hostilePhrase.map((text) => JSON.stringify(text)), fc.constant('&t "<script>alert(1)</script> &lt;/title&gt;"')),
  summary: fc.option(fc.oneof(hostileMarkdownText.map((text) => JSON.stringify(text)), fc.constant('*t')), {nil: undefined}),
  takeaways: fc.array(hostileMarkdownText.map((text) => JSON.stringify(text)), {minLength: 1, maxLength: 3}),
  authors: fc.array(fc.tuple(hostilePhrase, hostilePhrase).map(([name, org]) => `  - name: ${JSON.stringify(name)}\n    org: ${JSON.stringify(org)}`), {minLength: 1, maxLength: 2}),
  editors: fc.option(fc.array(fc.tuple(hostilePhrase, hostilePhrase).map(([name, org]) => `  - {name: ${JSON.stringify(name)}, org: ${JSON.stringify(org)}}`), {minLength: 1, maxLength: 2}), {nil: undefined}),
  slug: fc.option(fc.constantFrom(...validSlugs), {nil: undefined}),
  series: fc.option(fc.constantFrom(...validSlugs), {nil: undefined}),
  tags: fc.option(fc.subarray(validSlugs, {maxLength: 3}), {nil: undefined}),
  date: fc.constant('2024-02-22'),
  cutoff: fc.constantFrom('2024-02-21T17:00-05:00', '2024-02-21T17:00Z', '2024-02-21T23:59:59+14:00'),
  tricks: fc.constant<string[]>([]),
  name: fc.constantFrom(...briefNames)
})

/** Frontmatter with no regard for the rules: any quoting, invalid values, engines, YAML tags, prototype keys, merges. */
const wildFields = fc.record({
  opener,
  title: fc.oneof(yamlScalar(hostilePhrase), fc.constant('&t "<script>alert(1)</script>"'), fc.constant('Title')),
  summary: fc.option(fc.oneof(yamlScalar(hostileMarkdownText), fc.constant('*t')), {nil: undefined}),
  takeaways: fc.array(yamlScalar(hostileMarkdownText), {minLength: 1, maxLength: 3}),
  authors: fc.array(person, {minLength: 1, maxLength: 2}),
  editors: fc.option(fc.array(person, {minLength: 1, maxLength: 2}), {nil: undefined}),
  slug: fc.option(yamlScalar(slugValue), {nil: undefined}),
  series: fc.option(yamlScalar(slugValue), {nil: undefined}),
  tags: fc.option(fc.array(yamlScalar(slugValue), {maxLength: 3}), {nil: undefined}),
  date: fc.constantFrom('2024-02-22', '2024-02-22', '2024-02-30', '"2024-02-22"', '2024-02-22T00:00:00Z', '<script>'),
  cutoff: fc.constantFrom('2024-02-21T17:00-05:00', '2024-02-21T17:00-05:00', '2024-02-21T17:00Z', '"javascript:alert(1)"'),
  tricks: fc.subarray(yamlTricks, {maxLength: 2}),
  name: fc.constantFrom(...briefNames, 'a b.md', '.md')
})

/**
 * A brief whose frontmatter carries hostile values in every field (title,
 * summary, takeaways as inline Markdown, people, slug, series, tags): most
 * pass the schema and are built, the rest add aliases, YAML tags, prototype
 * keys, engine lines and invalid values. The body is a valid one.
 */
export const hostileFrontmatterBrief: fc.Arbitrary<FrontmatterBrief> = fc
  .oneof({arbitrary: passableFields, weight: 3}, {arbitrary: wildFields, weight: 2})
  .map((fm) => {
    const lines = [
      fm.opener,
      `title: ${fm.title}`,
      `date: ${fm.date}`,
      `cutoff: ${fm.cutoff}`,
      `authors:\n${fm.authors.join('\n')}`,
      ...(fm.editors === undefined ? [] : [`editors:\n${fm.editors.join('\n')}`]),
      `takeaways:\n${fm.takeaways.map((takeaway) => `  - ${takeaway.replace(/\n/g, '\n  ')}`).join('\n')}`,
      ...(fm.summary === undefined ? [] : [`summary: ${fm.summary}`]),
      ...(fm.slug === undefined ? [] : [`slug: ${fm.slug}`]),
      ...(fm.series === undefined ? [] : [`series: ${fm.series}`]),
      ...(fm.tags === undefined ? [] : [`tags: [${fm.tags.map((tag) => tag.replace(/\n/g, ' ')).join(', ')}]`]),
      ...fm.tricks,
      '---'
    ]
    const body = '## Taiwan\n\nSomething happened.[^1]\n\n[^1]: https://example.org/1\n'
    return {name: fm.name, text: `${lines.join('\n')}\n\n${body}`}
  })

// --- (d) valid briefs with their model ------------------------------------------------------

export interface RegionChoice {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
}

export type ModelSource =
  | {readonly kind: 'url'; readonly raw: string; readonly url: string; readonly text: string}
  | {readonly kind: 'defanged'; readonly raw: string}
  | {readonly kind: 'text'; readonly raw: string}

export interface ModelNote {
  readonly number: number
  readonly sources: readonly ModelSource[]
  /** How many times the text cites it (0 for the one uncited note). */
  readonly uses: number
}

export interface ValidBrief {
  readonly text: string
  readonly slug: string
  /** The region id of each `##` section, in order. */
  readonly regions: readonly string[]
  /** The number of every citation, in text order. */
  readonly citations: readonly number[]
  /** Every note, numbered 1..N in order of first citation, then the uncited one if any. */
  readonly notes: readonly ModelNote[]
}

const vocabulary = ['Patrols', 'continued', 'near', 'Kinmen', 'officials', 'confirmed', 'the', 'coast', 'guard', 'said', "Beijing's", 'ministry', 'vessels', 'Matsu', 'drills', 'and', 'of', 'on', '"quoted"', 'A&B', 'one-way', 'it']
const segment = fc.stringMatching(/^[a-z0-9]{1,8}$/)

const modelSource: fc.Arbitrary<ModelSource> = fc.oneof(
  segment.map((s): ModelSource => ({kind: 'url', raw: `https://example.org/${s}`, url: `https://example.org/${s}`, text: `https://example.org/${s}`})),
  segment.map((s): ModelSource => ({kind: 'url', raw: `https://example.org/${s}.pdf, p.3`, url: `https://example.org/${s}.pdf`, text: `https://example.org/${s}.pdf, p.3`})),
  fc.tuple(fc.array(fc.constantFrom('Annual', 'report', 'of', 'the', 'ministry'), {minLength: 1, maxLength: 4}), segment).map(
    ([title, s]): ModelSource => ({kind: 'url', raw: `[${title.join(' ')}](https://example.org/${s})`, url: `https://example.org/${s}`, text: title.join(' ')})
  ),
  segment.map((s): ModelSource => ({kind: 'defanged', raw: `https://udn dot com/news/story/${s}`})),
  segment.map((s): ModelSource => ({kind: 'defanged', raw: `hxxps://example[.]com/${s}`})),
  segment.map((s): ModelSource => ({kind: 'defanged', raw: `www.example[.]gov/${s}`})),
  fc.array(fc.constantFrom('Interview', 'with', 'a', 'ministry', 'official', 'February', '2024', 'notes', 'of', 'the', 'meeting'), {minLength: 1, maxLength: 6}).map(
    (parts): ModelSource => ({kind: 'text', raw: parts.join(' ')})
  )
)

/** A citation as written: a note not yet cited (the next number), or one cited before. */
type Pick = {readonly kind: 'new'} | {readonly kind: 'again'; readonly which: number}
const pick: fc.Arbitrary<Pick> = fc.oneof(
  {arbitrary: fc.constant<Pick>({kind: 'new'}), weight: 3},
  {arbitrary: fc.nat({max: 1000}).map((which): Pick => ({kind: 'again', which})), weight: 2}
)

const sentence = fc.record({
  words: fc.array(fc.constantFrom(...vocabulary), {minLength: 1, maxLength: 8}),
  // Most sentences cite nothing or one note; some cite adjacent ones ([^4][^5]).
  cites: fc.oneof({arbitrary: fc.constant<Pick[]>([]), weight: 2}, {arbitrary: fc.array(pick, {minLength: 1, maxLength: 3}), weight: 3})
})

const sectionBlocks = fc.array(
  fc.record({
    topic: fc.option(fc.array(fc.constantFrom('Coast', 'guard', 'Drills', 'Trade', 'talks', 'Matsu'), {minLength: 1, maxLength: 3}), {nil: undefined}),
    paragraphs: fc.array(
      fc.record({
        // Citations sit in plain paragraphs, in emphasis, in list items and in block quotes.
        form: fc.constantFrom('plain', 'plain', 'plain', 'emphasis', 'list', 'quote'),
        sentences: fc.array(sentence, {minLength: 1, maxLength: 3})
      }),
      {minLength: 1, maxLength: 3}
    )
  }),
  {minLength: 1, maxLength: 3}
)

/**
 * A valid brief over these regions (e.g. the test's regions.yml): sections
 * under region names or aliases, topics, prose whose citations number the
 * notes 1..N in order of first citation (adjacent ones and repeats), each note
 * with one to three sources (URLs, links, defanged URLs, text) on lines of
 * their own, and at most one note nothing cites, at the end.
 */
export function validBrief(regions: readonly RegionChoice[]): fc.Arbitrary<ValidBrief> {
  const region = fc.constantFrom(...regions)
  return fc
    .record({
      sections: fc.uniqueArray(fc.tuple(region, fc.nat(), fc.boolean(), sectionBlocks), {minLength: 1, maxLength: regions.length, selector: ([r]) => r.id}),
      // Notes take these source lists in turn (and the indents of their continuation lines).
      sources: fc.array(fc.array(modelSource, {minLength: 1, maxLength: 3}), {minLength: 1, maxLength: 12}),
      indents: fc.array(fc.constantFrom('\n    ', '\n'), {minLength: 1, maxLength: 4}),
      uncited: fc.boolean(),
      slug: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/), {nil: undefined}),
      takeaways: fc.array(fc.oneof(fc.constant('first'), fc.array(fc.constantFrom(...vocabulary), {minLength: 1, maxLength: 6}).map((w) => w.join(' '))), {minLength: 1, maxLength: 3})
    })
    .map((spec): ValidBrief => {
      const citations: number[] = []
      let count = 0
      const numberOf = (p: Pick): number => {
        if (p.kind === 'new' || count === 0) return ++count
        return 1 + (p.which % count)
      }
      const lines: string[] = []
      let firstParagraph: string | undefined
      for (const [r, variant, lower, blocks] of spec.sections) {
        const names = [r.name, ...r.aliases]
        const heading = names[variant % names.length] ?? r.name
        lines.push(`## ${lower ? heading.toLowerCase() : heading}`, '')
        for (const block of blocks) {
          if (block.topic) lines.push(`### ${block.topic.join(' ')}`, '')
          for (const paragraph of block.paragraphs) {
            const text = paragraph.sentences
              .map((s) => {
                const numbers = s.cites.map(numberOf)
                citations.push(...numbers)
                const cited = `${s.words.join(' ')}.${numbers.map((n) => `[^${String(n)}]`).join('')}`
                return paragraph.form === 'emphasis' ? `*${cited}*` : cited
              })
              .join(' ')
            // A paragraph opens with a word (never a list marker or heading), whatever the vocabulary.
            const line = `So ${text}`
            if (paragraph.form === 'list') lines.push(`- ${line}`, '')
            else if (paragraph.form === 'quote') lines.push(`> ${line}`, '')
            else {
              firstParagraph ??= line
              lines.push(line, '')
            }
          }
        }
      }
      const total = count + (spec.uncited ? 1 : 0)
      const notes: ModelNote[] = []
      let line = 0
      for (let number = 1; number <= total; number++) {
        const sources = spec.sources[(number - 1) % spec.sources.length] ?? []
        notes.push({number, sources, uses: citations.filter((n) => n === number).length})
        const rest = sources.slice(1).map((source) => `${spec.indents[line++ % spec.indents.length] ?? '\n'}${source.raw}`)
        lines.push(`[^${String(number)}]: ${sources[0]?.raw ?? ''}${rest.join('')}`)
      }
      const takeaways = spec.takeaways.map((t) => (t === 'first' ? (firstParagraph ?? 'So it goes.').replace(/\[\^\d+\]|\*/g, '') : t))
      const frontmatter = [
        '---',
        'title: A valid brief',
        'date: 2024-02-22',
        'cutoff: 2024-02-21T17:00-05:00',
        'authors:',
        '  - name: A. Analyst',
        '    org: Example Institute',
        'takeaways:',
        ...takeaways.map((t) => `  - ${JSON.stringify(t)}`),
        ...(spec.slug === undefined ? [] : [`slug: ${JSON.stringify(spec.slug)}`]),
        '---',
        ''
      ]
      return {
        text: `${frontmatter.join('\n')}\n${lines.join('\n')}\n`,
        slug: spec.slug ?? 'brief',
        regions: spec.sections.map(([r]) => r.id),
        citations,
        notes
      }
    })
}
