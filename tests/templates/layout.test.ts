// The page shell's <head>: the site's icon is linked from every page, at
// every depth, relative like the stylesheet (root-relative on the 404 page).
import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import type {Element, ElementContent, Root} from 'hast'
import {testSite} from '../helpers/site.js'
import {layout} from '../../templates/layout.js'

const site = testSite({baseUrl: 'https://x.example/archive/', regions: []})

function isElement(node: ElementContent | Root['children'][number] | undefined, tagName: string): node is Element {
  return node?.type === 'element' && node.tagName === tagName
}

/** The <link rel=icon> elements of the page's <head>, in order. */
function iconLinks(dir: string, rootRelative = false): Element[] {
  const html = layout({site, dir, title: 'P', description: 'D', rootRelative}, []).children.find((node) => isElement(node, 'html'))
  const head = isElement(html, 'html') ? html.children.find((node) => isElement(node, 'head')) : undefined
  if (!isElement(head, 'head')) throw new Error('no <head>')
  return head.children.filter((node): node is Element => isElement(node, 'link') && String(node.properties.rel) === 'icon')
}

const icons = (prefix: string) => [
  h('link', {rel: 'icon', href: `${prefix}favicon.ico`, sizes: '16x16 32x32'}),
  h('link', {rel: 'icon', href: `${prefix}assets/favicon.svg`, type: 'image/svg+xml'})
]

describe('layout', () => {
  it('links the icon from the home page', () => {
    expect(iconLinks('')).toEqual(icons(''))
  })

  it('links the icon from pages one and two folders deep, and from a file in a folder', () => {
    expect(iconLinks('archive/')).toEqual(icons('../'))
    expect(iconLinks('briefs/week-one/')).toEqual(icons('../../'))
    expect(iconLinks('regions/taiwan/sections-1-1.html')).toEqual(icons('../../'))
  })

  it('links the icon root-relative, under the base URL\'s path, from the 404 page', () => {
    expect(iconLinks('404.html', true)).toEqual(icons('/archive/'))
  })
})
