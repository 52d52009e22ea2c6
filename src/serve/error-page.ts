// serve/: the page every HTML request gets while the latest build has
// errors: each diagnostic with its place (file:line:column), message, code
// frame, hint and rule, and the reload script, so saving a fix brings the
// site back without a restart. Built as hast; content only ever as text.
// Links the site's icon like every page, so a site under a sub-path does
// not leave the browser asking the host for its /favicon.ico.
import {h} from 'hastscript'
import type {ElementContent} from 'hast'
import {countBySeverity, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {capped, codeFrames, defaultMaxPerRule, omittedLine, plural} from '../diagnostics/report.js'
import {paths} from '../render/paths.js'
import {stringify} from '../render/site.js'
import {reloadScript} from './reload.js'

/** Self-contained: the site's own stylesheet may be what is broken. A constant. */
const style = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; color: #1d1d1f; background: #fff; }
h1 { color: #b3261e; font-size: 1.6rem; }
ol { padding: 0; list-style: none; }
li { border-left: 4px solid #b3261e; padding: .5rem 1rem; margin: 1rem 0; background: #fdf3f2; }
li.warning { border-color: #a86b00; background: #fdf8ec; }
.where { font-weight: 600; margin: 0; }
.severity { text-transform: uppercase; font-size: .8rem; margin: 0 .5rem; }
.rule { color: #555; font-size: .85rem; }
.message { margin: .25rem 0; }
.hint { margin: .25rem 0; color: #333; }
pre { overflow-x: auto; background: #fff; padding: .5rem; border: 1px solid #ddd; font-size: .85rem; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #121212; }
  li { background: #2a1614; } li.warning { background: #2a2312; }
  pre { background: #1c1c1c; border-color: #333; } .rule, .hint { color: #bbb; }
}
`

export interface ErrorPageInput {
  readonly diagnostics: readonly Diagnostic[]
  /** File text by display path, for code frames. */
  readonly sources: ReadonlyMap<string, string>
  /** Build id the page belongs to (see reload.ts). */
  readonly build: string
  /** Where the site is served, '/' or '/sub/': this one page answers every path, so its links start there. */
  readonly mount: string
  /** When the build itself failed (a bug, or the disk): what went wrong. */
  readonly failure?: string
}

export function errorPage(input: ErrorPageInput): string {
  const sorted = sortDiagnostics(input.diagnostics)
  const counts = countBySeverity(sorted)
  // As in the terminal: the first few of one rule in one file, then how many more.
  const {shown, omitted} = capped(sorted, defaultMaxPerRule)
  const frameOf = codeFrames(input.sources)
  const items = (severity: Diagnostic['severity']) =>
    shown
      .filter((d) => d.severity === severity)
      .flatMap((d) => {
        const more = omitted.get(d)
        const entry = item(d, frameOf(d))
        return more === undefined ? [entry] : [entry, h('li', {className: [d.severity, 'omitted']}, omittedLine(d, more))]
      })
  const errors = items('error')
  const warnings = items('warning')
  const heading = input.failure === undefined ? `The site has ${plural(counts.errors, 'error')}` : 'The site could not be rebuilt'
  const main: ElementContent[] = [
    h('h1', heading),
    input.failure === undefined
      ? h('p', 'sitrep serve could not rebuild the site, so no page is shown until these are fixed. Save the fix: this page reloads by itself.')
      : h('p', ['sitrep serve failed while rebuilding: ', h('code', input.failure), '. The terminal has the details; the next change rebuilds again.']),
    h('ol', {className: ['diagnostics']}, errors)
  ]
  if (warnings.length > 0) {
    main.push(h('h2', plural(counts.warnings, 'warning')), h('ol', {className: ['diagnostics']}, warnings))
  }
  const tree = h(null, [
    {type: 'doctype'},
    h('html', {lang: 'en'}, [
      h('head', [
        h('meta', {charSet: 'utf-8'}),
        h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
        h('meta', {name: 'robots', content: 'noindex'}),
        h('title', `${heading} · sitrep serve`),
        h('style', style),
        h('link', {rel: 'icon', href: `${input.mount}${paths.favicon}`, sizes: '16x16 32x32'}),
        h('link', {rel: 'icon', href: `${input.mount}${paths.icon}`, type: 'image/svg+xml'})
      ]),
      h('body', [h('main', main), h('script', {dataSitrepBuild: input.build}, reloadScript)])
    ])
  ])
  return stringify(tree)
}

function item(d: Diagnostic, frame: string): ElementContent {
  return h('li', {className: [d.severity]}, [
    h('p', {className: ['where']}, [
      h('code', `${d.file}:${d.line}:${d.column}`),
      ' ',
      h('span', {className: ['severity']}, d.severity),
      ' ',
      h('code', {className: ['rule']}, d.rule)
    ]),
    h('p', {className: ['message']}, d.message),
    ...(frame === '' ? [] : [h('pre', [h('code', frame)])]),
    h('p', {className: ['hint']}, [h('strong', 'Hint:'), ' ', d.hint])
  ])
}
