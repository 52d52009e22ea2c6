// Accessibility in a real browser: axe-core finds no violations on any page
// type in light and dark colour schemes (search with results shown, a brief
// with a citation preview open); Tab alone reaches every control, each with
// a visible focus indicator; and screenshots of each page type at 1280 and
// 375 px for reviewers, in test-results/screenshots/.
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {AxeBuilder} from '@axe-core/playwright'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {describeFocus, hasChromium, launch, open, pageTypes, screenshotsDir} from './harness.js'

const siteUrl = inject('siteUrl')
const schemes = ['light', 'dark'] as const

/** Open a page of a type, waiting for what scripts add to it. */
async function visit(page: Page, type: keyof typeof pageTypes): Promise<void> {
  await page.goto(`${siteUrl}${pageTypes[type]}`)
  if (type === 'search') await page.locator('#search-status', {hasText: 'results for'}).waitFor()
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({page}).analyze()
  return results.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe.skipIf(!hasChromium)('accessibility', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser?.close())

  for (const scheme of schemes) {
    it(`axe finds no violations on any page type, ${scheme} scheme`, async () => {
      const page = await open(browser, {colorScheme: scheme})
      for (const type of Object.keys(pageTypes) as (keyof typeof pageTypes)[]) {
        await visit(page, type)
        expect(await violations(page), `${type} (${scheme})`).toEqual([])
      }
      // The citation preview too, open over the text.
      await visit(page, 'brief')
      await page.locator('.brief-body sup.cite a').first().focus()
      await page.locator('#cite-preview').waitFor()
      expect(await violations(page), `citation preview (${scheme})`).toEqual([])
      await page.context().close()
      // Eleven page types, each analysed in full: more than the suite's default minute on a busy 2-core machine.
    }, 240_000)
  }

  for (const type of ['brief', 'region', 'search', 'home'] as const) {
    it(`Tab alone reaches every control of the ${type} page, each with a visible focus indicator`, async () => {
      const page = await open(browser)
      await visit(page, type)
      // Every control a keyboard user should reach, in document order, tagged to be recognised.
      const expected = await page.evaluate(() => {
        const selector = 'a[href], button, input, select, textarea, summary, [tabindex]'
        const list = [...document.querySelectorAll<HTMLElement>(selector)].filter(
          (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility({visibilityProperty: true})
        )
        list.forEach((el, i) => (el.dataset.control = String(i)))
        return list.length
      })
      expect(expected).toBeGreaterThan(5)
      const style = (selector: string) =>
        page.evaluate((sel) => {
          const el = document.querySelector(sel)
          if (!el) return ''
          const s = getComputedStyle(el)
          return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`
        }, selector)
      const unfocused = new Map<number, string>()
      for (let i = 0; i < expected; i++) unfocused.set(i, await style(`[data-control="${i}"]`))

      const reached = new Set<number>()
      const unmarked: string[] = []
      for (let presses = 0; presses < expected + 3 && reached.size < expected; presses++) {
        await page.keyboard.press('Tab')
        const index = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.control)
        if (index === undefined) {
          unmarked.push(await describeFocus(page))
          continue
        }
        const n = Number(index)
        reached.add(n)
        const focused = await style(`[data-control="${n}"]`)
        expect(focused, `focus on ${await describeFocus(page)} looks the same as without focus`).not.toBe(unfocused.get(n))
        expect(focused, `focus on ${await describeFocus(page)} has neither outline nor shadow`).toMatch(/^solid [1-9]|\| (?!none$)/)
      }
      const missed = [...unfocused.keys()].filter((i) => !reached.has(i))
      expect(missed, `not reached by Tab (focus also went to: ${unmarked.join('; ')})`).toEqual([])
      await page.context().close()
    })
  }

  it('writes screenshots of each page type at 1280 and 375 px', async () => {
    await mkdir(screenshotsDir, {recursive: true})
    for (const width of [1280, 375]) {
      const page = await open(browser, {viewport: {width, height: width === 375 ? 812 : 900}})
      for (const type of Object.keys(pageTypes) as (keyof typeof pageTypes)[]) {
        await visit(page, type)
        await page.screenshot({path: path.join(screenshotsDir, `${type}-${width}.png`), fullPage: true})
      }
      await visit(page, 'brief')
      await page.locator('.brief-body sup.cite a').nth(3).focus()
      await page.locator('#cite-preview').waitFor()
      await page.screenshot({path: path.join(screenshotsDir, `brief-preview-${width}.png`)})
      await page.context().close()
    }
  })
})
