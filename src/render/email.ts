// render/: the email edition of a brief (briefs/<slug>/email.html), built
// as hast and serialised by rehype-stringify like every page. What mail
// clients render: a layout of tables at most 600 px wide, every style
// inline (clients drop <style> and never load a stylesheet), no script, and
// every address absolute under baseUrl, since a message has no base. Note
// numbers link to the notes on the brief's web page; figures show their
// PNG or JPEG copy; defanged sources are text, never links. Rendered from
// the typed brief when it is compiled (render/fragments.ts), with the
// brief's plain-text edition (render/text.ts), email.txt.
import type {Element, ElementContent, Properties, Root, RootContent as HastContent} from 'hast'
import {h} from 'hastscript'
import type {Image, Nodes, Parents, PhrasingContent, RootContent} from 'mdast'
import {toHast, type Handler, type State} from 'mdast-util-to-hast'
import type {Brief, Citation, DefangedSourceNode, Figure, FigureImage, Note, Site, Source} from '../ast.js'
import {isSafeUrl} from '../validate/url.js'
import {formatCutoff, formatDate, groupByOrg, joinNames} from './format.js'
import {ids} from './handlers.js'
import {makeInert} from './inert.js'
import {absolute, paths} from './paths.js'
import {stringify} from './serialize.js'

export interface EmailOptions {
  readonly site: Pick<Site, 'settings' | 'regions'>
  /** The processed image a figure's address leads to (build/image-store.ts), when it leads to one. */
  readonly imageOf: (url: string) => FigureImage | undefined
}

/** The widest the message gets (the common limit of mail clients' reading panes), and its text column inside the padding. */
export const emailWidth = 600
const columnWidth = 560

/** Colours and type, inline on every element that needs them: contrast of 4.5:1 or more on white. */
const font = "Georgia, 'Times New Roman', serif"
const sans = 'Arial, Helvetica, sans-serif'
const ink = '#1f2328'
const muted = '#4b5563'
const linkColour = '#0b57d0'

/**
 * Where the handlers below put the style of an element they make, since
 * makeInert removes every `style` from content; `styled` moves it back.
 * Brief content cannot set it: raw HTML never reaches hast.
 */
const ownStyle = 'dataSitrepEmailStyle'

/** Each element's style in brief prose (content styles are removed by makeInert first: only these remain). */
const proseStyles: Readonly<Record<string, string>> = {
  p: 'margin:0 0 16px 0;',
  h3: `margin:24px 0 8px 0;font-family:${sans};font-size:19px;line-height:1.3;color:${ink};`,
  h4: `margin:20px 0 8px 0;font-family:${sans};font-size:17px;line-height:1.3;color:${ink};`,
  h5: `margin:16px 0 8px 0;font-family:${sans};font-size:16px;line-height:1.3;color:${ink};`,
  h6: `margin:16px 0 8px 0;font-family:${sans};font-size:16px;line-height:1.3;color:${ink};`,
  a: `color:${linkColour};text-decoration:underline;`,
  ul: 'margin:0 0 16px 0;padding:0 0 0 24px;',
  ol: 'margin:0 0 16px 0;padding:0 0 0 24px;',
  li: 'margin:0 0 8px 0;',
  blockquote: `margin:0 0 16px 0;padding:0 0 0 12px;border-left:3px solid #d0d7de;color:${muted};`,
  pre: 'margin:0 0 16px 0;white-space:pre-wrap;font-family:Consolas, Menlo, monospace;font-size:14px;',
  code: 'font-family:Consolas, Menlo, monospace;font-size:15px;',
  hr: 'border:0;border-top:1px solid #d0d7de;margin:24px 0;',
  sup: 'font-size:12px;line-height:0;vertical-align:super;',
  img: 'display:block;max-width:100%;height:auto;border:0;'
}

