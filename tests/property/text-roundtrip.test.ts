// Property: for any seed-shaped brief (regions of the sample regions.yml under
// their names or aliases, groups, topics, takeaways with links and emphasis,
// paragraphs citing notes singly and in adjacent runs (some opening like a
// figure's caption or credit line), links, figures with
// captions and cited credit lines, notes of one to three sources: URLs,
// locators, Markdown links, defanged addresses, plain text; an uncited note;
// titles with and without their day, cutoffs in several zones, authors and
// editors of several organisations, tags), the plain-text edition imported
// back parses to the same brief (tests/helpers/brief-shape.ts says what
// "the same" ignores), and writing that brief as text again gives the same
// text.
//
// Seeds: random by default; FC_SEED=<n> replays a run, FC_RUNS=<n> sets the number of runs.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {parseBrief} from '../../src/build/compile.js'
import {importBrief} from '../../src/import/brief.js'
import type {Region} from '../../src/parse/schema.js'
import {renderText} from '../../src/render/text.js'
import {shapeOf} from '../helpers/brief-shape.js'
import {sampleContent} from '../helpers/built-site.js'

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED)
const numRuns = process.env.FC_RUNS === undefined ? 150 : Number(process.env.FC_RUNS)
const regions = (parse(readFileSync(path.join(sampleContent, 'regions.yml'), 'utf8')) as Region[]).map((r) => ({...r, aliases: r.aliases ?? []}))

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const words = ['patrols', 'continued', 'near', 'Kinmen', 'officials', 'confirmed', 'the', 'coast', 'guard', "Beijing's", 'vessels', 'Matsu', '"quoted"', 'A&B', 'one-way', '50%', 'snake_case', '\\*starred\\*', 'Taipei’s', '(briefly)', 'e.g.', '[bracketed]']
const topicWords = ['Coast', 'Guard', 'Patrols', 'Matsu', 'Cables', 'Trade', 'Talks', 'Exercises', '2024', 'Fisheries']
const names = ['Jane Example', 'Wei Sample', 'Kenji Dummy', 'Ana W. Testcase', 'Robert Placeholder', 'Maria Testperson']
const orgs = ['Example Institute for Strategic Studies', 'Another Example Foundation', 'Center for Strategic and Budgetary Studies', 'University of Example']
const segment = fc.stringMatching(/^[a-z0-9]{1,8}$/)

const source = fc.oneof(
  segment.map((s) => `https://example.org/${s}`),
  segment.map((s) => `https://www.example.org/${s}.pdf, p.3`),
  fc.tuple(fc.constantFrom('Annual report', 'The ministry'), segment).map(([title, s]) => `[${title}](https://example.org/${s})`),
  segment.map((s) => `https://udn dot com/news/story/${s}`),
  segment.map((s) => `hxxps://example[.]com/${s}`),
  segment.map((s) => `www.example[.]gov/${s}`),
  fc.constantFrom('Interview with a ministry official, February 2024', 'Notes of the meeting')
)

type Pick = {kind: 'new'} | {kind: 'again'; which: number}
const pick = fc.oneof({arbitrary: fc.constant<Pick>({kind: 'new'}), weight: 3}, {arbitrary: fc.nat({max: 100}).map((which): Pick => ({kind: 'again', which})), weight: 2})
const sentence = fc.record({
  words: fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 7}),
  link: fc.option(segment, {nil: undefined}),
  emphasis: fc.boolean(),
  cites: fc.oneof(fc.constant<Pick[]>([]), fc.array(pick, {minLength: 1, maxLength: 3}))
})
const block = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('paragraph' as const),
      // Some open like a figure's caption or credit line: after a figure they must stay paragraphs.
      lead: fc.constantFrom('So', 'So', 'So', 'Source:', 'Caption:'),
      sentences: fc.array(sentence, {minLength: 1, maxLength: 3})
    }),
    weight: 5
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('figure' as const),
      file: segment,
      caption: fc.option(fc.constantFrom('Patrols around "Matsu", 2024', 'The shoal'), {nil: undefined}),
      credit: fc.option(fc.tuple(fc.constantFrom('Map', 'Chart', 'Source'), fc.boolean()), {nil: undefined})
    }),
    weight: 1
  }
)
const section = fc.record({
  region: fc.nat(),
  alias: fc.nat(),
  topics: fc.array(fc.record({title: fc.option(fc.array(fc.constantFrom(...topicWords), {minLength: 1, maxLength: 3}), {nil: undefined}), blocks: fc.array(block, {minLength: 1, maxLength: 3})}), {minLength: 1, maxLength: 2})
})
const person = fc.record({name: fc.constantFrom(...names), org: fc.constantFrom(...orgs)})

const briefSpec = fc.record({
  year: fc.integer({min: 2022, max: 2025}),
  month: fc.integer({min: 1, max: 12}),
  day: fc.integer({min: 1, max: 28}),
  datedTitle: fc.boolean(),
  cutoff: fc.record({daysBefore: fc.integer({min: 0, max: 6}), hour: fc.integer({min: 0, max: 23}), minute: fc.constantFrom(0, 30), seconds: fc.option(fc.constantFrom('00', '15'), {nil: undefined}), offset: fc.constantFrom('-05:00', '-04:00', '-07:00', '+08:00', 'Z')}),
  authors: fc.array(person, {minLength: 1, maxLength: 3}),
  editors: fc.array(person, {maxLength: 2}),
  summary: fc.boolean(),
  tags: fc.uniqueArray(fc.constantFrom('coast-guard', 'matsu', 'gray-zone', 'pacific'), {maxLength: 3}),
  takeaways: fc.array(fc.record({words: fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 6}), link: fc.option(segment, {nil: undefined}), emphasis: fc.boolean()}), {minLength: 1, maxLength: 4}),
  sections: fc.uniqueArray(section, {minLength: 1, maxLength: 4, selector: (s) => s.region % regions.length}),
  notes: fc.array(fc.array(source, {minLength: 1, maxLength: 3}), {minLength: 1, maxLength: 8}),
  uncited: fc.boolean(),
  // Corrections, each some days after publication (a date of a later month or year too).
  corrections: fc.array(fc.record({daysAfter: fc.integer({min: 1, max: 400}), words: fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 8}), emphasis: fc.boolean()}), {maxLength: 2})
})

