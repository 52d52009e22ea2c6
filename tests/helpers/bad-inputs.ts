// Every bad input issue 2 names, in one content folder: each must get a
// diagnostic, never an exception, a hang or an out-of-memory.
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {cleanBrief, frontmatter, tempContent, tempDir, type TempContent} from './content.js'

export const crlf = (text: string): string => text.replace(/\n/g, '\r\n')
export const bom = '\uFEFF'

/** A billion-laughs alias bomb: 9^9 "lol"s if expanded. */
export const aliasBomb = `---
title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---

## Taiwan

Text.
`

export async function badInputs(): Promise<TempContent> {
  const secret = path.join(await tempDir('sitrep-outside-'), 'secret.md')
  await writeFile(secret, cleanBrief)
  const content = await tempContent({
    files: {
      'briefs/invalid-utf8.md': Buffer.concat([Buffer.from(`${frontmatter}\n## Taiwan\n\nCaf`), Buffer.from([0xe9]), Buffer.from('.\n')]),
      'briefs/binary.md': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff]),
      'briefs/empty.md': '',
      'briefs/huge.md': `${frontmatter}\n## Taiwan\n\n${'A long paragraph of filler. '.repeat(200_000)}\n`,
      'briefs/alias-bomb.md': aliasBomb,
      'briefs/js.md': '---js\nmodule.exports = {title: require("child_process").execSync("id").toString()}\n---\n\n## Taiwan\n\nText.\n',
      'briefs/deep.md': `${frontmatter}\n## Taiwan\n\n${'>'.repeat(20_000)} deep\n`,
      'briefs/deep-list.md': `${frontmatter}\n## Taiwan\n\n${'- '.repeat(5_000)}item\n`,
      'briefs/deep-yaml.md': `---\ntitle: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n---\n\n## Taiwan\n\nText.\n`,
      'briefs/crlf-bom.md': bom + crlf(cleanBrief)
    }
  })
  await content.link('briefs/linked.md', secret)
  return content
}

/** What checking badInputs() reports, in the `short` form. */
export const badInputDiagnostics = [
  'content/briefs/alias-bomb.md:1:1 error frontmatter/yaml-syntax',
  'content/briefs/binary.md:1:8 error file/binary',
  'content/briefs/deep-list.md:14:201 error body/too-deep',
  'content/briefs/deep-yaml.md:1:1 error frontmatter/yaml-syntax',
  'content/briefs/deep.md:14:101 error body/too-deep',
  'content/briefs/empty.md:1:1 error file/empty',
  'content/briefs/huge.md:1:1 error file/too-large',
  'content/briefs/invalid-utf8.md:14:4 error file/encoding',
  'content/briefs/js.md:1:1 error frontmatter/engine',
  'content/briefs/linked.md:1:1 error file/outside-content'
]
