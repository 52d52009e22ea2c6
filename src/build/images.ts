// build/: image variants. Owns turning one figure's image bytes into the
// responsive variants a page offers (AVIF, WebP and a fallback in the
// original's family, at a few widths, and the full size), their
// deterministic file names and sizes (planned from the header alone, so
// pages never wait for pixels) and the cache key of that work. An SVG is
// sanitised (render/svg.ts) and written as one file. Bad input is a result,
// never a throw: a figure whose image cannot be used becomes a diagnostic,
// not a failed build. An animated GIF or WebP gives its first frame. sharp's process-wide knobs
// (`sharp.concurrency`, `sharp.cache`) are left alone: the build's workers
// are the wiring's to size.
import sharp from 'sharp'
import type {Metadata, Sharp} from 'sharp'
import {contentKey} from '../content-key.js'
import type {FigureImage, ImageFile} from '../ast.js'
import {slugFromFileName} from '../parse/slugs.js'
import {sanitiseSvg} from '../render/svg.js'

/** An output format: the two modern ones and the fallbacks every browser shows. */
export type ImageFormat = 'avif' | 'webp' | 'png' | 'jpeg'

/** How images are processed. Plain data, frozen: part of every image's key. */
export interface ImageSettings {
  /**
   * Widths offered, in pixels. Default `[480, 960, 1600]`: a phone, a
   * tablet or narrow window, a wide screen at 2x of the text column. An
   * image narrower than the largest also gets its own width; none is enlarged.
   */
  readonly widths: readonly number[]
  /**
   * Modern formats, each offered before the fallback. Default AVIF and WebP:
   * AVIF is the smallest, WebP is decoded by the browsers AVIF is not. The
   * fallback (see `fallbackFormat`) is always made.
   */
  readonly formats: readonly ('avif' | 'webp')[]
  /**
   * Quality per lossy format, 1-100. Defaults: AVIF 55 and WebP 80 (each
   * format's quality scale differs; these look alike on maps and photos),
   * JPEG 82 (mozjpeg). PNG is lossless and has none.
   */
  readonly quality: {readonly avif: number; readonly webp: number; readonly jpeg: number}
  /**
   * The most pixels (width × height) an input may declare: sharp's
   * `limitInputPixels`. Default 40 megapixels: above any figure a brief needs
   * (an 8000 × 5000 scan), while decoding that much is ~160 MB of RGBA, which
   * a build worker can afford; a small file declaring more (a decompression
   * bomb) is refused before it is decoded.
   */
  readonly maxPixels: number
  /**
   * AVIF encoder effort, 0 (fastest) to 9. Default 2, not sharp's 4:
   * measured on a 2000 × 1500 map, 4 took 2.8 times as long (4.1 s against
   * 1.5 s for all variants) for AVIF files 4% smaller.
   */
  readonly avifEffort: number
}

export const defaultImageSettings: ImageSettings = Object.freeze({
  widths: Object.freeze([480, 960, 1600]),
  formats: Object.freeze(['avif', 'webp'] as const),
  quality: Object.freeze({avif: 55, webp: 80, jpeg: 82}),
  maxPixels: 40_000_000,
  avifEffort: 2
})

/** One file to write. */
export interface ImageVariant extends ImageFile {
  readonly format: ImageFormat | 'svg'
  readonly bytes: Uint8Array
}

export type ImageProblem = 'unreadable' | 'unsupported' | 'too-large' | 'unsafe-svg'

/** A problem with an image, for a diagnostic. */
export interface ImageFailure {
  readonly ok: false
  readonly problem: ImageProblem
  readonly detail: string
}

export type ImageResult =
  | {
      readonly ok: true
      /** The image's size as shown (EXIF orientation applied). */
      readonly width: number
      readonly height: number
      /** The input's format. */
      readonly format: InputFormat
      /** By width, then format in `formats` order, the fallback last; then the full-size fallback when the image is wider than every width. */
      readonly variants: readonly ImageVariant[]
    }
  | ImageFailure

/** Formats read. Anything else (SVG, PDF, HEIC, ...) never reaches a decoder. */
export type InputFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff' | 'avif'

/**
 * What reading an image's header tells: enough to plan every file made of
 * it (names, sizes), so pages can be rendered before, or without, the
 * pixels being processed. An SVG is sanitised here (it is small, and what
 * is written is the sanitised text).
 */
