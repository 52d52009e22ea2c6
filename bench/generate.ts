// The benchmark's synthetic archive: N briefs shaped like real weekly
// updates (about 27 KB, 3-5 region sections with `###` topics, about 50
// notes with repeats, adjacent citations, multi-source and defanged notes),
// generated deterministically from a seed so every run measures the same text.
// With `maps: true` each brief also shows one figure: its own 2000×1500 PNG
// map under `maps/` (drawn from the same seed, so the same bytes every time),
// for measuring build-time image processing.
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

/** mulberry32: a tiny deterministic PRNG (Math.random cannot be seeded); the fault tests draw their kill delays from it too. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const regions = [
  {id: 'taiwan', name: 'Taiwan', group: 'Cross-Strait Relations'},
  {id: 'china', name: 'China', group: 'Cross-Strait Relations'},
  {id: 'us-europe', name: 'United States and Europe'},
  {id: 'southeast-asia', name: 'Southeast Asia'},
  {id: 'northeast-asia', name: 'Northeast Asia'},
  {id: 'oceania', name: 'Oceania'}
]

const words = (
  'coast guard patrol vessel ministry statement delegation exercise strait island fishing boat inspection ' +
  'sovereignty waters cable network election legislature committee budget defense policy sanctions bank ' +
  'payment summit minister spokesperson official campaign pressure deterrence alliance compact funding ' +
  'parliament agreement port infrastructure investment trade export tariff semiconductor shipment survey'
).split(' ')

const hosts = ['news.example.com.tw', 'www.example.gov', 'english.example.cn', 'www.reuters.example', 'asia.example.com', 'www.example.org.au']
const defangedHosts = ['udn dot com', 'www.mfa dot gov.cn', 'news.ltn dot com.tw', 'www.chinatimes dot com']

export interface GenerateOptions {
  readonly briefs: number
  readonly seed?: number
  /** Give each brief one figure showing a map of its own (see briefMap); off by default. */
  readonly maps?: boolean
}

export function siteYaml(): string {
  return 'title: Bench Watch\nbaseUrl: https://bench.example.org/\nlanguage: en\npageSize: 20\nzoneNames:\n  "-05:00": ET\n'
}

export function regionsYaml(): string {
  return regions.map((r) => `- id: ${r.id}\n  name: ${r.name}\n${r.group === undefined ? '' : `  group: ${r.group}\n`}`).join('')
}

/** The date of brief i: daily from 2015-01-01 (several series publish on the same day). */
function dayOf(i: number): string {
  const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(i / 3) * 86_400_000)
  return date.toISOString().slice(0, 10)
}

export interface GeneratedBrief {
  /** Relative to the content folder. */
  readonly file: string
  readonly text: string
  /** With `map`: the map the brief's figure shows, as an SVG to rasterise with mapPng (at `file`, relative to the content folder). */
  readonly map?: {readonly file: string; readonly svg: string}
}

/**
 * Brief i of the archive. With `map`, its first topic's first paragraph is
 * followed by a figure (alt text, caption, credit line) showing its own map;
 * the map is drawn from a generator of its own, so the rest of the text is
 * the same as without it.
 */
