// `sitrep check` through main(), with a fake process: exit codes, the three
// output formats, colour only on a terminal, and bad input that never
// produces a stack trace.
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {CliIo} from '../../src/cli/io.js'
import {main} from '../../src/cli/main.js'
import {badInputDiagnostics, badInputs} from '../helpers/bad-inputs.js'
import {cleanBrief, removeTempContent, tempContent} from '../helpers/content.js'

afterAll(removeTempContent)

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function run(args: string[], cwd: string, options: {tty?: boolean; env?: Record<string, string>} = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    cwd,
    stdout: {write: (text: string) => (stdout += text), isTTY: options.tty ?? false},
    stderr: {write: (text: string) => (stderr += text)},
    env: options.env ?? {}
  }
  const code = await main(args, io)
  return {code, stdout, stderr}
}

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[/

const fixtureRoot = async (fixture?: string, files?: Record<string, string>) =>
  (await tempContent({...(fixture === undefined ? {} : {fixture}), ...(files === undefined ? {} : {files})})).root

describe('exit codes', () => {
  it('0 for a clean archive', async () => {
    const root = await fixtureRoot(undefined, {'briefs/clean.md': cleanBrief})
    expect(await run(['check'], root)).toEqual({code: 0, stdout: 'No problems found.\n', stderr: ''})
  })

  it('0 with warnings only, 1 with warnings under --strict', async () => {
    const root = await fixtureRoot('citation/unused-note')
    expect((await run(['check'], root)).code).toBe(0)
    expect((await run(['check', '--strict'], root)).code).toBe(1)
  })

  it('1 with errors', async () => {
    const root = await fixtureRoot('citation/undefined')
    const result = await run(['check', '--content', 'content'], root)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
  })

  it.each([
    [['check', '--bogus'], "Unknown option '--bogus'"],
    [['check', '--format', 'xml'], '--format must be one of text, json, github (got "xml")'],
    [['check', 'content'], 'Unexpected argument'],
    [['check', '--content'], "Option '--content <value>' argument missing"]
  ])('2 on a usage error: %j', async (args, message) => {
    const result = await run(args, await fixtureRoot())
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain('Run `sitrep check --help` for usage.')
  })

  it('0 for --help, which lists the options and exit codes', async () => {
    const result = await run(['check', '--help'], await fixtureRoot())
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('--format FORMAT   text, json or github (default: text)')
    expect(result.stdout).toContain('Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.')
  })

  it('2 for an unknown command', async () => {
    const result = await run(['chekc'], await fixtureRoot())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('sitrep: unknown command "chekc"')
  })
})

describe('--format text', () => {
  it('prints path:line:column  severity  message  rule, a code frame, a hint and a summary', async () => {
    const root = await fixtureRoot('citation/undefined')
    const result = await run(['check'], root)
    expect(result.stdout).toBe(
      [
        'content/briefs/undefined.md',
        'content/briefs/undefined.md:14:24  error  Citation [^2] refers to note 2, which is not defined, so readers would reach no source.  citation/undefined',
        '  13 | ',
        '> 14 | Cited.[^1] Not defined.[^2]',
        '     |                        ^^^^',
        '  hint: Add `[^2]: <source URL>` at the end of the brief, or correct the number.',
        '',
        '1 error and 0 warnings in 1 file.',
        ''
      ].join('\n')
    )
  })

  it('colours only a terminal, or when FORCE_COLOR asks, and never under NO_COLOR', async () => {
    const root = await fixtureRoot('citation/undefined')
    expect((await run(['check'], root)).stdout).not.toMatch(ansi)
    expect((await run(['check'], root, {tty: true})).stdout).toMatch(ansi)
    expect((await run(['check'], root, {env: {FORCE_COLOR: '1'}})).stdout).toMatch(ansi)
    expect((await run(['check'], root, {env: {FORCE_COLOR: '0'}})).stdout).not.toMatch(ansi)
    expect((await run(['check'], root, {tty: true, env: {NO_COLOR: '1'}})).stdout).not.toMatch(ansi)
  })
})

describe('--format json', () => {
  it('prints the documented shape with files relative to the working directory', async () => {
    const root = await fixtureRoot('citation/numbering')
    const result = await run(['check', '--format', 'json'], root)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      diagnostics: [
        {
          file: 'content/briefs/gap.md',
          line: 18,
          column: 1,
          endLine: 18,
          endColumn: 6,
          severity: 'warning',
          rule: 'citation/numbering',
          message: 'The notes skip number 3, so readers would look for notes that do not exist.',
          hint: 'Renumber the notes so that they run 1, 2, 3 ... in the order the text first cites them.'
        },
        {
          file: 'content/briefs/order.md',
          line: 14,
          column: 19,
          endLine: 14,
          endColumn: 23,
          severity: 'warning',
          rule: 'citation/numbering',
          message: 'Note 1 is first cited after note 2; notes should be numbered in the order the text first cites them.',
          hint: 'Renumber the notes so that they run 1, 2, 3 ... in the order the text first cites them.'
        }
      ],
      errors: 0,
      warnings: 2
    })
    // The same run from inside the content folder names the files from there.
    const inside = await run(['check', '--format', 'json', '--content', '.'], path.join(root, 'content'))
    expect((JSON.parse(inside.stdout) as {diagnostics: {file: string}[]}).diagnostics.map((d) => d.file)).toEqual(['briefs/gap.md', 'briefs/order.md'])
    // Stable: the same output on every run.
    expect((await run(['check', '--format', 'json'], root)).stdout).toBe(result.stdout)
  })

  it('prints an empty list for a clean archive', async () => {
    const root = await fixtureRoot(undefined, {'briefs/clean.md': cleanBrief})
    expect(JSON.parse((await run(['check', '--format', 'json'], root)).stdout)).toEqual({diagnostics: [], errors: 0, warnings: 0})
  })
})