export type ImageProbe =
  | {readonly ok: true; readonly kind: 'raster'; readonly key: string; readonly width: number; readonly height: number; readonly format: InputFormat}
  | {
      readonly ok: true
      readonly kind: 'svg'
      readonly key: string
      readonly width: number
      readonly height: number
      /** The sanitised SVG, as written to the site. */
      readonly svg: string
      /** What sanitising removed (render/svg.ts), for a warning. */
      readonly removed: readonly string[]
    }
  | ImageFailure

const extensions: Record<ImageFormat, string> = {avif: 'avif', webp: 'webp', png: 'png', jpeg: 'jpg'}

/**
 * The cache key of processing `bytes` with `settings`: the bytes, the
 * settings as stable JSON, and sharp's version (another libvips encodes other bytes).
 */
export function imageKey(bytes: Uint8Array, settings: ImageSettings = defaultImageSettings): string {
  return contentKey([bytes, stableJson(settings), `sharp ${sharp.versions.sharp ?? ''} vips ${sharp.versions.vips}`], 40)
}

/**
 * The fallback for browsers without the modern formats: JPEG stays JPEG
 * (a photo), everything else becomes PNG (lossless: maps and diagrams keep
 * their edges, GIF and TIFF are not worth offering).
 */
export function fallbackFormat(input: InputFormat): 'png' | 'jpeg' {
  return input === 'jpeg' ? 'jpeg' : 'png'
}

/** The widths made for an image `width` pixels wide: the settings' that fit, and its own when narrower than the largest. */
export function variantWidths(width: number, settings: ImageSettings = defaultImageSettings): number[] {
  const fitting = settings.widths.filter((w) => w <= width)
  const largest = Math.max(...settings.widths)
  if (width < largest) fitting.push(width)
  return [...new Set(fitting)].sort((a, b) => a - b)
}

/**
 * A variant's height: the image's aspect, rounded, at least a pixel. Pages
 * state it before the pixels exist, so processing resizes to exactly this
 * (sub-pixel stretch at most), not to whatever the resampler rounds to.
 */
export function variantHeight(image: {readonly width: number; readonly height: number}, width: number): number {
  return width === image.width ? image.height : Math.max(1, Math.round((image.height * width) / image.width))
}

/** Reads what an image is without decoding its pixels; bad input gives `ok: false`, never a throw. */
export async function probeImage(input: {bytes: Uint8Array; file: string}, settings: ImageSettings = defaultImageSettings): Promise<ImageProbe> {
  const {bytes, file} = input
  const sniffed = sniff(bytes)
  if (sniffed === 'svg') return probeSvg(bytes, settings)
  if (typeof sniffed !== 'string') return sniffed
  // The header alone, with no limit, to name the size in the refusal; the limit is passed again to every decode.
  let declared: Metadata
  try {
    declared = await sharp(bytes, {limitInputPixels: false}).metadata()
  } catch (error) {
    return unreadable(error)
  }
  const pixels = declared.width * declared.height
  if (pixels > settings.maxPixels) {
    return {
      ok: false,
      problem: 'too-large',
      detail: `${file} declares ${declared.width} × ${declared.height} pixels (${pixels.toLocaleString('en')}), more than the limit of ${settings.maxPixels.toLocaleString('en')} (maxPixels)`
    }
  }
  const {width, height} = declared.autoOrient
  return {ok: true, kind: 'raster', key: imageKey(bytes, settings), width, height, format: sniffed}
}

function probeSvg(bytes: Uint8Array, settings: ImageSettings): ImageProbe {
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return {ok: false, problem: 'unreadable', detail: 'the SVG is not UTF-8 text'}
  }
  const clean = sanitiseSvg(text)
  if (!clean.ok) return {ok: false, problem: 'unsafe-svg', detail: clean.problem}
  if (clean.width === undefined || clean.height === undefined) {
    return {ok: false, problem: 'unreadable', detail: 'the SVG has no size: give its root a viewBox (or width and height in pixels)'}
  }
  return {ok: true, kind: 'svg', key: imageKey(bytes, settings), width: clean.width, height: clean.height, svg: clean.svg, removed: clean.removed}
}

/**
 * Every file made of a probed image and how a page shows it: names carry
 * the image's key (so a changed image or changed settings gets new names),
 * sizes are stated before any pixel is processed. An SVG is one file, the
 * sanitised text; a raster image is each width in each format, and the
 * full-size file a figure links to.
 */
