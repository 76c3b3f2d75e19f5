/* Counterpart: small enhancements; every page works without them. */
(function () {
  "use strict";
  // A filter form sends only the filters that have a value: shorter, readable addresses.
  function isEmpty(value) { return value === "" || value === null || value === undefined; }
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form.filter-form");
    if (!form || event.detail.verb !== "get") { return; }
    var params = event.detail.parameters;
    var names = params instanceof FormData ? Array.from(new Set(params.keys())) : Object.keys(params);
    names.forEach(function (name) {
      var values = params instanceof FormData ? params.getAll(name) : [].concat(params[name]);
      if (values.every(isEmpty)) {
        if (params instanceof FormData) { params.delete(name); } else { delete params[name]; }
      }
    });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("filter-form") || form.hasAttribute("hx-get")) { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.tagName === "INPUT" || el.tagName === "SELECT") && el.type !== "checkbox" && isEmpty(el.value)) {
        el.disabled = true;
        setTimeout(function () { el.disabled = false; }, 0);
      }
    });
  });
})();

/* A form that came back with errors (data-focus-first-error): the message that someone else
   saved first (an edit conflict), else its first field in error, or the message above it, takes
   the focus, so that keyboard and screen-reader users land on it. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.querySelector("form[data-focus-first-error]");
  if (!form) { return; }
  var target = document.getElementById("edit-conflict") || form.querySelector(".is-invalid") ||
    document.getElementById("form-errors");
  if (target) { target.focus(); }
});

/* Long requests (an upload, an import): a form with data-busy="SELECTOR" disables its submit
   button and shows the element SELECTOR names while the request runs. A checkbox with
   data-enables="ID" enables the button ID only while it is ticked. */
document.addEventListener("submit", function (event) {
  "use strict";
  var form = event.target;
  var busy = form.getAttribute && form.getAttribute("data-busy");
  if (!busy) { return; }
  var button = form.querySelector("button[type=submit]");
  if (button) { button.disabled = true; }
  var shown = form.querySelector(busy);
  if (shown) { shown.classList.remove("d-none"); }
});
document.addEventListener("change", function (event) {
  "use strict";
  var id = event.target.getAttribute && event.target.getAttribute("data-enables");
  var target = id && document.getElementById(id);
  if (target) { target.disabled = !event.target.checked; }
});

/* Progress of a long request (an import's preview or commit): an element with data-progress-url
   fetches that address every second and shows what it returns, from page load
   (data-progress-start="load") or from its form's submission ("submit"), until it leaves the
   page or the page is replaced by the response. */
(function () {
  "use strict";
  function poll(element) {
    if (element.dataset.polling) { return; }
    element.dataset.polling = "1";
    var url = element.getAttribute("data-progress-url");
    var timer = setInterval(function () {
      if (!document.body.contains(element)) { clearInterval(timer); return; }
      fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (html.trim()) { element.innerHTML = html; } })
        .catch(function () { clearInterval(timer); });
    }, 1000);
  }
  function startOnLoad(root) {
    root.querySelectorAll("[data-progress-url][data-progress-start=load]").forEach(poll);
  }
  document.addEventListener("DOMContentLoaded", function () { startOnLoad(document); });
  document.addEventListener("htmx:load", function (event) { startOnLoad(event.detail.elt); });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.querySelectorAll) { return; }
    form.querySelectorAll("[data-progress-url][data-progress-start=submit]").forEach(poll);
  });
})();

/* A part loaded by htmx (the import's preview): when the request ends it is no longer busy; when it
   fails, the element its data-failed names is shown and the loading message goes. */
document.addEventListener("htmx:afterRequest", function (event) {
  "use strict";
  var elt = event.detail.elt;
  if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-failed")) { return; }
  elt.removeAttribute("aria-busy");
  if (event.detail.successful) { return; }
  var failed = document.getElementById(elt.getAttribute("data-failed"));
  if (failed) { failed.classList.remove("d-none"); }
  var loading = elt.querySelector(".preview-loading");
  if (loading) { loading.remove(); }
});

