// The package entry: the brief AST, the pipeline stages and the reporters,
// for tools that want to read briefs without the CLI.
export type {Brief, Citation, CitationRef, DefangedSourceNode, Note, RegionSection, Site, Source, Takeaway, Topic} from './ast.js'
export type {Diagnostic, Place} from './diagnostics/diagnostic.js'
export {catalogue, ruleIds, type RuleId, type Severity} from './diagnostics/catalogue.js'
export {formatGithub, formatJson, formatText, type Format} from './diagnostics/report.js'
export {checkArchive, type CheckOptions, type CheckResult} from './build/check.js'
export {parseBrief, type BriefResult} from './build/compile.js'
export {parseBriefSyntax, type BriefFile, type ParseOptions} from './parse/brief.js'
export {parseSite} from './parse/site.js'
export {frontmatterSchema, regionSchema, siteSchema, type Frontmatter, type Person, type Region, type SiteSettings} from './parse/schema.js'
export {validateBrief} from './validate/brief.js'
export {linkArchive, type Archive} from './link/archive.js'
export {skeletonOf, type BriefSkeleton, type NoteSkeleton, type SectionSkeleton} from './link/skeleton.js'
