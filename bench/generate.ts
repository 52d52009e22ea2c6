// The benchmark's synthetic archive: N briefs shaped like real weekly
// updates (about 27 KB, 3-5 region sections with `###` topics, about 50
// notes with repeats, adjacent citations, multi-source and defanged notes),
// generated deterministically from a seed so every run measures the same text.
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

export function brief(i: number, seed = 1): {file: string; text: string} {
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
  return {file: `briefs/${date.slice(0, 4)}/${slug}.md`, text: [...frontmatter, ...body, ...notes, ''].join('\n')}
}

/** Write the archive into `dir` (replacing it). */
export async function generate(dir: string, options: GenerateOptions): Promise<void> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  await writeFile(path.join(dir, 'site.yml'), siteYaml())
  await writeFile(path.join(dir, 'regions.yml'), regionsYaml())
  for (let i = 0; i < options.briefs; i++) {
    const {file, text} = brief(i, options.seed)
    await mkdir(path.join(dir, path.dirname(file)), {recursive: true})
    await writeFile(path.join(dir, file), text)
  }
}
