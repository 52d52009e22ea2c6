// Offsets to line/column for one file's text, for positions parse/ derives
// itself (a `[^9]` inside a text node, one source line inside a note).
import type {Point, Position} from 'unist'

export interface Locator {
  point(offset: number): Point
  range(start: number, end: number): Position
}

export function locator(value: string): Locator {
  const starts = [0]
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) starts.push(i + 1)
  const point = (offset: number): Point => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return {line: low + 1, column: offset - (starts[low] ?? 0) + 1, offset}
  }
  return {point, range: (start, end) => ({start: point(start), end: point(end)})}
}

/** A node's position, or the file's first column when it has none (a diagnostic always has a place). */
export function placeOf(node: {position?: Position}): Position {
  return node.position ?? {start: {line: 1, column: 1}, end: {line: 1, column: 1}}
}
