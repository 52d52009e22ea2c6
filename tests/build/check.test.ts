// The whole check (load → parse → validate → link) on bad input: every file
// gets a diagnostic, never an exception, a hang or an out-of-memory; CRLF
// line endings and a byte order mark are valid and keep line numbers right.
// And checkArchive (what rule tests run) is `sitrep check` (what CI runs).
import {readdirSync, readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {parseBrief} from '../../src/build/compile.js'
import {runCheck} from '../../src/cli/check.js'
import {formatJson} from '../../src/diagnostics/report.js'
import {badInputDiagnostics, badInputs, bom, crlf} from '../helpers/bad-inputs.js'
import {cleanBrief, fixturesDir, removeTempContent, short, tempContent} from '../helpers/content.js'
import {fakeIo} from '../helpers/io.js'

const root = path.resolve(import.meta.dirname, '../..')

afterAll(removeTempContent)

describe('bad input never crashes', () => {
  it('gives every bad file a diagnostic and checks the good one clean', async () => {
    const content = await badInputs()
    const result = await content.check()
    expect(result.diagnostics.map(short)).toEqual(badInputDiagnostics)
    expect(result.diagnostics[0]?.message).toBe('The frontmatter is not valid YAML: too many alias expansions (a YAML "alias bomb").')
    expect(result.archive?.briefs.map((brief) => brief.slug)).toEqual(['crlf-bom'])
  })

  it('never runs ---js frontmatter', async () => {
    const marker = path.join(os.tmpdir(), `sitrep-js-ran-${String(process.pid)}`)
    const content = await tempContent({
      files: {'briefs/js.md': `---js\nrequire('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')\n---\n`}
    })
    const result = await content.check()
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['frontmatter/engine'])
    await expect(import('node:fs/promises').then((fs) => fs.access(marker))).rejects.toThrow()
  })
})

describe('CRLF line endings and a byte order mark', () => {
  it('check clean', async () => {
    const content = await tempContent({files: {'briefs/windows.md': bom + crlf(cleanBrief)}})
    const result = await content.check()
    expect(result.diagnostics).toEqual([])
    // The archive holds skeletons: citations and every source are the parser's full AST.
    const brief = (await content.parse('briefs/windows.md')).brief
    expect(brief?.citations.map((c) => [c.number, c.position.start.line, c.position.start.column])).toEqual([
      [1, 16, 31],
      [2, 16, 59],
      [1, 20, 19],
      [3, 20, 23]
    ])
    expect(brief?.notes.map((note) => note.sources.map((source) => [source.kind, source.raw, source.position.start.line]))).toEqual([
      [
        ['defanged', 'https://udn dot com/news/story/6656/7779686', 22],
        ['url', 'https://www.cga.gov.tw/GipOpen/wSite/ct?xItem=159716', 23]
      ],
      [['text', 'Interview with a Taiwanese official, February 2024', 24]],
      [['defanged', 'hxxps://www.mfa[.]gov[.]cn/eng/xw/, p.2', 25]]
    ])
  })

  it('report problems on the right lines and columns', async () => {
    const broken = cleanBrief
      .replace('authors:', 'autors:')
      .replace('Officials confirmed it.[^2]', 'Officials confirmed it.[^4]')
      .replace('[^2]: Interview', '[^2]: javascript:alert(1)\n    Interview')
    const content = await tempContent({files: {'briefs/windows.md': bom + crlf(broken)}})
    const result = await content.check()
    expect(result.diagnostics.map((d) => [short(d), d.endLine, d.endColumn])).toEqual([
      ['content/briefs/windows.md:2:1 error frontmatter/schema', 10, 1],
      ['content/briefs/windows.md:5:1 error frontmatter/unknown-key', 5, 7],
      ['content/briefs/windows.md:16:59 error citation/undefined', 16, 63],
      ['content/briefs/windows.md:24:1 warning citation/unused-note', 24, 6],
      ['content/briefs/windows.md:24:7 error source/unsafe-scheme', 24, 26]
    ])
  })

  it('parse clean through the API too, where the text may keep its BOM', () => {
    const result = parseBrief({file: 'windows.md', value: bom + crlf(cleanBrief)}, {regions: [
      {id: 'taiwan', name: 'Taiwan', aliases: []},
      {id: 'china', name: 'China', aliases: ['PRC']}
    ]})
    expect(result.diagnostics).toEqual([])
    expect(result.brief?.sections.map((section) => [section.regionId, section.headingPosition.start.line])).toEqual([
      ['taiwan', 12],
      ['china', 18]
    ])
  })
})

describe('one pipeline: checkArchive is what `sitrep check` runs', () => {
  const fixtures = readdirSync(fixturesDir)
    .filter((group) => group !== '_shared')
    .flatMap((group) => readdirSync(path.join(fixturesDir, group)).map((name) => `${group}/${name}`))

  it('gives every rule fixture the same diagnostics as `sitrep check --format json`, without a cache, cold and warm', async () => {
    expect(fixtures.length).toBeGreaterThan(30)
    for (const fixture of fixtures) {
      const content = await tempContent({fixture})
      const expected: unknown = JSON.parse(formatJson((await content.check()).diagnostics))
      // --no-cache, then a cold cache (written), then a warm one (the check index alone).
      for (const args of [['--no-cache'], [], []]) {
        const io = fakeIo(content.root)
        await runCheck(['--format', 'json', ...args], io)
        expect({fixture, args, report: JSON.parse(io.out()) as unknown}).toEqual({fixture, args, report: expected})
      }
    }
  }, 60_000)

  it('has one code path by construction: checkArchive is the builder’s check, and the CLI calls checkArchive', () => {
    const imports = (file: string) =>
      [...readFileSync(path.join(root, file), 'utf8').matchAll(/^import (type )?.*? from '([^']+)'/gm)].map((match) => `${match[1] ?? ''}${match[2] ?? ''}`)
    // No parser, validator, linker or loader of its own: everything comes through the builder.
    expect(imports('src/build/check.ts').filter((spec) => !spec.startsWith('type '))).toEqual(['./builder.js'])
    expect(readFileSync(path.join(root, 'src/build/check.ts'), 'utf8')).toContain('createBuilder(options).check()')
    const cli = imports('src/cli/check.ts')
    expect(cli).toContain('../build/check.js')
    expect(readFileSync(path.join(root, 'src/cli/check.ts'), 'utf8')).not.toMatch(/createBuilder|linkArchive|parseBrief|compileBrief/)
  })
})
