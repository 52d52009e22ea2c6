// The catalogue of every rule sitrep reports. Each rule has a permanent id
// (never renamed or reused: CI configurations and docs refer to it), a
// severity, and functions that say what happened and why (`message`) and what
// to do (`hint`). Stages never build message strings themselves; they name a
// rule and pass its data.

export type Severity = 'error' | 'warning'

interface RuleSpec<Data> {
  readonly severity: Severity
  /** One line for the README's rule list. */
  readonly summary: string
  readonly message: (data: Data) => string
  readonly hint: (data: Data) => string
}

function rule<Data = Record<string, never>>(spec: RuleSpec<Data>): RuleSpec<Data> {
  return spec
}

const suggest = (candidate: string | undefined, fallback: string): string =>
  candidate === undefined ? fallback : `Did you mean "${candidate}"? ${fallback}`

/** What each `links/*` rule is told about a checked URL (the JSON report carries it too). */
export interface LinkData {
  /** The address fetched (without its #fragment). */
  readonly url: string
  /** The note citing it; absent for a link in the body or a takeaway. */
  readonly note?: number
  /** The final status, when there was a response. */
  readonly status?: number
  /** Where the redirects led (the URL itself without any). */
  readonly finalUrl: string
  /** When it was checked (ISO 8601, UTC). */
  readonly checkedAt: string
  readonly attempts: number
  /** The outcome in words: "HTTP 503 Service Unavailable", "10 s", "connection reset" ... */
  readonly detail: string
  /** An archived copy a Web archive offers (for a dead URL), to write after it. */
  readonly archived?: string
  /** What the brief writes there (a note's whole source line), for the suggested line. */
  readonly written: string
}

const subject = (d: LinkData): string => (d.note === undefined ? 'The link' : `Note ${d.note}'s source`)
const via = (d: LinkData): string => (d.finalUrl === d.url ? '' : ` (redirected to ${d.finalUrl})`)
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}
const plural = (n: number, one: string, many: string): string => `${n.toString()} ${n === 1 ? one : many}`

/** A dead source's hint: the archived copy to add when the Web archive has one. */
function deadHint(d: LinkData, lead = 'If the page moved, cite its new address; otherwise '): string {
  if (d.note === undefined) {
    return d.archived === undefined ? `${lead}link an archived copy of it, or remove the link.` : `The Web archive has a copy: link ${d.archived} instead, or link where the page moved.`
  }
  if (d.archived !== undefined) return `The Web archive has a copy: write the source as \`${d.written} (archived: ${d.archived})\`, or cite where the page moved.`
  return `${lead}add an archived copy after the URL, \`(archived: https://web.archive.org/web/...)\`, or keep it as a text source saying when it was read.`
}

