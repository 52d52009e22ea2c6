// Reading the archive in a real browser, served from a sub-folder: home →
// brief, citation → endnote and back, takeaway → paragraph, region page
// citation → the right brief's note, a missing URL → the 404 page, and the
// printed page showing the endnotes' addresses.
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {hasChromium, launch, open} from './harness.js'

const siteUrl = inject('siteUrl')

/** The id of the element the URL's fragment points at (the CSS :target), and whether it can be seen. */
const target = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector(':target')
    if (!el) return undefined
    const box = el.getBoundingClientRect()
    return {id: el.id, visible: el.checkVisibility(), inView: box.top >= 0 && box.top < window.innerHeight, text: (el.textContent ?? '').replace(/\s+/g, ' ').trim()}
  })

describe.skipIf(!hasChromium)('reading the archive', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser?.close())

  it('goes from home to the latest brief, to a citation\'s endnote and back', async () => {
    const page = await open(browser)
    await page.goto(siteUrl)
    expect(await page.title()).toBe('Strait Watch')
    const latest = page.locator('#latest-heading a')
    const title = (await latest.textContent()) ?? ''
    await latest.click()
    await page.waitForURL(/\/briefs\/[^/]+\/$/)
    expect(page.url().startsWith(siteUrl)).toBe(true)
    expect(await page.locator('h1').textContent()).toBe(title)

    const cite = page.locator('.brief-body sup.cite a').first()
    const [href, citeId] = await Promise.all([cite.getAttribute('href'), cite.getAttribute('id')])
    expect(href).toMatch(/^#note-\d+$/)
    await cite.click()
    await page.waitForURL((url) => url.hash === href)
    const note = await target(page)
    expect(note).toMatchObject({id: href!.slice(1), visible: true, inView: true})

    await page.locator(`${href} a.backref[href="#${citeId}"]`).click()
    await page.waitForURL((url) => url.hash === `#${citeId}`)
    expect(await target(page)).toMatchObject({id: citeId, visible: true, inView: true})
    await page.context().close()
  })

  it('follows a key takeaway to the paragraph that elaborates it', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/china-taiwan-weekly-update-2024-02-22/`)
    const takeaway = page.locator('.takeaways a').first()
    const text = ((await takeaway.textContent()) ?? '').replace(/\s+/g, ' ').trim()
    await takeaway.click()
    await page.waitForURL((url) => url.hash === '#takeaway-1')
    const paragraph = await target(page)
    expect(paragraph).toMatchObject({id: 'takeaway-1', visible: true, inView: true})
    expect(paragraph!.text.startsWith(text.slice(0, 60))).toBe(true)
    expect(await page.locator(':target').evaluate((el) => el.tagName)).toBe('P')
    await page.context().close()
  })

  it('sends a citation on a region page to the right brief\'s note, opening its notes drawer', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}regions/taiwan/`)
    const cite = page.locator('main sup.cite a').first()
    const href = (await cite.getAttribute('href')) ?? ''
    const [, slug, number] = /^#(.+)--note-(\d+)$/.exec(href) ?? []
    expect(slug).toBeDefined()
    await cite.click()
    await page.waitForURL((url) => url.hash === href)
    const note = await target(page)
    expect(note).toMatchObject({id: href.slice(1), visible: true})
    // The note sits in the section of the brief it came from …
    const briefLink = await page.locator(':target').evaluate((el) => el.closest('section.region')?.querySelector('.entry-meta a')?.getAttribute('href'))
    expect(briefLink).toContain(`briefs/${slug}/`)
    // … and lists the same sources as that brief's own note.
    const regionSources = await page.locator(`${href} .sources`).innerText()
    await page.goto(`${siteUrl}briefs/${slug}/#note-${number}`)
    expect(await page.locator(`#note-${number} .sources`).innerText()).toBe(regionSources)
    await page.context().close()
  })

  it('answers a missing URL with the 404 page, styled, whose links work from the sub-folder', async () => {
    const page = await open(browser)
    const response = await page.goto(`${siteUrl}no/such/page/`)
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
    // The stylesheet loaded through the root-relative link: the skip link is moved off screen.
    expect(await page.locator('.skip-link').evaluate((el) => getComputedStyle(el).position)).toBe('absolute')
    await page.getByRole('link', {name: 'Archive of all briefs'}).click()
    await page.waitForURL(`${siteUrl}archive/`)
    expect(await page.locator('h1').textContent()).toBe('Archive')
    await page.context().close()
  })

  it('prints the endnotes with their addresses, without navigation or back links', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/china-taiwan-weekly-update-2024-02-22/`)
    await page.emulateMedia({media: 'print'})
    const sources = await page.locator('.endnotes .source').evaluateAll((items) =>
      items.map((li) => {
        const link = li.querySelector('a')
        const after = link ? getComputedStyle(link, '::after').content : 'none'
        return {text: (li as HTMLElement).innerText, href: link?.getAttribute('href') ?? null, after, shown: li.checkVisibility()}
      })
    )
    expect(sources.length).toBeGreaterThan(10)
    for (const source of sources) {
      expect(source.shown, source.text).toBe(true)
      // An outside address is on paper: as the link's text, or printed after it.
      if (source.href?.startsWith('http') === true) expect(source.text.includes(source.href) || source.after.includes(source.href), source.text).toBe(true)
    }
    const hidden = await page.evaluate(() =>
      ['.site-header nav', '.site-search', '.backrefs', '.site-footer'].map((selector) => document.querySelector(selector)?.checkVisibility() ?? false)
    )
    expect(hidden).toEqual([false, false, false, false])
    await page.context().close()
  })
})
