// load/ for the persistent cache (.cache/sitrep/): parse results stored by
// content key. An entry that cannot be read, fails to deserialise, or was
// written for another key is treated as missing (and rewritten), never used.
import {readFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import type {CompiledBrief} from '../compile.js'
import type {Site} from '../ast.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {findFiles} from './walk.js'

export interface CacheEntry {
  readonly key: string
  readonly compiled: CompiledBrief
}

/**
 * Two entries per brief: `full` (the skeleton and the rendered fragments,
 * for building) and `check` (the skeleton alone: diagnostics and what
 * linking needs, so `sitrep check` with a warm cache reads little).
 */
export type EntryKind = 'full' | 'check'

export function entryPath(cacheDir: string, key: string, kind: EntryKind = 'full'): string {
  return path.join(cacheDir, 'briefs', key.slice(0, 2), kind === 'full' ? `${key}.v8` : `${key}.check.v8`)
}

export async function readCacheEntry(cacheDir: string, key: string, kind: EntryKind = 'full'): Promise<CompiledBrief | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(entryPath(cacheDir, key, kind))
  } catch {
    return undefined
  }
  return decodeEntry(bytes, key, kind)
}

/**
 * The same, synchronously: for rendering, which asks for a brief's
 * fragments only when a page that shows it must be rendered again.
 */
export function readCacheEntrySync(cacheDir: string, key: string): CompiledBrief | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(entryPath(cacheDir, key, 'full'))
  } catch {
    return undefined
  }
  return decodeEntry(bytes, key, 'full')
}

function decodeEntry(bytes: Buffer, key: string, kind: EntryKind): CompiledBrief | undefined {
  try {
    const entry = v8.deserialize(bytes) as Partial<CacheEntry> | null
    const compiled = entry?.compiled
    if (entry?.key !== key || !compiled || !Array.isArray(compiled.result.diagnostics)) return undefined
    // A full entry of a brief without errors must carry its fragments.
    if (kind === 'full' && compiled.result.brief && !compiled.fragments && !compiled.result.diagnostics.some((d) => d.severity === 'error')) return undefined
    return compiled
  } catch {
    return undefined // corrupt: parse again
  }
}

export interface BuildManifest {
  /** The output folder these files were written to. */
  readonly outDir: string
  /** Output path → the key of the inputs it was rendered from. */
  readonly files: Record<string, string>
}

/**
 * Which output folder this is: every build swaps in a new folder (a new
 * inode, a new change time), so a manifest records the folder it describes
 * and is used only for that very folder. A build killed after its swap but
 * before writing its manifest, or whose manifest could not be written,
 * leaves a manifest of an older output: without this, files would be
 * reused under keys they were not rendered from.
 */
export async function outputStamp(outDir: string): Promise<string | undefined> {
  try {
    const info = await stat(outDir, {bigint: true})
    return `${info.dev}:${info.ino}:${info.ctimeNs}`
  } catch {
    return undefined
  }
}

/**
 * The manifest of the last build into `outDir`, keeping only files that are
 * still there (someone may have deleted part of the output): a file is
 * reused only if it exists. A manifest that is garbage, or was written for
 * another folder or another output in this folder, is none.
 */
export async function readManifest(cacheDir: string, outDir: string): Promise<BuildManifest | undefined> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(path.join(cacheDir, 'manifest.json'), 'utf8'))
  } catch {
    return undefined
  }
  if (!isRecord(value) || value.outDir !== outDir || !isRecord(value.files) || typeof value.output !== 'string') return undefined
  if (value.output !== (await outputStamp(outDir))) return undefined
  const present = new Set(await findFiles(outDir).then((list) => list.map((file) => path.relative(outDir, file).split(path.sep).join('/'))))
  const files: Record<string, string> = {}
  for (const [file, key] of Object.entries(value.files)) if (typeof key === 'string' && present.has(file)) files[file] = key
  return {outDir, files}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The check entries of every brief, in one file: `sitrep check` with a warm
 * cache then opens one file instead of one per brief (on 1,000 briefs the
 * opening and closing alone took longer than reading).
 */
export async function readCheckIndex(cacheDir: string): Promise<Map<string, CompiledBrief>> {
  try {
    const value = v8.deserialize(await readFile(path.join(cacheDir, 'check-index.v8'))) as unknown
    if (!(value instanceof Map)) return new Map()
    const index = new Map<string, CompiledBrief>()
    for (const [key, compiled] of value as Map<unknown, Partial<CompiledBrief> | null>) {
      if (typeof key === 'string' && compiled?.result && Array.isArray(compiled.result.diagnostics)) index.set(key, compiled as CompiledBrief)
    }
    return index
  } catch {
    return new Map() // missing or corrupt: every brief is read or parsed again
  }
}

/**
 * site.yml and regions.yml as resolved last time, under a key of their text
 * and sitrep's code: a warm run then loads neither the YAML parser nor the
 * schemas (~100 ms of a 0.4 s warm check).
 */
export interface SiteEntry {
  readonly key: string
  readonly site: Site
  readonly diagnostics: Diagnostic[]
}

export const siteEntryFile = 'site.v8'

export async function readSiteEntry(cacheDir: string, key: string): Promise<SiteEntry | undefined> {
  try {
    const entry = v8.deserialize(await readFile(path.join(cacheDir, siteEntryFile))) as Partial<SiteEntry> | null
    const site = entry?.site
    if (entry?.key !== key || !site || typeof site.settings !== 'object' || !Array.isArray(site.regions) || !Array.isArray(entry.diagnostics)) return undefined
    return {key, site, diagnostics: entry.diagnostics}
  } catch {
    return undefined // missing or corrupt: parse again
  }
}
