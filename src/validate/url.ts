// validate/: which URLs may be published. One definition, used by check
// (to report) and by render/ (to refuse, whether or not check ran): a URL is
// judged by the protocol a browser would resolve it to, not by how it is
// spelled, so `JaVaScRiPt:`, a leading control character or a tab inside
// the scheme change nothing.

/** Schemes a published link may use; everything else is shown as text. */
export const allowedProtocols: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])

// Any base works: only the protocol of the resolved URL is looked at. A
// relative URL resolves to https: and is kept.
const base = 'https://relative.invalid/'

/**
 * The protocol a browser would give `url` (resolved as it does: leading
 * controls and spaces stripped, tabs and newlines removed, case folded),
 * or undefined when the URL does not parse.
 */
export function protocolOf(url: string): string | undefined {
  try {
    return new URL(url, base).protocol
  } catch {
    return undefined
  }
}

/** Whether a browser following `url` stays on http, https or mailto (relative URLs included). */
export function isSafeUrl(url: string): boolean {
  const protocol = protocolOf(url)
  return protocol !== undefined && allowedProtocols.has(protocol)
}
