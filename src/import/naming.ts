// import/: what the brief is called. The series id comes from --series or
// from the blurb ("The China–Taiwan Weekly Update focuses on ..." names the
// series "China–Taiwan Weekly Update"); the title from a Title line, --title,
// or the series name and the publication day, as the archive's titles read.
import {slugify} from '../parse/slugs.js'

/** Verbs that follow a series' name in its blurb. */
const blurbVerb =
  /^The\s+(.+?)\s+(?:focuses|follows|tracks|covers|monitors|examines|explores|reviews|reports|provides|offers|analy[sz]es|assesses|summari[sz]es|highlights|documents|is|was)\b/

/** The series name a blurb opens with, if it reads like one (a capitalised name of a few words). */
export function seriesNameFromBlurb(blurb: string | undefined): string | undefined {
  const match = blurb === undefined ? null : blurbVerb.exec(blurb)
  const name = match?.[1]
  if (name === undefined || !/^[\p{Lu}\p{N}]/u.test(name) || name.split(/\s+/).length > 8) return undefined
  return name
}

/** "pacific-monitor" → "Pacific Monitor": the best a bare id can give. */
export function humanise(id: string): string {
  return id
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
}

export interface Naming {
  readonly seriesId?: string
  readonly seriesName?: string
}

/**
 * The blurb's name is used when it belongs to the series asked for (its slug
 * starts with the id: "china-taiwan" and "China–Taiwan Weekly Update"), so a
 * pasted blurb of another series never renames this one.
 */
export function nameSeries(series: string | undefined, blurb: string | undefined): Naming {
  const fromBlurb = seriesNameFromBlurb(blurb)
  const blurbId = fromBlurb === undefined ? '' : slugify(fromBlurb)
  const seriesId = series ?? (blurbId === '' ? undefined : blurbId)
  const matches = fromBlurb !== undefined && blurbId !== '' && (series === undefined || blurbId === series || blurbId.startsWith(`${series}-`))
  const seriesName = matches ? fromBlurb : series === undefined ? undefined : humanise(series)
  return {...(seriesId === undefined ? {} : {seriesId}), ...(seriesName === undefined ? {} : {seriesName})}
}
