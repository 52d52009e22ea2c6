// Browser suite helpers: where Chromium is, how it is started, the page
// types of the sample archive, and where screenshots go.
import {existsSync} from 'node:fs'
import path from 'node:path'
import {chromium, type Browser, type BrowserContextOptions, type Page} from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)

/** The folder the test server serves the site from: not the root, to prove relative links work anywhere. */
export const sitePrefix = '/some/folder/'

/** Written by the browser tests for reviewers; test-results/ is git-ignored. */
export const screenshotsDir = path.resolve(import.meta.dirname, '../../test-results/screenshots')

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']
  })
}

/** A page in a fresh context (own storage, own colour scheme and viewport). */
export async function open(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, ...options})
  return context.newPage()
}

/** One page of each type the site has, as paths under the site's root. */
export const pageTypes = {
  home: '',
  brief: 'briefs/china-taiwan-weekly-update-2024-02-22/',
  /** A brief with corrections. */
  corrected: 'briefs/china-taiwan-weekly-update-2024-03-07/',
  region: 'regions/taiwan/',
  regions: 'regions/',
  archive: 'archive/',
  sources: 'sources/',
  outlet: 'sources/udn.com/',
  year: 'archive/2024/',
  search: 'search/?q=coast+guard',
  'not-found': 'no/such/page/'
} as const

/** Describes the element that has focus, for messages. */
export const describeFocus = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el) return 'nothing'
    const label = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${label}"`
  })
