// serve/: the development server. Owns the running pieces and their order:
// an HTTP server on loopback, a builder kept in memory (nothing is written
// to disk), a watcher whose batches trigger one rebuild at a time, and the
// reload hub told about each build. Reports what happens as events; the CLI
// decides what to print.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {createBuilder, type BuildProgress, type BuildResult} from '../build/builder.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {defaultPublicDir, packageRoot} from '../load/assets.js'
import {isImageFile} from '../load/content.js'
import {unsqueezed} from '../build/packed.js'
import {isInside} from '../paths.js'
import {errorPage} from './error-page.js'
import {buildId, defaultMaxStreams, eventsPath, ReloadHub} from './reload.js'
import {hostAllowed, respond, type SiteState} from './route.js'
import {watchFiles, type Change, type Watcher} from './watch.js'

export interface ServeOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string
  /** Diagnostics name files relative to this folder. */
  readonly cwd: string
  /** Static folders, later ones winning (default: sitrep's own public/). */
  readonly publicDirs?: readonly string[]
  /** Overrides site.yml's baseUrl; the site is served at its path. */
  readonly baseUrl?: string
  /** Default 127.0.0.1: a preview of unpublished briefs stays on this machine unless asked. */
  readonly host?: string
  /** Default 4000; 0 picks a free port. */
  readonly port?: number
  /**
   * Folders of compiled code (default: sitrep's templates/). Watched only to
   * say that a change there needs `npm run compile` and a restart: the
   * running process has already imported the compiled templates.
   */
  readonly templateDirs?: readonly string[]
  /** Quiet period that gathers a save's events into one rebuild (default: the watcher's, 10 ms). */
  readonly debounceMs?: number
  /**
   * How long a rebuild that found errors waits for more changes before it
   * is shown (default 50 ms). An editor that empties a file and then writes
   * it gives two events, and a rebuild that reads between them sees an
   * empty brief: shown at once, its error page flashed in the browser and
   * the terminal until the next rebuild. A rebuild whose errors are
   * followed by more changes within this time is dropped for the next one.
   */
  readonly settleMs?: number
  /** Limits on slow, idle and long-lived connections (defaults: defaultLimits). */
  readonly limits?: Partial<ServeLimits>
  readonly onEvent?: (event: ServeEvent) => void
  /** Passed to the builder (see BuilderOptions.onRendered). */
  readonly onRendered?: (count: number) => void
}

export interface ServeLimits {
  /** A client must have sent its request's headers within this time, or gets 408 and is disconnected. */
  readonly headersTimeoutMs: number
  /** …and its whole request (GET and HEAD have no body) within this time. */
  readonly requestTimeoutMs: number
  /** An idle kept-alive connection is closed after this time. */
  readonly keepAliveTimeoutMs: number
  /** Open live-reload streams at most; more are refused with 503. */
  readonly maxStreams: number
}

/**
 * Node's own defaults let a client that sends its headers a byte at a time
 * hold a connection for a minute, and its check runs only every 30 s. Every
 * real request here is a browser's GET on loopback, sent in one piece, so
 * a few seconds are plenty. Event streams are not affected: their request
 * is complete once its headers are in.
 */
export const defaultLimits: ServeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxStreams: defaultMaxStreams
}

/** One build of the site: what it found and why it ran. */
export interface BuildReport {
  /** The build's id, as live reload compares it. */
  readonly build: string
  readonly initial: boolean
  /** The changes that caused it (none for the first build). */
  readonly changes: readonly Change[]
  readonly ok: boolean
  readonly diagnostics: readonly Diagnostic[]
  readonly sources: ReadonlyMap<string, string>
  readonly stats: BuildResult['stats']
  /** Set when the build itself failed (an exception, not diagnostics). */
  readonly failure?: Error
}

export type ServeEvent =
  | {readonly type: 'progress'; readonly progress: BuildProgress}
  | {readonly type: 'build'; readonly report: BuildReport}
  /** A rebuild that found errors and was followed by more changes within `settleMs`: not shown, the next rebuild is. */
  | {readonly type: 'superseded'; readonly report: BuildReport}
  | {readonly type: 'templates-changed'; readonly changes: readonly Change[]}
  | {readonly type: 'watch-error'; readonly error: Error}

