// Figures in a real browser, checked against the Markdown they were written
// in: each image loads (Chromium picking the AVIF source of a raster map),
// with its alt text, caption and credit shown; the box is reserved before
// the image arrives, so nothing shifts (CLS ~0); the link opens the full
// size; region pages show the figures of their sections; nothing overflows
// a 375 px window; printing keeps figures whole; and axe finds nothing.
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {AxeBuilder} from '@axe-core/playwright'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {parse} from 'yaml'
import {sampleContent} from '../helpers/built-site.js'
import {hasChromium, launch, open} from './harness.js'

const siteUrl = inject('siteUrl')

/** A brief with a raster (PNG) map, and one with two SVGs (a map and a chart). */
const briefs = {raster: 'pacific-monitor-2023-12-14', svg: 'china-taiwan-weekly-update-2024-01-25'} as const
const region = 'southeast-asia'

/** A figure as written in a brief: `![alt](file "caption")` with the credit line under it. */
interface SourceFigure {
  readonly brief: string
  /** The id of the region whose section (`## Name`) the figure is in. */
  readonly region: string
  readonly alt: string
  readonly file: string
  readonly caption: string
  readonly credit: string
}

/** Every figure of the sample archive, read from its Markdown. */
async function sourceFigures(): Promise<SourceFigure[]> {
  const regions = parse(await readFile(path.join(sampleContent, 'regions.yml'), 'utf8')) as {id: string; name: string; aliases?: string[]}[]
  const regionOf = (heading: string) => regions.find((r) => [r.name, ...(r.aliases ?? [])].includes(heading))?.id ?? ''
  const found: SourceFigure[] = []
  const dir = path.join(sampleContent, 'briefs')
  for (const file of (await readdir(dir, {recursive: true})).filter((name) => name.endsWith('.md')).sort()) {
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n')
    let heading = ''
    lines.forEach((line, i) => {
      if (line.startsWith('## ')) heading = line.slice(3).trim()
      const figure = /^!\[(.+)\]\((\S+) "(.+)"\)$/.exec(line)
      if (figure) {
        const [, alt, src, caption] = figure
        found.push({brief: path.basename(file, '.md'), region: regionOf(heading), alt: alt!, file: path.basename(src!), caption: caption!, credit: (lines[i + 1] ?? '').trim()})
      }
    })
  }
  return found
}

/** What the page shows of each figure, in document order; URLs absolute. */
const figuresOn = (page: Page) =>
  page.locator('figure.figure').evaluateAll((list) =>
    list.map((figure) => {
      const candidates = (srcset: string) =>
        srcset
          .split(',')
          .map((candidate) => candidate.trim())
          .filter(Boolean)
          .map((candidate) => {
            const [url, descriptor] = candidate.split(/\s+/)
            return {url: new URL(url!, document.baseURI).href, w: Number.parseInt(descriptor ?? '0', 10)}
          })
      const img = figure.querySelector('img')!
      const box = img.getBoundingClientRect()
      const caption = figure.querySelector<HTMLElement>('figcaption .figure-caption')
      const credit = figure.querySelector<HTMLElement>('figcaption .figure-credit')
      return {
        href: figure.querySelector<HTMLAnchorElement>('a.figure-image')?.href ?? '',
        alt: img.alt,
        src: img.src,
        currentSrc: img.currentSrc,
        complete: img.complete,
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        width: img.width,
        height: img.height,
        ratio: Number(img.getAttribute('height')) / Number(img.getAttribute('width')),
        box: {left: box.left, right: box.right, width: box.width, height: box.height},
        sources: [...figure.querySelectorAll('picture source:not([media])')].map((source) => ({type: source.getAttribute('type') ?? '', candidates: candidates(source.getAttribute('srcset') ?? '')})),
        print: [...figure.querySelectorAll('picture source[media="print"]')].map((source) => candidates(source.getAttribute('srcset') ?? '')),
        candidates: [...candidates(img.getAttribute('srcset') ?? ''), {url: img.src, w: Number(img.getAttribute('width'))}],
        caption: caption?.innerText.trim() ?? '',
        credit: credit?.innerText.trim() ?? '',
        captionShown: caption?.checkVisibility() ?? false,
        creditShown: credit?.checkVisibility() ?? false,
        devicePixelRatio: window.devicePixelRatio
      }
    })
  )
