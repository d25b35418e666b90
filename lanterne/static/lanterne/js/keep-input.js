// Before leaving a page where something was typed and not yet saved, the browser asks to
// confirm: following a link (« Déposer le dossier… », the menu) never silently loses what was
// typed. Sending a form (saving it) lifts the warning.
(function () {
  "use strict";
  const forms = Array.from(document.querySelectorAll("main form[method='post']"));
  if (!forms.length) return;
  let typed = false;
  forms.forEach((form) => {
    form.addEventListener("input", () => { typed = true; });
    form.addEventListener("change", () => { typed = true; });
    form.addEventListener("submit", () => { typed = false; });
  });
  window.addEventListener("beforeunload", (event) => {
    if (!typed) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
