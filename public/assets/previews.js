// Citation previews (a plain ES module, no build step). Hovering or focusing
// a citation such as [3] shows the sources of note 3 in a small popover, a
// copy of the note's own source list on the same page. Progressive
// enhancement only: without this script a citation is a link to its endnote.
//
// - Mouse: shows on hover; the pointer may move onto the popover (to use its
//   links); it hides a moment after the pointer leaves both.
// - Keyboard: shows on focus, hides on blur; Escape hides it and leaves focus
//   on (or returns it to) the citation.
// - Touch: the first tap shows it, a second tap on the same citation follows
//   the link to the endnote; a tap elsewhere hides it.
// - Screen readers: the citation is aria-describedby the popover (role
//   tooltip) while it is shown, so the sources are read as its description.

const citations = 'sup.cite a[href^="#"]'
const margin = 8 // px kept free between the popover and the window's edges
const gap = 6 // px between the citation and the popover
const hideDelay = 250 // ms: time to move the pointer from the citation onto the popover

if (document.querySelector(citations)) setUp()

function setUp() {
  const tip = document.createElement('div')
  tip.id = 'cite-preview'
  tip.className = 'cite-preview'
  tip.setAttribute('role', 'tooltip')
  tip.hidden = true
  // Inside <main>, so the popover belongs to the page's main landmark.
  ;(document.querySelector('main') ?? document.body).append(tip)

  /** @type {HTMLAnchorElement | null} */
  let current = null
  let hideTimer = 0
  let lastPointer = 'mouse'
  let openBeforeTap = false
  /** A citation focused by Escape: its focus event must not reopen the popover. */
  let quietFocus = null

  const citationOf = (target) => (target instanceof Element ? target.closest(citations) : null)

  function noteOf(link) {
    const id = decodeURIComponent(link.hash.slice(1))
    return id === '' ? null : document.getElementById(id)
  }

  function fill(link) {
    const note = noteOf(link)
    const sources = note?.querySelector('.sources')
    if (!note || !sources) return false
    const title = document.createElement('p')
    title.className = 'cite-preview-title'
    const number = note instanceof HTMLLIElement && note.value > 0 ? note.value : link.textContent.replace(/\D/g, '')
    title.textContent = `Note ${number}`
    const list = /** @type {HTMLElement} */ (sources.cloneNode(true))
    for (const element of [list, ...list.querySelectorAll('[id]')]) element.removeAttribute('id')
    // Usable with a pointer; keyboard users follow the citation to the note instead.
    for (const a of list.querySelectorAll('a')) a.tabIndex = -1
    tip.replaceChildren(title, list)
    return true
  }

  function show(link) {
    clearTimeout(hideTimer)
    if (current === link && !tip.hidden) return
    if (current && current !== link) current.removeAttribute('aria-describedby')
    if (!fill(link)) return hide()
    current = link
    link.setAttribute('aria-describedby', tip.id)
    tip.hidden = false
    place(link)
  }

  function hide() {
    clearTimeout(hideTimer)
    tip.hidden = true
    current?.removeAttribute('aria-describedby')
    current = null
  }

  function hideSoon() {
    clearTimeout(hideTimer)
    hideTimer = window.setTimeout(() => {
      if (!current) return
      if (tip.matches(':hover') || current.matches(':hover') || document.activeElement === current) return
      hide()
    }, hideDelay)
  }

  /** Below the citation (above it if there is no room below), kept inside the window at any width. */
  function place(link) {
    const viewport = document.documentElement.clientWidth
    tip.style.maxWidth = `${Math.max(0, Math.min(384, viewport - 2 * margin))}px`
    tip.style.left = `${window.scrollX}px`
    tip.style.top = `${window.scrollY}px`
    const anchor = link.getBoundingClientRect()
    const box = tip.getBoundingClientRect()
    const left = Math.max(margin, Math.min(anchor.left + anchor.width / 2 - box.width / 2, viewport - margin - box.width))
    let top = anchor.bottom + gap
    if (top + box.height > window.innerHeight - margin && anchor.top - gap - box.height >= margin) top = anchor.top - gap - box.height
    tip.style.left = `${Math.round(left + window.scrollX)}px`
    tip.style.top = `${Math.round(top + window.scrollY)}px`
  }

  document.addEventListener('pointerover', (event) => {
    const link = citationOf(event.target)
    if (link && event.pointerType !== 'touch') show(link)
  })
  document.addEventListener('pointerout', (event) => {
    if (current && citationOf(event.target) === current && !tip.contains(/** @type {Node | null} */ (event.relatedTarget))) hideSoon()
  })
  tip.addEventListener('pointerenter', () => clearTimeout(hideTimer))
  tip.addEventListener('pointerleave', (event) => {
    if (event.pointerType !== 'touch') hideSoon()
  })

  document.addEventListener('focusin', (event) => {
    const link = citationOf(event.target)
    if (!link) return
    if (quietFocus === link) {
      quietFocus = null
      return
    }
    show(link)
  })
  document.addEventListener('focusout', (event) => {
    if (current && citationOf(event.target) === current) hideSoon()
  })

  document.addEventListener('keydown', (event) => {
    lastPointer = 'keyboard'
    if (event.key !== 'Escape' || !current) return
    const link = current
    hide()
    if (document.activeElement !== link) {
      quietFocus = link
      link.focus({preventScroll: true})
    }
    event.preventDefault()
  })

  // Touch: remember whether this citation's popover was already open when the tap began.
  document.addEventListener(
    'pointerdown',
    (event) => {
      lastPointer = event.pointerType
      const link = citationOf(event.target)
      openBeforeTap = link !== null && link === current && !tip.hidden
      if (event.pointerType === 'touch' && !link && !tip.contains(/** @type {Node | null} */ (event.target))) hide()
    },
    true
  )
  document.addEventListener('click', (event) => {
    const link = citationOf(event.target)
    if (!link) return
    if (lastPointer === 'touch' && !openBeforeTap) {
      event.preventDefault()
      show(link)
      return
    }
    hide() // Following the link to the endnote.
  })

  window.addEventListener('resize', () => {
    if (current) place(current)
  })
  window.addEventListener('beforeprint', hide)
}
