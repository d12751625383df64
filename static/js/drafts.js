// What a reviewer types into a decision form is kept in this tab until the decision is recorded, so a
// session that ends (the login page comes between) or a reload loses nothing. It is offered back only to
// the same account, and only into an empty form: the server's own copy (after a 409 or 422) comes first.
(function () {
  "use strict";

  const FIELDS = ["note", "evidence_url", "evidence_excerpt"];
  const FORM = "form.decision[data-draft-owner]";

  function key(form) {
    return `factcheck:draft:${form.closest("[data-claim]").dataset.claim}`;
  }

  function save(form) {
    const draft = { owner: form.dataset.draftOwner };
    FIELDS.forEach((name) => (draft[name] = form.elements[name] ? form.elements[name].value : ""));
    if (FIELDS.some((name) => draft[name].trim())) sessionStorage.setItem(key(form), JSON.stringify(draft));
    else sessionStorage.removeItem(key(form));
  }

  function read(form) {
    try {
      return JSON.parse(sessionStorage.getItem(key(form)) || "null");
    } catch {
      return null;
    }
  }

  function restore(root) {
    root.querySelectorAll(FORM).forEach((form) => {
      const draft = read(form);
      if (!draft) return;
      if (draft.owner !== form.dataset.draftOwner) {
        sessionStorage.removeItem(key(form)); // someone else's words: never shown to this account
        return;
      }
      if (FIELDS.some((name) => form.elements[name] && form.elements[name].value.trim())) return;
      FIELDS.forEach((name) => form.elements[name] && (form.elements[name].value = draft[name] || ""));
      if (draft.evidence_url || draft.evidence_excerpt) form.querySelector("details")?.setAttribute("open", "");
      const notice = document.createElement("p");
      notice.className = "notice";
      notice.setAttribute("role", "status");
      notice.textContent = "Your note was not saved before: it is back below. Decide again to record it.";
      form.prepend(notice);
    });
  }

  document.addEventListener("input", (e) => {
    const form = e.target.closest && e.target.closest(FORM);
    if (form) save(form);
  });

  // A recorded decision ends the draft, before the fresh, empty form is swapped in.
  document.addEventListener("htmx:beforeSwap", (e) => {
    const form = e.detail.elt.closest && e.detail.elt.closest(FORM);
    if (form && e.detail.xhr.status === 200) sessionStorage.removeItem(key(form));
  });

  document.addEventListener("DOMContentLoaded", () => restore(document));
  document.addEventListener("htmx:load", (e) => restore(e.detail.elt));
})();
