// Browser suite setup, once per run: build the sample archive (content/)
// with the real CLI into a temporary folder, serve it on loopback under a
// sub-path, and hand the URL to the tests. Also says, once, when the suite
// is skipped for want of Chromium.
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {TestProject} from 'vitest/node'
import {main} from '../../src/cli/main.js'
import {sampleContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'
import {chromiumPath, hasChromium, sitePrefix} from './harness.js'
import {serveStatic} from './server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the built sample archive, served under a sub-path. */
    siteUrl: string
    /** Folder the sample archive was built into. */
    siteDir: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasChromium) {
    console.warn(`browser tests: skipped, no Chromium at ${chromiumPath} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH)`)
  }
  const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-browser-'))
  const siteDir = path.join(temp, 'site')
  const io = fakeIo(temp)
  const started = performance.now()
  // The base URL's path matches the folder the server uses: the 404 page links from it.
  const code = await main(['build', '--content', sampleContent, '--out', siteDir, '--base-url', `https://briefs.example.org${sitePrefix}`], io)
  if (code !== 0) throw new Error(`building the sample archive failed (exit ${code}):\n${io.err()}`)
  console.log(`browser tests: ${io.out().trim()} (${Math.round(performance.now() - started)} ms)`)
  const server = await serveStatic(siteDir, sitePrefix)
  project.provide('siteUrl', server.url)
  project.provide('siteDir', siteDir)
  return async () => {
    await server.close()
    await rm(temp, {recursive: true, force: true})
  }
}
