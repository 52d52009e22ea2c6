// The build's output, file by file, against a recorded manifest of content
// hashes: restructuring the pipeline (its folders, its processors, its
// caches) must not change one byte of what readers get. Three archives: the
// sample content, the fixture site, and 1,000 generated briefs (the bench's
// generator, fixed seed). Built by the real CLI (bin/sitrep.js, lib/), as
// an institute builds, without the search index (Pagefind's own output is
// not ours to pin) and without the cache (a cold build; tests/build covers
// warm ones against cold).
//
// A change that is meant to alter the output re-records the manifests
// (SITREP_UPDATE_GOLDEN=1 npx vitest run tests/golden) and says in its
// commit which files changed and why.
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {generate} from '../../bench/generate.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/sitrep.js')
const manifests = path.join(import.meta.dirname, 'manifests')
const update = process.env.SITREP_UPDATE_GOLDEN === '1'

const temp: string[] = []
afterAll(async () => {
  await Promise.all(temp.map((dir) => rm(dir, {recursive: true, force: true})))
})

/** Every file under `dir`, by path relative to it (with `/`), to the first 16 hex digits of its SHA-256. */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
  files.sort()
  for (const file of files) {
    out[path.relative(dir, file).split(path.sep).join('/')] = createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16)
  }
  return out
}

async function buildAndHash(contentDir: string): Promise<Record<string, string>> {
  const work = await mkdtemp(path.join(tmpdir(), 'sitrep-golden-'))
  temp.push(work)
  const out = path.join(work, 'dist')
  // cwd is the repository: its public/ is sitrep's own, as in the quick start.
  await run(process.execPath, [bin, 'build', '--content', contentDir, '--out', out, '--no-search', '--no-cache', '--quiet'], {cwd: root, maxBuffer: 1 << 24})
  return hashes(out)
}

async function compare(name: string, contentDir: string): Promise<void> {
  const actual = await buildAndHash(contentDir)
  const file = path.join(manifests, `${name}.json`)
  if (update) {
    await writeFile(file, JSON.stringify(actual, null, 1) + '\n')
    return
  }
  const expected = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>
  // Compared as lists of differing paths first: a reader sees which files changed, not 2,000 hashes.
  const changed = Object.keys({...expected, ...actual}).filter((key) => expected[key] !== actual[key])
  expect(changed).toEqual([])
}

describe('the build output is byte for byte the recorded one', () => {
  it('for the sample archive', async () => {
    await compare('sample', path.join(root, 'content'))
  })

  it('for the fixture site', async () => {
    await compare('fixture-site', path.join(root, 'tests/fixtures/site/content'))
  })

  it('for 1,000 generated briefs', {timeout: 240_000}, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-golden-gen-'))
    temp.push(dir)
    await generate(dir, {briefs: 1000, seed: 1})
    await compare('generated-1000', dir)
  })
})
