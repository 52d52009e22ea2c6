// The Markdown dialect of briefs: CommonMark plus GFM footnotes, tables and
// strikethrough, parsed by remark-parse. Not remark-gfm as a whole: its
// autolink literals would turn `https://udn dot com/x` into a live link to
// `https://udn` (and cost most of the parse time), and single-tilde
// strikethrough would mangle `#:~:text=` URL fragments in notes.
import {unified, type Processor} from 'unified'
import remarkParse from 'remark-parse'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import type {Root} from 'mdast'

/** remark plugin: the brief dialect's syntax extensions (what remark-gfm does, minus autolinks). */
export function remarkBriefSyntax(this: Processor): void {
  const data = this.data()
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmFootnote(), gfmTable(), gfmStrikethrough({singleTilde: false})]
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmFootnoteFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmStrikethroughFromMarkdown()
  ]
}

// Frozen once: a processor holds no per-document state, so sharing it is safe.
const processor = unified().use(remarkParse).use(remarkBriefSyntax).freeze()

/** Parse brief Markdown into mdast with positions (1-based lines and columns, 0-based offsets). */
export function parseMarkdown(value: string): Root {
  return processor.parse(value)
}
