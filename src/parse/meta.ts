// parse/: a brief's frontmatter YAML (already parsed with positions) checked
// against the zod schema: the typed Frontmatter, or one diagnostic per
// problem at the key it concerns, with a suggestion for a misspelt key.
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {closest} from '../diagnostics/suggest.js'
import {correction, frontmatterKeys, frontmatterSchema, person, type Frontmatter} from './schema.js'
import {describeIssues, type ParsedYaml} from './yaml.js'

export function readFrontmatter(file: string, yaml: ParsedYaml, diagnostics: Diagnostic[]): Frontmatter | undefined {
  if (yaml.errors.length > 0) {
    for (const error of yaml.errors) diagnostics.push(diagnostic(file, 'frontmatter/yaml-syntax', error.position, {reason: error.reason}))
    return undefined
  }
  const result = frontmatterSchema.safeParse(yaml.value ?? {})
  if (result.success) return result.data
  for (const report of describeIssues(result.error.issues, yaml, 'The frontmatter')) {
    if (report.kind === 'unknown-key') {
      // A key inside an author or editor ("authors[0].orgg") is compared with the keys of a person, one inside a correction with a correction's.
      const nested = /[.\]]/.test(report.key)
      const name = report.key.replace(/^.*[.\]]/, '')
      const known = !nested ? frontmatterKeys : report.key.startsWith('corrections') ? Object.keys(correction.shape) : Object.keys(person.shape)
      const suggestion = closest(name, known)
      diagnostics.push(
        diagnostic(file, 'frontmatter/unknown-key', report.position, {
          key: report.key,
          ...(suggestion === undefined ? {} : {suggestion}),
          ...(nested ? {known: known.join(', ')} : {})
        })
      )
    } else {
      diagnostics.push(diagnostic(file, 'frontmatter/schema', report.position, {problem: report.problem, fix: report.fix}))
    }
  }
  return undefined
}
