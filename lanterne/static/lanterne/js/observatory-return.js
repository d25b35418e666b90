// Checks a return as it is typed: non-negative integers, breakdowns that add up to their total.
// The server runs the same checks on save; this only warns earlier.
(function () {
  "use strict";
  const form = document.querySelector("fieldset.observatory-indicator")?.closest("form");
  if (!form) return;
  const lang = document.documentElement.lang || "fr";
  const text = {
    fr: {
      integer: "Saisissez un nombre entier positif ou nul.",
      sum: (sum, total) => `La décomposition (${sum}) ne correspond pas au total (${total}).`,
    },
    en: {
      integer: "Enter a whole number, zero or more.",
      sum: (sum, total) => `The breakdown (${sum}) does not add up to the total (${total}).`,
    },
  }[lang.startsWith("en") ? "en" : "fr"];
  const fieldsets = Array.from(form.querySelectorAll("fieldset.observatory-indicator"));

  function amountOf(fieldset) {
    const input = fieldset.querySelector("input[type=number]");
    if (!input || input.value.trim() === "") return null;
    return Number(input.value);
  }

  function check() {
    for (const fieldset of fieldsets) {
      const messages = [];
      const value = amountOf(fieldset);
      if (value !== null && (!Number.isInteger(value) || value < 0)) messages.push(text.integer);
      const children = fieldsets.filter((f) => f.dataset.parent === fieldset.dataset.indicator);
      if (children.length && value !== null) {
        const amounts = children.map(amountOf);
        const given = amounts.filter((a) => a !== null);
        const sum = given.reduce((a, b) => a + b, 0);
        if (sum > value || (given.length === amounts.length && sum !== value)) {
          messages.push(text.sum(sum, value));
        }
      }
      fieldset.querySelector(".observatory-live-check").textContent = messages.join(" ");
    }
  }

  form.addEventListener("input", check);
  check();
})();