export function planImage(probe: Extract<ImageProbe, {ok: true}>, file: string, settings: ImageSettings = defaultImageSettings): FigureImage {
  const stem = slugFromFileName(file) || 'image'
  const hash = probe.key.slice(0, 8)
  const {width, height} = probe
  if (probe.kind === 'svg') {
    const svg: ImageFile = {name: `${stem}-${hash}.svg`, width, height, type: 'image/svg+xml'}
    const shareWidth = Math.min(svgRasterWidth, Math.max(...settings.widths))
    const raster: ImageFile = {name: `${stem}-${hash}-${shareWidth}.png`, width: shareWidth, height: variantHeight(probe, shareWidth), type: 'image/png'}
    return {width, height, sources: [svg], full: svg, raster}
  }
  const fallback = fallbackFormat(probe.format)
  const outputs: ImageFormat[] = [...settings.formats, fallback]
  const sources: ImageFile[] = []
  const fileOf = (w: number, format: ImageFormat): ImageFile => ({name: `${stem}-${hash}-${w}.${extensions[format]}`, width: w, height: variantHeight(probe, w), type: `image/${format}`})
  const widths = variantWidths(width, settings)
  for (const w of widths) for (const format of outputs) sources.push(fileOf(w, format))
  // Wider than every width: the original size too, in the fallback alone,
  // for the full-size link (zooming a map), but not offered in srcset.
  const fallbacks = sources.filter((file) => file.type === `image/${fallback}`)
  return {width, height, sources, full: fileOf(width, fallback), raster: fallbacks[fallbacks.length - 1] ?? fileOf(width, fallback)}
}

/** Processes one image into its variants; bad input gives `ok: false`, never a throw. */
export async function processImage(input: {bytes: Uint8Array; file: string}, settings: ImageSettings = defaultImageSettings): Promise<ImageResult> {
  if (sniff(input.bytes) === 'svg') return {ok: false, problem: 'unsupported', detail: 'an SVG (or other XML) is not rasterised: SVGs go through the SVG sanitiser'}
  const probe = await probeImage(input, settings)
  if (!probe.ok) return probe
  if (probe.kind === 'svg') return {ok: false, problem: 'unsupported', detail: 'an SVG is not rasterised'}
  const plan = planImage(probe, input.file, settings)
  const made = await renderImage(input.bytes, probe, plan, settings)
  if (!made.ok) return made
  return {ok: true, width: probe.width, height: probe.height, format: probe.format, variants: made.variants}
}

/**
 * The bytes of every file `plan` names, made from the image's pixels.
 * Per width, the image is decoded and resized once, to 8-bit sRGB pixels in
 * memory, and each format is encoded from those in turn. Memory holds one
 * decoded input at a time (up to maxPixels × 4 bytes); parallelism comes
 * from processing several images at once (build/image-store.ts).
 */
export async function renderImage(
  bytes: Uint8Array,
  probe: Extract<ImageProbe, {ok: true; kind: 'raster'}>,
  plan: FigureImage,
  settings: ImageSettings = defaultImageSettings
): Promise<{ok: true; variants: ImageVariant[]} | ImageFailure> {
  // failOn 'error': corrupt or truncated pixel data aborts; mere warnings (a stray byte after a JPEG's end) do not.
  const source = sharp(bytes, {limitInputPixels: settings.maxPixels, failOn: 'error', autoOrient: true})
  const byWidth = new Map<number, ImageFile[]>()
  for (const file of filesOf(plan)) byWidth.set(file.width, [...(byWidth.get(file.width) ?? []), file])
  const variants: ImageVariant[] = []
  try {
    for (const [width, sameWidth] of byWidth) {
      const height = variantHeight(probe, width)
      const resized = await source.clone().resize({width, height, fit: 'fill'}).raw({depth: 'uchar'}).toBuffer({resolveWithObject: true})
      const raw = {width: resized.info.width, height: resized.info.height, channels: resized.info.channels}
      // Metadata (EXIF with GPS, XMP, ICC) is gone: raw pixels carry none, and sharp writes none unless asked.
      // One format at a time: as fast as encoding them at once while two
      // images are processed side by side (the store's concurrency), and
      // fewer threads allocating at once leave glibc fewer arenas to grow
      // (12 maps of 2000 × 1500: peak RSS ~510 MB against ~690 MB).
      for (const file of sameWidth) {
        const data = await encode(sharp(resized.data, {raw}), formatOf(file), settings).toBuffer()
        variants.push({...file, format: formatOf(file), bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)})
      }
    }
    return {ok: true, variants}
  } catch (error) {
    return unreadable(error)
  }
}

