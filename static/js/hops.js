// The hops of a claim's chain in its edit form: add one, move one up or down, remove one. Without
// JavaScript the form still shows every hop and one empty field for a new one.
(function () {
  "use strict";

  function wire(root) {
    root.querySelectorAll(".hops").forEach((hops) => {
      hops.querySelector(".add-hop").hidden = false;
      hops.querySelectorAll(".hop-moves").forEach((moves) => (moves.hidden = false));
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".hops button");
    if (!button) return;
    const list = button.closest(".hops").querySelector("ol");
    const hop = button.closest(".hop");
    if (button.matches(".add-hop")) {
      const fresh = list.lastElementChild.cloneNode(true);
      fresh.querySelector("input").value = "";
      list.append(fresh);
      if (window.htmx) window.htmx.process(fresh);
      fresh.querySelector("input").focus();
    } else if (button.dataset.hop === "up" && hop.previousElementSibling) {
      hop.previousElementSibling.before(hop);
    } else if (button.dataset.hop === "down" && hop.nextElementSibling) {
      hop.nextElementSibling.after(hop);
    } else if (button.dataset.hop === "remove") {
      if (list.children.length > 1) hop.remove();
      else hop.querySelector("input").value = "";
    }
    button.focus();
  });

  document.addEventListener("DOMContentLoaded", () => wire(document));
  document.addEventListener("htmx:load", (event) => wire(event.detail.elt));
})();
