import {describe, expect, it} from 'vitest'
import {parseFeed} from '@rowanmanning/feed-parser'
import {atom, type Feed} from '../../src/render/feeds.js'
import {parseXml} from '../helpers/inert.js'

const feed = (title: string, summary = 'S'): Feed => ({
  title: 'Site',
  subtitle: 'Sub',
  self: 'https://x.example/feed.xml',
  alternate: 'https://x.example/',
  language: 'en',
  author: 'Institute',
  entries: [{title, url: 'https://x.example/briefs/a/', date: '2024-02-22', authors: [{name: 'A', org: 'B'}], summary, html: `<p>${summary}</p>`}]
})

describe('atom', () => {
  it('escapes "]]>", which XML forbids in text, wherever a brief puts it', () => {
    const xml = atom(feed('a ]]> b', 'Patrols ]]> near Kinmen.'))
    expect(xml).not.toContain(']]>')
    expect(xml).toContain('<title>a ]]&gt; b</title>')
    expect(() => parseXml(xml)).not.toThrow()
    expect(parseFeed(xml).items[0]?.title).toBe('a ]]> b')
  })

  it('drops characters XML cannot carry (YAML escapes can write them)', () => {
    const xml = atom(feed('a\u0001b\uFFFEc\uD800d', 'tab\tand\nline stay'))
    expect(xml).toContain('<title>abcd</title>')
    expect(xml).toContain('tab\tand\nline stay')
    expect(parseFeed(xml).items[0]?.title).toBe('abcd')
  })
})