/* Searchable selects (Tom Select, vendor/tom-select/): every <select multiple> and every single
   <select> with more than LONG_LIST options becomes a type-to-search control. The native select
   stays in the form and holds the value, so forms, filters and htmx requests are unchanged;
   without JavaScript the native select is used. A select opts out with data-native-select.

   Accessibility: Tom Select points the field's <label for> at its text input and labels the
   control with it; this script also hands the select's aria-describedby, aria-invalid and
   aria-required to that input (so an error beside the field is announced), tells screen readers
   what is chosen, and passes focus given to the hidden select (the "focus the first field in
   error" scripts) on to the control. UI strings come from <body data-select-*> (base.html). */
(function () {
  "use strict";
  var LONG_LIST = 15;
  var COPIED_ATTRIBUTES = ["aria-describedby", "aria-invalid", "aria-required"];

  if (typeof window.TomSelect !== "function") { return; }

  function strings() {
    var data = document.body.dataset;
    var chinese = /^zh/i.test(document.documentElement.lang);
    return {
      noResults: data.selectNoResults || "",
      remove: data.selectRemove || "",
      clear: data.selectClear || "",
      placeholder: data.selectPlaceholder || "",
      chosen: data.selectChosen || "",
      separator: chinese ? "、" : ", ",
      afterLabel: chinese ? "" : " "
    };
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function wanted(select) {
    if (select.tomselect || select.hasAttribute("data-native-select")) { return false; }
    return select.multiple || select.options.length > LONG_LIST;
  }

  // A page restored from htmx's history cache (or any copied HTML) may hold the control of an
  // earlier instance beside a select that no instance owns: remove it and start again.
  function removeStaleControl(select) {
    if (!select.classList.contains("tomselected")) { return; }
    var next = select.nextElementSibling;
    if (next && next.classList.contains("ts-wrapper")) { next.remove(); }
    select.classList.remove("tomselected", "ts-hidden-accessible");
    select.removeAttribute("tabindex");
    select.removeAttribute("aria-hidden");
    if (select.id) {
      document.querySelectorAll('label[for="' + CSS.escape(select.id + "-ts-control") + '"]').forEach(function (label) {
        label.setAttribute("for", select.id);
      });
    }
  }

  function optionLabel(data) { return String(data.text || "").trim(); }

  /* A select over a large table (core/widgets.py SearchSelectMultiple) holds only its chosen
     options: the others come from the REST API's list as the user types (?q=, rows with id and
     display), with the session's cookie. */
  function searchAsTyped(settings, url) {
    settings.refreshThrottle = 250;
    settings.shouldLoad = function (query) { return query.length > 0; };
    settings.load = function (query, callback) {
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "limit=30&q=" + encodeURIComponent(query);
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          callback((data.results || []).map(function (row) {
            return { value: String(row.id), text: String(row.display || row.id) };
          }));
        })
        .catch(function () { callback(); });
    };
  }

  function enhance(select) {
    removeStaleControl(select);
    var t = strings();
    var multiple = select.multiple;
    var plugins = {};
    if (multiple) {
      plugins.remove_button = { title: t.remove, label: "×" };
    } else if (!select.required && select.querySelector('option[value=""]')) {
      plugins.clear_button = {
        title: t.clear,
        html: function (data) {
          return '<div class="' + data.className + '" title="' + escapeHtml(data.title) + '" aria-hidden="true">×</div>';
        }
      };
    }
    var settings = {
      plugins: plugins,
      maxItems: multiple ? null : 1,
      maxOptions: null, // every option, as the native select shows them
      placeholder: t.placeholder,
      hidePlaceholder: true, // once something is chosen, the chosen items say what the field holds
      // The option's text (Chinese or English, as the page shows it), the label of its optgroup,
      // and data-search (other names of the option) where the page gives one.
      searchField: ["text", "group", "search"],
      lockOptgroupOrder: true,
      closeAfterSelect: true, // and clears the search: type the next one, or Enter to submit
      refreshThrottle: 0, // the options are in the page: filter as soon as a key is typed
      render: {
        // Chosen items without the indent of a tree; the group says which tree.
        item: function (data, escape) {
          var title = data.group ? ' title="' + escape(data.group + " · " + optionLabel(data)) + '"' : "";
          return "<div" + title + ">" + escape(optionLabel(data)) + "</div>";
        },
        no_results: function () { return '<div class="no-results">' + escapeHtml(t.noResults) + "</div>"; }
      }
    };
    var searchUrl = select.getAttribute("data-search-url");
    if (searchUrl) { searchAsTyped(settings, searchUrl); }
    var ts = new window.TomSelect(select, settings);

    // Searchable optgroup labels (the taxonomy of an industry).
    Object.keys(ts.options).forEach(function (value) {
      var option = ts.options[value];
      var groups = [].concat(option.optgroup === undefined || option.optgroup === null ? [] : option.optgroup);
      option.group = groups.map(function (id) { return ts.optgroups[id] ? ts.optgroups[id].label : ""; }).join(" ").trim();
    });

    var input = ts.control_input;
    // A single select shows what is typed in place of its chosen item (app.css).
    function markQuery() { ts.wrapper.classList.toggle("has-query", input.value !== ""); }
    input.addEventListener("input", markQuery);
    ts.on("item_add", markQuery);
    ts.on("dropdown_close", markQuery);
    ts.on("blur", markQuery);
    COPIED_ATTRIBUTES.forEach(function (name) {
      if (select.hasAttribute(name)) { input.setAttribute(name, select.getAttribute(name)); }
    });
    if (!input.getAttribute("aria-labelledby") && select.getAttribute("aria-label")) {
      input.setAttribute("aria-label", select.getAttribute("aria-label"));
    }

    // What is chosen, read with the field and announced when it changes.
    var chosen = document.createElement("span");
    chosen.className = "visually-hidden";
    chosen.id = (select.id || ts.inputId) + "-ts-chosen";
    chosen.setAttribute("aria-live", "polite");
    ts.wrapper.appendChild(chosen);
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + chosen.id).trim());
    function describeChoice() {
      var labels = ts.items.map(function (value) { return ts.options[value] ? optionLabel(ts.options[value]) : value; });
      chosen.textContent = labels.length ? t.chosen + t.afterLabel + labels.join(t.separator) : "";
    }
    describeChoice();
    ts.on("change", describeChoice);

    // The hidden select is out of the tab order and hidden from screen readers (the control
    // stands for it); focus given to it by a script goes to the control, without opening it.
    select.setAttribute("aria-hidden", "true");
    function focusControl() {
      ts.settings.openOnFocus = false;
      ts.focus();
      setTimeout(function () { ts.settings.openOnFocus = true; }, 0);
      // With its label and the error or help under it in sight.
      ts.wrapper.parentElement.scrollIntoView({ block: "nearest" });
    }
    select.addEventListener("focus", focusControl);
    if (document.activeElement === select) { focusControl(); }
    return ts;
  }

  function enhanceWithin(root) {
    if (!root || !root.querySelectorAll) { return; }
    var selects = root.matches && root.matches("select") ? [root] : root.querySelectorAll("select");
    Array.prototype.forEach.call(selects, function (select) {
      if (!wanted(select)) { return; }
      try {
        enhance(select);
      } catch (error) { // the native select still works
        if (window.console) { window.console.error(error); }
      }
    });
  }

  // Now (the document is parsed: this script is deferred), so that scripts run at
  // DOMContentLoaded find the controls; then on whatever htmx brings in.
  enhanceWithin(document);
  document.addEventListener("htmx:load", function (event) { enhanceWithin(event.detail.elt); });
  document.addEventListener("htmx:historyRestore", function () { enhanceWithin(document); });
  // Content htmx removes takes its controls (and their document listeners) with it.
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    var el = event.target;
    if (el && el.tomselect && typeof el.tomselect.destroy === "function") { el.tomselect.destroy(); }
  });
})();
