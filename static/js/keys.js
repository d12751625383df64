// Keyboard review: j/k move between claims, c/d/u decide, n writes a note, Esc leaves a field.
(function () {
  "use strict";

  // The claim whose panel was asked for last, and whether it is still on its way. While it is, the
  // panel on screen belongs to the claim the reviewer has just left, so c/d/u/n must not act on it.
  let wanted = null;
  let waiting = false;

  // The reviewer can turn the single-key shortcuts off (WCAG 2.1.4); the choice stays with the browser.
  const SWITCH = "factcheck:keys";
  function keysOn() {
    return localStorage.getItem(SWITCH) !== "off";
  }
  const toggle = document.getElementById("keys-enabled");
  if (toggle) {
    toggle.checked = keysOn();
    toggle.closest(".keys-switch").hidden = false;
    toggle.addEventListener("change", () => localStorage.setItem(SWITCH, toggle.checked ? "on" : "off"));
  }

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
    const current = waiting ? wanted : panel && panel.dataset.claim;
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
    const control = document.querySelector('.claim-panel [data-key="' + key + '"]');
    if (!control) return;
    wired(control.form || control); // a decision button posts its form; the edit link opens the editor
    control.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (event.key === "Escape" && isTyping(active)) {
      // Back to the panel's heading rather than to nowhere, so the next Tab stays in the panel.
      const panel = active.closest(".claim-panel");
      const heading = panel && panel.querySelector("[data-autofocus]");
      if (heading) heading.focus();
      else active.blur();
      return;
    }
    if (isTyping(event.target) || !keysOn()) return;
    if (event.key === "j") move(1);
    else if (event.key === "k") move(-1);
    else if (["c", "d", "u", "n", "e"].includes(event.key)) {
      if (!waiting) act(event.key);
    } else return;
    event.preventDefault();
  });

  // The claim a request is for, if a claim link in the text made it (detail.elt is the swap target
  // in some events; requestConfig.elt is always the element that made the request).
  function panelRequest(event) {
    const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    return elt instanceof Element && elt.matches("a.claim") ? elt.dataset.claim : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    const claim = panelRequest(event);
    if (claim) {
      wanted = claim;
      waiting = true;
    }
  });

  // htmx does not order requests from different links: when the reviewer moves on quickly, an older
  // panel can arrive after the newer one. Only the panel asked for last is shown (and put in the URL).
  document.addEventListener("htmx:beforeSwap", function (event) {
    const claim = panelRequest(event);
    if (claim && claim !== wanted) event.detail.shouldSwap = false;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (panelRequest(event) === wanted && !event.detail.successful) waiting = false;
  });

  // After the panel is swapped in: mark its claim in the text and move focus somewhere sensible.
  document.addEventListener("htmx:afterSettle", function () {
    const panel = openPanel();
    if (panel && panel.dataset.claim === wanted) waiting = false;
    if (!panel || panel.dataset.settled) return;
    panel.dataset.settled = "1";
    document.querySelectorAll("a.claim[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    document.querySelectorAll('a.claim[data-claim="' + panel.dataset.claim + '"]').forEach((a) => a.setAttribute("aria-current", "true"));
    const target = panel.querySelector('[aria-invalid="true"]') || panel.querySelector("[data-autofocus]");
    if (target) target.focus({ preventScroll: false });
  });

  // "Then open the next unverified claim": the reviewer's choice, remembered for their account in this
  // browser; after a recorded decision the next waiting claim in the text opens.
  function nextChoice(form) {
    return `factcheck:then-next:${form.dataset.draftOwner}`;
  }
  function showChoice(root) {
    root.querySelectorAll("input[name=then_next]").forEach((box) => {
      box.checked = localStorage.getItem(nextChoice(box.form)) === "on";
    });
  }
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches && box.matches("input[name=then_next]")) {
      localStorage.setItem(nextChoice(box.form), box.checked ? "on" : "off");
    }
  });
  document.addEventListener("htmx:load", (event) => showChoice(event.detail.elt));
  showChoice(document);
  document.addEventListener("htmx:afterRequest", (event) => {
    const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    const form = elt instanceof Element && elt.closest("form.decision");
    if (!form || event.detail.xhr.status !== 200 || localStorage.getItem(nextChoice(form)) !== "on") return;
    const current = form.closest("[data-claim]").dataset.claim;
    const links = Array.from(document.querySelectorAll("a.claim[data-first]"));
    const at = links.findIndex((a) => a.dataset.claim === current);
    const waiting = (a) => a.classList.contains("status-unverified") && a.dataset.claim !== current;
    const next = links.slice(at + 1).find(waiting) || links.find(waiting);
    if (next) wired(next).click();
  });

  // A suggestion card replaced in place: keep focus on it, or on its first invalid field.
  document.addEventListener("htmx:afterSettle", function (event) {
    const card = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest(".suggestion");
    const swapped = card && card.isConnected ? card : document.getElementById(event.detail.target && event.detail.target.id);
    if (!swapped || !swapped.classList.contains("suggestion")) return;
    const target = swapped.querySelector('[aria-invalid="true"]') || swapped.querySelector("[data-autofocus]");
    if (target) target.focus({ preventScroll: true });
  });
})();
