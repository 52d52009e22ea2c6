import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {displayPath, isInside} from '../src/paths.js'

describe('isInside', () => {
  it.each([
    ['/a/b/c', '/a/b', true],
    ['/a/b/c/d.md', '/a/b', true],
    ['/a/b', '/a/b', true],
    ['/a/b/', '/a/b', true],
    ['/a/b', '/a/b/', true],
    ['/a/b/c', '/a/b/', true],
    ['/a/bc', '/a/b', false],
    ['/a/bc/d', '/a/b', false],
    ['/a', '/a/b', false],
    ['/x', '/a/b', false],
    ['/a/b/../c', '/a/b', false],
    ['/a/b/c/..', '/a/b', true],
    ['/a/c/../b/d', '/a/b', true],
    ['/a/b/..c', '/a/b', true],
    ['/a/b/c', '/', true],
    ['/', '/', true]
  ])('%s in %s: %s', (target, root, expected) => {
    expect(isInside(target, root)).toBe(expected)
  })
})

describe('displayPath', () => {
  const cwd = '/work/project'

  it('shows a path inside the working directory relative to it, /-separated', () => {
    expect(displayPath(path.join(cwd, 'content', 'briefs', 'a.md'), cwd)).toBe('content/briefs/a.md')
  })

  it('shows the working directory itself as .', () => {
    expect(displayPath(cwd, cwd)).toBe('.')
    expect(displayPath(`${cwd}/`, cwd, {folder: true})).toBe('.')
  })

  it('shows a folder with a trailing /', () => {
    expect(displayPath(`${cwd}/site`, cwd, {folder: true})).toBe('site/')
    expect(displayPath(`${cwd}/a/site`, cwd, {folder: true})).toBe('a/site/')
  })

  it('shows a path outside the working directory whole', () => {
    expect(displayPath('/tmp/site/index.html', cwd)).toBe('/tmp/site/index.html')
    expect(displayPath('/work/projection/a.md', cwd)).toBe('/work/projection/a.md')
    expect(displayPath('/work', cwd)).toBe('/work')
  })

  it('shows a folder outside it whole, with one trailing /', () => {
    expect(displayPath('/tmp/site', cwd, {folder: true})).toBe('/tmp/site/')
    expect(displayPath('/tmp/site/', cwd, {folder: true})).toBe('/tmp/site/')
    expect(displayPath('/', cwd, {folder: true})).toBe('/')
  })

  it('keeps a name that only starts with two dots inside', () => {
    expect(displayPath(`${cwd}/..notes/a.md`, cwd)).toBe('..notes/a.md')
  })
})
