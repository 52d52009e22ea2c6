// parse/: text normalisation shared with render/, which matches takeaways
// against paragraphs the way parse/ computed their text. A module of its
// own so that rendering never loads the parser (a warm build renders
// nothing and should load little).

/** Collapse whitespace: how takeaways are matched against paragraphs. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