describe('--format github', () => {
  it('prints ::error and ::warning workflow commands on the Markdown line', async () => {
    const root = await fixtureRoot(undefined, {
      'briefs/a.md': cleanBrief.replace('Beijing responded.[^1][^3]', 'Beijing responded.[^1][^3][^7]').replace('[^2]: Interview', '[^4]: https://example.com/x\n[^2]: Interview')
    })
    const result = await run(['check', '--format', 'github'], root)
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')).toEqual([
      '::error file=content/briefs/a.md,line=20,col=27,title=citation/undefined::Citation [^7] refers to note 7, which is not defined, so readers would reach no source. Add `[^7]: <source URL>` at the end of the brief, or correct the number.',
      '::warning file=content/briefs/a.md,line=24,col=1,title=citation/unused-note::Note 4 is not cited anywhere in the text; it is still listed in the endnotes. Cite it with [^4] where it supports the text, or delete it if it is left over.',
      ''
    ])
  })
})

describe('bad input', () => {
  it('is reported, never a crash or a stack trace, in every format', async () => {
    const content = await badInputs()
    const json = await run(['check', '--format', 'json'], content.root)
    expect(json.code).toBe(1)
    expect(json.stderr).toBe('')
    const parsed = JSON.parse(json.stdout) as {diagnostics: {file: string; line: number; column: number; severity: string; rule: string}[]; errors: number}
    expect(parsed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(badInputDiagnostics)
    expect(parsed.errors).toBe(badInputDiagnostics.length)

    for (const format of ['text', 'github']) {
      const result = await run(['check', '--format', format], content.root)
      expect(result.code).toBe(1)
      expect(result.stderr).toBe('')
      expect(result.stdout).not.toMatch(/^\s+at /m)
    }
  })

  it('reports a missing content folder as missing settings', async () => {
    const result = await run(['check', '--content', 'nowhere', '--format', 'github'], await fixtureRoot())
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n').map((line) => line.split('::')[1])).toEqual([
      'error file=nowhere/regions.yml,line=1,col=1,title=file/missing-config',
      'error file=nowhere/site.yml,line=1,col=1,title=file/missing-config',
      undefined
    ])
  })
})
