// The benchmark's archive with maps (bench/generate.ts, `npm run bench -- --maps`):
// each brief shows a map of its own, the same bytes for the same seed, and
// the briefs' text is otherwise the archive without maps.
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import {afterAll, describe, expect, it} from 'vitest'
import {createBuilder} from '../../src/build/builder.js'
import {brief, briefMap, generate, mapPng} from '../../bench/generate.js'

const temp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-bench-maps-'))
afterAll(() => rm(temp, {recursive: true, force: true}))

describe('the bench archive with maps', () => {
  it('adds one figure to a brief and leaves the rest of its text as it was', () => {
    for (const i of [0, 1, 7]) {
      const plain = brief(i)
      const mapped = brief(i, 1, {map: true})
      expect(plain.map).toBeUndefined()
      expect(mapped.file).toBe(plain.file)
      const figure = /\n!\[(.+)\]\(\.\.\/\.\.\/maps\/([^ )]+) "([^"]+)"\)\nMap: .+\n\n/.exec(mapped.text)
      expect(figure).not.toBeNull()
      expect(`maps/${figure?.[2] ?? ''}`).toBe(mapped.map?.file)
      expect(figure?.[1]).toMatch(/^Map of a stretch of sea with .+ islands/)
      expect(mapped.text.replace(figure?.[0] ?? '', '\n')).toBe(plain.text)
    }
  })

  it('draws the same map for the same seed and another for another brief', () => {
    expect(briefMap(3)).toEqual(briefMap(3))
    expect(briefMap(3).svg).not.toBe(briefMap(4).svg)
    expect(briefMap(3, 2).svg).not.toBe(briefMap(3).svg)
  })

  it('rasterises a map to the same 2000×1500 PNG bytes every time', {timeout: 60_000}, async () => {
    const [a, again, b] = await Promise.all([mapPng(briefMap(0).svg), mapPng(briefMap(0).svg), mapPng(briefMap(1).svg)])
    expect(a.equals(again)).toBe(true)
    expect(a.equals(b)).toBe(false)
    expect(await sharp(a).metadata()).toMatchObject({format: 'png', width: 2000, height: 1500})
    expect(a.length).toBeGreaterThan(30_000)
    expect(a.length).toBeLessThan(300_000)
  })

  it('writes briefs whose figures check clean', {timeout: 60_000}, async () => {
    const content = path.join(temp, 'content')
    await generate(content, {briefs: 2, maps: true})
    const written = await readFile(path.join(content, brief(1, 1, {map: true}).map?.file ?? ''))
    expect(written.equals(await mapPng(briefMap(1).svg))).toBe(true)
    const check = await createBuilder({contentDir: content, cwd: temp}).check()
    expect(check.diagnostics).toEqual([])
    expect(check.ok).toBe(true)
  })
})
