// Progress for long steps, on a terminal only: one line rewritten in place
// (briefs parsed of total, pages rendered, files written), throttled so
// redrawing never costs more than the work. Off a terminal, commands print
// only their one-line summary.
import type {BuildProgress} from '../build/builder.js'
import type {Writable} from './io.js'
import {plural} from '../diagnostics/report.js'

export interface Progress {
  /** Show a step's state (ignored off a terminal or when quiet). */
  show(text: string): void
  /** For the builder's onProgress. */
  parse(progress: BuildProgress): void
  /** Erase the line before other output. */
  clear(): void
}

/** `afterParsing` is added to the line once every brief is parsed (default: nothing). */
export function progressFor(stream: Writable, quiet: boolean, afterParsing = ''): Progress {
  const active = stream.isTTY === true && !quiet
  let shown = false
  let last = 0
  const show = (text: string) => {
    if (!active) return
    stream.write(`\r\u001B[2K${text}`)
    shown = true
  }
  return {
    show,
    parse({done, total}) {
      const now = performance.now()
      // 20 redraws a second at most, and always the last one.
      if (done !== total && now - last < 50) return
      last = now
      show(`Parsed ${done}/${plural(total, 'brief')}${done === total ? afterParsing : ''}`)
    },
    clear() {
      if (shown) stream.write('\r\u001B[2K')
      shown = false
    }
  }
}
