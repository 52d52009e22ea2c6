// parse/: the Markdown dialect of briefs, and the unified parser plugin that
// reads it (`briefParser`, used by render/processor.ts's processor; parse/
// calls its parser, `parseMarkdown`, directly, as parse/ may not import
// render/).
//
// CommonMark, parsed by remark-parse, with no syntax extensions. Citations
// (`[^3]`) are found in the text by parse/citations.ts and notes are read line
// by line by parse/notes.ts, so the GFM footnote extension is not needed;
// remark-gfm as a whole would also turn `https://udn dot com/x` into a live
// link to `https://udn` (autolink literals). Tables and strikethrough are
// left out as well: briefs do not use them, and every extension costs parse
// time on every line.
//
// Plain prose (headings and paragraphs of text, citations and `*word*`)
// takes the fast path of parse/fast-markdown.ts, which builds the very tree
// remark-parse would; remark-parse stays the reference and parses the rest.
import {unified, type Plugin} from 'unified'
import remarkParse from 'remark-parse'
import type {Root} from 'mdast'
import {parseFast} from './fast-markdown.js'

// Frozen once: a processor holds no per-document state, so sharing it is safe.
const reference = unified().use(remarkParse).freeze()

/** remark-parse alone: what parseMarkdown must equal, and its fallback. */
export function parseMarkdownReference(value: string): Root {
  return reference.parse(value)
}

/**
 * Parse brief Markdown into mdast with positions (1-based lines and columns,
 * 0-based offsets): the fast path where it proves the text plain,
 * remark-parse for the rest. The parser of every processor that uses
 * `briefParser`.
 */
export function parseMarkdown(value: string): Root {
  return parseFast(value, parseMarkdownReference) ?? parseMarkdownReference(value)
}

/** unified plugin: parse with `parseMarkdown` (the fast path, with remark-parse as its fallback). */
export const briefParser: Plugin<[], string, Root> = function () {
  this.parser = parseMarkdown
}