/** Every file of a planned image: its sources, the full size and the raster copy, each once. */
export function filesOf(plan: FigureImage): readonly ImageFile[] {
  const files = new Map(plan.sources.map((file) => [file.name, file]))
  for (const file of [plan.full, plan.raster]) if (!files.has(file.name)) files.set(file.name, file)
  return [...files.values()]
}

/** Width of an SVG's PNG rendering (share previews): 1200 px, what Open Graph previews are drawn at. */
const svgRasterWidth = 1200

/**
 * The files of a planned SVG: the sanitised text, and its PNG rendering
 * (librsvg, on the sanitised text: nothing external is left to load).
 */
export async function renderSvg(probe: Extract<ImageProbe, {ok: true; kind: 'svg'}>, plan: FigureImage): Promise<{ok: true; variants: ImageVariant[]} | ImageFailure> {
  const text = new TextEncoder().encode(probe.svg)
  const {raster} = plan
  try {
    // Drawn at the density that makes it the raster's width, so text and lines stay sharp.
    const density = Math.min(2400, Math.max(1, (72 * raster.width) / probe.width))
    const png = await sharp(text, {density, limitInputPixels: 100_000_000})
      .resize({width: raster.width, height: raster.height, fit: 'fill'})
      .png({compressionLevel: 9})
      .toBuffer()
    return {
      ok: true,
      variants: [
        {...plan.full, format: 'svg', bytes: text},
        {...raster, format: 'png', bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength)}
      ]
    }
  } catch (error) {
    return unreadable(error)
  }
}

function formatOf(file: ImageFile): ImageFormat {
  const format = file.type.slice('image/'.length)
  return format === 'avif' || format === 'webp' || format === 'jpeg' ? format : 'png'
}

function encode(pipeline: Sharp, format: ImageFormat, settings: ImageSettings): Sharp {
  switch (format) {
    case 'avif':
      return pipeline.avif({quality: settings.quality.avif, effort: settings.avifEffort})
    case 'webp':
      return pipeline.webp({quality: settings.quality.webp})
    case 'jpeg':
      return pipeline.jpeg({quality: settings.quality.jpeg, mozjpeg: true})
    case 'png':
      return pipeline.png({compressionLevel: 9})
  }
}

/**
 * The input's format from its first bytes, so only the decoders of the
 * formats read are ever reached: an SVG is not rasterised here (librsvg
 * would run whatever it holds), it goes through render/svg.ts's sanitiser
 * and is inlined or written as it is; the wiring decides.
 */
function sniff(bytes: Uint8Array): InputFormat | 'svg' | ImageFailure {
  if (bytes.length === 0) return {ok: false, problem: 'unreadable', detail: 'the file is empty'}
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to))
  const starts = (...values: number[]): boolean => values.every((value, i) => bytes[i] === value)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff'
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif'
  const text = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart()
  if (text.startsWith('<')) return 'svg'
  if (ascii(0, 5) === '%PDF-') return {ok: false, problem: 'unsupported', detail: 'a PDF is not an image format sitrep reads (PNG, JPEG, GIF, WebP, TIFF, AVIF)'}
  if (ascii(4, 8) === 'ftyp') return {ok: false, problem: 'unsupported', detail: `a HEIF/MP4 file of brand "${ascii(8, 12)}" is not an image format sitrep reads (PNG, JPEG, GIF, WebP, TIFF, AVIF)`}
  return {ok: false, problem: 'unreadable', detail: 'not an image: its bytes start as no PNG, JPEG, GIF, WebP, TIFF or AVIF does'}
}

function unreadable(error: unknown): ImageFailure {
  // libvips ends some messages with a colon or a full stop; the rule's message adds its own.
  const message = (error instanceof Error ? error.message : String(error)).trim().replace(/[\s:.]+$/, '')
  // The limit is checked from the header first; this is the decoder's own check, should a frame declare more.
  if (/pixel limit/i.test(message)) return {ok: false, problem: 'too-large', detail: message}
  return {ok: false, problem: 'unreadable', detail: message}
}

/** JSON with object keys sorted, so equal settings written in another order give one key. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The settings of site.yml's `images` over the defaults (widths sorted, each once): frozen, as they are part of every image's key. */
export function imageSettingsOf(images: {readonly maxPixels: number; readonly widths: readonly number[]}): ImageSettings {
  return Object.freeze({...defaultImageSettings, maxPixels: images.maxPixels, widths: Object.freeze([...new Set(images.widths)].sort((a, b) => a - b))})
}