export interface RunningServer {
  /** The site's address, e.g. http://127.0.0.1:4000/ (with baseUrl's path when it has one). */
  readonly url: string
  readonly port: number
  readonly latest: BuildReport
  /** Live-reload streams open now. */
  readonly streams: number
  /** Resolves with the next build to finish: start waiting before making the change. */
  nextBuild(): Promise<BuildReport>
  /** Stops watching, ends open event streams and connections, and closes the server. */
  close(): Promise<void>
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const publicDirs = options.publicDirs ?? [defaultPublicDir]
  const templateDirs = (options.templateDirs ?? [path.join(packageRoot(), 'templates')]).map((dir) => path.resolve(dir))
  const emit = (event: ServeEvent) => options.onEvent?.(event)
  const started = Date.now()
  let count = 0
  let state: SiteState = {files: new Map(), mount: '/', build: buildId(started, 0)}
  const limits = {...defaultLimits, ...options.limits}
  const hub = new ReloadHub(state.build, limits.maxStreams)
  const waiters: ((report: BuildReport) => void)[] = []
  let latest: BuildReport | undefined
  let closed = false

  const builder = createBuilder({
    // Every page stays in memory, deflated: a 4,000-brief site in a few hundred megabytes.
    packFiles: true,
    contentDir: options.contentDir,
    cwd: options.cwd,
    publicDirs,
    ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
    onProgress: (progress) => {
      emit({type: 'progress', progress})
    },
    ...(options.onRendered ? {onRendered: options.onRendered} : {})
  })

  // Each file's key in the last build served without errors (none after a failed one): a rebuild that changes none serves the same site.
  let servedKeys: ReadonlyMap<string, string> | undefined

  /** A finished build, and the site it will serve once published. */
  interface Outcome {
    readonly report: BuildReport
    readonly state: SiteState
    readonly servedKeys: ReadonlyMap<string, string> | undefined
  }

  async function rebuild(changes: readonly Change[], initial: boolean): Promise<Outcome> {
    try {
      // The watcher's changes let the builder read only the edited files.
      const result = await builder.build(initial ? {} : {changes})
      const baseUrl = result.archive?.site.settings.baseUrl
      const mount = baseUrl === undefined ? state.mount : new URL(baseUrl).pathname
      const {ok, diagnostics, sources, stats} = result
      // A save that changed no page (a second event of one save, a file
      // saved unchanged, a warning edited) keeps the build's id, so open
      // pages are not reloaded for nothing.
      const same = ok && result.keys !== undefined && servedKeys !== undefined && sameKeys(result.keys, servedKeys) && mount === state.mount
      const build = same ? state.build : buildId(started, ++count)
      return {
        report: {build, initial, changes, ok, diagnostics, sources, stats},
        state: ok
          ? {files: result.files, mount, build, unpack: inflate}
          : {files: state.files, mount, build, unpack: inflate, errorPage: errorPage({diagnostics, sources, build, mount})},
        servedKeys: ok ? result.keys : undefined
      }
    } catch (error) {
      // A bug or an unreadable disk must not take the server down: show it, and try again on the next change.
      const build = buildId(started, ++count)
      const failure = error instanceof Error ? error : new Error(String(error))
      return {
        report: {build, initial, changes, ok: false, diagnostics: [], sources: new Map(), stats: {briefs: 0, parsed: 0, pages: 0, milliseconds: 0}, failure},
        state: {...state, build, errorPage: errorPage({diagnostics: [], sources: new Map(), build, mount: state.mount, failure: failure.message})},
        servedKeys: undefined
      }
    }
  }

  /** Serve a build's site, and tell live reload and the listeners. */
  function publish(outcome: Outcome): BuildReport {
    const {report} = outcome
    state = outcome.state
    servedKeys = outcome.servedKeys
    const changed = latest === undefined || report.build !== latest.build
    latest = report
    if (!closed && changed) hub.publish(report.build)
    emit({type: 'build', report})
    for (const resolve of waiters.splice(0)) resolve(report)
    return report
  }

