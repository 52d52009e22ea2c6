// The region vocabulary the import tests read headings with: the shape of
// content/regions.yml (aliases, a group), fixed here so tests never depend
// on the archive's content.
import type {Region} from '../../src/parse/schema.js'

export const regions: readonly Region[] = [
  {id: 'taiwan', name: 'Taiwan', aliases: ['ROC'], group: 'Cross-Strait Relations'},
  {id: 'china', name: 'China', aliases: ['PRC', 'Mainland China'], group: 'Cross-Strait Relations'},
  {id: 'us-europe', name: 'United States and Europe', aliases: ['US and Europe']},
  {id: 'southeast-asia', name: 'Southeast Asia', aliases: []},
  {id: 'oceania', name: 'Oceania', aliases: ['Pacific Islands']}
]

export const regionsYaml = `- id: taiwan
  name: Taiwan
  aliases: [ROC]
  group: Cross-Strait Relations
- id: china
  name: China
  aliases: [PRC, Mainland China]
  group: Cross-Strait Relations
- id: us-europe
  name: United States and Europe
  aliases: [US and Europe]
- id: southeast-asia
  name: Southeast Asia
- id: oceania
  name: Oceania
  aliases: [Pacific Islands]
`
