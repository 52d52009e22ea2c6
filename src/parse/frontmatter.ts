// Splitting a brief into frontmatter and body without losing positions.
//
// gray-matter does the split: it reads the language after the opening fence
// and cuts out the raw frontmatter (`file.matter`), which becomes the YAML
// text. It never parses or runs anything here: it is always called with one
// frozen options object (so its cache, used only for calls without options,
// never holds a brief), whose YAML engine parses nothing (parse/yaml.ts reads
// the text with the `yaml` package, positions and all) and whose every other
// engine, `js`, `coffee` and `json` among them, refuses instead of evaluating.
//
// A thin guard around it keeps what gray-matter does not:
// - the opening fence is a line of its own, `---` with at most `yaml`/`yml`:
//   `----` is a thematic break and `---foo bar` no fence (gray-matter would
//   take "foo bar" for a language);
// - any other engine is refused from the fence line alone, before the rest is
//   read, so an unclosed `---js` block is an engine, not an unclosed block
//   (and `---toml` at the end of a file is "toml", where gray-matter says "tom");
// - the closing fence is a line of its own, `---` or YAML's `...`: an unclosed
//   block is reported (gray-matter would take the whole file as frontmatter),
//   and a line that merely starts with `---` (`----`, `--- x`) inside the
//   YAML does not close it (gray-matter would cut there);
// - the body keeps the file's length and lines, CR included, with the
//   frontmatter blanked out, so body positions are file positions;
// - a byte order mark is no part of the text (gray-matter strips it too, but
//   positions are then counted without it, as parse/brief.ts counts them).
import matter from 'gray-matter'
import type {Position} from 'unist'

export type Split =
  | {kind: 'none'}
  | {kind: 'unclosed'; open: Position}
  | {kind: 'engine'; engine: string; open: Position}
  | {
      kind: 'yaml'
      /** The YAML text between the fences. */
      yaml: string
      /** Lines before the YAML (the opening fence): 1. */
      lineOffset: number
      open: Position
      /** The body with the frontmatter blanked out: same length, same lines, so body positions are file positions. */
      body: string
    }

/** Thrown by a refusing engine; caught here and turned into `{kind: 'engine'}`. */
class RefusedEngine extends Error {
  constructor(readonly engine: string) {
    super(`The frontmatter engine "${engine}" is refused: only YAML is read.`)
  }
}

type Engine = {parse: (input: string) => object}

function refuse(engine: string): Engine {
  return Object.freeze({
    parse(): never {
      throw new RefusedEngine(engine)
    }
  })
}

// gray-matter's own YAML engine is js-yaml; the text is parsed once, by parse/yaml.ts.
const inertYaml: Engine = Object.freeze({parse: () => ({})})

// Every name gray-matter has an engine or an alias for (lib/engines.js,
// lib/engine.js), and TOML, its documented extra. A name registered on
// `matter.engines` by other code is still refused: the guard lets nothing but
// YAML reach gray-matter.
const refused = ['js', 'javascript', 'coffee', 'coffeescript', 'cson', 'json', 'toml']
const engines: Record<string, Engine> = Object.create(null) as Record<string, Engine>
for (const name of refused) engines[name] = refuse(name)
engines.yaml = inertYaml
engines.yml = inertYaml

/**
 * The options of every gray-matter call, built once. gray-matter copies its
 * options before filling in defaults (lib/defaults.js), but they are frozen
 * anyway: a shared object that a call could change would be a cache by
 * another name. Exported so tests can prove gray-matter itself refuses code.
 */
export const grayMatterOptions = Object.freeze({
  // The language of a bare `---` fence: YAML, gray-matter's default, said out loud.
  language: 'yaml',
  // The frontmatter is the first block only: no excerpt (off is gray-matter's default too, but
  // an `excerpt_separator:` in the data would turn it on; the inert engine's data has none).
  excerpt: false,
  engines: Object.freeze(engines)
})

// An engine name starts with a letter: `----` is a thematic break, not "---" with an engine "-".
const fence = /^---[ \t]*([A-Za-z][A-Za-z0-9_-]*)?[ \t]*\r?$/
const closing = /^(?:---|\.\.\.)[ \t]*\r?$/

export function splitFrontmatter(value: string): Split {
  // A byte order mark is no part of the text.
  const text = value.startsWith('\uFEFF') ? value.slice(1) : value
  const firstEnd = text.indexOf('\n')
  const firstLine = firstEnd === -1 ? text : text.slice(0, firstEnd)
  const opening = fence.exec(firstLine)
  if (!opening) return {kind: 'none'}
  const open: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: firstLine.length + 1, offset: firstLine.length}}
  const engine = opening[1] ?? ''
  if (engine !== '' && engine.toLowerCase() !== 'yaml' && engine.toLowerCase() !== 'yml') return {kind: 'engine', engine, open}
  if (firstEnd === -1) return {kind: 'unclosed', open}

  // Find the closing `---` (or YAML's `...`) on a line of its own.
  let start = firstEnd + 1
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    if (closing.test(text.slice(start, end))) return split(text, open, firstEnd, start, end)
    if (end === text.length) break
    start = end + 1
  }
  return {kind: 'unclosed', open}
}

/** The frontmatter from the opening fence to the closing line at `closeStart`–`closeEnd`, through gray-matter. */
function split(text: string, open: Position, firstEnd: number, closeStart: number, closeEnd: number): Split {
  // gray-matter sees the block alone, closed by a plain `---` (it knows no `...`):
  // the body is none of its business, and a shorter input is less for it to copy.
  let file: matter.GrayMatterFile<string>
  try {
    file = matter(text.slice(0, closeStart) + '---', grayMatterOptions)
  } catch (error) {
    // Unreachable while the guard refuses first; kept so a refusal is a result, never a throw.
    if (error instanceof RefusedEngine) return {kind: 'engine', engine: error.engine, open}
    throw error
  }
  // `file.matter` is the rest of the fence line, its line ending, then the YAML
  // without its last line ending. If gray-matter left content, it cut the block
  // at a line that only starts with `---`: the guard's closing line stands.
  const yaml =
    file.content !== ''
      ? text.slice(firstEnd + 1, closeStart)
      : file.matter.includes('\n')
        ? file.matter.slice(file.matter.indexOf('\n') + 1) + '\n'
        : ''
  const body = text.slice(0, closeEnd).replace(/[^\r\n]/g, ' ') + text.slice(closeEnd)
  return {kind: 'yaml', yaml, lineOffset: open.start.line, open, body}
}
