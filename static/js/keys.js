// Keyboard review: j/k move between claims, c/d/u decide, n writes a note, Esc leaves a field.
(function () {
  "use strict";

  function isTyping(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function openPanel() {
    return document.querySelector(".claim-panel");
  }

  function move(step) {
    const links = Array.from(document.querySelectorAll("a.claim[data-first], a[data-claim-link]"));
    if (!links.length) return;
    const panel = openPanel();
    let i = links.findIndex((a) => panel && a.dataset.claim === panel.dataset.claim);
    if (i === -1) i = links.indexOf(document.activeElement);
    const next = i === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(i + step, 0), links.length - 1);
    links[next].focus();
    // On the article page a claim link opens its panel in place; in the queue, Enter follows the link.
    if (links[next].matches("a.claim")) links[next].click();
  }

  function decide(key) {
    const button = document.querySelector('.claim-panel button[data-key="' + key + '"]');
    if (button) button.click();
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
    else if (["c", "d", "u"].includes(event.key)) decide(event.key);
    else if (event.key === "n") {
      const note = document.querySelector(".claim-panel textarea[name=note]");
      if (!note) return;
      note.focus();
    } else return;
    event.preventDefault();
  });

  // After the panel is swapped in: mark its claim in the text and move focus somewhere sensible.
  document.addEventListener("htmx:afterSettle", function () {
    const panel = openPanel();
    if (!panel || panel.dataset.settled) return;
    panel.dataset.settled = "1";
    document.querySelectorAll("a.claim[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    document.querySelectorAll('a.claim[data-claim="' + panel.dataset.claim + '"]').forEach((a) => a.setAttribute("aria-current", "true"));
    const target = panel.querySelector('[aria-invalid="true"]') || panel.querySelector("[data-autofocus]");
    if (target) target.focus({ preventScroll: false });
  });
})();
