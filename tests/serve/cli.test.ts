import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {createServer} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {UsageError, type CliIo} from '../../src/cli/io.js'
import {runServe} from '../../src/cli/serve.js'
import {fixtureContent} from '../helpers/built-site.js'
import {fakeIo, type FakeIo} from '../helpers/io.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-serve-cli-'))
const content = path.join(temp, 'content')
beforeAll(() => cp(fixtureContent, content, {recursive: true}))
afterAll(() => rm(temp, {recursive: true, force: true}))

async function until(check: () => boolean, what: string, io?: FakeIo): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${io ? `\nstdout: ${io.out()}\nstderr: ${io.err()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Run `sitrep serve` until `body` is done, then stop it as Ctrl-C would. */
async function serving(args: string[], io: FakeIo, body: (url: string) => Promise<void>): Promise<number> {
  const controller = new AbortController()
  const running = runServe(['--content', content, '--port', '0', ...args], {...io, signal: controller.signal})
  await until(() => /http:\/\/\S+/.test(io.out()), 'the address')
  const url = /(http:\/\/\S+)/.exec(io.out())?.[1] ?? ''
  try {
    await body(url)
  } finally {
    controller.abort()
  }
  return running
}

describe('sitrep serve (command line)', () => {
  it('prints one summary line per build and the address, serves, and stops cleanly', async () => {
    const io = fakeIo(temp)
    const code = await serving([], io, async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/archive\/$/)
      const response = await fetch(url)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('data-sitrep-build')
    })
    expect(code).toBe(0)
    expect(io.out()).toMatch(/^Built in \d+ ms: 2 briefs parsed, \d+ pages\nServing http:\/\/127\.0\.0\.1:\d+\/archive\/ \(Ctrl-C to stop\)\nStopped\.\n$/)
    // The fixture's warnings, once.
    expect(io.err()).toContain('citation/unused-note')
  })

  it('--verbose lists the changed files before each rebuild line; errors always reach the terminal', async () => {
    const io = fakeIo(temp)
    const file = path.join(content, 'briefs/week-two.md')
    const original = await readFile(file, 'utf8')
    await serving(['--verbose'], io, async () => {
      await writeFile(file, original.replace('Ferries resumed.', 'Ferries resumed at dawn.'))
      await until(() => io.out().includes('Rebuilt in'), 'the rebuild')
      await writeFile(file, original.replace('## Taiwan', '## Atlantis'))
      await until(() => io.err().includes('every page shows them'), 'the errors')
      await writeFile(file, original)
      await until(() => io.out().split('Rebuilt in').length >= 3, 'the recovery', io)
    })
    expect(io.out()).toMatch(/ {2}changed content\/briefs\/week-two\.md\nRebuilt in \d+ ms: 1 brief parsed, \d+ pages\n/)
    expect(io.err()).toContain('content/briefs/week-two.md:20:1  error')
    expect(io.err()).toContain('This change leaves 1 error: every page shows them until they are fixed.')
  })

  it('--quiet prints only the address (and errors)', async () => {
    const io = fakeIo(temp)
    expect(await serving(['--quiet'], io, async () => {})).toBe(0)
    expect(io.out()).toMatch(/^Serving http:\/\/127\.0\.0\.1:\d+\/archive\/\n$/)
    expect(io.err()).toBe('')
  })

  it('shows parsing progress on a terminal', async () => {
    const base = fakeIo(temp)
    let err = ''
    const io: FakeIo & CliIo = {...base, stderr: {write: (text: string) => (err += text), isTTY: true}, err: () => err}
    expect(await serving([], io, async () => {})).toBe(0)
    expect(err).toContain('Parsed 2/2 briefs, rendering pages…')
    expect(err).toContain('\r\u001B[2K')
  })

  it('exits 1 with advice when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const io = fakeIo(temp)
    try {
      expect(await runServe(['--content', content, '--port', String(port)], io)).toBe(1)
    } finally {
      blocker.close()
    }
    expect(io.err()).toContain(`port ${port} is in use`)
  })

  it('rejects bad options as usage errors', async () => {
    await expect(runServe(['--port', 'eighty'], fakeIo(temp))).rejects.toThrow(UsageError)
    await expect(runServe(['--port', '70000'], fakeIo(temp))).rejects.toThrow(UsageError)
    await expect(runServe(['--quiet', '--verbose'], fakeIo(temp))).rejects.toThrow(UsageError)
    await expect(runServe(['--nope'], fakeIo(temp))).rejects.toThrow()
  })
})
