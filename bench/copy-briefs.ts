// The archive's briefs copied for another generator (Hugo, Astro), each
// with one front-matter key added: `regions`, the ids of the regions its
// `## Region` sections cover (what sitrep's region pages gather), so the
// other generator can build a page per region from front matter alone.
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

/** The regions of regions.yml as name → id. */
export function regionIds(regionsYml: string): Map<string, string> {
  return new Map([...regionsYml.matchAll(/^- id: (\S+)\n\s+name: (.+)$/gm)].map((m) => [m[2] ?? '', m[1] ?? '']))
}

/** The ids of the regions whose `## Name` headings a brief has, in order, once each. */
export function regionsOf(text: string, ids: ReadonlyMap<string, string>): string[] {
  const found = [...text.matchAll(/^## (.+)$/gm)].flatMap((m) => {
    const id = ids.get((m[1] ?? '').trim())
    return id === undefined ? [] : [id]
  })
  return [...new Set(found)]
}

/** The brief with `regions: [a, b]` as the first key of its YAML front matter. */
export function withRegions(text: string, regions: readonly string[]): string {
  if (!text.startsWith('---\n')) throw new Error('a brief without front matter')
  return `---\nregions: [${regions.join(', ')}]\n${text.slice(4)}`
}

/** Copy content/briefs/**.md into `dest` (same relative paths), each with its `regions` key; returns how many. */
export async function copyBriefs(content: string, dest: string): Promise<number> {
  const ids = regionIds(await readFile(path.join(content, 'regions.yml'), 'utf8'))
  const from = path.join(content, 'briefs')
  const files = (await readdir(from, {recursive: true})).filter((file) => file.endsWith('.md'))
  for (const file of files) {
    const text = await readFile(path.join(from, file), 'utf8')
    await mkdir(path.dirname(path.join(dest, file)), {recursive: true})
    await writeFile(path.join(dest, file), withRegions(text, regionsOf(text, ids)))
  }
  return files.length
}