/** The brief's email edition: a whole HTML document. */
export function renderEmail(brief: Brief, options: EmailOptions): string {
  const {settings, regions} = options.site
  const base = settings.baseUrl
  const page = absolute(base, paths.brief(brief.slug))
  const noteHref = (n: number) => `${page}#${ids.note('', n)}`
  const content = (nodes: ElementContent[]) => styled(makeInert(nodes), page)

  const header: ElementContent[] = [
    h('p', {style: `margin:0 0 12px 0;font-family:${sans};font-size:14px;`}, [h('a', {href: base, style: `color:${muted};text-decoration:none;font-weight:bold;`}, settings.title)]),
    ...(brief.meta.summary === undefined ? [] : [h('p', {style: `margin:0 0 12px 0;font-size:15px;color:${muted};`}, brief.meta.summary)]),
    h('h1', {style: `margin:0 0 12px 0;font-family:${sans};font-size:26px;line-height:1.25;color:${ink};`}, brief.meta.title),
    h('p', {style: `margin:0 0 4px 0;font-size:15px;color:${muted};`}, [
      `Published ${formatDate(brief.meta.date)} · Data cutoff ${formatCutoff(brief.meta.cutoff, settings.zoneNames)}`
    ]),
    h('p', {style: `margin:0 0 4px 0;font-size:15px;color:${muted};`}, [`${brief.meta.authors.length === 1 ? 'Author' : 'Authors'}: ${people(brief.meta.authors)}`]),
    ...(brief.meta.editors.length === 0
      ? []
      : [h('p', {style: `margin:0 0 4px 0;font-size:15px;color:${muted};`}, [`${brief.meta.editors.length === 1 ? 'Editor' : 'Editors'}: ${people(brief.meta.editors)}`])]),
    // A correction is never silent: each is stated, dated, before anything else of the brief.
    ...brief.corrections.map((entry) =>
      h('p', {style: `margin:12px 0 0 0;padding:8px 12px;font-size:15px;border-left:4px solid ${muted};`}, [
        h('strong', `Corrected ${formatDate(entry.date)}:`),
        ' ',
        ...content(phrasing(entry.content, noteHref))
      ])
    ),
    h('p', {style: 'margin:12px 0 0 0;font-size:15px;'}, [h('a', {href: page, style: `color:${linkColour};text-decoration:underline;`}, 'Read this brief on the web')])
  ]

  const takeaways: ElementContent[] = [
    h('h2', {style: headingStyle(22)}, 'Key takeaways'),
    h(
      'ul',
      {style: 'margin:0;padding:0 0 0 24px;'},
      brief.takeaways.map((takeaway) => h('li', {style: 'margin:0 0 10px 0;'}, content(phrasing(takeaway.content, noteHref))))
    )
  ]

  const sections: ElementContent[] = []
  let group: string | undefined
  brief.sections.forEach((section) => {
    const region = regions.find((r) => r.id === section.regionId)
    if (region?.group !== undefined && region.group !== group) {
      sections.push(h('p', {style: `margin:32px 0 0 0;font-family:${sans};font-size:13px;letter-spacing:0.08em;text-transform:uppercase;color:${muted};`}, region.group))
    }
    group = region?.group
    sections.push(h('h2', {style: headingStyle(22)}, region?.name ?? section.heading))
    sections.push(...content(blocks(section.children, {noteHref, imageOf: options.imageOf, base})))
  })

  const notes: ElementContent[] = [h('h2', {style: headingStyle(20)}, 'Notes'), ...brief.notes.map((note) => noteElement(note, noteHref))]

  const footer: ElementContent[] = [
    h('p', {style: `margin:0 0 8px 0;font-family:${sans};font-size:13px;color:${muted};`}, [
      'This is the email edition of ',
      h('a', {href: page, style: `color:${muted};text-decoration:underline;`}, brief.meta.title),
      '. Every brief: ',
      h('a', {href: absolute(base, paths.archive), style: `color:${muted};text-decoration:underline;`}, absolute(base, paths.archive))
    ]),
    ...(settings.publisher === undefined ? [] : [h('p', {style: `margin:0;font-family:${sans};font-size:13px;color:${muted};`}, `Published by ${settings.publisher}`)])
  ]

  const row = (children: ElementContent[], style: string) => h('tr', [h('td', {style}, children)])
  const body = `padding:8px 20px 8px 20px;font-family:${font};font-size:17px;line-height:1.55;color:${ink};overflow-wrap:break-word;word-wrap:break-word;`
  const card = h('table', {role: 'presentation', style: `width:100%;max-width:${emailWidth}px;margin:0 auto;border-collapse:collapse;border-spacing:0;background-color:#ffffff;`}, [
    h('tbody', [
      row(header, `padding:24px 20px 16px 20px;font-family:${font};color:${ink};border-bottom:1px solid #d0d7de;`),
      row(takeaways, body),
      row(sections, body),
      row(notes, `${body}font-size:15px;line-height:1.45;word-break:break-word;`),
      row(footer, `padding:16px 20px 24px 20px;border-top:1px solid #d0d7de;`)
    ])
  ])

  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: settings.language}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          // Mail clients with a dark mode otherwise invert the colours chosen here for contrast.
          h('meta', {name: 'color-scheme', content: 'light'}),
          h('title', brief.meta.title)
        ]),
        h('body', {style: 'margin:0;padding:0;background-color:#eef0f3;'}, [
          h('table', {role: 'presentation', style: 'width:100%;border-collapse:collapse;border-spacing:0;background-color:#eef0f3;'}, [
            h('tbody', [
              h('tr', [
                h('td', {style: 'padding:16px 0;'}, [
                  // Outlook on Windows ignores max-width: a fixed-width table only it reads holds the column.
                  {type: 'comment', value: `[if mso]><table role="presentation" style="width:${emailWidth}px;margin:0 auto;"><tr><td><![endif]`},
                  card,
                  {type: 'comment', value: '[if mso]></td></tr></table><![endif]'}
                ])
              ])
            ])
          ])
        ])
      ])
    ]
  }
  return stringify(tree)
}

