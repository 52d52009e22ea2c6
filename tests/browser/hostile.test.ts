// Hostile text in a real browser: a brief that passes `check` but quotes
// script-like text everywhere an analyst can write (title, takeaways,
// headings, body, notes, author names) is built with the real CLI, and every
// page of the site is opened in Chromium, searched, and its citation
// previews opened. Nothing may run: no dialog, no marker set on window, no
// element clobbering a global, and the text must still be shown as written.
import {cp, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {main} from '../../src/cli/main.js'
import {fakeIo} from '../helpers/io.js'
import {hasChromium, launch, open, sitePrefix} from './harness.js'
import {serveStatic, type StaticServer} from './server.js'

const fixtureSite = fileURLToPath(new URL('../fixtures/site/content/', import.meta.url))

// Each payload sets window.__pwned if it ever runs.
const payload = (n: number) => `<img src=x onerror="window.__pwned=${n}"><script>window.__pwned=${n}</script>`

const hostileBrief = `---
title: ${JSON.stringify(`Week ${payload(1)} "quoted' </title>`)}
date: 2024-01-18
cutoff: 2024-01-17T17:00-05:00
authors: [{name: ${JSON.stringify(`Ann ${payload(2)}`)}, org: Fixture Institute}]
takeaways:
  - ${JSON.stringify(`Ships massed near the island ${payload(3)}.`)}
  - ${JSON.stringify('See [the statement](JaVaScRiPt-free/path) and `<svg onload=window.__pwned=4>`.')}
---

## Taiwan

### location

Ships massed near the island <img src=x onerror="window.__pwned=5"> again.[^1] The text \`<script>window.__pwned=6</script>\` was quoted.[^2]

### document.cookie "><img src=x onerror=window.__pwned=7>

A second topic.[^1]

[^1]: https://example.com/a?q="><script>window.__pwned=8</script>
[^2]: A statement reading <script>window.__pwned=9</script> and "quotes"
    https://udn dot com/news/story/<script>window.__pwned=10</script>
`

/** Every page of the built site, as paths under its root. */
async function pagesOf(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(path.join(dir, prefix), {withFileTypes: true})) {
    if (entry.isDirectory() && entry.name !== 'pagefind' && entry.name !== 'assets') found.push(...(await pagesOf(dir, `${prefix}${entry.name}/`)))
    else if (entry.name.endsWith('.html')) found.push(entry.name === 'index.html' ? prefix : `${prefix}${entry.name}`)
  }
  return found
}

describe.skipIf(!hasChromium)('hostile text in a real browser', () => {
  let browser: Browser
  let server: StaticServer
  let temp: string
  let pages: string[]

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-hostile-'))
    const content = path.join(temp, 'content')
    await cp(fixtureSite, content, {recursive: true})
    await writeFile(path.join(content, 'briefs', 'week-three.md'), hostileBrief)
    const io = fakeIo(temp)
    const out = path.join(temp, 'site')
    const code = await main(['build', '--content', content, '--out', out, '--base-url', `https://fixture.example.org${sitePrefix}`], io)
    // Warnings (the raw HTML dropped) are expected; errors are not.
    if (code !== 0) throw new Error(`the hostile brief did not build (exit ${code}):\n${io.err()}`)
    pages = await pagesOf(out)
    server = await serveStatic(out, sitePrefix)
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (temp) await rm(temp, {recursive: true, force: true})
  })

  /** Opens a page, failing on any dialog; returns what ran. */
  async function visit(url: string): Promise<{page: Page; dialogs: string[]}> {
    const page = await open(browser)
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(url)
    return {page, dialogs}
  }

  const ranNothing = (page: Page) =>
    page.evaluate(() => ({
      pwned: (window as unknown as {__pwned?: unknown}).__pwned ?? null,
      location: typeof window.location.href,
      cookie: typeof document.cookie
    }))

  it('runs nothing on any page of the site, and clobbers no global', async () => {
    expect(pages.length).toBeGreaterThan(10)
    for (const sitePath of pages) {
      const {page, dialogs} = await visit(`${server.url}${sitePath}`)
      expect({sitePath, ...(await ranNothing(page)), dialogs}).toEqual({sitePath, pwned: null, location: 'string', cookie: 'string', dialogs: []})
      await page.context().close()
    }
  })

  it('shows the hostile text as written, as text', async () => {
    const {page} = await visit(`${server.url}briefs/week-three/`)
    await expect(page.locator('h1').textContent()).resolves.toBe(`Week ${payload(1)} "quoted' </title>`)
    await expect(page.title()).resolves.toContain(`Week ${payload(1)}`)
    const body = (await page.locator('main').textContent()) ?? ''
    expect(body).toContain('<script>window.__pwned=6</script>')
    expect(body).toContain('A statement reading <script>window.__pwned=9</script> and "quotes"')
    expect(body).toContain('https://udn dot com/news/story/<script>window.__pwned=10</script>')
    // The defanged source is no link; the URL source is, and the quote in it
    // stayed inside the attribute: the whole URL is its value, no element follows.
    await expect(page.locator('a', {hasText: 'udn dot com'}).count()).resolves.toBe(0)
    const href = await page.locator('#note-1 a.source-url').getAttribute('href')
    expect(href).toBe('https://example.com/a?q="><script>window.__pwned=8</script>')
    await expect(page.locator('main script').count()).resolves.toBe(0)
    await page.context().close()
  })

  it('runs nothing when the hostile text is searched for and its citations previewed', async () => {
    const {page, dialogs} = await visit(`${server.url}search/?q=pwned`)
    await page.locator('.search-result').first().waitFor()
    await expect(page.locator('.search-result h2 a').first().textContent()).resolves.toContain('Week <img')
    await page.locator('.search-result h2 a').first().click()
    await page.waitForURL(/briefs\/week-three\//)
    await page.locator('sup.cite a').first().hover()
    await page.locator('.cite-preview').waitFor()
    expect({...(await ranNothing(page)), dialogs}).toEqual({pwned: null, location: 'string', cookie: 'string', dialogs: []})
    await page.context().close()
  })
})