type FigureState = Awaited<ReturnType<typeof figuresOn>>[number]

/** Every image URL a figure offers: its sources' and img's candidates. */
const allCandidates = (figure: FigureState) => [...figure.sources.flatMap((source) => source.candidates), ...figure.candidates]

/** The candidate the browser chose; for a raster, no smaller than the box it fills (`sizes` matches the layout). */
function chosenCandidate(figure: FigureState): {url: string; w: number} {
  const chosen = allCandidates(figure).find((c) => c.url === figure.currentSrc)
  expect(chosen, `${figure.currentSrc} is one of the figure's candidates`).toBeDefined()
  if (!chosen!.url.endsWith('.svg')) expect(chosen!.w, `${figure.currentSrc} for a box ${figure.box.width} px wide`).toBeGreaterThanOrEqual(figure.box.width * figure.devicePixelRatio)
  return chosen!
}

/** Scroll each figure's image into view (they are lazy) and wait until it has loaded or failed. */
async function loadFigures(page: Page): Promise<void> {
  for (const image of await page.locator('figure.figure img').all()) {
    await image.scrollIntoViewIfNeeded()
    await image.evaluate((img: HTMLImageElement) =>
      img.complete
        ? undefined
        : new Promise<void>((resolve) => {
            img.addEventListener('load', () => {
              resolve()
            })
            img.addEventListener('error', () => {
              resolve()
            })
          })
    )
  }
}

/** The size of a PNG file, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({width: png.readUInt32BE(16), height: png.readUInt32BE(20)})

/** From the page's start, add up its layout shifts (not those after input) in window.__cls: its CLS. */
const recordShifts = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as {__cls: number}
    w.__cls = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {value: number; hadRecentInput: boolean})[]) if (!entry.hadRecentInput) w.__cls += entry.value
    }).observe({type: 'layout-shift', buffered: true})
  })

/** The layout shifts so far, after two frames for the last layout to be reported. */
const shifts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve((window as unknown as {__cls: number}).__cls)
          })
        })
      })
  )

/** Hold every request for a built image until `release()`; `held` lists those asked for. */
async function holdImages(page: Page): Promise<{held: string[]; release: () => void}> {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const held: string[] = []
  await page.route(
    (url) => url.pathname.includes('/images/'),
    async (route) => {
      held.push(route.request().url())
      await released
      await route.continue()
    }
  )
  return {
    held,
    release: () => {
      release()
    }
  }
}

