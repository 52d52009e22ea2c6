// Content keys: the one way sitrep names "these exact inputs" (a brief's
// text with the settings and code it was compiled with, a page's inputs, a
// section's HTML, a static file's bytes), for the cache, the build manifest
// and serve's reuse. SHA-256, cut to a length that fits its use; parts are
// separated by a NUL, so ['ab', 'c'] and ['a', 'bc'] never share a key.
import {createHash} from 'node:crypto'

/**
 * Hex digits kept: 16 for the code fingerprint, 24 for section keys, 32 for
 * pages and files, 40 for cache entries (the most of them, a file each).
 * Even 16 digits (64 bits) make a collision between two inputs of one
 * archive vanishingly unlikely; longer keys only guard the larger sets.
 */
export type KeyLength = 16 | 24 | 32 | 40

/** The key of `parts`, in order. */
export function contentKey(parts: Iterable<string | Uint8Array>, length: KeyLength = 32): string {
  const hash = createHash('sha256')
  let first = true
  for (const part of parts) {
    if (!first) hash.update('\0')
    hash.update(part)
    first = false
  }
  return hash.digest('hex').slice(0, length)
}
