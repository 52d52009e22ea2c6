// Temporary content folders for tests: the shared settings of
// tests/fixtures/check/_shared, a rule's fixture folder copied over them, and
// any files a test writes itself (binary data, symbolic links, big files).
import {cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Diagnostic} from '../../src/diagnostics/diagnostic.js'
import {checkArchive, type CheckResult} from '../../src/build/check.js'
import {parseBrief, type BriefResult} from '../../src/build/compile.js'

export const fixturesDir = fileURLToPath(new URL('../fixtures/check/', import.meta.url))
export const sharedDir = path.join(fixturesDir, '_shared')

export interface ContentOptions {
  /** A fixture folder under tests/fixtures/check/, e.g. 'citation/undefined'. */
  readonly fixture?: string
  /** Start from _shared's site.yml and regions.yml (default true). */
  readonly shared?: boolean
  /** More files, by path inside content/. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>
}

export interface TempContent {
  /** The working directory: diagnostics name files relative to it (`content/briefs/x.md`). */
  readonly root: string
  readonly contentDir: string
  write(relative: string, data: string | Uint8Array): Promise<string>
  link(relative: string, target: string): Promise<string>
  /** The check `sitrep check` runs (checkArchive: the builder's), without a cache. */
  check(): Promise<CheckResult>
  /**
   * One brief file of this folder through the parser and validator alone,
   * with the site's regions: its full AST, for assertions on what the
   * archive's skeletons do not carry (prose, citations, every source).
   */
  readonly parse: (relative: string) => Promise<BriefResult>
}

const made: string[] = []

export async function tempContent(options: ContentOptions = {}): Promise<TempContent> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-test-'))
  made.push(root)
  const contentDir = path.join(root, 'content')
  await mkdir(path.join(contentDir, 'briefs'), {recursive: true})
  if (options.shared ?? true) {
    for (const name of ['site.yml', 'regions.yml']) await cp(path.join(sharedDir, name), path.join(contentDir, name))
  }
  if (options.fixture !== undefined) await cp(path.join(fixturesDir, options.fixture), contentDir, {recursive: true})
  const write = async (relative: string, data: string | Uint8Array): Promise<string> => {
    const target = path.join(contentDir, relative)
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, data)
    return target
  }
  for (const [relative, data] of Object.entries(options.files ?? {})) await write(relative, data)
  return {
    root,
    contentDir,
    write,
    async link(relative, target) {
      const at = path.join(contentDir, relative)
      await mkdir(path.dirname(at), {recursive: true})
      await symlink(target, at)
      return at
    },
    check: () => checkArchive({contentDir, cwd: root}),
    parse: async (relative) => {
      const site = (await checkArchive({contentDir, cwd: root})).site
      const file = path.join(contentDir, relative)
      return parseBrief({file: path.relative(root, file), value: await readFile(file, 'utf8')}, site ? {regions: site.regions, limits: site.settings} : {})
    }
  }
}

/** An empty temporary folder, removed by removeTempContent. */
export async function tempDir(prefix = 'sitrep-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Remove every folder tempContent and tempDir made (call in afterAll). */
export async function removeTempContent(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, {recursive: true, force: true})))
}

/** One diagnostic in a line: `content/briefs/x.md:12:1 error region/unknown`. */
export function short(d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'severity' | 'rule'>): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`
}

/** Check a rule's fixture folder; the diagnostics in the `short` form, sorted as reported. */
export async function checkFixture(
  fixture: string,
  options: Omit<ContentOptions, 'fixture'> = {}
): Promise<{list: string[]; result: CheckResult; parse: TempContent['parse']}> {
  const content = await tempContent({...options, fixture})
  const result = await content.check()
  return {list: result.diagnostics.map(short), result, parse: content.parse}
}

/** The frontmatter every fixture brief uses: lines 1-10, so a body starts on line 11. */
export const frontmatter = `---
title: Test brief
date: 2024-02-22
cutoff: 2024-02-21T17:00-05:00
authors:
  - name: A. Analyst
    org: Example Institute
takeaways:
  - Something happened.
---
`

/** A brief that checks clean: topics, several sources per note, defanged URLs, a text source. */
export const cleanBrief = `${frontmatter}
## Taiwan

### Coast guard

Patrols continued near Kinmen.[^1] Officials confirmed it.[^2]

## PRC

Beijing responded.[^1][^3]

[^1]: https://udn dot com/news/story/6656/7779686
    https://www.cga.gov.tw/GipOpen/wSite/ct?xItem=159716
[^2]: Interview with a Taiwanese official, February 2024
[^3]: hxxps://www.mfa[.]gov[.]cn/eng/xw/, p.2
`