function headingStyle(size: number): string {
  return `margin:28px 0 12px 0;font-family:${sans};font-size:${size}px;line-height:1.3;color:${ink};`
}

function people(list: Brief['meta']['authors']): string {
  return groupByOrg(list)
    .map((group) => `${joinNames(group.names)} (${group.org})`)
    .join('; ')
}

interface BlockContext {
  readonly noteHref: (n: number) => string
  readonly imageOf: EmailOptions['imageOf']
  readonly base: string
}

/** A section's blocks as hast: mdast-util-to-hast with sitrep's own node kinds handled here. */
function blocks(children: RootContent[], context: BlockContext): ElementContent[] {
  return convert({type: 'root', children}, handlersFor(context))
}

function phrasing(children: PhrasingContent[], noteHref: (n: number) => string): ElementContent[] {
  const [paragraph] = convert({type: 'root', children: [{type: 'paragraph', children}]}, handlersFor({noteHref, imageOf: () => undefined, base: ''}))
  return paragraph?.type === 'element' ? paragraph.children : []
}

function convert(root: {type: 'root'; children: RootContent[]}, handlers: Record<string, Handler>): ElementContent[] {
  const tree = toHast(root, {handlers})
  const children: HastContent[] = tree.type === 'root' ? tree.children : [tree]
  return children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text')
}

function handlersFor(context: BlockContext): Record<string, Handler> {
  return {
    // A note number, linking to the note on the brief's web page; adjacent ones read "3,4".
    citation: (_state: State, node: Citation, parent: Parents | undefined) => {
      const siblings: readonly Nodes[] = parent?.children ?? []
      const previous = siblings[siblings.indexOf(node) - 1]
      const link = h('a', {href: context.noteHref(node.number)}, String(node.number))
      return h('sup', previous?.type === 'citation' ? [',', link] : [link])
    },
    defangedSource: (_state: State, node: DefangedSourceNode) => ({type: 'text', value: node.value}),
    // An image inside a sentence: its address is relative to the brief's file, which the message cannot reach; its alt text stands in.
    image: (_state: State, node: Image) =>
      /^https?:\/\//i.test(node.url) ? h('img', {src: node.url, alt: node.alt ?? ''}) : {type: 'text', value: node.alt ?? ''},
    // Raw HTML is never rendered, as on the page.
    html: () => undefined,
    figure: (state: State, node: Figure) => figureElements(state, node, context)
  }
}

