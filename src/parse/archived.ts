// The archived-copy suffix of a source line, one definition for parse/
// (which attaches it to a URL source) and validate/ (which reports it on
// any other source). No imports: validate/ loads it without the parser.

/**
 * `https://a.gov/x (archived: https://web.archive.org/web/2024/https://a.gov/x)`:
 * an archived copy written at the end of a source line, after any locator.
 */
const archivedPattern = /\s+\(archived:\s*(\S+)\)$/i

/**
 * The archived copy written at the end of `raw`, if any: its address, where
 * the address starts and where the suffix starts (offsets in `raw`).
 */
export function archivedSuffix(raw: string): {url: string; start: number; suffixStart: number} | undefined {
  const match = archivedPattern.exec(raw)
  const url = match?.[1]
  if (!match || url === undefined) return undefined
  return {url, start: match.index + match[0].lastIndexOf(url), suffixStart: match.index}
}
