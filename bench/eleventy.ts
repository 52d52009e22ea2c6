// The benchmark's side-by-side anchor: Eleventy 3 building the same
// synthetic briefs (one page per brief, five region pages, an index), as the
// issue's anchors were measured. Eleventy is installed from the npm registry
// into .cache/bench/eleventy/ on first use; nothing of it is committed.
import {execFile} from 'node:child_process'
import {cp, mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {runNode, type NodeRun} from './process-tree.js'

const run = promisify(execFile)

/** Where Eleventy and its footnote plugin are installed, once. */
export interface EleventyInstall {
  /** Eleventy's command-line entry. */
  readonly bin: string
  /** markdown-it-footnote's folder (what require() takes), for the like-for-like project. */
  readonly footnote: string
}

/** Install Eleventy 3 (and markdown-it-footnote) once. */
export async function installEleventy(work: string): Promise<EleventyInstall> {
  const dir = path.join(work, 'eleventy')
  const bin = path.join(dir, 'node_modules/@11ty/eleventy/cmd.cjs')
  const footnote = path.join(dir, 'node_modules/markdown-it-footnote')
  const present = async (file: string) => readFile(file).then(() => true).catch(() => false)
  if (!(await present(bin)) || !(await present(path.join(footnote, 'package.json')))) {
    await mkdir(dir, {recursive: true})
    await writeFile(path.join(dir, 'package.json'), '{"name": "bench-eleventy", "private": true}\n')
    await run('npm', ['install', '--no-audit', '--no-fund', '@11ty/eleventy@3', 'markdown-it-footnote@4'], {cwd: dir, maxBuffer: 16 << 20})
  }
  return {bin, footnote}
}

const regions = ['taiwan', 'china', 'us-europe', 'southeast-asia', 'oceania']

/**
 * Like-for-like with sitrep's output, as near as a few lines of
 * configuration get: citations and notes (markdown-it-footnote), and a page
 * per region of regions.yml gathering that region's section from every
 * brief, newest first, each with the notes it cites (sitrep also paginates
 * them, links citations back and escapes and checks everything). Not the
 * issue's anchor (prepareEleventy is): a second figure, to tell how much
 * of the gap is the extra work.
 */
export async function prepareEleventyFull(content: string, project: string, install: EleventyInstall): Promise<void> {
  await prepareEleventy(content, project)
  const src = path.join(project, 'src')
  const regionsYml = await readFile(path.join(content, 'regions.yml'), 'utf8')
  const names = [...regionsYml.matchAll(/^- id: (\S+)\n\s+name: (.+)$/gm)].map((m) => ({id: m[1], name: m[2]}))
  await writeFile(path.join(src, '_data/regions.json'), `${JSON.stringify(names)}\n`)
  await writeFile(
    path.join(project, 'eleventy.config.cjs'),
    `const footnote = require(${JSON.stringify(install.footnote)})
module.exports = function (config) {
  config.amendLibrary('md', (md) => md.use(footnote))
  // The section under an h2 of this text, with the footnotes it cites.
  config.addFilter('sectionOf', (html, heading) => {
    const notesAt = html.indexOf('<hr class="footnotes-sep">')
    const body = notesAt === -1 ? html : html.slice(0, notesAt)
    const part = body.split(/(?=<h2>)/).find((p) => p.startsWith('<h2>' + heading + '</h2>'))
    if (part === undefined) return ''
    const cited = new Set([...part.matchAll(/href="#fn(\\d+)"/g)].map((m) => m[1]))
    const notes = notesAt === -1 ? [] : [...html.slice(notesAt).matchAll(/<li id="fn(\\d+)" class="footnote-item">[\\s\\S]*?<\\/li>/g)]
    const items = notes.filter((m) => cited.has(m[1])).map((m) => m[0])
    return part + (items.length === 0 ? '' : '<ol class="footnotes-list">' + items.join('') + '</ol>')
  })
}
`
  )
  await writeFile(
    path.join(src, 'regions.njk'),
    '---\npagination:\n  data: regions\n  size: 1\n  alias: region\npermalink: "regions/{{ region.id }}/"\n---\n<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ region.name }}</title></head><body><main><h1>{{ region.name }}</h1>{% for brief in collections.brief | reverse %}<article><p>{{ brief.data.title }}</p>{{ brief.content | sectionOf(region.name) | safe }}</article>{% endfor %}</main></body></html>\n'
  )
}

/** An Eleventy project over a copy of the archive's briefs. */
export async function prepareEleventy(content: string, project: string): Promise<void> {
  await rm(project, {recursive: true, force: true})
  const src = path.join(project, 'src')
  await cp(path.join(content, 'briefs'), path.join(src, 'briefs'), {recursive: true})
  await mkdir(path.join(src, '_includes'), {recursive: true})
  await mkdir(path.join(src, '_data'), {recursive: true})
  await writeFile(path.join(src, 'briefs/briefs.json'), '{"layout": "brief.njk", "tags": "brief"}\n')
  await writeFile(
    path.join(src, '_includes/brief.njk'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>{{ content | safe }}</main></body></html>\n'
  )
  await writeFile(path.join(src, '_data/regions.json'), `${JSON.stringify(regions)}\n`)
  await writeFile(
    path.join(src, 'regions.njk'),
    '---\npagination:\n  data: regions\n  size: 1\n  alias: region\npermalink: "regions/{{ region }}/"\n---\n<!doctype html><html lang="en"><head><title>{{ region }}</title></head><body><h1>{{ region }}</h1><ul>{% for brief in collections.brief %}<li><a href="{{ brief.url }}">{{ brief.data.title }}</a></li>{% endfor %}</ul></body></html>\n'
  )
  await writeFile(
    path.join(src, 'index.njk'),
    '<!doctype html><html lang="en"><head><title>Index</title></head><body><h1>Briefs</h1><ul>{% for brief in collections.brief %}<li><a href="{{ brief.url }}">{{ brief.data.title }}</a></li>{% endfor %}</ul></body></html>\n'
  )
}

/** One cold Eleventy build: wall time, CPU time and peak RSS, its process's and the whole tree's (bench/process-tree.ts). */
export async function buildWithEleventy(bin: string, project: string): Promise<NodeRun> {
  await rm(path.join(project, '_site'), {recursive: true, force: true})
  return runNode(bin, ['--input=src', '--output=_site', '--quiet'], {cwd: project})
}
