// What researchers use, in a real browser: outlet pages lead to the notes
// that cite them, the cite block reads and its files download with their
// media types and contents, a note's permalink, a correction shown at the
// top of its brief, search finding an outlet's page; axe on each.
import {AxeBuilder} from '@axe-core/playwright'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {hasChromium, launch, open, pageTypes} from './harness.js'

const siteUrl = inject('siteUrl')

/** The element the URL's fragment points at, and whether it is shown and in view. */
const target = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector(':target')
    if (!el) return undefined
    const box = el.getBoundingClientRect()
    return {id: el.id, visible: el.checkVisibility(), inView: box.top >= 0 && box.top < window.innerHeight}
  })

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({page}).analyze()
  return results.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe.skipIf(!hasChromium)('for researchers', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser?.close())

  it('goes from a brief\'s sourcing profile to an outlet\'s page, and from there to the note citing it', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}${pageTypes.brief}`)
    const outlet = page.locator('.sourcing-outlets a', {hasText: 'udn.com'})
    await outlet.click()
    await page.waitForURL(/\/sources\/udn\.com\/$/)
    expect(await page.locator('h1').textContent()).toBe('udn.com')
    const rows = page.locator('.citation-table tbody tr')
    expect(await rows.count()).toBeGreaterThan(1)
    // Newest first.
    const dates = await page.locator('.citation-table tbody td:first-child time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''))
    expect([...dates].sort().reverse()).toEqual(dates)
    // udn.com is cited defanged in the sample: marked, and never a link to udn.com.
    expect(await page.locator('.citation-table .not-linked').first().isVisible()).toBe(true)
    expect(await page.locator('main a[href*="udn"]').count()).toBe(0)
    const note = rows.first().locator('td:nth-child(2) a')
    const href = (await note.getAttribute('href')) ?? ''
    await note.click()
    await page.waitForURL((url) => url.hash !== '' && url.pathname.includes('/briefs/'))
    expect(await target(page)).toMatchObject({id: href.slice(href.indexOf('#') + 1), visible: true, inView: true})
    expect(await page.locator(':target .defanged', {hasText: 'udn'}).count()).toBeGreaterThan(0)
    await page.context().close()
  })

  it('lists every outlet with its counts and links to each outlet\'s page', async () => {
    const page = await open(browser)
    await page.goto(siteUrl)
    await page.locator('.site-header nav a', {hasText: 'Sources'}).click()
    await page.waitForURL(/\/sources\/$/)
    const row = page.locator('.outlet-table tbody tr', {has: page.locator('a', {hasText: /^cga\.gov\.tw$/})})
    expect(await row.locator('td').allTextContents()).toHaveLength(4)
    await row.locator('a').click()
    await page.waitForURL(/\/sources\/cga\.gov\.tw\/$/)
    expect(await page.locator('h1').textContent()).toBe('cga.gov.tw')
    await page.context().close()
  })

  it('shows a readable cite block whose files download with their media types and contents', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}${pageTypes.corrected}`)
    const citation = page.locator('.cite-brief .citation')
    expect(await citation.isVisible()).toBe(true)
    expect(await citation.textContent()).toMatch(/^Wei Sample and Maria Testperson\. “China–Taiwan Weekly Update, March 7, 2024\.” Example Institute for Strategic Studies, March 7, 2024\. Last corrected March 14, 2024\. https:\/\//)
    const slug = 'china-taiwan-weekly-update-2024-03-07'
    const expected = [
      ['BibTeX', `${slug}.bib`, 'application/x-bibtex; charset=utf-8', `@techreport{${slug},`],
      ['RIS', `${slug}.ris`, 'application/x-research-info-systems; charset=utf-8', 'TY  - RPRT'],
      ['CSL-JSON', `${slug}.csl.json`, 'application/vnd.citationstyles.csl+json; charset=utf-8', '"type": "report"']
    ] as const
    for (const [label, name, type, content] of expected) {
      const link = page.locator('.cite-files a', {hasText: label})
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
      expect(download.suggestedFilename()).toBe(name)
      const url = await link.evaluate((a) => (a as HTMLAnchorElement).href)
      const response = await page.request.get(url)
      expect(response.headers()['content-type']).toBe(type)
      expect(await response.text()).toContain(content)
      await download.cancel()
    }
    // The Highwire tags a reference manager reads.
    expect(await page.locator('meta[name="citation_author"]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content')))).toEqual(['Wei Sample', 'Maria Testperson'])
    await page.context().close()
  })

  it('gives each note a permalink that leads to it', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}${pageTypes.brief}`)
    const link = page.getByRole('link', {name: 'Link to note 3', exact: true})
    await link.click()
    await page.waitForURL((url) => url.hash === '#note-3')
    expect(await target(page)).toMatchObject({id: 'note-3', visible: true, inView: true})
    await page.context().close()
  })

  it('shows a correction at the top of its brief, with its day', async () => {
    const page = await open(browser, {viewport: {width: 375, height: 800}})
    await page.goto(`${siteUrl}${pageTypes.corrected}`)
    const notice = page.locator('section.corrections')
    expect(await notice.isVisible()).toBe(true)
    const [noticeBox, takeawaysBox] = await Promise.all([notice.boundingBox(), page.locator('.takeaways').boundingBox()])
    expect(noticeBox && takeawaysBox && noticeBox.y < takeawaysBox.y).toBe(true)
    expect(await notice.locator('li time').allTextContents()).toEqual(['March 11, 2024', 'March 14, 2024'])
    // The header's "Corrected" date leads to the notice.
    await page.locator('.brief-meta a[href="#corrections"]').click()
    await page.waitForURL((url) => url.hash === '#corrections')
    expect(await target(page)).toMatchObject({id: 'corrections', visible: true, inView: true})
    await page.context().close()
  })

  it('finds an outlet by its name in search: the outlets\' page, which leads to its own', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}search/?q=cga.gov.tw`)
    await page.locator('#search-status', {hasText: /results? for/}).waitFor()
    const hrefs = await page.locator('#search-results a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
    const outlets = hrefs.find((href) => new URL(href).pathname.endsWith('/sources/'))
    expect(outlets, hrefs.join('\n')).toBeDefined()
    await page.goto(outlets ?? '')
    await page.locator('.outlet-table a', {hasText: 'cga.gov.tw'}).click()
    await page.waitForURL(/\/sources\/cga\.gov\.tw\/$/)
    expect(await page.locator('h1').textContent()).toBe('cga.gov.tw')
    await page.context().close()
  })

  it('passes axe on the outlet pages and a corrected brief, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open(browser, {colorScheme})
      for (const path of [pageTypes.sources, pageTypes.outlet, pageTypes.corrected]) {
        await page.goto(`${siteUrl}${path}`)
        expect(await violations(page), `${path} (${colorScheme})`).toEqual([])
      }
      await page.context().close()
    }
  })
})