type Spec = typeof briefSpec extends fc.Arbitrary<infer T> ? T : never

const pad = (n: number) => String(n).padStart(2, '0')

/** The brief's Markdown, as an analyst writes it. */
function markdownOf(spec: Spec): string {
  const date = `${spec.year}-${pad(spec.month)}-${pad(spec.day)}`
  const cutDay = new Date(Date.UTC(spec.year, spec.month - 1, spec.day - spec.cutoff.daysBefore))
  const {hour, minute, seconds, offset} = spec.cutoff
  const cutoff = `${cutDay.toISOString().slice(0, 10)}T${pad(hour)}:${pad(minute)}${seconds === undefined ? '' : `:${seconds}`}${offset}`
  let count = 0
  const cite = (picks: readonly Pick[]) =>
    picks
      .map((p) => (p.kind === 'new' || count === 0 ? ++count : 1 + (p.which % count)))
      .map((n) => `[^${n}]`)
      .join('')
  const phrase = (s: {words: readonly string[]; link?: string | undefined; emphasis: boolean}) => {
    const text = s.words.join(' ')
    const linked = s.link === undefined ? text : `${text} in [the report](https://example.org/${s.link})`
    return s.emphasis ? `*${linked}*` : linked
  }
  const body: string[] = []
  for (const sec of spec.sections) {
    const region = regions[sec.region % regions.length]!
    const headings = [region.name, ...region.aliases]
    body.push(`## ${headings[sec.alias % headings.length]}`)
    for (const topic of sec.topics) {
      if (topic.title) body.push(`### ${topic.title.join(' ')}`)
      for (const b of topic.blocks) {
        if (b.kind === 'paragraph') body.push(`${b.lead} ${b.sentences.map((s) => `${phrase(s)}.${cite(s.cites)}`).join(' ')}`)
        else {
          const title = b.caption === undefined ? '' : ` "${b.caption.replace(/"/g, '\\"')}"`
          const credit = b.credit === undefined ? '' : `\n${b.credit[0]}: Example Institute${b.credit[1] ? cite([{kind: 'new'}]) : ''}`
          body.push(`![Map of the ${b.file} area](../../maps/${b.file}.png${title})${credit}`)
        }
      }
    }
  }
  const total = Math.max(count, 0) + (spec.uncited ? 1 : 0)
  const notes: string[] = []
  for (let n = 1; n <= total; n++) {
    const [first, ...more] = spec.notes[(n - 1) % spec.notes.length]!
    notes.push([`[^${n}]: ${first}`, ...more.map((s) => `    ${s}`)].join('\n'))
  }
  const people = (list: readonly {name: string; org: string}[]) => list.flatMap((p) => [`  - name: ${p.name}`, `    org: ${p.org}`])
  const title = spec.datedTitle ? `Strait Watch Weekly, ${months[spec.month - 1]} ${spec.day}, ${spec.year}` : 'Special report: Matsu and Kinmen'
  const frontmatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${date}`,
    `cutoff: ${cutoff}`,
    'series: strait-watch',
    ...(spec.summary ? ['summary: The Strait Watch Weekly tracks pressure on Taiwan’s outlying islands.'] : []),
    'authors:',
    ...people(spec.authors),
    ...(spec.editors.length === 0 ? [] : ['editors:', ...people(spec.editors)]),
    ...(spec.tags.length === 0 ? [] : [`tags: [${spec.tags.join(', ')}]`]),
    'takeaways:',
    ...spec.takeaways.map((t) => `  - ${JSON.stringify(`So ${phrase(t)}.`)}`),
    ...(spec.corrections.length === 0
      ? []
      : ['corrections:', ...spec.corrections.flatMap((c) => [`  - date: ${daysAfter(date, c.daysAfter)}`, `    text: ${JSON.stringify(`An earlier version said ${c.emphasis ? `*${c.words.join(' ')}*` : c.words.join(' ')}.`)}`])]),
    '---',
    ''
  ]
  return `${frontmatter.join('\n')}\n${body.join('\n\n')}\n\n${notes.join('\n')}\n`
}

/** The ISO day `days` after `iso`. */
function daysAfter(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function parsed(value: string) {
  return parseBrief({file: 'content/briefs/2024/generated.md', value, contentPath: 'briefs/2024/generated.md'}, {regions})
}

describe('plain text → import round trip, over generated briefs', () => {
  it('gives back the same brief, and the same text', () => {
    fc.assert(
      fc.property(briefSpec, (spec) => {
        const markdown = markdownOf(spec)
        const original = parsed(markdown)
        // The generator writes valid briefs (figures' files aside: nothing here reads the disk).
        expect(original.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'figure/missing-file')).toEqual([])
        const text = renderText(original.brief!, {regions})
        const imported = importBrief(text, {regions, series: 'strait-watch', file: 'edition.txt'})
        expect(imported.diagnostics).toEqual([])
        const back = parsed(imported.markdown)
        expect(shapeOf(back.brief!)).toEqual(shapeOf(original.brief!))
        expect(renderText(back.brief!, {regions})).toBe(text)
      }),
      {numRuns, ...(seed === undefined ? {} : {seed})}
    )
  }, 120_000)
})
