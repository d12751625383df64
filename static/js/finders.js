// The queue's finders fetch options into the select below them as you type (htmx). Their own change is
// not a change of filter: stop it here, so the filter form only reloads the list when a select changes.
(function () {
  "use strict";
  document.addEventListener(
    "change",
    (e) => {
      if (e.target.matches && e.target.matches("[data-finder]")) e.stopPropagation();
    },
    true,
  );
})();
