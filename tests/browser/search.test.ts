// Search in a real browser against the Pagefind index `sitrep build` wrote:
// the search box on any page → the search page → results → a result; one
// sub-result per section; filters by region and year; and the way round
// search without JavaScript or without an index.
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {main} from '../../src/cli/main.js'
import {sampleContent} from '../helpers/built-site.js'
import {fakeIo} from '../helpers/io.js'
import {hasChromium, launch, open, sitePrefix} from './harness.js'
import {serveStatic} from './server.js'

const siteUrl = inject('siteUrl')
const timings: Record<string, number> = {}

/** Titles and URLs of the results shown. */
const shown = (page: Page) =>
  page.locator('.search-result h2 a').evaluateAll((links) => links.map((a) => ({title: a.textContent ?? '', href: (a as HTMLAnchorElement).href})))

describe.skipIf(!hasChromium)('search', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
    console.log(`search timings (ms): ${JSON.stringify(timings)}`)
  })

  it('finds a word typed in the header search box of a brief, and opens a result', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/china-taiwan-weekly-update-2024-01-11/`)
    await page.getByRole('searchbox', {name: 'Search the briefs'}).fill('dredger')
    const started = performance.now()
    await page.keyboard.press('Enter')
    await page.waitForURL(`${siteUrl}search/?q=dredger`)
    await page.locator('.search-result').first().waitFor()
    timings['submit to first result'] = Math.round(performance.now() - started)

    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ results? for “dredger”\.$/)
    expect(await page.locator('#search-q').inputValue()).toBe('dredger')
    expect(await page.locator('#search-fallback').isVisible()).toBe(false)
    const results = await shown(page)
    expect(results.map((result) => result.title)).toContain('China–Taiwan Weekly Update, February 22, 2024')
    for (const result of results) expect(result.href.startsWith(siteUrl), result.href).toBe(true)
    // Matched words are marked in the excerpts.
    expect((await page.locator('.search-result mark').first().textContent())?.toLowerCase()).toContain('dredger')

    const first = results.find((result) => result.title.startsWith('China–Taiwan'))!
    await page.locator('.search-result h2 a', {hasText: first.title}).click()
    await page.waitForURL(first.href)
    expect(await page.locator('h1').textContent()).toBe(first.title)
    await page.context().close()
  })

  it('finds a figure by its alt text and by its caption', async () => {
    const page = await open(browser)
    // "Ranai" is written only in the Natuna map's alt text; "nine-day grid" only in its caption.
    for (const query of ['Ranai', 'nine-day grid']) {
      await page.goto(`${siteUrl}search/?q=${encodeURIComponent(query)}`)
      await page.locator('.search-result').first().waitFor()
      expect((await shown(page)).map((result) => result.title), query).toContain('Pacific Monitor, December 14, 2023')
    }
    await page.context().close()
  })

  it('offers one result per matching section, which lands on that section\'s heading', async () => {
    const page = await open(browser)
    const started = performance.now()
    await page.goto(`${siteUrl}search/?q=scarborough`)
    await page.locator('.search-sections a').first().waitFor()
    timings['page load to sections'] = Math.round(performance.now() - started)
    const section = page.locator('.search-result', {hasText: 'February 22, 2024'}).locator('.search-sections a').first()
    const href = (await section.getAttribute('href')) ?? ''
    expect(href).toMatch(/\/briefs\/china-taiwan-weekly-update-2024-02-22\/#.+/)
    const title = await section.textContent()
    await section.click()
    await page.waitForURL((url) => url.hash !== '')
    const landed = await page.evaluate(() => {
      const el = document.querySelector(':target')
      return el ? {tag: el.tagName, text: el.textContent} : undefined
    })
    expect(landed?.tag).toMatch(/^H[2-6]$/)
    expect(landed?.text).toBe(title)
    await page.context().close()
  })

  it('filters by region and year, keeping the choice in the address', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}search/?q=coast+guard`)
    await page.locator('.search-result').first().waitFor()
    const all = await shown(page)
    expect(await page.locator('#search-region option').allTextContents()).toEqual(expect.arrayContaining(['All regions', 'Taiwan', 'Oceania']))
    expect(await page.locator('#search-year option').allTextContents()).toEqual(['All years', '2024', '2023'])

    await page.locator('#search-year').selectOption('2023')
    await page.waitForURL(/[?&]year=2023/)
    await page.locator('#search-status', {hasText: 'in 2023'}).waitFor()
    const of2023 = await shown(page)
    expect(of2023.length).toBeGreaterThan(0)
    expect(of2023.length).toBeLessThan(all.length)
    expect(of2023.map((result) => result.title)).toContain('Pacific Monitor, December 14, 2023')
    expect(of2023.map((result) => result.title)).not.toContain('China–Taiwan Weekly Update, February 22, 2024')

    await page.locator('#search-region').selectOption('Oceania')
    await page.waitForURL(/region=Oceania/)
    await page.locator('#search-status', {hasText: 'in Oceania, 2023'}).waitFor()
    // Back goes to the previous search, results and all.
    await page.goBack()
    await page.locator('#search-status', {hasText: /in 2023\.$/}).waitFor()
    expect(await page.locator('#search-region').inputValue()).toBe('')
    await page.context().close()
  })

  it('says search needs JavaScript, and offers the archive and the regions, when scripts are off', async () => {
    const page = await open(browser, {javaScriptEnabled: false})
    await page.goto(siteUrl)
    await page.getByRole('searchbox', {name: 'Search the briefs'}).fill('taiwan')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${siteUrl}search/?q=taiwan`)
    expect(await page.locator('#search-fallback').innerText()).toContain('needs JavaScript')
    expect(await page.locator('#search-q').inputValue()).toBe('')
    await page.locator('#search-fallback').getByRole('link', {name: 'the regions'}).click()
    await page.waitForURL(`${siteUrl}regions/`)
    expect(await page.locator('h1').textContent()).toBe('Regions')
    await page.context().close()
  })

  it('says search is unavailable on a site built with --no-search', async () => {
    const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-nosearch-'))
    try {
      const io = fakeIo(temp)
      expect(await main(['build', '--content', sampleContent, '--out', 'site', '--no-search', '--quiet'], io)).toBe(0)
      const server = await serveStatic(path.join(temp, 'site'), sitePrefix)
      try {
        const page = await open(browser)
        await page.goto(`${server.url}search/?q=taiwan`)
        await page.locator('#search-fallback', {hasText: 'not available'}).waitFor()
        expect(await page.locator('.search-result').count()).toBe(0)
        await page.context().close()
      } finally {
        await server.close()
      }
    } finally {
      await rm(temp, {recursive: true, force: true})
    }
  })
})
