// Keyboard review: j/k move between claims, c/d/u decide, n writes a note, Esc leaves a field.
(function () {
  "use strict";

  // The claim whose panel has been asked for but is not on screen yet. Until it arrives, the panel
  // on screen belongs to the claim the reviewer just left, so c/d/u/n would act on the wrong claim.
  let pending = null;

  function isTyping(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function openPanel() {
    return document.querySelector(".claim-panel");
  }

  // htmx wires up swapped-in content only when it settles, 20 ms after the swap: a click before that
  // would follow the plain link or submit the form natively and reload the page. Wire it up now.
  function wired(el) {
    if (window.htmx) window.htmx.process(el);
    return el;
  }

  function move(step) {
    const links = Array.from(document.querySelectorAll("a.claim[data-first], a[data-claim-link]"));
    if (!links.length) return;
    const panel = openPanel();
    const current = pending || (panel && panel.dataset.claim);
    let i = links.findIndex((a) => current && a.dataset.claim === current);
    if (i === -1) i = links.indexOf(document.activeElement);
    const next = i === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(i + step, 0), links.length - 1);
    links[next].focus();
    // On the article page a claim link opens its panel in place; in the queue, Enter follows the link.
    if (links[next].matches("a.claim")) wired(links[next]).click();
  }

  function act(key) {
    if (key === "n") {
      const note = document.querySelector(".claim-panel textarea[name=note]");
      if (note) note.focus();
      return;
    }
    const button = document.querySelector('.claim-panel button[data-key="' + key + '"]');
    if (!button) return;
    wired(button.form);
    button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (event.key === "Escape" && isTyping(active)) {
      active.blur();
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === "j") move(1);
    else if (event.key === "k") move(-1);
    else if (["c", "d", "u", "n"].includes(event.key)) {
      // Dropped while another claim's panel is on its way, rather than applied to the one left behind.
      if (!pending) act(event.key);
    } else return;
    event.preventDefault();
  });

  function isPanelRequest(event) {
    return event.detail.elt instanceof Element && event.detail.elt.matches("a.claim");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isPanelRequest(event)) pending = event.detail.elt.dataset.claim;
  });

  // Panel requests from different links are not synchronised by htmx: when the reviewer moves on
  // quickly, an older panel can arrive after the newer one. Only the last one asked for is shown.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (isPanelRequest(event) && pending && event.detail.elt.dataset.claim !== pending) {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (isPanelRequest(event) && !event.detail.successful && event.detail.elt.dataset.claim === pending) {
      pending = null;
    }
  });

  // After the panel is swapped in: mark its claim in the text and move focus somewhere sensible.
  document.addEventListener("htmx:afterSettle", function () {
    const panel = openPanel();
    if (panel && panel.dataset.claim === pending) pending = null;
    if (!panel || panel.dataset.settled) return;
    panel.dataset.settled = "1";
    document.querySelectorAll("a.claim[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    document.querySelectorAll('a.claim[data-claim="' + panel.dataset.claim + '"]').forEach((a) => a.setAttribute("aria-current", "true"));
    const target = panel.querySelector('[aria-invalid="true"]') || panel.querySelector("[data-autofocus]");
    if (target) target.focus({ preventScroll: false });
  });
})();