  // One build at a time (the builder remembers what it parsed); changes that
  // arrive meanwhile are gathered into the next one.
  let queue: Change[] = []
  let draining: Promise<void> = Promise.resolve()
  let building = false
  const settleMs = options.settleMs ?? 50
  const schedule = (changes: readonly Change[]) => {
    for (const change of changes) queue.push(change)
    if (building || closed) return
    building = true
    draining = (async () => {
      try {
        while (queue.length > 0 && !closed) {
          const batch = queue
          queue = []
          const outcome = await rebuild(batch, false)
          if (!outcome.report.ok && !closed) {
            await new Promise((resolve) => setTimeout(resolve, settleMs))
            // More changes came: the next rebuild sees them and everything this one read (the builder keeps it).
            if (queue.length > 0) {
              emit({type: 'superseded', report: outcome.report})
              continue
            }
          }
          publish(outcome)
        }
      } finally {
        building = false
      }
    })()
  }

  let firstBuild: Promise<BuildReport> | undefined
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often those timeouts are checked (Node's default, 30 s, would let a slow client stay that much longer).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs)
    },
    (request, response) => {
      void handle(request, response)
    }
  )

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (!hostAllowed(request.headers.host, host)) {
        response.writeHead(403, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store'})
        response.end('Forbidden: this preview answers only to localhost.\n')
        return
      }
      const url = request.url ?? '/'
      const method = request.method ?? 'GET'
      if (url.split('?')[0] === eventsPath && (method === 'GET' || method === 'HEAD')) {
        hub.connect(request, response)
        return
      }
      // A request that arrives while the first build runs waits for it.
      if (firstBuild) await firstBuild
      const answer = respond({method, url, ...(request.headers.accept === undefined ? {} : {accept: request.headers.accept})}, state)
      response.writeHead(answer.status, answer.headers)
      response.end(method === 'HEAD' ? undefined : answer.body)
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store'})
      response.end(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`)
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4000, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  let watcher: Watcher | undefined
  const close = async () => {
    if (closed) return
    closed = true
    await watcher?.close()
    await draining
    hub.close()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
      server.closeAllConnections()
    })
  }

  try {
    firstBuild = rebuild([], true).then(publish)
    const first = await firstBuild
    firstBuild = undefined
    watcher = await watchFiles({
      paths: [options.contentDir, ...publicDirs, ...templateDirs],
      ...(options.debounceMs === undefined ? {} : {debounceMs: options.debounceMs}),
      onChange: (changes) => {
        const templates = changes.filter((change) => templateDirs.some((dir) => isInside(change.path, dir)))
        if (templates.length > 0) emit({type: 'templates-changed', changes: templates})
        const site = changes.filter((change) => !templates.includes(change) && matters(change, options.contentDir))
        if (site.length > 0) schedule(site)
      },
      onError: (error) => {
        emit({type: 'watch-error', error})
      }
    })
    const origin = `http://${displayHost(host)}:${port}`
    return {
      get url() {
        return `${origin}${state.mount}`
      },
      port,
      get latest() {
        return latest ?? first
      },
      get streams() {
        return hub.clients
      },
      nextBuild: () =>
        new Promise<BuildReport>((resolve) => {
          waiters.push(resolve)
        }),
      close
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** Only what the builder reads: in content/, settings and briefs (and folders, which hold briefs); anything in public/. */
function matters(change: Change, contentDir: string): boolean {
  if (!isInside(change.path, contentDir)) return true
  // Briefs, settings, and the images figures show (a saved map is re-processed and reloaded).
  return change.kind === 'addDir' || change.kind === 'unlinkDir' || /\.(md|ya?ml)$/i.test(change.path) || isImageFile(change.path)
}

/** A host to put in a URL: an unspecified address is reached as localhost, IPv6 needs brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function sameKeys(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false
  for (const [file, key] of a) if (b.get(file) !== key) return false
  return true
}

/** A stored file's bytes (the builder keeps them packed: packFiles). */
function inflate(stored: string | Uint8Array): string | Uint8Array {
  return typeof stored === 'string' ? stored : unsqueezed(stored)
}
