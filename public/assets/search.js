// The search page's script (a plain ES module, no build step). Runs the
// query in the address (?q=…&region=…&year=…) against the Pagefind index that
// `sitrep build` writes to pagefind/ (one part per year, listed in
// pagefind/shards.json, merged here), and shows one result per page with its
// matching sections. Every URL is found from this file's own address, so the
// site works from any folder. Without this script, or without an index, the
// page keeps its fallback: links to the archive and the regions.

const root = new URL('../', import.meta.url)
const pageSize = 10

const form = /** @type {HTMLFormElement} */ (document.getElementById('search-form'))
const input = /** @type {HTMLInputElement} */ (document.getElementById('search-q'))
const status = /** @type {HTMLElement} */ (document.getElementById('search-status'))
const results = /** @type {HTMLElement} */ (document.getElementById('search-results'))
const fallback = /** @type {HTMLElement} */ (document.getElementById('search-fallback'))
const filterBox = /** @type {HTMLElement} */ (document.getElementById('search-filters'))

/** Choices offered as filters: Pagefind filter name → label and the "any" option. */
const facets = [
  {name: 'region', label: 'Region', any: 'All regions', order: (a, b) => a.localeCompare(b)},
  {name: 'year', label: 'Year', any: 'All years', order: (a, b) => b.localeCompare(a)}
]

let pagefind
let latest = 0

async function start() {
  if (!form || !input || !status || !results) return
  input.value = new URLSearchParams(location.search).get('q') ?? ''
  try {
    // The index is in parts, one per year (newest first): the newest is
    // loaded, the others merged into it, and every search runs on them all.
    const list = await fetch(new URL('pagefind/shards.json', root))
    if (!list.ok) throw new Error('no search index')
    const {shards} = await list.json()
    if (!Array.isArray(shards) || shards.length === 0) throw new Error('an empty search index')
    const part = (name) => new URL(`pagefind/${name}`, root)
    // Result URLs are site paths ("/briefs/…/"); prefix them with the folder the site is served from.
    const options = {baseUrl: root.pathname, excerptLength: 26}
    pagefind = await import(part(shards[0]).href + 'pagefind.js')
    await pagefind.options(options)
    await pagefind.init()
    await Promise.all(shards.slice(1).map((name) => pagefind.mergeIndex(part(name).pathname, options)))
  } catch {
    const note = fallback?.querySelector('p')
    if (note) {
      note.textContent =
        'Search is not available on this copy of the site: it was built without a search index, or opened as a file rather than from a web server. You can still find every brief:'
    }
    return
  }
  if (fallback) fallback.hidden = true
  await addFilters()
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const params = new URLSearchParams()
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '') params.set(name, value.trim())
    const query = params.toString()
    history.pushState(null, '', query === '' ? location.pathname : `?${query}`)
    void run()
  })
  window.addEventListener('popstate', () => void run())
  await run()
}

async function addFilters() {
  if (!filterBox) return
  let available
  try {
    available = await pagefind.filters()
  } catch {
    return
  }
  const params = new URLSearchParams(location.search)
  for (const facet of facets) {
    const values = Object.keys(available?.[facet.name] ?? {}).sort(facet.order)
    if (values.length < 2) continue
    const id = `search-${facet.name}`
    const label = document.createElement('label')
    label.htmlFor = id
    label.textContent = facet.label
    const select = document.createElement('select')
    select.id = id
    select.name = facet.name
    select.append(new Option(facet.any, ''))
    for (const value of values) select.append(new Option(value, value))
    select.value = params.get(facet.name) ?? ''
    select.addEventListener('change', () => form.requestSubmit())
    const wrapper = document.createElement('div')
    wrapper.className = 'search-filter'
    wrapper.append(label, select)
    filterBox.append(wrapper)
  }
  filterBox.hidden = filterBox.childElementCount === 0
}

