// parse/: the resolved site made immutable. Shared by parse/site.ts (a Site
// just parsed) and build/site.ts (a Site read back from the cache), so that
// both hand later steps the same frozen value.
import type {Site} from '../ast.js'

export function freezeSite(site: Site): Site {
  return Object.freeze({
    settings: Object.freeze({...site.settings, links: Object.freeze({...site.settings.links}), zoneNames: Object.freeze({...site.settings.zoneNames})}),
    regions: Object.freeze(site.regions.map((region) => Object.freeze({...region, aliases: Object.freeze([...region.aliases]) as string[]}))),
    contentDir: site.contentDir
  })
}
