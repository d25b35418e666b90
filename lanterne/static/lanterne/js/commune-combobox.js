// Fields completed from the server: the text inputs marked `data-commune-combobox` (one
// commune), the text areas marked `data-communes-combobox` (several), and any text input
// marked `data-combobox` (one choice of another kind: a structure of the perimeter) become
// autocompletes following the WAI-ARIA combobox pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): an input with role=combobox
// controlling a listbox of options, ArrowDown / ArrowUp to move, Enter to choose, Escape to
// close, and a live region that says how many suggestions there are. Suggestions come from
// the server (`data-suggestions-url`, JSON: `{"results": [{"label", "detail"?, "value"?}]}`;
// communes give their département and a note instead of a detail). An input with
// `data-combobox-value="<id>"` writes the chosen result's `value` into that (hidden) input and
// empties it as soon as the text is changed. Without this script the fields stay plain text
// fields that the server reads ("Toulouse (31)", an INSEE code, an exact name).
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var counter = 0;

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (_match, key) {
      return key in values ? values[key] : "";
    });
  }

  // Builds the listbox and the live region of `input`; calls `onChoose(result)` with the
  // suggestion chosen. `messages` is the element holding the translated data-msg-* texts.
  function combobox(input, messages, onChoose) {
    var id = input.id || "commune-combobox-" + ++counter;
    input.id = id;
    var wrapper = input.parentNode;
    if (wrapper.classList && wrapper.classList.contains("commune-combobox")) {
      // The input replaced one already enhanced (htmx swapped it out of band, as the Sirene
      // lookup does): the old listbox and live region go, so that ids and regions stay unique.
      Array.prototype.slice.call(wrapper.children).forEach(function (child) {
        if (child !== input) wrapper.removeChild(child);
      });
    } else {
      wrapper = document.createElement("div");
      wrapper.className = "commune-combobox";
      input.parentNode.insertBefore(wrapper, input);
      wrapper.appendChild(input);
    }

    var listbox = document.createElement("ul");
    listbox.id = id + "-listbox";
    listbox.className = "commune-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    // Named apart from the field's label, so that the label names the combobox only.
    listbox.setAttribute("aria-label", messages.dataset.msgSuggestions || "");
    wrapper.appendChild(listbox);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function isOpen() {
      return !listbox.hidden;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = listbox.querySelectorAll('[role="option"]');
      active = index;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      listbox.replaceChildren();
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.label;
        var text = result.detail !== undefined
          ? result.detail
          : (result.departement || "") + (result.note ? ", " + result.note : "");
        if (text) {
          var detail = document.createElement("span");
          detail.className = "commune-option-detail";
          detail.textContent = " — " + text;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
        });
        option.addEventListener("click", function () {
          choose(index);
        });
        listbox.appendChild(option);
      });
      if (results.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function announce(count) {
      var key = count === 0 ? "msgNone" : count === 1 ? "msgOne" : "msgMany";
      status.textContent = format(messages.dataset[key], { count: count });
    }

    function choose(index) {
      var result = results[index];
      close();
      results = [];
      if (result) {
        onChoose(result, status);
      }
    }

    function search(term) {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var url = new URL(messages.dataset.suggestionsUrl, window.location.href);
      url.searchParams.set("q", term);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() !== term) {
            return; // typed on since: a newer request follows
          }
          results = data.results || [];
          active = -1;
          render();
          announce(results.length);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            results = [];
            close();
            status.textContent = messages.dataset.msgError || "";
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var term = input.value.trim();
      if (term.length < MIN_LENGTH) {
        results = [];
        close();
        return;
      }
      timer = window.setTimeout(function () {
        search(term);
      }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = results.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (!isOpen()) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count;
        setActive(next);
      } else if (event.key === "Enter") {
        if (isOpen() && active >= 0) {
          event.preventDefault(); // choose, do not submit the form
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (isOpen()) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    return { wrapper: wrapper, status: status };
  }

  function single(input) {
    var chosen = input.dataset.comboboxValue
      ? document.getElementById(input.dataset.comboboxValue)
      : null;
    if (chosen) {
      // A text typed over the choice is a new search: the choice no longer holds.
      input.addEventListener("input", function () {
        chosen.value = "";
      });
    }
    combobox(input, input, function (result, status) {
      input.value = result.label;
      if (chosen) {
        chosen.value = result.value === undefined ? "" : String(result.value);
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      status.textContent = format(input.dataset.msgChosen, { label: result.label });
    });
  }

  // The text area keeps the submitted value (one commune per line); the person works with a
  // combobox and the list of the communes chosen, each with its remove button.
  function multiple(textarea) {
    var input = document.createElement("input");
    input.type = "text";
    input.className = "form-control";
    input.spellcheck = false;
    // The field's label now names the combobox; the text area keeps the value only.
    input.id = textarea.id;
    textarea.id = textarea.id + "-value";
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        input.setAttribute(name, textarea.getAttribute(name));
      }
    });
    if (textarea.classList.contains("is-invalid")) {
      input.classList.add("is-invalid");
    }
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;

    var chosen = document.createElement("ul");
    chosen.className = "commune-chosen list-unstyled";
    chosen.setAttribute("aria-label", textarea.dataset.msgChosenList || "");
    textarea.parentNode.insertBefore(chosen, textarea);
    textarea.parentNode.insertBefore(input, textarea);

    var labels = textarea.value
      .split(/[,;\n]+/)
      .map(function (line) {
        return line.trim().replace(/\s+/g, " ");
      })
      .filter(Boolean);
    var parts;

    function sync() {
      textarea.value = labels.join("\n");
      chosen.replaceChildren();
      chosen.hidden = labels.length === 0;
      labels.forEach(function (label, index) {
        var item = document.createElement("li");
        item.className = "commune-chosen-item";
        var name = document.createElement("span");
        name.textContent = label;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-link btn-sm";
        remove.textContent = "×";
        remove.setAttribute("aria-label", format(textarea.dataset.msgRemove, { label: label }));
        remove.addEventListener("click", function () {
          labels.splice(index, 1);
          sync();
          parts.status.textContent = format(textarea.dataset.msgRemoved, { label: label });
          input.focus();
        });
        item.appendChild(name);
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    parts = combobox(input, textarea, function (result, status) {
      if (labels.indexOf(result.label) < 0) {
        labels.push(result.label);
      }
      input.value = "";
      sync();
      status.textContent = format(textarea.dataset.msgAdded, { label: result.label });
    });
    sync();

    // A name typed and not chosen is sent too: the server reads it or says what is wrong.
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () {
        var typed = input.value.trim();
        if (typed) {
          labels.push(typed);
          textarea.value = labels.join("\n");
        }
      });
    }
  }

  // Each field is enhanced once, including those htmx swaps in later (a SIRET found in Sirene
  // replaces the commune's input).
  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var pick = function (selector, enhance) {
      var found = Array.prototype.slice.call(scope.querySelectorAll(selector));
      if (scope.matches && scope.matches(selector)) found.push(scope);
      found.forEach(function (element) {
        if (element.dataset.comboboxReady) return;
        element.dataset.comboboxReady = "1";
        enhance(element);
      });
    };
    pick("input[data-commune-combobox], input[data-combobox]", single);
    pick("textarea[data-communes-combobox]", multiple);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
