// bin/sitrep.js: a reader that closes the pipe early (`| head -1`) costs
// the command its output, never its work, and prints no stack trace.
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {fixtureContent} from '../helpers/built-site.js'
import {bin} from '../helpers/spawn-build.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-pipe-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('output to a closed pipe', () => {
  it('is dropped: the build finishes, exits 0 and prints no stack trace', async () => {
    const child = spawn(process.execPath, [bin, 'build', '--content', fixtureContent, '--out', 'site', '--verbose', '--no-search'], {cwd: temp, stdio: ['ignore', 'pipe', 'pipe']})
    // The reader goes away before the first line.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    // The fixture's one warning, and nothing else.
    expect(stderr).toContain('warning  Note 4 is not cited anywhere in the text')
    expect(stderr).not.toMatch(/EPIPE|Error:|\n\s+at /)
    expect(code).toBe(0)
    expect(await readFile(path.join(temp, 'site/briefs/week-one/index.html'), 'utf8')).toContain('>Week One</h1>')
  })
})
