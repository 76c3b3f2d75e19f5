/* The pipeline board: the move form in a dialog, and cards that can also be dragged.
   Every move also works without this script: the "Move" link opens the move page. */
(function () {
  "use strict";
  var dialog = document.getElementById("move-dialog");
  var body = document.getElementById("move-dialog-body");
  var opener = null;

  function focusFirstField() {
    var target = body.querySelector(".is-invalid") || body.querySelector("select, input:not([type=hidden]), textarea");
    if (target) { target.focus(); }
  }

  function openMove(url, stage) {
    var params = new URLSearchParams({ return_url: dialog.dataset.returnUrl || window.location.pathname + window.location.search });
    if (stage) { params.set("stage", stage); }
    var address = url.split("?")[0] + "?" + params.toString();
    window.htmx.ajax("GET", address, { target: body, swap: "innerHTML" });
  }

  if (dialog && body) {
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var elt = event.detail.elt;
      if (elt && elt.classList && elt.classList.contains("board-move")) { opener = elt; }
    });
    // After the form arrives (or comes back with errors, replacing itself), show and focus it.
    document.body.addEventListener("htmx:afterSettle", function () {
      if (!body.querySelector("form")) { return; }
      if (!dialog.open) { dialog.showModal(); }
      focusFirstField();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-close-dialog]")) {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      // Through htmx, so that what it set up inside (searchable selects) is cleaned up too.
      Array.from(body.children).forEach(function (child) { window.htmx.remove(child); });
      if (opener) { opener.focus(); opener = null; }
    });
    // The target stage chosen in the dialog shows at once what that stage still needs.
    dialog.addEventListener("change", function (event) {
      if (event.target.name !== "stage") { return; }
      var refresh = event.target.form && event.target.form.querySelector(".move-refresh");
      if (refresh) { window.htmx.trigger(refresh, "click"); }
    });

    // Dragging a card onto a column opens the same dialog for that stage.
    document.querySelectorAll(".board-card[draggable=true]").forEach(function (card) {
      card.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
        event.dataTransfer.effectAllowed = "move";
        card.classList.add("dragging");
        opener = card.querySelector(".board-move");
      });
      card.addEventListener("dragend", function () { card.classList.remove("dragging"); });
    });
    document.querySelectorAll(".board-column").forEach(function (column) {
      column.addEventListener("dragover", function (event) {
        event.preventDefault();
        column.classList.add("drop-target");
      });
      column.addEventListener("dragleave", function () { column.classList.remove("drop-target"); });
      column.addEventListener("drop", function (event) {
        event.preventDefault();
        column.classList.remove("drop-target");
        var url = event.dataTransfer.getData("text/plain");
        if (url) { openMove(url, column.dataset.stage); }
      });
    });
  }

  // The order of the cards applies as soon as it is chosen.
  document.querySelectorAll("[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
