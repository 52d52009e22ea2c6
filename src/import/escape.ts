// import/: plain prose made safe to read as Markdown, so a page shows the text
// exactly as the analyst wrote it. Only what Markdown would otherwise take as
// syntax is escaped ("*", "_" at word edges, "[", "`", "<", entities, a line
// that would start a heading, quote or list), so the file stays readable.

export interface EscapeOptions {
  /** The text starts a line (block syntax such as `#` or `1.` applies). */
  readonly lineStart: boolean
  /** The text ends a heading line (a trailing `#` run would be dropped as a closing sequence). */
  readonly headingEnd?: boolean
}

const wordChar = /[\p{L}\p{N}]/u

export function escapeMarkdown(text: string, options: EscapeOptions): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i)
    const before = text.charAt(i - 1)
    const after = text.charAt(i + 1)
    if (ch === '\\' || ch === '`' || ch === '*' || ch === '[' || ch === ']' || ch === '<') out += `\\${ch}`
    // "_" inside a word (snake_case, URLs) can never start emphasis; at a word edge it can.
    else if (ch === '_' && !(wordChar.test(before) && wordChar.test(after))) out += '\\_'
    // Only "~~" is strikethrough in the brief dialect; a single "~" is text.
    else if (ch === '~' && (before === '~' || after === '~')) out += '\\~'
    else if (ch === '&' && /^&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(text.slice(i))) out += '\\&'
    else out += ch
  }
  if (options.lineStart) out = escapeLineStart(out)
  if (options.headingEnd === true) out = out.replace(/(#+)$/, (run) => `\\${run}`)
  return out
}

/** Block syntax at the start of a line: headings, quotes, list items, thematic breaks, setext-like runs. */
function escapeLineStart(text: string): string {
  if (/^(?:#|>|[-+=]|\|)/.test(text)) return `\\${text}`
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text)
  if (ordered) return `${ordered[1] ?? ''}\\${text.slice((ordered[1] ?? '').length)}`
  return text
}
