// render/: the one unified processor for brief prose, as the design card
// draws it: parse (parse/markdown.ts's `briefParser`: the fast path, with
// remark-parse as its fallback) → remark-rehype (with render/handlers.ts's
// handlers) → rehype-stringify, which is the only serialiser of content
// HTML: escaping happens there and nowhere else.
//
// Stages are used one at a time: render/body.ts runs a section's sub-tree
// (`runSync`, its file carrying the section's `ProseRun`), makes it inert
// and re-points it per page before serialize.ts stringifies it
// (`stringify`). parse/brief.ts calls the parser itself (`parseMarkdown`):
// parse/ may not import render/, and a brief is parsed before it renders.
import {unified} from 'unified'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import {briefParser} from '../parse/markdown.js'
import {handlers, type ProseRun} from './handlers.js'

/**
 * Frozen once: a processor holds no per-document state (a run's state is
 * in its file), and configuring one per section would cost more than the
 * conversion of a short section.
 *
 * remark-rehype: only the handlers differ from its defaults; raw HTML is
 * dropped by the `html` handler, so `allowDangerousHtml` stays off there.
 * rehype-stringify: `allowDangerousHtml` writes raw nodes, which only
 * sitrep makes (fragments it serialised itself, see serialize.ts); numeric
 * character references (`&#x26;`) are stringify-entities' default, spelled
 * out because the built pages are pinned byte for byte (tests/golden).
 */
export const processor = unified()
  .use(briefParser)
  .use(remarkRehype, {handlers})
  .use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}})
  .freeze()

/** The file a run of `processor` is given: it carries the run's context to the handlers. */
export function runFile(run: ProseRun): {data: {prose: ProseRun}} {
  return {data: {prose: run}}
}
