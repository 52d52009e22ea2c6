// Citation previews in a real browser: focus shows the note's sources,
// Escape hides them and keeps focus on the citation, hover and touch work,
// the popover stays inside a 320 px window, region pages show the right
// brief's note, and with JavaScript off the citation still jumps to its note.
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {hasChromium, launch, open} from './harness.js'

const siteUrl = inject('siteUrl')
const brief = `${siteUrl}briefs/china-taiwan-weekly-update-2024-02-22/`

const preview = (page: Page) =>
  page.evaluate(() => {
    const tip = document.getElementById('cite-preview')
    if (!tip || tip.hidden) return undefined
    const box = tip.getBoundingClientRect()
    return {
      role: tip.getAttribute('role'),
      text: tip.innerText,
      left: box.left,
      right: box.right,
      describes: [...document.querySelectorAll('[aria-describedby="cite-preview"]')].map((el) => el.id),
      focused: document.activeElement?.id ?? ''
    }
  })

/** The text of the sources of the note a citation links to. */
const sourcesOf = (page: Page, href: string) => page.locator(`${href} .sources`).innerText()

describe.skipIf(!hasChromium)('citation previews', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser?.close())

  it('shows the note\'s sources on focus, and Escape closes it with focus kept on the citation', async () => {
    const page = await open(browser)
    await page.goto(brief)
    const cite = page.locator('.brief-body sup.cite a').nth(2)
    const [href, id] = await Promise.all([cite.getAttribute('href'), cite.getAttribute('id')])
    await cite.focus()
    const shown = await preview(page)
    expect(shown).toMatchObject({role: 'tooltip', describes: [id], focused: id})
    expect(shown!.text).toContain(`Note ${href!.replace('#note-', '')}`)
    expect(shown!.text).toContain(await sourcesOf(page, href!))

    await page.keyboard.press('Escape')
    expect(await preview(page)).toBeUndefined()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id)
    expect(await cite.getAttribute('aria-describedby')).toBeNull()

    // Tab moves on to the next citation and shows its note instead.
    await page.keyboard.press('Tab')
    const next = await preview(page)
    expect(next?.describes).toHaveLength(1)
    expect(next?.describes[0]).not.toBe(id)
    await page.context().close()
  })

  it('shows a source\'s archived copy, as the endnote does', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/pacific-monitor-2023-12-14/`)
    await page.locator('.brief-body sup.cite a[href="#note-3"]').first().focus()
    const archived = await page.evaluate(() =>
      [...document.querySelectorAll('#cite-preview a.source-archived')].map((a) => [a.textContent, a.getAttribute('href')])
    )
    expect(archived).toEqual([
      ['archived copy', 'https://web.archive.org/web/20231214000000/https://www.adb.org/sites/default/files/publication/pacific-climate-finance-2023.pdf']
    ])
    await page.context().close()
  })

  it('shows on hover, stays while the pointer is on it, and hides once the pointer leaves', async () => {
    const page = await open(browser)
    await page.goto(brief)
    const cite = page.locator('.brief-body sup.cite a').first()
    await cite.hover()
    expect(await preview(page)).toBeDefined()
    await page.locator('#cite-preview').hover()
    await page.waitForTimeout(400)
    expect(await preview(page)).toBeDefined()
    await page.mouse.move(5, 5)
    await page.locator('#cite-preview').waitFor({state: 'hidden'})
    await page.context().close()
  })

  it('never overflows a 320 px window', async () => {
    const page = await open(browser, {viewport: {width: 320, height: 640}})
    await page.goto(brief)
    const count = await page.locator('.brief-body sup.cite a').count()
    for (let i = 0; i < count; i += 3) {
      await page.locator('.brief-body sup.cite a').nth(i).focus()
      const shown = await preview(page)
      expect(shown, `citation ${i}`).toBeDefined()
      expect(shown!.left, `citation ${i}`).toBeGreaterThanOrEqual(0)
      expect(shown!.right, `citation ${i}`).toBeLessThanOrEqual(320)
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await page.context().close()
  })

  it('on touch, shows on the first tap and follows the link on the second', async () => {
    const page = await open(browser, {viewport: {width: 375, height: 700}, hasTouch: true, isMobile: true})
    await page.goto(brief)
    const cite = page.locator('.brief-body sup.cite a').nth(1)
    const href = (await cite.getAttribute('href')) ?? ''
    await cite.tap()
    expect(await preview(page)).toBeDefined()
    expect(new URL(page.url()).hash).toBe('')
    await cite.tap()
    await page.waitForURL((url) => url.hash === href)
    expect(await preview(page)).toBeUndefined()
    await page.context().close()
  })

  it('on a region page, previews the note of the brief the section came from', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}regions/oceania/`)
    const cite = page.locator('main sup.cite a').first()
    const href = (await cite.getAttribute('href')) ?? ''
    expect(href).toMatch(/^#.+--note-\d+$/)
    await cite.focus()
    expect((await preview(page))?.text).toContain(await sourcesOf(page, href))
    await page.context().close()
  })

  it('without JavaScript, a citation is still a link to its endnote', async () => {
    const page = await open(browser, {javaScriptEnabled: false})
    await page.goto(brief)
    const cite = page.locator('.brief-body sup.cite a').first()
    const href = (await cite.getAttribute('href')) ?? ''
    await cite.click()
    await page.waitForURL((url) => url.hash === href)
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(href.slice(1))
    expect(await page.locator('#cite-preview').count()).toBe(0)
    await page.context().close()
  })
})