export function brief(i: number, seed = 1, options: {readonly map?: boolean} = {}): GeneratedBrief {
  const random = prng(seed * 1_000_003 + i)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min))
    const list = Array.from({length: n}, () => pick(words))
    const first = list[0] ?? 'the'
    list[0] = first.charAt(0).toUpperCase() + first.slice(1)
    if (random() < 0.2) list[Math.floor(n / 2)] = `*${list[Math.floor(n / 2)] ?? ''}*`
    return list.join(' ')
  }
  const series = ['china-taiwan', 'pacific-monitor', 'daily-brief'][i % 3] ?? 'china-taiwan'
  const date = dayOf(i)
  const slug = `${series}-${date}`
  const noteCount = 45 + Math.floor(random() * 10)
  const sectionCount = 3 + Math.floor(random() * 3)
  const chosen = [...regions].sort(() => random() - 0.5).slice(0, sectionCount)
  chosen.sort((a, b) => regions.indexOf(a) - regions.indexOf(b))

  let next = 1
  const cite = () => {
    // Reuse an earlier note a fifth of the time; otherwise the next new one.
    if (next > 1 && (random() < 0.2 || next > noteCount)) return `[^${1 + Math.floor(random() * (next - 1))}]`
    return `[^${next++}]`
  }
  const takeaways = Array.from({length: 4}, () => `${sentence(12, 22)}.`)
  const body: string[] = []
  let takeaway = 0
  let figureAt: number | undefined
  for (const region of chosen) {
    body.push(`## ${region.name}`, '')
    const topics = 1 + Math.floor(random() * 3)
    for (let t = 0; t < topics; t++) {
      body.push(`### ${sentence(3, 6)}`, '')
      const paragraphs = 2 + Math.floor(random() * 3)
      for (let p = 0; p < paragraphs; p++) {
        const parts: string[] = []
        if (p === 0 && takeaway < takeaways.length) parts.push(takeaways[takeaway++] ?? '')
        const sentences = 3 + Math.floor(random() * 4)
        for (let s = 0; s < sentences; s++) {
          const adjacent = random() < 0.15
          parts.push(`${sentence(14, 30)}.${next <= noteCount || random() < 0.5 ? cite() : ''}${adjacent && next <= noteCount ? cite() : ''}`)
        }
        body.push(parts.join(' '), '')
        figureAt ??= body.length
      }
    }
  }
  // Every note up to the last one used, so numbering is 1..N in order of first citation.
  const notes: string[] = []
  for (let n = 1; n < next; n++) {
    const sources = random() < 0.2 ? 2 + Math.floor(random() * 2) : 1
    const lines = Array.from({length: sources}, () =>
      random() < 0.4
        ? `https://${pick(defangedHosts)}/news/story/${Math.floor(random() * 1e6)}/${Math.floor(random() * 1e7)}`
        : `https://${pick(hosts)}/${pick(words)}/${2015 + Math.floor(random() * 10)}/${pick(words)}-${pick(words)}-${Math.floor(random() * 1e5)}.html`
    )
    notes.push(`[^${n}]: ${lines.join('\n    ')}`)
  }
  const frontmatter = [
    '---',
    `title: Bench update ${i + 1}, ${date}`,
    `date: ${date}`,
    `cutoff: ${date}T17:00-05:00`,
    `series: ${series}`,
    'summary: A synthetic series for measuring sitrep.',
    'authors:',
    '  - name: Ann Analyst',
    '    org: Bench Institute',
    'editors:',
    '  - name: Ed Editor',
    '    org: Bench Foundation',
    'takeaways:',
    ...takeaways.map((t) => `  - ${JSON.stringify(t)}`),
    '---',
    ''
  ]
  const file = `briefs/${date.slice(0, 4)}/${slug}.md`
  if (!options.map) return {file, text: [...frontmatter, ...body, ...notes, ''].join('\n')}
  const map = briefMap(i, seed)
  const mapFile = `maps/${slug}.png`
  const figure = [
    `![${map.alt}](../../${mapFile} "${map.caption}, week to ${date}")`,
    'Map: Bench Institute, from synthetic ship-tracking data',
    ''
  ]
  body.splice(figureAt ?? body.length, 0, ...figure)
  return {file, text: [...frontmatter, ...body, ...notes, ''].join('\n'), map: {file: mapFile, svg: map.svg}}
}

/** Map size in pixels: the issue's 2000×1500. */
export const mapWidth = 2000
export const mapHeight = 1500

type Point = readonly [number, number]

/** Where a point lies, in words: "northwest", "centre", "south"... */
function placeOf([x, y]: Point): string {
  const ns = y < mapHeight / 3 ? 'north' : y > (2 * mapHeight) / 3 ? 'south' : ''
  const ew = x < mapWidth / 3 ? 'west' : x > (2 * mapWidth) / 3 ? 'east' : ''
  return ns + ew || 'centre'
}

const counted = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const count = (n: number, one: string, many = `${one}s`) => `${counted[n] ?? String(n)} ${n === 1 ? one : many}`

/**
 * Brief i's map: a stretch of sea with islands, a dashed claim line, a
 * grid, vessel tracks and incident markers, placed by a seeded PRNG and
 * drawn in flat colours (so the PNG is about 100 KB), with an alt text
 * that says what is where and a caption. No text in the image: fonts
 * differ between machines, and the bytes must not.
 */