describe.skipIf(!hasChromium)('figures', () => {
  let browser: Browser
  let written: SourceFigure[]
  beforeAll(async () => {
    browser = await launch()
    written = await sourceFigures()
  })
  afterAll(() => browser?.close())

  for (const [kind, slug] of Object.entries(briefs)) {
    it(`loads each ${kind} figure of ${slug} with its alt text, caption and credit`, async () => {
      const expected = written.filter((f) => f.brief === slug)
      expect(expected.length, 'figures in the Markdown').toBeGreaterThan(0)
      const page = await open(browser)
      await page.goto(`${siteUrl}briefs/${slug}/`)
      await loadFigures(page)
      const figures = await figuresOn(page)
      expect(figures.map((f) => f.alt)).toEqual(expected.map((f) => f.alt))
      expect(figures.map((f) => f.caption)).toEqual(expected.map((f) => f.caption))
      expect(figures.map((f) => f.credit)).toEqual(expected.map((f) => f.credit))
      figures.forEach((figure, i) => {
        const name = expected[i]!.file
        expect(figure.naturalWidth, `${name} loaded`).toBeGreaterThan(0)
        expect(figure.alt.trim(), name).not.toBe('')
        expect([figure.captionShown, figure.creditShown], `${name}: caption and credit shown`).toEqual([true, true])
        chosenCandidate(figure)
        // The link leads to the same image, processed and hashed.
        expect(path.basename(new URL(figure.href).pathname), name).toMatch(new RegExp(`^${path.basename(name, path.extname(name))}-[0-9a-f]{8}(-\\d+)?${path.extname(name)}$`))
        if (kind === 'raster') {
          expect(figure.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp'])
          // Paper gets the widest fallback the img offers.
          const widest = figure.candidates.reduce((a, b) => (b.w > a.w ? b : a))
          expect(figure.print).toEqual([[widest]])
          // Chromium decodes AVIF, the first source.
          expect(figure.sources[0]!.candidates.map((c) => c.url), 'an AVIF candidate').toContain(figure.currentSrc)
        } else {
          expect(figure.sources).toEqual([])
          expect(figure.print).toEqual([])
          expect(figure.currentSrc).toBe(figure.src)
          expect(figure.src.endsWith('.svg')).toBe(true)
        }
      })
      await page.context().close()
    })
  }

  for (const [kind, slug] of Object.entries(briefs)) {
    it(`reserves the ${kind} figures' boxes before their images arrive, so nothing shifts (CLS < 0.01)`, async () => {
      const page = await open(browser)
      await recordShifts(page)
      // Hold every image until the boxes have been measured.
      const {held, release} = await holdImages(page)
      await page.goto(`${siteUrl}briefs/${slug}/`, {waitUntil: 'domcontentloaded'})
      const first = page.locator('figure.figure').first()
      await first.evaluate((figure) => {
        figure.scrollIntoView({block: 'center'})
      })
      await expect.poll(() => held.length, {message: 'the lazy image is requested once in view'}).toBeGreaterThan(0)

      const before = await figuresOn(page)
      for (const figure of before) {
        expect(figure.naturalWidth, `${figure.src} not loaded yet`).toBe(0)
        expect(figure.box.width).toBeGreaterThan(100)
        expect(figure.box.height).toBeCloseTo(figure.box.width * figure.ratio, 0)
      }

      release()
      await loadFigures(page)
      await first.evaluate((figure) => {
        figure.scrollIntoView({block: 'center'})
      })
      const cls = await shifts(page)
      const after = await figuresOn(page)
      after.forEach((figure, i) => {
        expect(figure.naturalWidth, `${figure.src} loaded`).toBeGreaterThan(0)
        expect(figure.box.height, `${figure.src} kept its box`).toBeCloseTo(before[i]!.box.height, 0)
        // The reserved ratio is the image's own.
        expect(figure.naturalHeight / figure.naturalWidth).toBeCloseTo(figure.ratio, 2)
      })
      expect(cls).toBeLessThan(0.01)
      await page.context().close()
    })
  }

  it('measures a shift when a figure has no reserved box (the check above can fail)', async () => {
    const page = await open(browser)
    await recordShifts(page)
    const {release} = await holdImages(page)
    await page.goto(`${siteUrl}briefs/${briefs.raster}/`, {waitUntil: 'domcontentloaded'})
    await page.locator('figure.figure img').evaluate((img) => {
      img.removeAttribute('width')
      img.removeAttribute('height')
      img.closest('figure')!.scrollIntoView({block: 'center'})
    })
    // Let the empty box be painted before the image arrives.
    await shifts(page)
    release()
    await loadFigures(page)
    expect(await shifts(page)).toBeGreaterThan(0.01)
    await page.context().close()
  })

  it('opens the full-size PNG map from its figure: 200, image/png, the original 1920 px', async () => {
    const original = pngSize(await readFile(path.join(sampleContent, 'maps/natuna-survey-2023-12.png')))
    expect(original.width).toBe(1920)
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/${briefs.raster}/`)
    const link = page.locator('figure.figure a.figure-image')
    const href = await link.evaluate((a: HTMLAnchorElement) => a.href)
    const response = page.waitForResponse(href)
    await link.click()
    await page.waitForURL(href)
    expect((await response).status()).toBe(200)
    expect((await response).headers()['content-type']).toMatch(/^image\/png/)
    const shown = await page.evaluate(() => {
      const img = document.querySelector('img')!
      const size = () => ({width: img.naturalWidth, height: img.naturalHeight})
      return img.complete
        ? size()
        : new Promise<{width: number; height: number}>((resolve) => {
            img.addEventListener('load', () => {
              resolve(size())
            })
          })
    })
    expect(shown).toEqual(original)
    await page.context().close()
  })

  it('opens the full-size SVGs from their figures: 200, image/svg+xml, the drawing itself', async () => {
    const page = await open(browser)
    await page.goto(`${siteUrl}briefs/${briefs.svg}/`)
    const links = page.locator('figure.figure a.figure-image')
    const count = await links.count()
    expect(count).toBe(2)
    for (let i = 0; i < count; i++) {
      const link = links.nth(i)
      const href = await link.evaluate((a: HTMLAnchorElement) => a.href)
      const response = page.waitForResponse(href)
      await link.click()
      await page.waitForURL(href)
      expect((await response).status(), href).toBe(200)
      expect((await response).headers()['content-type'], href).toMatch(/^image\/svg\+xml/)
      const root = await page.evaluate(() => ({name: document.documentElement.localName, viewBox: document.documentElement.getAttribute('viewBox')}))
      expect(root.name, href).toBe('svg')
      expect(root.viewBox, href).toMatch(/^0 0 \d+ \d+$/)
      await page.goBack()
    }
    await page.context().close()
  })

  it(`shows on regions/${region}/ the figures of its sections, each linked to its brief's, with working image URLs`, async () => {
    const expected = written.filter((f) => f.region === region)
    expect(expected.length, `figures in ${region} sections of the Markdown`).toBeGreaterThan(0)
    const page = await open(browser)
    await page.goto(`${siteUrl}regions/${region}/`)
    await loadFigures(page)
    const figures = await figuresOn(page)
    const briefOf = await page
      .locator('figure.figure')
      .evaluateAll((list) => list.map((figure) => /briefs\/([^/]+)\//.exec(figure.closest('section.region')?.querySelector('.entry-meta a')?.getAttribute('href') ?? '')?.[1] ?? ''))
    const key = (f: {brief: string; caption: string}) => `${f.brief}: ${f.caption}`
    expect(figures.map((f, i) => key({brief: briefOf[i]!, caption: f.caption})).sort()).toEqual(expected.map(key).sort())
    for (const [i, figure] of figures.entries()) {
      expect(figure.naturalWidth, figure.caption).toBeGreaterThan(0)
      expect(figure.alt, figure.caption).toBe(expected.find((f) => f.caption === figure.caption)!.alt)
      chosenCandidate(figure)
      for (const url of new Set([figure.href, ...allCandidates(figure).map((c) => c.url)])) {
        const response = await page.request.get(url)
        expect(response.status(), url).toBe(200)
        expect(response.headers()['content-type'], url).toMatch(/^image\//)
      }
      // The same figure as on the brief's own page.
      const brief = await open(browser)
      await brief.goto(`${siteUrl}briefs/${briefOf[i]!}/`)
      const onBrief = await figuresOn(brief)
      expect(onBrief.map((f) => [f.href, f.src, f.caption])).toContainEqual([figure.href, figure.src, figure.caption])
      await brief.context().close()
    }
    await page.context().close()
  })

  for (const where of [`briefs/${briefs.raster}/`, `briefs/${briefs.svg}/`, `regions/${region}/`]) {
    it(`does not overflow a 375 px window: ${where}`, async () => {
      const page = await open(browser, {viewport: {width: 375, height: 812}})
      await page.goto(`${siteUrl}${where}`)
      await loadFigures(page)
      const widths = await page.evaluate(() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth}))
      expect(widths.scroll).toBeLessThanOrEqual(widths.client)
      for (const figure of await figuresOn(page)) {
        expect(figure.naturalWidth, figure.caption).toBeGreaterThan(0)
        expect(figure.box.left, figure.caption).toBeGreaterThanOrEqual(0)
        expect(figure.box.right, figure.caption).toBeLessThanOrEqual(widths.client)
        expect(figure.box.height).toBeCloseTo(figure.box.width * figure.ratio, 0)
        // A phone fetches a candidate near its width, not the largest.
        const chosen = chosenCandidate(figure)
        if (chosen.url.endsWith('.avif')) expect(chosen.w, figure.currentSrc).toBeLessThan(960)
      }
      await page.context().close()
    })
  }

  it('prints figures whole: shown, not split across pages, within the page width', async () => {
    const page = await open(browser)
    for (const slug of Object.values(briefs)) {
      await page.goto(`${siteUrl}briefs/${slug}/`)
      await loadFigures(page)
      await page.emulateMedia({media: 'print'})
      // The browser selects the print source anew when the medium changes (and fetches it): wait for that.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('figure.figure')].every((figure) => {
            const print = figure.querySelector('source[media="print"]')
            const img = figure.querySelector('img')
            return print === null || (img?.complete === true && img.currentSrc === new URL((print.getAttribute('srcset') ?? '').split(' ')[0] ?? '', document.baseURI).href)
          }),
        undefined,
        {timeout: 10_000}
      )
      const printed = await page.locator('figure.figure').evaluateAll((list) =>
        list.map((figure) => {
          const img = figure.querySelector('img')!
          const box = img.getBoundingClientRect()
          return {
            shown: [figure, img, figure.querySelector('figcaption')!].map((el) => el.checkVisibility()),
            display: getComputedStyle(figure).display,
            breakInside: getComputedStyle(figure).breakInside,
            width: box.width,
            height: box.height,
            ratio: Number(img.getAttribute('height')) / Number(img.getAttribute('width')),
            page: {width: document.documentElement.clientWidth, height: window.innerHeight},
            currentSrc: img.currentSrc,
            printSource: figure.querySelector('source[media="print"]') ? new URL((figure.querySelector('source[media="print"]')!.getAttribute('srcset') ?? '').split(' ')[0]!, document.baseURI).href : undefined
          }
        })
      )
      expect(printed.length).toBeGreaterThan(0)
      for (const figure of printed) {
        expect(figure.shown, slug).toEqual([true, true, true])
        expect(figure.display, slug).not.toBe('none')
        expect(figure.breakInside, slug).toBe('avoid')
        expect(figure.height, slug).toBeGreaterThan(0)
        expect(figure.height, slug).toBeCloseTo(figure.width * figure.ratio, 0)
        expect(figure.width, slug).toBeLessThanOrEqual(figure.page.width)
        // At most 60% of the page's height, so the caption fits under it on the same page.
        expect(figure.height, slug).toBeLessThanOrEqual(figure.page.height * 0.6 + 1)
        // A raster figure is printed from its sharpest fallback, not the screen's choice.
        if (figure.printSource !== undefined) expect(figure.currentSrc, slug).toBe(figure.printSource)
      }
      await page.emulateMedia({media: 'screen'})
    }
    await page.context().close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no violations on the briefs with figures, and checks their alt text and caption contrast, ${scheme} scheme`, async () => {
      const page = await open(browser, {colorScheme: scheme})
      for (const slug of Object.values(briefs)) {
        await page.goto(`${siteUrl}briefs/${slug}/`)
        await loadFigures(page)
        const results = await new AxeBuilder({page}).analyze()
        expect(
          results.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
          `${slug} (${scheme})`
        ).toEqual([])
        // The figures themselves were judged, not skipped: alt text present, caption and credit legible.
        const figures = await new AxeBuilder({page}).include('figure.figure').withRules(['image-alt', 'color-contrast']).analyze()
        const passed = (id: string) => figures.passes.find((rule) => rule.id === id)?.nodes.map((node) => node.target.join(' ')) ?? []
        expect(passed('image-alt').length, `${slug}: image-alt checked each figure`).toBe(await page.locator('figure.figure img').count())
        const contrast = passed('color-contrast').join(' | ')
        expect(contrast, `${slug}: caption contrast checked`).toMatch(/figure-caption/)
        expect(contrast, `${slug}: credit contrast checked`).toMatch(/figure-credit/)
        expect(figures.incomplete.map((rule) => rule.id), `${slug}: nothing left undecided`).toEqual([])
      }
      await page.context().close()
    })
  }
})
