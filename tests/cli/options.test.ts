// cli/options.ts: the options several commands share are defined once;
// every command's help says each one with the default it has.
import {describe, expect, it} from 'vitest'
import {buildHelp} from '../../src/cli/build.js'
import {checkHelp} from '../../src/cli/check.js'
import {importHelp} from '../../src/cli/import.js'
import {newHelp} from '../../src/cli/new.js'
import {baseUrlOption, briefOptions, cacheOption, contentOption, helpOption, outputOptions, siteOptions} from '../../src/cli/options.js'
import {serveHelp} from '../../src/cli/serve.js'

const helps = {build: buildHelp, check: checkHelp, import: importHelp, new: newHelp, serve: serveHelp}

describe('shared options', () => {
  it('have the defaults the help texts state', () => {
    expect(contentOption).toEqual({content: {type: 'string', default: 'content'}})
    expect(siteOptions).toEqual({public: {type: 'string', default: 'public'}, 'base-url': {type: 'string'}})
    expect(baseUrlOption).toEqual({'base-url': {type: 'string'}})
    expect(cacheOption).toEqual({'no-cache': {type: 'boolean', default: false}})
    expect(briefOptions).toEqual({series: {type: 'string'}, date: {type: 'string'}})
    expect(helpOption).toEqual({help: {type: 'boolean', short: 'h', default: false}})
    expect(outputOptions).toEqual({
      quiet: {type: 'boolean', short: 'q', default: false},
      verbose: {type: 'boolean', short: 'v', default: false},
      help: {type: 'boolean', short: 'h', default: false}
    })
  })

  it.each(Object.entries(helps))('sitrep %s --help names --content with its default, and -h', (_, help) => {
    expect(help).toMatch(/\n {2}--content DIR +content folder[^\n]*\(default: content\)\n/)
    expect(help).toContain('\n  -h, --help ')
  })

  it.each([
    ['build', buildHelp],
    ['check', checkHelp]
  ])('sitrep %s --help names --no-cache and --base-url', (_, help) => {
    expect(help).toContain('\n  --no-cache ')
    expect(help).toContain('\n  --base-url URL ')
  })

  it.each([
    ['build', buildHelp],
    ['serve', serveHelp]
  ])('sitrep %s --help names --public with its default, -q and -v', (_, help) => {
    expect(help).toMatch(/\n {2}--public DIR +[^\n]*\(default: public, if present\)\n/)
    expect(help).toMatch(/\n {2}-q, --quiet /)
    expect(help).toMatch(/\n {2}-v, --verbose /)
  })
})
