// Test helper: build a content folder in memory, as the CLI builds it
// (createBuilder: load → parse → validate → link → render, assets
// included), and give tests parsed pages to query with selectors.
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {createBuilder} from '../../src/build/builder.js'

export interface BuiltSite {
  readonly files: ReadonlyMap<string, string>
  page(sitePath: string): Root
}

export const fixtureContent = path.resolve(import.meta.dirname, '../fixtures/site/content')
export const sampleContent = path.resolve(import.meta.dirname, '../../content')

export async function buildInMemory(contentDir: string): Promise<BuiltSite> {
  const result = await createBuilder({contentDir, cwd: process.cwd()}).build()
  const errors = result.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0 || !result.ok) throw new Error(`fixture has errors: ${JSON.stringify(errors)}`)
  const files = new Map([...result.files].map(([file, contents]) => [file, typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8')]))
  const cache = new Map<string, Root>()
  return {
    files,
    page(sitePath) {
      let tree = cache.get(sitePath)
      if (!tree) {
        const html = files.get(sitePath)
        if (html === undefined) throw new Error(`no page ${sitePath}`)
        tree = fromHtml(html)
        cache.set(sitePath, tree)
      }
      return tree
    }
  }
}

export const $ = (tree: Root | Element, selector: string): Element | undefined => select(selector, tree)
export const $$ = (tree: Root | Element, selector: string): Element[] => selectAll(selector, tree)
export const text = (node: Element | undefined): string => (node ? toString(node).replace(/\s+/g, ' ').trim() : '')
export const attr = (node: Element | undefined, name: string): string => {
  const value = node?.properties[name]
  return Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? '' : String(value)
}

/** Resolve an href found on the page at `from` (a site path) to a site path and fragment. */
export function resolveHref(from: string, href: string, baseUrl: string): {path: string; fragment: string} | undefined {
  const base = new URL(baseUrl)
  const url = new URL(href, new URL(from, base))
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined
  let sitePath = decodeURIComponent(url.pathname.slice(base.pathname.length))
  if (sitePath === '' || sitePath.endsWith('/')) sitePath += 'index.html'
  return {path: sitePath, fragment: decodeURIComponent(url.hash.slice(1))}
}