export const catalogue = {
  // --- files ---------------------------------------------------------------
  'file/unreadable': rule<{reason: string}>({
    severity: 'error',
    summary: 'A content file could not be read.',
    message: (d) => `This file could not be read (${d.reason}), so it was not checked.`,
    hint: () => 'Check that the file exists and that you may read it.'
  }),
  'file/encoding': rule<{byte: number}>({
    severity: 'error',
    summary: 'A file is not valid UTF-8.',
    message: (d) =>
      `The file is not valid UTF-8 (byte 0x${d.byte.toString(16).padStart(2, '0')} here), so its text cannot be trusted.`,
    hint: () => 'Re-save the file as UTF-8 in your editor (File → Save with encoding → UTF-8).'
  }),
  'file/binary': rule({
    severity: 'error',
    summary: 'A file named .md holds binary data.',
    message: () => 'This file holds binary data (it contains NUL bytes), not Markdown text.',
    hint: () => 'Move the file out of content/briefs/ or replace it with the Markdown text of the brief.'
  }),
  'file/empty': rule({
    severity: 'error',
    summary: 'A brief file is empty.',
    message: () => 'This brief is empty: it has no frontmatter and no body.',
    hint: () => 'Run `sitrep new` to scaffold a brief, or delete the empty file.'
  }),
  'file/too-large': rule<{size: number; limit: number}>({
    severity: 'error',
    summary: 'A brief is larger than the size limit.',
    message: (d) =>
      `This brief is ${Math.round(d.size / 1024)} KB, over the ${Math.round(d.limit / 1024)} KB limit for one brief, so it was not parsed.`,
    hint: () => 'Split the brief in two, or raise `maxBriefBytes` in content/site.yml if it really is one brief.'
  }),
  'file/outside-content': rule<{target: string}>({
    severity: 'error',
    summary: 'A symbolic link leads outside the content folder.',
    message: (d) => `This is a symbolic link to ${d.target}, outside the content folder, so it was not read.`,
    hint: () => 'Copy the file into content/ instead of linking to it.'
  }),
  'file/missing-config': rule<{name: string}>({
    severity: 'error',
    summary: 'content/site.yml or content/regions.yml is missing.',
    message: (d) => `The content folder has no ${d.name}; sitrep needs it to check and build the archive.`,
    hint: (d) => `Create ${d.name} as described in the README's "Content format" section.`
  }),

  // --- site settings and region vocabulary ------------------------------------
  'config/yaml-syntax': rule<{reason: string}>({
    severity: 'error',
    summary: 'site.yml or regions.yml is not valid YAML.',
    message: (d) => `This file is not valid YAML: ${d.reason}.`,
    hint: () => 'Fix the YAML syntax here (indentation, a missing colon, an unclosed quote).'
  }),
  'config/schema': rule<{problem: string; fix: string}>({
    severity: 'error',
    summary: 'A setting in site.yml or regions.yml is missing or invalid.',
    message: (d) => d.problem,
    hint: (d) => d.fix
  }),
  'config/duplicate-region': rule<{name: string; first: number}>({
    severity: 'error',
    summary: 'Two regions share an id, name or alias.',
    message: (d) => `"${d.name}" already names a region (line ${d.first}), so headings could not tell them apart.`,
    hint: () => 'Give every region its own id, name and aliases.'
  }),

  // --- frontmatter -------------------------------------------------------------
  'frontmatter/missing': rule({
    severity: 'error',
    summary: 'A brief has no YAML frontmatter.',
    message: () => 'This brief has no frontmatter, so it has no title, date or authors.',
    hint: () => 'Start the file with a `---` line, the title, date, cutoff, authors, editors and takeaways, and another `---` line.'
  }),
  'frontmatter/unclosed': rule({
    severity: 'error',
    summary: 'The frontmatter has no closing `---` line.',
    message: () => 'The frontmatter opened here is never closed, so the whole file would be read as YAML.',
    hint: () => 'Add a line with only `---` after the last frontmatter key.'
  }),
  'frontmatter/engine': rule<{engine: string}>({
    severity: 'error',
    summary: 'Frontmatter in a language other than YAML (for example `---js`).',
    message: (d) => `Frontmatter in "${d.engine}" is not supported: sitrep never runs code found in content.`,
    hint: () => 'Write the frontmatter as YAML and open it with a plain `---` line.'
  }),
  'frontmatter/yaml-syntax': rule<{reason: string}>({
    severity: 'error',
    summary: 'The frontmatter is not valid YAML.',
    message: (d) => `The frontmatter is not valid YAML: ${d.reason}.`,
    hint: () => 'Fix the YAML here; quote values that contain ": " or start with a special character.'
  }),
  'frontmatter/schema': rule<{problem: string; fix: string}>({
    severity: 'error',
    summary: 'A frontmatter key is missing, has the wrong type or an invalid value.',
    message: (d) => d.problem,
    hint: (d) => d.fix
  }),
  'frontmatter/unknown-key': rule<{
    key: string
    suggestion?: string
    /** The keys allowed where a nested key was found, e.g. "name, org". */
    known?: string
  }>({
    severity: 'error',
    summary: 'The frontmatter has a key sitrep does not know.',
    message: (d) => `"${d.key}" is not a frontmatter key, so its value would be ignored.`,
    hint: (d) =>
      suggest(
        d.suggestion,
        d.known === undefined
          ? 'Known keys: title, date, cutoff, authors, editors, takeaways, summary, series, tags, slug, corrections.'
          : `Known keys here: ${d.known}.`
      )
  }),
  'correction/not-after-publication': rule<{date: string; published: string}>({
    severity: 'error',
    summary: 'A correction dated on or before the day the brief was published.',
    message: (d) =>
      `This correction is dated ${d.date}, but the brief was published on ${d.published}: a correction is made after publication, and readers and feeds are told the brief changed on that day.`,
    hint: () => 'Give the correction the day it was made (YYYY-MM-DD, after the brief\'s `date:`); to change the text before publication, just edit it.'
  }),
  'frontmatter/duplicate-slug': rule<{slug: string; other: string}>({
    severity: 'error',
    summary: 'Two briefs would be published at the same URL.',
    message: (d) => `The slug "${d.slug}" is also used by ${d.other}; both briefs would be written to /briefs/${d.slug}/.`,
    hint: () => 'Rename one of the files, or give one brief its own `slug:` in the frontmatter.'
  }),

  // --- structure and regions -------------------------------------------------
  'region/unknown': rule<{heading: string; suggestion?: string; group?: boolean}>({
    severity: 'error',
    summary: 'A `##` heading names no region of regions.yml.',
    message: (d) =>
      d.group === true
        ? `"${d.heading}" is a region group, not a region; groups are shown automatically above their regions.`
        : `"${d.heading}" is not a region of content/regions.yml, so this section has no region page.`,
    hint: (d) =>
      d.group === true
        ? 'Remove this heading and keep the `##` headings of the regions it groups.'
        : suggest(d.suggestion, 'Use a region name or alias from content/regions.yml, or add the region there.')
  }),
  'region/duplicate-section': rule<{heading: string; first: number}>({
    severity: 'error',
    summary: 'A brief has two sections for the same region.',
    message: (d) => `The region "${d.heading}" already has a section in this brief (line ${d.first}).`,
    hint: () => 'Merge the two sections; use `###` topic headings to divide a region section.'
  }),
  'region/outside-section': rule<{kind: string}>({
    severity: 'error',
    summary: 'Prose before the first `##` region heading.',
    message: (d) => `This ${d.kind} comes before the first \`##\` region heading, so it belongs to no region and would not be published.`,
    hint: () => 'Move it under the `##` heading of its region; put the brief\'s summary in `takeaways` instead.'
  }),
  'heading/level': rule<{depth: number}>({
    severity: 'error',
    summary: 'A `#` heading in a brief body.',
    message: (d) => `A level-${d.depth} heading is not allowed in a brief body: the page title comes from the frontmatter.`,
    hint: () => 'Use `##` for a region and `###` for a topic inside it.'
  }),

  // --- citations ---------------------------------------------------------------
  'citation/undefined': rule<{label: string}>({
    severity: 'error',
    summary: 'A citation refers to a note that is not defined.',
    message: (d) => `Citation [^${d.label}] refers to note ${d.label}, which is not defined, so readers would reach no source.`,
    hint: (d) => `Add \`[^${d.label}]: <source URL>\` at the end of the brief, or correct the number.`
  }),
  'citation/unused-note': rule<{number: number}>({
    severity: 'warning',
    summary: 'A note that nothing cites (kept and rendered).',
    message: (d) => `Note ${d.number} is not cited anywhere in the text; it is still listed in the endnotes.`,
    hint: (d) => `Cite it with [^${d.number}] where it supports the text, or delete it if it is left over.`
  }),
  'citation/duplicate-note': rule<{number: string; first: number}>({
    severity: 'error',
    summary: 'A note is defined twice.',
    message: (d) => `Note ${d.number} is defined twice (first on line ${d.first}), so its citations are ambiguous.`,
    hint: () => 'Keep one definition: merge the sources into one note, one source per line.'
  }),
  'citation/invalid-label': rule<{label: string}>({
    severity: 'error',
    summary: 'A footnote label that is not a note number (a positive integer of at most nine digits).',
    message: (d) => `The footnote label "${d.label}" is not a note number; briefs number their notes 1, 2, 3 ...`,
    hint: () => 'Use the note number as the label, e.g. [^12], without leading zeros.'
  }),
  'citation/numbering': rule<{problem: string}>({
    severity: 'warning',
    summary: 'Notes are not numbered 1..N in order of first citation, or a number is skipped.',
    message: (d) => d.problem,
    hint: () => 'Renumber the notes so that they run 1, 2, 3 ... in the order the text first cites them.'
  }),
  'citation/too-many-notes': rule<{count: number; limit: number}>({
    severity: 'error',
    summary: 'A brief has more notes than the limit.',
    message: (d) => `This brief has ${d.count} notes, over the limit of ${d.limit} (this is the first one past it).`,
    hint: () => 'Check for a pasting accident (notes repeated many times); if the brief really needs them, raise `maxNotes` in content/site.yml.'
  }),
  'citation/empty-note': rule<{number: string}>({
    severity: 'error',
    summary: 'A note with no source.',
    message: (d) => `Note ${d.number} is empty: it gives readers no source.`,
    hint: () => 'Write the source (a URL or a description such as "Interview with ...") after the colon.'
  }),

  // --- sources and links ---------------------------------------------------------
  'source/invalid-url': rule<{url: string}>({
    severity: 'error',
    summary: 'A URL that does not parse.',
    message: (d) => `"${d.url}" is not a valid URL, so the link would be broken.`,
    hint: () => 'Copy the address again from the browser; if it is deliberately defanged, write `dot` or `[.]` for the dots.'
  }),
  'source/unsafe-scheme': rule<{scheme: string}>({
    severity: 'error',
    summary: 'A link with a scheme other than http, https or mailto.',
    message: (d) => `A "${d.scheme}:" link is not allowed: only http, https and mailto links are published.`,
    hint: () => 'Link to the http(s) address of the source, or write the source as plain text.'
  }),
  'source/empty-link': rule<{text: string}>({
    severity: 'error',
    summary: 'A link with no address, such as `[Ministry statement]()`.',
    message: (d) => `The link "${d.text}" has no address, so it leads readers nowhere.`,
    hint: () => 'Put the address between the parentheses, or write the text without the brackets and parentheses if it is not a link.'
  }),
  'source/too-many': rule<{number: number; count: number; limit: number}>({
    severity: 'error',
    summary: 'A note lists more sources than the limit.',
    message: (d) => `Note ${d.number} lists ${d.count} sources, over the limit of ${d.limit} (this is the first one past it).`,
    hint: () => 'Split the note, or check for a pasting accident; if it really needs them, raise `maxSourcesPerNote` in content/site.yml.'
  }),
  'source/malformed-defang': rule<{text: string}>({
    severity: 'warning',
    summary: 'A defanged URL whose defanging is malformed (shown as text, never linked).',
    message: (d) => `"${d.text}" looks like a defanged URL, but it cannot be read back as an address; it is shown as written.`,
    hint: () => 'Write " dot " with a space on each side (`example dot com`) or `example[.]com`.'
  }),
  'source/archived-copy': rule<{url: string; problem: 'insecure' | 'defanged' | 'text'}>({
    severity: 'error',
    summary: 'An archived copy that is not an https URL, or written after a source that is not a URL.',
    message: (d) =>
      d.problem === 'insecure'
        ? `The archived copy ${d.url} is not an https address, so it is not published as a link.`
        : d.problem === 'defanged'
          ? 'This source is defanged (deliberately not a link), so its archived copy is shown as text, never linked.'
          : 'An archived copy belongs after the URL it copies; this source is text, so the copy is shown as written, not linked.',
    hint: (d) =>
      d.problem === 'insecure'
        ? 'Use the https address of the copy (web.archive.org, archive.today and perma.cc all serve https).'
        : d.problem === 'defanged'
          ? 'Remove the archived copy: a link to a copy of a page would undo the defanging. Keep it in your own records.'
          : 'Write the URL first and the copy after it on the same line: `https://a.gov/x (archived: https://web.archive.org/web/...)`.'
  }),
  'body/too-deep': rule<{limit: number}>({
    severity: 'error',
    summary: 'Markdown nested too deeply to check or publish safely.',
    message: (d) =>
      `This Markdown is nested more than ${d.limit} levels deep (quotes, lists or emphasis inside one another), so the brief was not checked further.`,
    hint: () => 'Flatten the structure here: a brief needs a few levels of nesting at most.'
  }),
  'body/too-much-markup': rule<{brackets: number; markers: number}>({
    severity: 'error',
    summary: 'A paragraph with so much markup that parsing it would take minutes.',
    message: (d) =>
      `This paragraph holds more than ${d.brackets} link brackets or ${d.markers} markup characters ([ \\ * _ \` < &); the Markdown parser slows down with the square of that number, so the brief was not checked further.`,
    hint: () => 'Split the paragraph or remove the pasted markup; escape brackets that are text as \\[.'
  }),
  'body/raw-html': rule({
    severity: 'warning',
    summary: 'Raw HTML in a brief body (not rendered).',
    message: () => 'Raw HTML is not rendered in published briefs, so readers would not see this.',
    hint: () => 'Write it in Markdown instead (emphasis, links, lists, tables).'
  }),
  // --- figures -------------------------------------------------------------------
  'figure/missing-alt': rule({
    severity: 'error',
    summary: 'A figure with no alt text.',
    message: () => 'This figure has no alt text, so a reader who cannot see the image learns nothing of what it shows.',
    hint: () => 'Write what the image shows between the brackets, e.g. `![Coast guard patrol routes around Kinmen](maps/kinmen.png "Caption")`.'
  }),
  'figure/poor-alt': rule<{alt: string; kind: 'file-name' | 'generic'}>({
    severity: 'warning',
    summary: 'A figure whose alt text is a file name or a word such as "map" or "image".',
    message: (d) =>
      d.kind === 'file-name'
        ? `The alt text "${d.alt}" is a file name, so a reader who cannot see the image learns nothing of what it shows.`
        : `The alt text "${d.alt}" only says what kind of image this is, not what it shows.`,
    hint: () => 'Describe what the image shows, for a reader who cannot see it (what is where, and what changed), in a sentence or two.'
  }),
  'figure/missing-caption': rule({
    severity: 'warning',
    summary: 'A figure with no caption (the image\'s title).',
    message: () => 'This figure has no caption, so readers see the image without being told what it is or why it matters.',
    hint: () => 'Add the caption as the image\'s title, in quotes after the path: `![alt](maps/kinmen.png "Patrols near Kinmen, 19 February")`.'
  }),
  'figure/remote': rule<{url: string}>({
    severity: 'warning',
    summary: 'A figure whose image is loaded from another site.',
    message: (d) =>
      `This figure's image is loaded from ${d.url}: it may change or disappear after publication, and every reader's browser would contact that site.`,
    hint: () => 'Save the image, commit the file under content/ (e.g. content/briefs/maps/) and link it by a relative path, e.g. `maps/kinmen.png`.'
  }),
  'figure/outside-content': rule<{url: string}>({
    severity: 'error',
    summary: 'A figure whose path leads outside the content folder.',
    message: (d) => `"${d.url}" leads outside the content folder, so the image could not be published with the site.`,
    hint: () => 'Copy the image into content/ (e.g. content/briefs/maps/) and link it by a path relative to the brief, e.g. `maps/kinmen.png`.'
  }),
  'figure/missing-file': rule<{path: string}>({
    severity: 'error',
    summary: 'A figure whose image file does not exist under content/.',
    message: (d) => `There is no file ${d.path}, so this figure would show a broken image.`,
    hint: () => 'Check the path, relative to the brief (spelling and upper or lower case matter), or commit the image there.'
  }),
  'figure/unused': rule({
    severity: 'warning',
    summary: 'An image file under content/ that no figure shows.',
    message: () => 'No figure of any brief shows this image.',
    hint: () => 'Show it in a figure, or delete it if it is left over.'
  }),
  'figure/unreadable': rule<{file: string; detail: string}>({
    severity: 'error',
    summary: 'A figure whose image file is corrupt, truncated, unreadable or of a format sitrep does not read.',
    message: (d) => `The image ${d.file} cannot be shown: ${d.detail}.`,
    hint: () => 'Export the image again as PNG (maps, charts), JPEG (photos) or SVG, and commit that file; `file <image>` tells what a file really is.'
  }),
  'figure/too-large': rule<{file: string; detail: string}>({
    severity: 'error',
    summary: 'A figure whose image has more pixels than `images.maxPixels` allows (a decompression bomb, or a scan far larger than a page needs).',
    message: (d) => `The image is too large to process: ${d.detail}.`,
    hint: () =>
      'Scale the image down (no figure needs more than a few thousand pixels across), or raise `images: {maxPixels: ...}` in content/site.yml if it really must be this large.'
  }),
  'figure/unsafe-svg': rule<{file: string; detail: string}>({
    severity: 'error',
    summary: 'A figure whose SVG is refused: it could not be made safe to serve.',
    message: (d) => `The SVG ${d.file} is refused: ${d.detail}.`,
    hint: () => 'Export the drawing again as plain SVG (no entities, no embedded scripts), or as PNG.'
  }),
  'figure/svg-sanitised': rule<{file: string; removed: readonly string[]}>({
    severity: 'warning',
    summary: 'A figure whose SVG held active or external content, removed before publishing.',
    message: (d) =>
      `The SVG ${d.file} held ${d.removed.join(', ')}, which could run script, load other files or restyle the page; it is published without ${d.removed.length === 1 ? 'it' : 'them'}, so check it still draws as meant.`,
    hint: () => 'Export the drawing as plain SVG (shapes, text, gradients; styles as attributes), or remove those parts in the editor.'
  }),
  'link/missing-brief': rule<{url: string; slug: string}>({
    severity: 'error',
    summary: 'A link into this archive points at a brief that does not exist.',
    message: (d) => `${d.url} points into this archive at the brief "${d.slug}", which does not exist.`,
    hint: () => 'Check the slug against content/briefs/ (the file name without .md, or its `slug:`).'
  }),

  // --- sitrep links (every cited URL fetched: load/http-check.ts) ---------------
  'links/not-found': rule<LinkData>({
    severity: 'error',
    summary: 'A cited URL answers 404 Not Found.',
    message: (d) => `${subject(d)} ${d.url} answers 404 Not Found${via(d)}: the page is no longer there, so readers cannot reach what was cited.`,
    hint: (d) => deadHint(d)
  }),
  'links/gone': rule<LinkData>({
    severity: 'error',
    summary: 'A cited URL answers 410 Gone: removed for good.',
    message: (d) => `${subject(d)} ${d.url} answers 410 Gone${via(d)}: the site says the page was removed for good.`,
    hint: (d) => deadHint(d)
  }),
  'links/dns': rule<LinkData>({
    severity: 'error',
    summary: 'A cited URL whose host name does not exist (any more).',
    message: (d) => `${subject(d)} ${d.url} cannot be reached: the host name ${hostOf(d.finalUrl)} does not exist (${d.detail}).`,
    hint: (d) => deadHint(d, 'Check the address for a typo; if the site is gone, ')
  }),
  'links/redirect-loop': rule<LinkData>({
    severity: 'error',
    summary: 'A cited URL whose redirects go round in a loop (or never end).',
    message: (d) => `${subject(d)} ${d.url} never arrives: ${d.detail}, so no browser can open it.`,
    hint: (d) => deadHint(d, 'Open it in a browser to see where it should lead; ')
  }),
  'links/dead-archived': rule<LinkData>({
    severity: 'warning',
    summary: 'A dead cited URL whose source carries an archived copy, which readers are offered.',
    message: (d) => `${subject(d)} ${d.url} is dead (${d.detail}); readers are offered its archived copy instead.`,
    hint: () => 'Nothing is required. If the page moved, cite its new address and keep the archived copy.'
  }),
  'links/moved': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL that redirects permanently (301, 308) to a new address.',
    message: (d) => `${subject(d)} ${d.url} has moved permanently${d.detail === '' ? '' : ` (${d.detail})`} to ${d.finalUrl}.`,
    hint: (d) => `Cite the new address: ${d.finalUrl}`
  }),
  'links/timeout': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL that did not answer in time, on every try.',
    message: (d) => `${subject(d)} ${d.url} did not answer within ${d.detail} (${plural(d.attempts, 'try', 'tries')}).`,
    hint: () => 'Open it in a browser: a slow site may be fine; a site that never answers may be gone. Run `sitrep links` again later, or raise --timeout.'
  }),
  'links/rate-limited': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL whose site kept answering 429 Too Many Requests.',
    message: (d) => `${subject(d)} ${d.url} was not checked: its site answered 429 Too Many Requests on every try (${plural(d.attempts, 'try', 'tries')}).`,
    hint: () => 'Run `sitrep links` again later (results already found are cached), or lower --concurrency.'
  }),
  'links/server-error': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL whose server kept failing (5xx).',
    message: (d) => `${subject(d)} ${d.url} answers ${d.detail}${via(d)} on every try (${plural(d.attempts, 'try', 'tries')}): the site is failing.`,
    hint: () => 'Run `sitrep links` again later; if it persists for weeks, add an archived copy after the URL.'
  }),
  'links/tls': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited https URL whose certificate could not be verified.',
    message: (d) => `${subject(d)} ${d.url} could not be opened securely: ${d.detail}. Browsers will warn readers before showing it.`,
    hint: () => 'Check the address (a typo in the host name gives another site\'s certificate); if the site is right, add an archived copy after the URL.'
  }),
  'links/connection': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL whose server reset or refused the connection, on every try.',
    message: (d) => `${subject(d)} ${d.url} could not be read: ${d.detail} (${plural(d.attempts, 'try', 'tries')}).`,
    hint: () => 'Open it in a browser; if it fails there too, the site may be down or gone: run `sitrep links` again later, or add an archived copy.'
  }),
  'links/refused': rule<LinkData>({
    severity: 'warning',
    summary: 'A cited URL whose site refused the check (401, 403, another 4xx or an unexpected answer).',
    message: (d) => `${subject(d)} ${d.url} answers ${d.detail}${via(d)}, so whether it still holds the page is unknown.`,
    hint: () => 'Open it in a browser: many sites refuse automated checks but serve readers. If it is gone, add an archived copy after the URL.'
  }),

  // --- sitrep import (the plain-text form of a brief → Markdown) -----------------
  'import/empty': rule({
    severity: 'error',
    summary: 'The text given to `sitrep import` is empty.',
    message: () => 'The text to import is empty, so there is no brief to convert.',
    hint: () => 'Give the file that holds the pasted brief, or pipe the text into `sitrep import -`.'
  }),
  'import/missing-date': rule<{given?: string}>({
    severity: 'error',
    summary: 'An imported brief has no publication date.',
    message: (d) =>
      d.given === undefined
        ? 'The text has no date line and no --date was given, so the brief has no publication date (and the cutoff no year).'
        : `--date "${d.given}" is not a real day written YYYY-MM-DD, so the brief has no publication date.`,
    hint: () => 'Run the import again with --date YYYY-MM-DD, e.g. --date 2024-02-22.'
  }),
  'import/date-mismatch': rule<{given: string; found: string}>({
    severity: 'warning',
    summary: 'The --date given to `sitrep import` differs from the date written in the text.',
    message: (d) => `The text is dated ${d.found}, but --date says ${d.given}; the brief uses ${d.given}.`,
    hint: () => 'Check which date is right; drop --date to use the date written in the text.'
  }),
  'import/missing-title': rule<{title: string}>({
    severity: 'warning',
    summary: 'An imported brief had no title, so one was made up.',
    message: (d) => `The text has no "Title:" line, no --title was given and no series name was found, so the title is "${d.title}".`,
    hint: () => 'Give --title "…" or --series ID, or edit `title:` in the written brief.'
  }),
  'import/missing-line': rule<{label: 'Authors' | 'Data Cutoff' | 'Key Takeaways'}>({
    severity: 'error',
    summary: 'The text lacks a line every brief needs (Authors, Data Cutoff, Key Takeaways).',
    message: (d) =>
      d.label === 'Key Takeaways'
        ? 'The text has no "Key Takeaways" line followed by "- " items, so the brief has no takeaways.'
        : `The text has no "${d.label}:" line, so the brief has no ${d.label === 'Authors' ? 'authors' : 'data cutoff'}.`,
    hint: (d) =>
      d.label === 'Key Takeaways'
        ? 'Add a "Key Takeaways" line before the first region, then one "- " line per takeaway.'
        : d.label === 'Authors'
          ? 'Add a line such as "Authors: Jane Doe and John Roe of the Example Institute" at the top.'
          : 'Add a line such as "Data Cutoff: February 21 at 5pm ET" at the top.'
  }),
  'import/people': rule<{label: 'Authors' | 'Editors'; text: string; problem: 'no-org' | 'no-names'}>({
    severity: 'error',
    summary: 'An Authors or Editors line that cannot be split into names and organisations.',
    message: (d) =>
      d.problem === 'no-org'
        ? `No organisation could be found for "${d.text}" in the ${d.label} line; every person needs one.`
        : `"${d.text}" in the ${d.label} line does not read as a list of names.`,
    hint: () => 'Write the line as "A, B, and C of Org", "A of Org1 and B of Org2", or "A (Org1), B (Org2)".'
  }),
  'import/cutoff': rule<{
    text: string
    problem:
      | 'no-day'
      | 'no-time'
      | 'no-zone'
      | 'ambiguous-zone'
      | 'midnight'
      | 'bad-time'
      | 'skipped-time'
      | 'repeated-time'
      | 'after-publication'
      | 'extra-number'
      | 'no-publication-date'
  }>({
    severity: 'error',
    summary: 'A Data Cutoff line that cannot be read as a day, a time and a time zone.',
    message: (d) => {
      const why = {
        'no-day': 'it names no day (such as "February 21")',
        'no-time': 'it gives no time of day (such as "5pm")',
        'no-zone': 'it names no time zone sitrep knows (ET, CT, MT, PT, UTC, GMT, Taipei time ...)',
        'ambiguous-zone': '"CST" could mean US Central or China Standard Time',
        midnight: '"midnight" could mean the start or the end of that day',
        'bad-time': 'its time of day does not exist (e.g. "13pm")',
        'skipped-time': 'that local time does not exist: clocks go forward an hour that night',
        'repeated-time': 'that local time happens twice: clocks go back an hour that night',
        'after-publication': 'it falls after the publication date',
        'extra-number': 'it holds more numbers than one day and one time',
        'no-publication-date': 'there is no publication date to take its year from'
      }[d.problem]
      return `The data cutoff "${d.text}" could not be resolved: ${why}.`
    },
    hint: (d) =>
      d.problem === 'no-publication-date'
        ? 'Give --date YYYY-MM-DD; the cutoff takes its year from the publication date.'
        : 'Write it like "February 21 at 5pm ET", or edit `cutoff:` (e.g. 2024-02-21T17:00-05:00) in the written brief.'
  }),
  'import/unplaced-text': rule<{where: 'header' | 'before-regions'}>({
    severity: 'warning',
    summary: 'Text the importer could not place in the brief (kept in a comment, not published).',
    message: (d) =>
      d.where === 'header'
        ? 'This header line was not placed (one Title, Date, Authors, Editors and Data Cutoff line and one series blurb are read); it is kept in a comment and would not be published.'
        : 'This line comes before the first region heading, so it belongs to no region; it is kept in a comment and would not be published.',
    hint: () => 'Move the text under the heading of its region (or into the takeaways) and import again, or edit the written brief.'
  }),
  'import/near-region': rule<{heading: string; suggestion: string}>({
    severity: 'error',
    summary: 'A heading line that nearly, but not exactly, names a region.',
    message: (d) => `"${d.heading}" looks like the region "${d.suggestion}" misspelt; it was imported as a region heading that names no region.`,
    hint: (d) => `Write "${d.suggestion}" exactly, or add "${d.heading}" as an alias in content/regions.yml.`
  }),
  'import/takeaway-citation': rule<{numbers: string}>({
    severity: 'warning',
    summary: 'Citations written in a takeaway (removed: takeaways cite nothing).',
    message: (d) => `This takeaway cites ${d.numbers}; takeaways cannot carry citations, so the marks were removed from it.`,
    hint: () => 'Cite the sources in the paragraph that elaborates the takeaway.'
  }),
  'import/missing-note': rule<{number: number}>({
    severity: 'error',
    summary: 'A citation to a note number the endnote list never defines.',
    message: (d) => `This cites note ${d.number}, but the endnotes have no [${d.number}], so readers would reach no source.`,
    hint: (d) => `Add "[${d.number}] <source>" to the endnotes, or correct the number.`
  }),
  'import/duplicate-note': rule<{number: number; first: number}>({
    severity: 'error',
    summary: 'An endnote number listed twice.',
    message: (d) => `Note [${d.number}] is listed twice (first on line ${d.first}), so its citations are ambiguous.`,
    hint: () => 'Keep one entry: put every source of the note on its own line under it.'
  }),
  'import/output-exists': rule<{path: string}>({
    severity: 'error',
    summary: '`sitrep import` would overwrite an existing file.',
    message: (d) => `${d.path} already exists, so it was not overwritten.`,
    hint: () => 'Pass --force to replace it, or --out PATH to write somewhere else.'
  }),
  'import/output-unwritable': rule<{path: string; reason: string}>({
    severity: 'error',
    summary: '`sitrep import` could not write its output file.',
    message: (d) => `${d.path} could not be written (${d.reason}).`,
    hint: () => 'Check that the folder exists and that you may write to it, or pass --out PATH.'
  })
} as const

export type Catalogue = typeof catalogue
export type RuleId = keyof Catalogue
export type RuleData<R extends RuleId> = Parameters<Catalogue[R]['message']>[0]
export const ruleIds = Object.keys(catalogue) as RuleId[]
