// build/: a brief's fragments (fragments.ts) compressed, each piece on
// its own, as compile workers send them, the cache stores them and serve
// keeps pages; and read back one piece at a time. Loads nothing but zlib, so
// that a build which renders nothing (all unchanged) never loads the parser.
import {deflateRawSync, inflateRawSync} from 'node:zlib'
import type {BriefFragments, FragmentReader} from '../render/fragments.js'

/** Fragments with each piece of HTML deflated on its own. */
export interface PackedFragments {
  readonly sections: readonly Uint8Array[]
  readonly foreign: readonly Uint8Array[]
  readonly notes: Uint8Array
  readonly targets: readonly (string | undefined)[]
  readonly summaries: readonly string[]
  readonly sectionKeys: readonly string[]
  readonly email: Uint8Array
  readonly text: Uint8Array
}

/**
 * Deflated (level 1: fast, and HTML shrinks about fivefold), piece by
 * piece: the archive's prose stays in memory and in the cache at a fifth of
 * its size, and a page inflates only the sections it shows.
 */
export function pack(fragments: BriefFragments): PackedFragments {
  return {
    sections: fragments.sections.map((html) => squeezed(html)),
    foreign: fragments.foreign.map((html) => squeezed(html)),
    notes: squeezed(fragments.notes),
    targets: fragments.targets,
    summaries: fragments.summaries,
    sectionKeys: fragments.sectionKeys,
    email: squeezed(fragments.email),
    text: squeezed(fragments.text)
  }
}

/**
 * Text deflated into a buffer of its own size. zlib returns a view of a
 * 16 KB output buffer however short the result, and a view keeps (and a
 * worker's postMessage copies) all of it: 4,000 briefs' fragments held
 * 670 MB of such buffers in serve for ~100 MB of deflated HTML.
 */
export function squeezed(data: string | Uint8Array): Uint8Array {
  const out = deflateRawSync(data, {level: 1})
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out)
}

/** The bytes `squeezed` was given. */
export function unsqueezed(packed: Uint8Array): Buffer {
  return inflateRawSync(packed)
}

export function reader(packed: PackedFragments): FragmentReader {
  // Bytes, not text: pages splice them in as they are (render/serialize.ts, Html).
  const open = (bytes: Uint8Array | undefined) => (bytes === undefined ? '' : unsqueezed(bytes))
  return {
    section: (index) => open(packed.sections[index]),
    foreign: (index) => open(packed.foreign[index]),
    notes: () => open(packed.notes),
    targets: packed.targets,
    summaries: packed.summaries,
    sectionKeys: packed.sectionKeys,
    email: () => open(packed.email),
    text: () => open(packed.text)
  }
}
