// "Did you mean ...?": the closest known name to a misspelt one, by edit
// distance, or nothing when no name is close enough to be a useful guess.

export function closest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(input)
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  // Allow about one edit in three characters: "South East Asia" → "Southeast Asia", not "Oceania".
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return bestDistance <= limit ? best : undefined
}

function normalise(value: string): string {
  return value.toLowerCase().replace(/[\s\-_–—]+/g, ' ').trim()
}

/** Levenshtein distance with one rolling row: O(a·b) time, O(b) memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  const row = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length] ?? 0
}
