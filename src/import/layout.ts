// import/: where each part of the pasted text is. The header (Title, Authors,
// Editors, Data Cutoff, series blurb) runs to the "Key Takeaways" line, the
// takeaways are the "- " items after it, the endnotes are the "[n] source"
// lines after the last region heading, and the body is everything between.
import {classifyLine, type Vocabulary} from './headings.js'
import type {Line} from './lines.js'
import {opensNotes} from './notes.js'

export interface Takeaway {
  /** The item's text without its bullet, continuation lines joined. */
  readonly text: string
  readonly line: Line
}

export interface Layout {
  readonly header: Line[]
  /** The "Key Takeaways" line, when there is one. */
  readonly takeawaysLine?: Line
  readonly takeaways: Takeaway[]
  readonly body: Line[]
  readonly notes: Line[]
}

const takeawaysHeading = /^(?:key\s+)?takeaways\s*:?$/i
/** "- ", "• ", "* ", "– " or "1. " items. */
const bullet = /^(?:[-•*–—]|\d{1,2}[.)])\s+/

export function layout(lines: readonly Line[], vocab: Vocabulary): Layout {
  const isSectionHeading = (line: Line) => {
    const kind = classifyLine(line.text, vocab).kind
    return kind === 'region' || kind === 'group'
  }
  const keyIndex = lines.findIndex((line) => takeawaysHeading.test(line.text))
  let lastHeading = -1
  lines.forEach((line, index) => {
    if (line.text !== '' && isSectionHeading(line)) lastHeading = index
  })
  // The endnotes start after the last section heading, so a paragraph that
  // happens to begin with "[3]" earlier in the brief is never taken for one.
  let notesStart = lines.findIndex((line, index) => index > Math.max(lastHeading, keyIndex) && opensNotes(line.text))
  if (notesStart === -1) notesStart = lines.length

  if (keyIndex === -1 || keyIndex > notesStart) {
    const firstHeading = lines.findIndex((line) => line.text !== '' && isSectionHeading(line))
    const headerEnd = firstHeading === -1 || firstHeading > notesStart ? notesStart : firstHeading
    return {
      header: lines.slice(0, headerEnd),
      takeaways: [],
      body: lines.slice(headerEnd, notesStart),
      notes: lines.slice(notesStart)
    }
  }

  const takeaways: {text: string; line: Line}[] = []
  let index = keyIndex + 1
  for (; index < notesStart; index++) {
    const line = lines[index]
    if (!line) break
    if (line.text === '') continue
    const item = bullet.exec(line.text)
    const previous = takeaways.at(-1)
    if (item) takeaways.push({text: line.text.slice(item[0].length).trim(), line})
    // A takeaway wrapped onto a second line: it goes on in lower case.
    else if (previous && /^\p{Ll}/u.test(line.text) && !isSectionHeading(line)) previous.text = `${previous.text} ${line.text}`
    else break
  }
  const takeawaysLine = lines[keyIndex]
  return {
    header: lines.slice(0, keyIndex),
    ...(takeawaysLine ? {takeawaysLine} : {}),
    takeaways,
    body: lines.slice(index, notesStart),
    notes: lines.slice(notesStart)
  }
}
