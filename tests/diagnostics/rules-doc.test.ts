// docs/rules.md and the fixtures stay true to the catalogue: every rule is
// documented with its severity, every example triggers its rule and every
// fixed example checks clean, and every check rule has a fixture that
// reports it.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkLinks} from '../../src/build/links.js'
import {catalogue, ruleIds, type RuleId} from '../../src/diagnostics/catalogue.js'
import {fixturesDir, frontmatter, removeTempContent, tempContent, tempDir} from '../helpers/content.js'
import {onePixelPng} from '../helpers/images.js'
import {startLinkServer, type LinkServer} from '../helpers/link-server.js'

afterAll(removeTempContent)

const docs = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8')
const checkRules = ruleIds.filter((id) => !id.startsWith('import/') && !id.startsWith('links/'))
/** `sitrep links`' rules: documented like check's, their examples run against a local server. */
const linksRules = ruleIds.filter((id) => id.startsWith('links/'))

/** The `### \`rule\`` sections of docs/rules.md, by rule id (headings inside code blocks are examples). */
const sections = new Map<string, string>()
{
  let id: string | undefined
  let fenced = false
  for (const line of docs.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const heading = fenced ? null : /^(#{2,3}) (?:`([^`]+)`)?/.exec(line)
    if (heading) id = heading[1] === '###' ? heading[2] : undefined
    else if (id !== undefined) sections.set(id, `${sections.get(id) ?? ''}${line}\n`)
  }
}

interface Example {
  readonly lang: string
  readonly file: string | undefined
  /** `markdown whole`: the whole file, no frontmatter added. */
  readonly whole: boolean
  /** `markdown answers=/missing`: how the local server answers every address of a `sitrep links` example. */
  readonly answers: string | undefined
  readonly text: string
}

function examples(text: string): Example[] {
  return [...text.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    file: /file=(\S+)/.exec(m[2] ?? '')?.[1],
    whole: /\bwhole\b/.test(m[2] ?? ''),
    answers: /answers=(\S+)/.exec(m[2] ?? '')?.[1],
    text: m[3] ?? ''
  }))
}

/** Check the examples of a section as one content folder; undefined when none is checkable. */
async function checkExamples(list: Example[]): Promise<string[] | undefined> {
  const files: Record<string, string | Uint8Array> = {}
  for (const example of list) {
    if (example.lang === 'markdown') {
      files[example.file ?? 'briefs/example.md'] = example.whole || example.text.startsWith('---') ? example.text : `${frontmatter}\n${example.text}`
    } else if ((example.lang === 'yaml' || example.lang === 'text' || example.lang === 'svg') && example.file !== undefined) {
      // `text file=briefs/maps/kinmen.png` whose text is a description in
      // parentheses stands for an image: a real one is written (images are
      // read). Any other text is written as it is (an SVG, a file that only
      // claims to be an image).
      files[example.file] = /\.(png|jpe?g|gif|webp|avif)$/i.test(example.file) && example.text.startsWith('(') ? onePixelPng : example.text
    }
  }
  if (Object.keys(files).length === 0) return undefined
  const result = await (await tempContent({files})).check()
  return result.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`)
}

/** Run `sitrep links`' check on the examples of a section, every host answered by the local server as the examples say. */
async function linkExamples(list: Example[]): Promise<string[]> {
  const files: Record<string, string> = {}
  for (const example of list) if (example.lang === 'markdown') files[example.file ?? 'briefs/example.md'] = `${frontmatter}\n${example.text}`
  const answers = list.find((example) => example.answers !== undefined)?.answers
  server.answerAll = answers === 'nxdomain' ? undefined : answers
  const content = await tempContent({files})
  const result = await checkLinks({
    contentDir: content.contentDir,
    cwd: content.root,
    // Every host, the Web archive's included, is the local server: no example reaches the internet.
    connectTo: (url) => (answers === 'nxdomain' && url.pathname !== '/wayback/available' ? undefined : server.connectAll(url)),
    timeoutMs: 1000,
    retries: 1,
    backoffMs: 10,
    maxRetryAfterMs: 2000,
    userAgent: () => 'sitrep-links (rules-doc test)'
  })
  return result.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`)
}

let server: LinkServer
beforeAll(async () => {
  server = await startLinkServer()
})
afterAll(() => server.close())

describe('docs/rules.md', () => {
  it('documents every rule of the catalogue, with its severity, and no other', () => {
    for (const id of [...checkRules, ...linksRules]) {
      const section = sections.get(id)
      expect(section, `docs/rules.md has no section for ${id}`).toBeDefined()
      expect(section, id).toContain(`**Severity:** ${catalogue[id].severity}`)
      expect(section, id).toContain('**Fix:**')
    }
    for (const id of ruleIds.filter((rule) => rule.startsWith('import/'))) {
      expect(docs, `docs/rules.md has no row for ${id}`).toContain(`| \`${id}\` | ${catalogue[id].severity} |`)
    }
    expect([...sections.keys()].filter((id) => !(id in catalogue))).toEqual([])
  })

  it('has a checkable example for every rule but those about files on disk and sizes', () => {
    const without = checkRules.filter((id) => !examples(sections.get(id) ?? '').some((e) => e.lang === 'markdown' || e.file !== undefined))
    // body/too-much-markup: its example would be two hundred brackets long (its fixture has one).
    expect(without).toEqual(['file/unreadable', 'file/encoding', 'file/binary', 'file/empty', 'file/too-large', 'file/outside-content', 'file/missing-config', 'body/too-much-markup', 'figure/too-large'])
  })

  it.each(checkRules.filter((id) => sections.has(id)))('%s: the example reports the rule and the fix checks clean', async (id) => {
    const section = sections.get(id) ?? ''
    const [before = '', after = ''] = section.split('**Fix:**')
    const triggered = await checkExamples(examples(before))
    if (triggered !== undefined) expect(triggered.map((line) => line.split(' ')[0])).toContain(id)
    const fixed = await checkExamples(examples(after))
    if (fixed !== undefined) expect(fixed).toEqual([])
  })
})

describe('docs/rules.md: sitrep links', () => {
  it.each(linksRules)('%s: the example reports the rule and the fix reports nothing', async (id) => {
    const section = sections.get(id) ?? ''
    const [before = '', after = ''] = section.split('**Fix:**')
    expect(examples(before).map((e) => e.answers !== undefined)).toEqual([true])
    expect((await linkExamples(examples(before))).map((line) => line.split(' ')[0])).toContain(id)
    expect(await linkExamples(examples(after))).toEqual([])
  })
})

describe('fixtures', () => {
  const folders: string[] = []
  for (const group of readdirSync(fixturesDir)) {
    if (group.startsWith('_') || !statSync(path.join(fixturesDir, group)).isDirectory()) continue
    for (const name of readdirSync(path.join(fixturesDir, group))) folders.push(`${group}/${name}`)
  }

  it('has one folder per check rule, named after it', () => {
    expect([...folders].sort()).toEqual([...checkRules].sort())
  })

  it.each(checkRules)('%s: the fixture reports its rule', async (id: RuleId) => {
    const content = await tempContent({fixture: id, shared: id !== 'file/missing-config'})
    // Links cannot be committed portably: made here, as the fixtures' READMEs say.
    if (id === 'file/unreadable') await content.link('briefs/gone.md', path.join(content.root, 'missing.md'))
    if (id === 'file/outside-content') {
      const outside = path.join(await tempDir(), 'brief.md')
      await writeFile(outside, frontmatter)
      await content.link('briefs/linked.md', outside)
    }
    const result = await content.check()
    expect(result.diagnostics.map((d) => d.rule)).toContain(id)
  })
})
