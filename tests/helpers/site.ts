// Test helper: a resolved `Site` for tests that render without a content
// folder: site.yml's defaults, a baseUrl and the regions a test needs.
import type {Region} from '../../src/parse/schema.js'
import type {Site} from '../../src/ast.js'

export function testSite(options: {baseUrl?: string; regions?: Region[]} = {}): Site {
  return {
    settings: {
      title: 'T',
      description: 'D',
      baseUrl: options.baseUrl ?? 'https://x.example/',
      language: 'en',
      pageSize: 20,
      feedSize: 20,
      maxBriefBytes: 1 << 20,
      maxNotes: 1000,
      maxSourcesPerNote: 50,
      images: {maxPixels: 40_000_000, widths: [480, 960, 1600]},
      links: {archiveApi: 'https://archive.org/wayback/available'},
      zoneNames: {}
    },
    regions: options.regions ?? [{id: 'taiwan', name: 'Taiwan', aliases: []}],
    contentDir: '/nowhere'
  }
}
