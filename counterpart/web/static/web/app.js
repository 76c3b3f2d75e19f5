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
