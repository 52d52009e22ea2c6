// Astro 5 building the same synthetic briefs (--compare, unless
// --skip-astro). Astro is installed from the npm registry into
// .cache/bench/astro/ on first use, and each archive size's project lives
// beside it (.cache/bench/astro/site-n<N>/), so it finds Astro by Node's
// ordinary lookup; nothing of it is committed.
//
// What it builds, static output: a content collection of the briefs (the
// glob loader over Markdown files with YAML front matter, no schema;
// Astro's Markdown: remark with GFM, so citations and notes are rendered,
// and smartypants), a page per brief (src/pages/briefs/[...slug].astro
// rendering the brief), a home page listing every brief and a page per
// region listing the briefs with a section on it (from the `regions` key
// bench/copy-briefs.ts adds).
import {execFile} from 'node:child_process'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {copyBriefs} from './copy-briefs.js'
import {runNode, type NodeRun} from './process-tree.js'

const run = promisify(execFile)

/** Install Astro 5 once; returns its command-line entry. */
export async function installAstro(work: string): Promise<string> {
  const dir = path.join(work, 'astro')
  const bin = path.join(dir, 'node_modules/astro/astro.js')
  if (!(await readFile(bin).then(() => true).catch(() => false))) {
    await mkdir(dir, {recursive: true})
    await writeFile(path.join(dir, 'package.json'), '{"name": "bench-astro", "private": true}\n')
    await run('npm', ['install', '--no-audit', '--no-fund', 'astro@5'], {cwd: dir, maxBuffer: 16 << 20})
  }
  return bin
}

const head = (title: string) => `<head><meta charset="utf-8"><title>${title}</title></head>`

/** An Astro project over a copy of the archive's briefs, in `project` (under the install folder). */
export async function prepareAstro(content: string, project: string): Promise<void> {
  await rm(project, {recursive: true, force: true})
  await copyBriefs(content, path.join(project, 'src/briefs'))
  const pages = path.join(project, 'src/pages')
  await mkdir(path.join(pages, 'briefs'), {recursive: true})
  await mkdir(path.join(pages, 'regions'), {recursive: true})
  await writeFile(path.join(project, 'package.json'), '{"name": "bench-astro-site", "private": true, "type": "module"}\n')
  // Caches inside the project, so a cold build removes them with it.
  await writeFile(path.join(project, 'astro.config.mjs'), "export default {site: 'https://bench.example.org/', cacheDir: './.astro-cache', vite: {cacheDir: './.vite-cache'}}\n")
  await writeFile(
    path.join(project, 'src/content.config.mjs'),
    `import {defineCollection} from 'astro:content'
import {glob} from 'astro/loaders'
export const collections = {briefs: defineCollection({loader: glob({pattern: '**/*.md', base: './src/briefs'})})}
`
  )
  await writeFile(
    path.join(pages, 'briefs/[...slug].astro'),
    `---
import {getCollection, render} from 'astro:content'
export async function getStaticPaths() {
  const briefs = await getCollection('briefs')
  return briefs.map((brief) => ({params: {slug: brief.id}, props: {brief}}))
}
const {brief} = Astro.props
const {Content} = await render(brief)
---
<html lang="en">${head('{brief.data.title}')}<body><main><h1>{brief.data.title}</h1><Content /></main></body></html>
`
  )
  await writeFile(
    path.join(pages, 'regions/[region].astro'),
    `---
import {getCollection} from 'astro:content'
export async function getStaticPaths() {
  const briefs = await getCollection('briefs')
  const regions = [...new Set(briefs.flatMap((brief) => brief.data.regions))]
  return regions.map((region) => ({params: {region}, props: {region, briefs: briefs.filter((brief) => brief.data.regions.includes(region))}}))
}
const {region, briefs} = Astro.props
---
<html lang="en">${head('{region}')}<body><main><h1>{region}</h1><ul>{briefs.map((brief) => <li><a href={\`/briefs/\${brief.id}/\`}>{brief.data.title}</a></li>)}</ul></main></body></html>
`
  )
  await writeFile(
    path.join(pages, 'index.astro'),
    `---
import {getCollection} from 'astro:content'
const briefs = await getCollection('briefs')
---
<html lang="en">${head('Briefs')}<body><main><h1>Briefs</h1><ul>{briefs.map((brief) => <li><a href={\`/briefs/\${brief.id}/\`}>{brief.data.title}</a></li>)}</ul></main></body></html>
`
  )
}

/** One cold `astro build` (no output, content-layer store or Vite cache left from before): wall time, CPU and peak RSS. */
export async function buildWithAstro(bin: string, project: string): Promise<NodeRun> {
  for (const dir of ['dist', '.astro', '.astro-cache', '.vite-cache', 'node_modules/.astro']) await rm(path.join(project, dir), {recursive: true, force: true})
  return runNode(bin, ['build', '--silent'], {cwd: project, env: {...process.env, ASTRO_TELEMETRY_DISABLED: '1'}})
}
