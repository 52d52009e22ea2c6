// The Markdown dialect of briefs: CommonMark plus GFM footnotes, tables and
// strikethrough. Not remark-gfm as a whole: its autolink literals would turn
// `https://udn dot com/x` into a live link to `https://udn` (and cost most of
// the parse time), and single-tilde strikethrough would mangle `#:~:text=`
// URL fragments in notes.
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import type {Root} from 'mdast'

const extensions = [gfmFootnote(), gfmTable(), gfmStrikethrough({singleTilde: false})]
const mdastExtensions = [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()]

/** Parse brief Markdown into mdast with positions (1-based lines and columns, 0-based offsets). */
export function parseMarkdown(value: string): Root {
  return fromMarkdown(value, {extensions, mdastExtensions})
}
