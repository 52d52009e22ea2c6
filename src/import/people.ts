// import/: an "Authors:" or "Editors:" line split into people with their
// organisations: "A, B, and C of the X Institute", "A of X and B of Y",
// "A (X), B (Y)". Organisation names hold "and" and "of" too ("Center for
// Strategic and International Studies", "University of Oxford"), so a new
// group starts only where the words after "and" read as people's names.

export interface ParsedPerson {
  readonly name: string
  /** Missing when the line gives none for this person (reported by the caller). */
  readonly org?: string
}

export interface PeopleProblem {
  readonly text: string
  readonly problem: 'no-org' | 'no-names'
}

export interface ParsedPeople {
  readonly people: ParsedPerson[]
  readonly problems: PeopleProblem[]
}

/** Between names in a list: ", ", ", and ", " and ", " & ". */
const listSeparator = /\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/
const of = /\s+of\s+/
/** Words that name institutions, never people: they stop "International Studies" reading as a name. */
const orgWords = new Set(
  (
    'academy administration affairs agency american analysis association board bureau center centre college commission committee ' +
    'company corporation council defense defence department development economics endowment enterprise forum foundation fund global ' +
    'group institute institution international laboratory league ministry national network office peace policy press program ' +
    'programme project relations research school science sciences security service society strategic studies study trust university war'
  ).split(' ')
)
/** Lowercase parts of names: "Ursula von der Leyen", "Abu al Ahmad". */
const particles = new Set(['al', 'bin', 'da', 'de', 'del', 'della', 'der', 'di', 'do', 'dos', 'du', 'el', 'la', 'le', 'van', 'von', 'y'])
const suffixes = /^(?:Jr|Sr|II|III|IV|PhD|Ph\.D)\.?$/

export function parsePeople(line: string): ParsedPeople {
  const people: ParsedPerson[] = []
  const problems: PeopleProblem[] = []
  const text = line.trim().replace(/\s+/g, ' ').replace(/(?<!\b(?:Inc|Ltd|Co|Corp|Jr|Sr|[A-Z]))\.$/, '')
  // A semicolon always separates groups: "A of X; B of Y".
  for (const group of text.split(/\s*;\s*/)) {
    if (group === '') continue
    readGroup(group, people, problems)
  }
  return {people, problems}
}

function readGroup(group: string, people: ParsedPerson[], problems: PeopleProblem[]): void {
  let rest = group
  while (rest !== '') {
    const split = ofOutsideParentheses(rest)
    if (!split) {
      readWithoutOf(rest, people, problems)
      return
    }
    const names = splitNames(rest.slice(0, split.index))
    if (names.length === 0 || !names.every((name) => looksLikeName(name, 1))) {
      problems.push({text: rest.slice(0, split.index), problem: 'no-names'})
      return
    }
    const after = rest.slice(split.index + split[0].length)
    const boundary = nextGroup(after)
    const org = stripArticle(boundary === undefined ? after : after.slice(0, boundary.index))
    for (const name of names) people.push({name, org})
    rest = boundary === undefined ? '' : after.slice(boundary.index + boundary.length)
  }
}

/**
 * Where, in the text after "of", the organisation ends and the next group's
 * names begin: the earliest separator after which everything up to the next
 * "of" is a list of names (at least two words each, so "Brookings" alone is
 * never taken for a person).
 */
function nextGroup(after: string): {index: number; length: number} | undefined {
  const separators = new RegExp(listSeparator.source, 'g')
  for (const match of after.matchAll(separators)) {
    if (match.index === 0) continue
    const start = match.index + match[0].length
    const nextOf = of.exec(after.slice(start))
    if (!nextOf) return undefined
    const names = splitNames(after.slice(start, start + nextOf.index))
    if (names.length > 0 && names.every((name) => looksLikeName(name, 2))) return {index: match.index, length: match[0].length}
  }
  return undefined
}

/** A group with no "of": "A (X), B (Y)", or names whose organisation is missing. */
function readWithoutOf(text: string, people: ParsedPerson[], problems: PeopleProblem[]): void {
  for (const item of splitNames(text, true)) {
    const paren = /^(.+?)\s*\(([^()]+)\)$/.exec(item)
    if (paren && looksLikeName(paren[1] ?? '', 1)) {
      people.push({name: paren[1] ?? '', org: stripArticle(paren[2] ?? '')})
    } else if (looksLikeName(item, 1)) {
      people.push({name: item})
      problems.push({text: item, problem: 'no-org'})
    } else {
      problems.push({text: item, problem: 'no-names'})
    }
  }
}

/** Names of a list, with "Jr." and the like kept on the name before them. */
function splitNames(text: string, keepParentheses = false): string[] {
  const parts = keepParentheses ? splitOutsideParentheses(text) : text.split(listSeparator)
  const names: string[] = []
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const last = names.length - 1
    // "John Roe, Jr. (Org)": the suffix (and what follows it) belongs to the name before.
    if (suffixes.test(part.replace(/\s*\([^()]*\)$/, '')) && last >= 0) names[last] = `${names[last] ?? ''}, ${part}`
    else names.push(part)
  }
  return names
}

/** The first " of " not inside "(...)": "Jane Doe (University of Oxford)" has none. */
function ofOutsideParentheses(text: string): RegExpExecArray | undefined {
  const all = new RegExp(of.source, 'g')
  for (let match = all.exec(text); match; match = all.exec(text)) if (depthAt(text, match.index) === 0) return match
  return undefined
}

/** Split at list separators, except inside "(...)": "A (Center for X and Y), B (Z)". */
function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = []
  let start = 0
  for (const match of text.matchAll(new RegExp(listSeparator.source, 'g'))) {
    if (depthAt(text, match.index) > 0) continue
    parts.push(text.slice(start, match.index))
    start = match.index + match[0].length
  }
  parts.push(text.slice(start))
  return parts
}

function depthAt(text: string, end: number): number {
  let depth = 0
  for (const ch of text.slice(0, end)) {
    if (ch === '(') depth++
    else if (ch === ')') depth = Math.max(0, depth - 1)
  }
  return depth
}

function looksLikeName(text: string, minWords: number): boolean {
  const words = text.replace(/,\s*(?:Jr|Sr|II|III|IV|PhD|Ph\.D)\.?$/, '').split(' ').filter((w) => w !== '')
  if (words.length < minWords || words.length > 6) return false
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return false
  return words.every(
    (word) =>
      particles.has(word) ||
      (/^\p{Lu}[\p{L}'’.-]*$/u.test(word) && !orgWords.has(word.toLowerCase().replace(/[.'’]/g, '')))
  )
}

/** "the Institute for the Study of War" → "Institute for the Study of War"; "The Heritage Foundation" is kept. */
function stripArticle(org: string): string {
  return org.trim().replace(/^the\s+/, '')
}
