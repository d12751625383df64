// An htmx request that fails (400, 403, 404, 413, 500, or no answer at all) is not swapped in: say why
// inside the form or panel that sent it, and leave everything the reviewer typed where it is.
(function () {
  "use strict";

  function host(elt) {
    return (elt && (elt.closest("form") || elt.closest("section"))) || document.getElementById("main");
  }

  function show(elt, text) {
    const where = host(elt);
    let box = where.querySelector(":scope > .request-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "error request-error";
      box.setAttribute("role", "alert");
      where.prepend(box);
    }
    box.textContent = text;
  }

  document.addEventListener("htmx:beforeRequest", (e) => {
    const box = host(e.detail.elt).querySelector(":scope > .request-error");
    if (box) box.remove();
  });

  document.addEventListener("htmx:responseError", (e) => {
    const page = new DOMParser().parseFromString(e.detail.xhr.responseText || "", "text/html");
    const message = page.querySelector("[data-error-message]");
    show(e.detail.elt, message ? message.textContent.trim() : `The server answered ${e.detail.xhr.status}: nothing was saved. Reload the page and try again.`);
  });

  document.addEventListener("htmx:sendError", (e) => {
    show(e.detail.elt, "The server could not be reached, so nothing was saved. Check the connection and try again.");
  });
})();