/** The figure's PNG or JPEG copy at its absolute URL, linking to the full-size file, then its caption and credit. */
function figureElements(state: State, figure: Figure, context: BlockContext): Element[] {
  const image = context.imageOf(figure.url)
  let picture: ElementContent
  if (image) {
    const {raster, full} = image
    const width = Math.min(columnWidth, raster.width)
    const height = Math.round((width * raster.height) / raster.width)
    const img = h('img', {src: absolute(context.base, paths.image(raster.name)), alt: figure.alt, width, height})
    picture = h('a', {href: absolute(context.base, paths.image(full.name))}, [img])
  } else if (/^https?:\/\//i.test(figure.url)) {
    // A remote image (check warns about it): shown from where it is.
    picture = h('img', {src: figure.url, alt: figure.alt, width: columnWidth})
  } else picture = h('span', `[Image: ${figure.alt}]`)
  const caption: ElementContent[] = []
  if (figure.caption !== undefined && figure.caption !== '') caption.push(h('strong', figure.caption))
  if (figure.credit) {
    if (caption.length > 0) caption.push({type: 'text', value: ' '})
    caption.push(...state.all({type: 'paragraph', children: figure.credit}))
  }
  return [
    h('p', {[ownStyle]: 'margin:8px 0 6px 0;'}, [picture]),
    ...(caption.length === 0 ? [] : [h('p', {[ownStyle]: `margin:0 0 20px 0;font-size:14px;line-height:1.4;color:${muted};`}, caption)])
  ]
}

/** A note as the analyst numbered it (a list would renumber), each source on its own line. */
function noteElement(note: Note, noteHref: (n: number) => string): Element {
  const children: ElementContent[] = [h('a', {href: noteHref(note.number), style: `color:${ink};font-weight:bold;text-decoration:none;`}, `[${note.number}]`)]
  note.sources.forEach((source, index) => {
    children.push(index === 0 ? {type: 'text', value: ' '} : h('br'))
    children.push(...sourceElements(source))
  })
  return h('p', {style: 'margin:0 0 8px 0;'}, children)
}

function sourceElements(source: Source): ElementContent[] {
  switch (source.kind) {
    case 'url': {
      const label = source.label ?? source.url
      if (!isSafeUrl(source.url)) return [{type: 'text', value: source.raw}]
      const link = h('a', {href: source.url, style: `color:${linkColour};text-decoration:underline;`}, label)
      return source.locator === undefined ? [link] : [link, {type: 'text', value: `, ${source.locator}`}]
    }
    case 'defanged':
      // Deliberately not a link: text exactly as written.
      return [h('span', {style: `color:${muted};`}, source.raw)]
    case 'text':
      return [{type: 'text', value: source.raw}]
  }
}

/**
 * Content made to stand alone: every element styled inline (makeInert has
 * removed whatever style the content had) and every address absolute,
 * resolved against the brief's web page. Mutates and returns `nodes`.
 */
function styled(nodes: ElementContent[], page: string): ElementContent[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    const properties: Properties = node.properties
    const own = properties.dataSitrepEmailStyle
    delete properties.dataSitrepEmailStyle
    const style = typeof own === 'string' ? own : proseStyles[node.tagName]
    if (style !== undefined) properties.style = style
    for (const key of ['href', 'src'] as const) {
      const value = properties[key]
      if (typeof value === 'string') properties[key] = absoluteUrl(value, page)
    }
    styled(node.children, page)
  }
  return nodes
}

function absoluteUrl(value: string, page: string): string {
  try {
    return new URL(value, page).href
  } catch {
    return value
  }
}