export function briefMap(i: number, seed = 1): {svg: string; alt: string; caption: string} {
  const random = prng((seed * 1_000_003 + i) ^ 0x5bd1e995)
  const between = (min: number, max: number) => min + random() * (max - min)
  const round = (n: number) => Math.round(n * 10) / 10
  const points = (list: readonly Point[]) => list.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')
  const shapes: string[] = []
  // A light grid every 250 px.
  for (let x = 250; x < mapWidth; x += 250) shapes.push(`<line x1="${x}" y1="0" x2="${x}" y2="${mapHeight}" stroke="#b7cfdd" stroke-width="2"/>`)
  for (let y = 250; y < mapHeight; y += 250) shapes.push(`<line x1="0" y1="${y}" x2="${mapWidth}" y2="${y}" stroke="#b7cfdd" stroke-width="2"/>`)
  // Islands: irregular polygons around random centres, the first the largest.
  const islands: {centre: Point; radius: number}[] = []
  const islandCount = 2 + Math.floor(random() * 4)
  for (let k = 0; k < islandCount; k++) {
    const centre: Point = [between(150, mapWidth - 150), between(150, mapHeight - 150)]
    const radius = k === 0 ? between(220, 320) : between(50, 160)
    islands.push({centre, radius})
    const corners = 14 + Math.floor(random() * 12)
    const outline = Array.from({length: corners}, (_, c): Point => {
      const angle = (2 * Math.PI * c) / corners
      const r = radius * between(0.65, 1.15)
      return [centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)]
    })
    shapes.push(`<polygon points="${points(outline)}" fill="#e9e2cc" stroke="#8f8466" stroke-width="4"/>`)
  }
  // A dashed claim line across the map, west to east.
  const claimY = between(mapHeight * 0.25, mapHeight * 0.75)
  const claim = Array.from({length: 9}, (_, c): Point => [(mapWidth * c) / 8, claimY + between(-120, 120)])
  shapes.push(`<polyline points="${points(claim)}" fill="none" stroke="#b03a2e" stroke-width="6" stroke-dasharray="40 24"/>`)
  // Vessel tracks: from one edge region to another, in two colours.
  const trackCount = 2 + Math.floor(random() * 3)
  const tracks: {from: Point; to: Point}[] = []
  for (let k = 0; k < trackCount; k++) {
    const from: Point = [between(80, mapWidth - 80), between(80, mapHeight - 80)]
    const to: Point = [between(80, mapWidth - 80), between(80, mapHeight - 80)]
    const legs = 5 + Math.floor(random() * 6)
    const path = Array.from({length: legs + 1}, (_, l): Point => {
      const t = l / legs
      const wobble = l === 0 || l === legs ? 0 : 90
      return [from[0] + (to[0] - from[0]) * t + between(-wobble, wobble), from[1] + (to[1] - from[1]) * t + between(-wobble, wobble)]
    })
    tracks.push({from, to})
    shapes.push(`<polyline points="${points(path)}" fill="none" stroke="${k % 2 === 0 ? '#1f4e8c' : '#c8641e'}" stroke-width="8" stroke-linejoin="round"/>`)
    shapes.push(`<circle cx="${round(to[0])}" cy="${round(to[1])}" r="16" fill="${k % 2 === 0 ? '#1f4e8c' : '#c8641e'}"/>`)
  }
  // Incidents: red diamonds, clustered around one place.
  const incidentCount = 3 + Math.floor(random() * 6)
  const hub: Point = [between(300, mapWidth - 300), between(300, mapHeight - 300)]
  for (let k = 0; k < incidentCount; k++) {
    const [x, y] = [hub[0] + between(-260, 260), hub[1] + between(-200, 200)]
    shapes.push(`<polygon points="${points([[x, y - 26], [x + 26, y], [x, y + 26], [x - 26, y]])}" fill="#d7263d" stroke="#ffffff" stroke-width="4"/>`)
  }
  // A legend box in a corner (swatches only).
  shapes.push(`<rect x="40" y="${mapHeight - 240}" width="260" height="200" fill="#ffffff" stroke="#445566" stroke-width="3"/>`)
  ;['#e9e2cc', '#1f4e8c', '#c8641e', '#d7263d'].forEach((fill, k) => {
    shapes.push(`<rect x="64" y="${mapHeight - 220 + k * 44}" width="60" height="28" fill="${fill}" stroke="#445566" stroke-width="2"/>`)
    shapes.push(`<rect x="140" y="${mapHeight - 210 + k * 44}" width="${80 + Math.floor(random() * 60)}" height="8" fill="#8899aa"/>`)
  })
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mapWidth}" height="${mapHeight}" viewBox="0 0 ${mapWidth} ${mapHeight}">` +
    `<rect width="${mapWidth}" height="${mapHeight}" fill="#cfe3ef"/>${shapes.join('')}</svg>`
  const largest = islands[0]
  const trackText = tracks.map((t) => `from the ${placeOf(t.from)} to the ${placeOf(t.to)}`)
  const alt =
    `Map of a stretch of sea with ${count(islandCount, 'island')}, the largest in the ${placeOf(largest?.centre ?? [0, 0])}, ` +
    `and a dashed claim line running west to east across it. ` +
    `${capitalise(count(trackCount, 'vessel track'))} run ${trackText.join(', ')}, ` +
    `and ${count(incidentCount, 'incident')} are marked together in the ${placeOf(hub)}, ${hub[1] < claimY ? 'north' : 'south'} of the claim line.`
  return {svg, alt, caption: `Vessel tracks and ${count(incidentCount, 'incident')} in the ${placeOf(hub)} of the area`}
}

/** A map's SVG rasterised to PNG (sharp, loaded on first use so the briefs alone need no native module). */
export async function mapPng(svg: string): Promise<Buffer> {
  const {default: sharp} = await import('sharp')
  return sharp(Buffer.from(svg)).png({compressionLevel: 9}).toBuffer()
}

/** Write the archive into `dir` (replacing it). */
export async function generate(dir: string, options: GenerateOptions): Promise<void> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  await writeFile(path.join(dir, 'site.yml'), siteYaml())
  await writeFile(path.join(dir, 'regions.yml'), regionsYaml())
  for (let i = 0; i < options.briefs; i++) await writeBrief(dir, brief(i, options.seed, {map: options.maps === true}))
}

/** Write one generated brief (and its map, if it has one) into the content folder `dir`. */
export async function writeBrief(dir: string, generated: GeneratedBrief): Promise<void> {
  await mkdir(path.join(dir, path.dirname(generated.file)), {recursive: true})
  await writeFile(path.join(dir, generated.file), generated.text)
  if (generated.map === undefined) return
  await mkdir(path.join(dir, path.dirname(generated.map.file)), {recursive: true})
  await writeFile(path.join(dir, generated.map.file), await mapPng(generated.map.svg))
}