/** Search for what the address asks, and show it. */
async function run() {
  const params = new URLSearchParams(location.search)
  const query = (params.get('q') ?? '').trim()
  input.value = query
  const filters = {}
  for (const facet of facets) {
    const value = params.get(facet.name) ?? ''
    const select = /** @type {HTMLSelectElement | null} */ (document.getElementById(`search-${facet.name}`))
    if (select) select.value = value
    if (value !== '') filters[facet.name] = value
  }
  const filtered = Object.keys(filters).length > 0
  const turn = ++latest
  if (query === '' && !filtered) {
    status.textContent = ''
    results.replaceChildren()
    return
  }
  status.textContent = 'Searching…'
  const search = await pagefind.search(query === '' ? null : query, {filters})
  if (turn !== latest) return // A newer search started meanwhile.
  const list = document.createElement('ol')
  list.className = 'search-result-list'
  results.replaceChildren(list)
  await showMore(search.results, list, 0, turn)
  if (turn !== latest) return
  // Announced (role=status) once the results are on the page.
  const count = search.results.length
  const scope = Object.values(filters).join(', ')
  const what = query === '' ? '' : ` for “${query}”`
  status.textContent = `${count === 0 ? 'No' : count} ${count === 1 ? 'result' : 'results'}${what}${scope === '' ? '' : ` in ${scope}`}.`
}

/** Show results from `offset` on, a page at a time, with a button for the next page. */
async function showMore(all, list, offset, turn) {
  const slice = all.slice(offset, offset + pageSize)
  const data = await Promise.all(slice.map((result) => result.data()))
  if (turn !== latest) return
  const first = list.childElementCount
  for (const item of data) list.append(resultItem(item))
  results.querySelector('.search-more')?.remove()
  if (offset + pageSize < all.length) {
    const more = document.createElement('button')
    more.type = 'button'
    more.className = 'search-more'
    more.textContent = `Show more results (${all.length - offset - pageSize} left)`
    more.addEventListener('click', () => void showMore(all, list, offset + pageSize, turn))
    results.append(more)
  }
  // After "show more", move focus to the first new result so keyboard users continue there.
  if (offset > 0) list.children[first]?.querySelector('a')?.focus()
}

function resultItem(data) {
  const item = document.createElement('li')
  item.className = 'search-result'
  const heading = document.createElement('h2')
  const link = document.createElement('a')
  link.href = data.url
  link.textContent = data.meta?.title ?? data.url
  heading.append(link)
  const meta = document.createElement('p')
  meta.className = 'search-result-meta'
  const kinds = {Region: 'Region page: its sections from every brief', Source: 'Source: every note citing this outlet', Sources: 'Every outlet the briefs cite'}
  meta.textContent = kinds[data.meta?.kind] ?? ['Brief', data.meta?.date].filter(Boolean).join(' · ')
  item.append(heading, meta)
  // The three best-matching sections (headings with ids), in page order; else the page's own excerpt.
  const score = (sub) => (sub.weighted_locations ?? []).reduce((sum, location) => sum + location.balanced_score, 0)
  const sections = (data.sub_results ?? [])
    .filter((sub) => sub.url !== data.url)
    .map((sub, order) => ({sub, order, score: score(sub)}))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, 3)
    .sort((a, b) => a.order - b.order)
    .map(({sub}) => sub)
  if (sections.length === 0) {
    item.append(excerpt('p', data.excerpt))
  } else {
    const list = document.createElement('ul')
    list.className = 'search-sections'
    for (const sub of sections) {
      const entry = document.createElement('li')
      const subLink = document.createElement('a')
      subLink.href = sub.url
      subLink.textContent = sub.title
      entry.append(subLink, excerpt('p', sub.excerpt))
      list.append(entry)
    }
    item.append(list)
  }
  return item
}

/**
 * An excerpt as DOM nodes. Pagefind marks the matched words with <mark>;
 * only text and those marks are kept, so no markup from the index runs.
 */
function excerpt(tag, html) {
  const element = document.createElement(tag)
  element.className = 'search-excerpt'
  const parsed = new DOMParser().parseFromString(String(html ?? ''), 'text/html')
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark')
      mark.textContent = node.textContent
      element.append(mark)
    } else {
      element.append(document.createTextNode(node.textContent ?? ''))
    }
  }
  return element
}

void start()
