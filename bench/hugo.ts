// Hugo building the same synthetic briefs (--compare): Hugo is not on npm
// in a usable form, so it is used if it is on the PATH (Debian and Ubuntu:
// `apt-get install hugo`; or a release from https://gohugo.io) and its row
// is skipped otherwise. Nothing of it is committed.
//
// What it builds, HTML only (no RSS, sitemap, robots.txt or 404 page): a
// page per brief (Goldmark, Hugo's default Markdown: footnotes, i.e.
// citations and notes, are rendered, and bare URLs linked), the home page
// and the briefs section page listing every brief, and a `regions`
// taxonomy: a page per region listing the briefs with a section on it
// (from the `regions` key bench/copy-briefs.ts adds) and the list of regions.
import {execFile} from 'node:child_process'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {copyBriefs} from './copy-briefs.js'
import {runTree} from './process-tree.js'

const run = promisify(execFile)

export const hugoMissing = 'Hugo is not installed: skipping its row. Install it with `apt-get install hugo` (Debian, Ubuntu) or from https://gohugo.io/installation/, then run again.'

/** Hugo's version line, or undefined if there is no `hugo` on the PATH. */
export async function hugoVersion(): Promise<string | undefined> {
  try {
    const {stdout} = await run('hugo', ['version'])
    return stdout.trim()
  } catch {
    return undefined
  }
}

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>\n`

/** A Hugo project over a copy of the archive's briefs. */
export async function prepareHugo(content: string, project: string): Promise<void> {
  await rm(project, {recursive: true, force: true})
  await copyBriefs(content, path.join(project, 'content/briefs'))
  const layouts = path.join(project, 'layouts/_default')
  await mkdir(layouts, {recursive: true})
  await writeFile(
    path.join(project, 'hugo.toml'),
    [
      "baseURL = 'https://bench.example.org/'",
      "languageCode = 'en'",
      "title = 'Bench Watch'",
      'buildFuture = true',
      "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404']",
      '[taxonomies]',
      "  region = 'regions'",
      ''
    ].join('\n')
  )
  await writeFile(path.join(layouts, 'single.html'), page('{{ .Title }}', '{{ .Content }}'))
  // Section, taxonomy (the regions) and term (one region's briefs) pages.
  await writeFile(path.join(layouts, 'list.html'), page('{{ .Title }}', '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'))
  await writeFile(path.join(project, 'layouts/index.html'), page('Briefs', '<ul>{{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'))
}

/** One cold Hugo build (`hugo --quiet`, no output, resources or cache left from before): wall time, CPU and peak RSS. */
export async function buildWithHugo(project: string): Promise<{milliseconds: number; cpuMs?: number; maxRssMb: number; treeCpuMs?: number; treeRssMb: number}> {
  const cache = path.join(project, '.hugo-cache')
  for (const dir of ['public', 'resources', cache]) await rm(path.join(project, dir), {recursive: true, force: true})
  const result = await runTree('hugo', ['--quiet', '--cacheDir', cache], {cwd: project})
  if (result.code !== 0) throw new Error(`hugo exited ${result.code}: ${result.stderr}`)
  // Hugo is one process: its CPU is the tree's, its peak RSS its own VmHWM as last sampled.
  return {
    milliseconds: result.milliseconds,
    ...(result.treeCpuMs === undefined ? {} : {cpuMs: result.treeCpuMs, treeCpuMs: result.treeCpuMs}),
    maxRssMb: result.rootRssMb,
    treeRssMb: result.treeRssMb
  }
}
