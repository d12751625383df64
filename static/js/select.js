// Selecting words in an article's text offers "New claim" beside the selection (mouse, touch or the
// keyboard); the key "a" does the same. The span is counted on the article's own characters: the status
// markers and added paragraph gaps in the page are skipped, so no offset is ever typed or guessed.
(function () {
  "use strict";

  const SKIP = ".marker, .para-gap, .unplaced, .visually-hidden";
  const WORD = /[\p{L}\p{N}’'-]/u;
  let offer = null; // the button, and the span it would add: {root, start, end}
  let chosen = null;

  function textOf(fragment) {
    fragment.querySelectorAll(SKIP).forEach((el) => el.remove());
    return fragment.textContent;
  }

  function codePoints(text) {
    return Array.from(text).length;
  }

  // How many of the article's characters lie before (node, offset) inside root.
  function position(root, node, offset) {
    const range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return textOf(range.cloneContents()).length;
  }

  // The selection, widened to whole words and without spaces at its ends; null if there is none.
  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.parentElement && range.startContainer.parentElement.closest("[data-new-claim]");
    const root = start || (range.startContainer.closest && range.startContainer.closest("[data-new-claim]"));
    if (!root || !root.contains(range.endContainer)) return null;
    const text = textOf(root.cloneNode(true));
    let a = position(root, range.startContainer, range.startOffset);
    let b = position(root, range.endContainer, range.endOffset);
    while (a > 0 && WORD.test(text[a - 1]) && WORD.test(text[a])) a--;
    while (b < text.length && WORD.test(text[b - 1]) && WORD.test(text[b])) b++;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    // The server counts characters (code points); the browser counts UTF-16 units, two for an emoji.
    const base = Number(root.dataset.offset || 0);
    const from = base + codePoints(text.slice(0, a));
    const to = from + codePoints(text.slice(a, b));
    return b - a >= 2 ? { root, start: from, end: to, rect: range.getBoundingClientRect() } : null;
  }

  function button() {
    if (!offer) {
      offer = document.createElement("button");
      offer.type = "button";
      offer.className = "new-claim-offer";
      offer.textContent = "New claim";
      offer.setAttribute("aria-keyshortcuts", "a");
      offer.hidden = true;
      offer.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
      offer.addEventListener("click", open);
      document.body.append(offer);
    }
    return offer;
  }

  function show() {
    chosen = selectedSpan();
    const b = button();
    b.hidden = !chosen;
    if (!chosen) return;
    b.style.top = `${window.scrollY + chosen.rect.bottom + 6}px`;
    b.style.left = `${window.scrollX + chosen.rect.left}px`;
  }

  function open() {
    if (!chosen || !window.htmx) return;
    const url = `${chosen.root.dataset.newClaim}?start=${chosen.start}&end=${chosen.end}`;
    button().hidden = true;
    // The article page opens the form in its panel; the suggestions page, which has none, goes to it.
    if (document.getElementById("claim-panel-slot")) {
      window.htmx.ajax("GET", url, { target: "#claim-panel-slot", swap: "innerHTML" });
    } else {
      window.location.href = url;
    }
  }

  let timer = null;
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(show, 120);
  });

  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
    const off = localStorage.getItem("factcheck:keys") === "off"; // the switch under "Keyboard" (keys.js)
    if (e.key !== "a" || typing || off || e.ctrlKey || e.metaKey || e.altKey) return;
    chosen = selectedSpan();
    if (!chosen) return;
    e.preventDefault();
    open();
  });
})();
