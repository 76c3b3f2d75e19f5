/* Press pages: small enhancements; every page works without them. */
(function () {
  "use strict";
  // A form that came back with errors: the first field in error (or the message) takes the focus.
  function focusError(root) {
    var field = root.querySelector(".is-invalid") || root.querySelector("#form-errors, .form-errors");
    if (field && typeof field.focus === "function") { field.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("#form-errors, .form-errors")) { focusError(document); }
  });
  // The ingestion reads the article before answering: say so, and do not send it twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("ingest-form")) { return; }
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    var busy = form.querySelector(".ingest-busy");
    if (busy) { busy.classList.remove("d-none"); }
  });
})();
