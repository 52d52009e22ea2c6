// The benchmark's whole-process-tree measurement (bench/process-tree.ts):
// parsing what Linux reports, and a tree whose child holds more memory
// than its parent measured as such.
import {describe, expect, it} from 'vitest'
import {childrenCpuMs, descendants, ownCpuMs, parentPid, runTree, statusKb, treeCpu} from '../../bench/process-tree.js'

describe('reading /proc and `times`', () => {
  it('reads fields of /proc/<pid>/status and /proc/<pid>/stat, a command name with spaces and parentheses included', () => {
    const status = 'Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t   65432 kB\n'
    expect(statusKb(status, 'VmHWM')).toBe(123456)
    expect(statusKb(status, 'VmRSS')).toBe(65432)
    expect(statusKb(status, 'VmSwap')).toBe(0)
    const stat = '4242 (a (b) c) S 4200 4242 4200 0 -1 4194560 1500 0 0 0 250 37 5 1 20 0 11 0 100 1000 200'
    expect(parentPid(stat)).toBe(4200)
    expect(ownCpuMs(stat)).toBe(2870)
  })

  it('reads the children line of `times` from bash and dash', () => {
    expect(childrenCpuMs('0m0.001s 0m0.002s\n1m2.500s 0m0.250s\n')).toBe(62750)
    expect(childrenCpuMs('0m0.000000s 0m0.000000s\n0m1.234000s 0m0.056000s\n')).toBe(1290)
    expect(childrenCpuMs('')).toBeUndefined()
  })

  it('finds a process tree in a table of parents, whatever the order', () => {
    const parents = new Map([[5, 3], [3, 1], [4, 2], [2, 1], [9, 5], [7, 6]])
    expect(descendants(1, parents).sort()).toEqual([2, 3, 4, 5, 9])
    expect(descendants(6, parents)).toEqual([7])
    expect(descendants(8, parents)).toEqual([])
  })

  it('takes the larger of what `times` saw and the own CPU time plus the others sampled', () => {
    expect(treeCpu({waitedCpuMs: 3000, othersCpuMs: 900}, 2000)).toBe(3000)
    expect(treeCpu({waitedCpuMs: 2000, othersCpuMs: 900}, 2000)).toBe(2900)
    expect(treeCpu({othersCpuMs: 0}, 1500)).toBe(1500)
  })
})

describe.runIf(process.platform === 'linux')('a measured process tree', () => {
  it('counts a child process holding memory that its parent does not', {timeout: 30_000}, async () => {
    // The parent starts a child that fills 200 MB and holds it for a second.
    const childCode = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => console.log(b[7]), 1000)'
    const parentCode = `require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(childCode)}], {stdio: 'inherit'})`
    const run = await runTree(process.execPath, ['-e', parentCode], {cwd: process.cwd()})
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe('1')
    expect(run.rootRssMb).toBeLessThan(150)
    expect(run.largestProcessRssMb).toBeGreaterThanOrEqual(200)
    expect(run.treeRssMb).toBeGreaterThan(run.largestProcessRssMb)
    // Filling 200 MB takes CPU time of the child, which `times` sees (the parent waits for it).
    expect(run.waitedCpuMs).toBeGreaterThan(0)
    expect(run.treeCpuMs).toBeGreaterThanOrEqual(run.waitedCpuMs ?? 0)
  })
})
