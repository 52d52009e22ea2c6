// Keeping a long build's memory flat (build, and serve's builds in
// memory). Rendering thousands of pages makes garbage faster than V8
// chooses to collect it: on 4,000 briefs the heap
// held ~240 MB live and ~600 MB of garbage at its peak. A full collection
// every few hundred files keeps the process near its live size, for about
// 1% of the build's time.
import v8 from 'node:v8'
import vm from 'node:vm'

// Exposed once, when `build` or `serve` loads this module (no other command does).
v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc') as () => void

/** Run a full garbage collection now. */
export function collectGarbage(): void {
  collect()
}
