// The email edition in a real browser, as a phone's mail app shows it: at
// 375 px nothing runs past the right edge (no sideways scrolling, long note
// addresses wrap), the map shows at its absolute URL, and text stays legible
// (body text at 16 px or more, nothing under 12 px); at 1280 px the message is
// a column of at most 600 px. Its addresses are absolute under the site's
// baseUrl, which is not where the test serves it: requests to baseUrl are
// answered from the built site, as the published site would answer them.
import {mkdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {hasChromium, launch, open, screenshotsDir, sitePrefix} from './harness.js'

const siteUrl = inject('siteUrl')
const siteDir = inject('siteDir')
const baseUrl = `https://briefs.example.org${sitePrefix}`
const briefs = ['china-taiwan-weekly-update-2024-02-22', 'pacific-monitor-2023-12-14', 'china-taiwan-weekly-update-2024-01-25']

let browser: Browser
beforeAll(async () => {
  if (hasChromium) browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** The brief's email.html at this width, its requests to baseUrl answered from the built site. */
async function openEmail(slug: string, width: number): Promise<{page: Page; missing: string[]}> {
  const page = await open(browser, {viewport: {width, height: 800}, deviceScaleFactor: 1})
  const missing: string[] = []
  await page.route(`${baseUrl}**`, async (route) => {
    const inside = decodeURIComponent(new URL(route.request().url()).pathname.slice(sitePrefix.length))
    const file = path.join(siteDir, inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside)
    try {
      await route.fulfill({body: await readFile(file), contentType: file.endsWith('.png') ? 'image/png' : file.endsWith('.jpg') ? 'image/jpeg' : 'text/html'})
    } catch {
      missing.push(inside)
      await route.fulfill({status: 404, body: ''})
    }
  })
  await page.goto(`${siteUrl}briefs/${slug}/email.html`, {waitUntil: 'load'})
  return {page, missing}
}

/** Every element that shows text of its own, with its font size and where its box ends. */
interface Measured {
  scrollWidth: number
  innerWidth: number
  text: {tag: string; text: string; size: number; right: number; inProse: boolean}[]
  images: {src: string; loaded: boolean; right: number; width: number}[]
  column: number
}

const measure = (page: Page) =>
  page.evaluate<Measured>(`(() => {
    const out = []
    // Body text: paragraphs and list items of the takeaways and sections rows that do not set a size of their own (captions, labels).
    const rows = [...document.querySelectorAll('body > table > tbody > tr > td > table > tbody > tr')]
    const prose = new Set(rows.slice(1, 3).flatMap((row) => [...row.querySelectorAll('p, li')]).filter((el) => !/font-size/.test(el.getAttribute('style') || '')))
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '')
      if (!own) continue
      const rect = el.getBoundingClientRect()
      out.push({tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize), right: rect.right, inProse: prose.has(el)})
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      text: out,
      images: [...document.images].map((img) => ({src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0, right: img.getBoundingClientRect().right, width: img.getBoundingClientRect().width})),
      column: document.querySelector('body > table > tbody > tr > td > table').getBoundingClientRect().width
    }
  })()`)

describe.skipIf(!hasChromium)('the email edition in Chromium', () => {
  it.each(briefs)('reads on a 375 px phone without sideways scrolling, in legible type: %s', async (slug) => {
    const {page, missing} = await openEmail(slug, 375)
    const seen = await measure(page)
    expect(missing).toEqual([])
    expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth)
    expect(seen.text.filter((t) => t.right > seen.innerWidth + 0.5).map((t) => `${t.tag} "${t.text}"`)).toEqual([])
    expect(seen.text.filter((t) => t.size < 12).map((t) => `${t.tag} ${t.size}px "${t.text}"`)).toEqual([])
    const prose = seen.text.filter((t) => t.inProse)
    expect(prose.length).toBeGreaterThan(3)
    expect(prose.filter((t) => t.size < 16).map((t) => `${t.tag} ${t.size}px "${t.text}"`)).toEqual([])
    for (const image of seen.images) {
      expect(image.loaded, image.src).toBe(true)
      expect(image.src.startsWith(baseUrl), image.src).toBe(true)
      expect(image.right).toBeLessThanOrEqual(seen.innerWidth)
    }
    await mkdir(screenshotsDir, {recursive: true})
    await page.screenshot({path: path.join(screenshotsDir, `email-${slug}-375.png`), fullPage: true})
    await page.context().close()
  })

  it('still reads at 320 px, the narrowest phone the site supports', async () => {
    const {page} = await openEmail(briefs[0]!, 320)
    const seen = await measure(page)
    expect(seen.scrollWidth).toBeLessThanOrEqual(320)
    expect(seen.text.filter((t) => t.right > 320.5).map((t) => `${t.tag} "${t.text}"`)).toEqual([])
    expect(seen.images.every((image) => image.loaded && image.right <= 320)).toBe(true)
    await page.context().close()
  })

  it('is a column of at most 600 px on a wide screen', async () => {
    const {page} = await openEmail(briefs[0]!, 1280)
    const seen = await measure(page)
    expect(seen.column).toBeLessThanOrEqual(600)
    expect(seen.column).toBeGreaterThan(500)
    expect(seen.images.map((image) => image.loaded)).toEqual([true])
    await page.screenshot({path: path.join(screenshotsDir, 'email-1280.png'), fullPage: true})
    await page.context().close()
  })
})
