// Every built page of the sample archive and of the fixture site passes the
// W3C Nu Html Checker (vnu-jar) with no errors. Needs Java; without it the
// test is skipped with the reason, and .ci/run (which has Java) runs it.
import {execFile, execFileSync} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {fixtureContent, sampleContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'

const run = promisify(execFile)
const vnu = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar')
const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
})()
if (!hasJava) console.warn('html-validity: skipped, no `java` on PATH (the W3C checker vnu-jar needs Java)')

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-vnu-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe.skipIf(!hasJava)('W3C Nu Html Checker', () => {
  it('finds no errors on any built page', async () => {
    for (const [name, content] of [['sample', sampleContent], ['fixture', fixtureContent]] as const) {
      expect(await main(['build', '--content', content, '--out', name, '--quiet'], fakeIo(temp))).toBe(0)
    }
    const result = await run('java', ['-jar', vnu, '--skip-non-html', '--errors-only', '--format', 'json', temp], {maxBuffer: 64 << 20}).catch(
      (error: unknown) => {
        // vnu exits non-zero when it finds errors; its JSON report is on stderr either way.
        const {stdout, stderr} = error as {stdout?: string; stderr?: string}
        return {stdout: stdout ?? '', stderr: stderr ?? ''}
      }
    )
    const report = JSON.parse(result.stderr || '{"messages":[]}') as {messages: {url: string; lastLine?: number; message: string}[]}
    expect(report.messages.map((m) => `${m.url.replace(`file:${temp}`, '')}:${m.lastLine ?? 0} ${m.message}`)).toEqual([])
  }, 120_000)
})
