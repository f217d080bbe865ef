// The editor's tables of rows (steps, records): add, remove and reorder rows in
// the page. The server-side formset does the real work; this only edits the
// formset's fields (TOTAL_FORMS, ORDER, DELETE), so the page also works without it.
(function () {
  "use strict";

  function visibleRows(editor) {
    return Array.prototype.filter.call(
      editor.querySelectorAll("[data-rows] > [data-row]"),
      function (row) { return !row.hidden; }
    );
  }

  function renumber(editor) {
    visibleRows(editor).forEach(function (row, index) {
      var order = row.querySelector("input[name$='-ORDER']");
      if (order) { order.value = index + 1; }
    });
  }

  function changed(editor) {
    renumber(editor);
    var form = editor.closest("form");
    if (form) { form.dispatchEvent(new Event("rows-changed", { bubbles: true })); }
  }

  function enhance(row) {
    var checkbox = row.querySelector("input[name$='-DELETE']");
    var remove = row.querySelector("[data-remove]");
    if (checkbox && remove) {
      checkbox.closest("label").hidden = true;
      remove.hidden = false;
    }
    var order = row.querySelector("input[name$='-ORDER']");
    if (order) { order.type = "hidden"; }
  }

  function isBlank(row) {
    return Array.prototype.every.call(
      row.querySelectorAll("input[type=text], textarea"),
      function (field) { return field.value.trim() === ""; }
    );
  }

  // The formset brings an empty row for adding without JavaScript; with the
  // "add" button it is only clutter. Blank rows at the end are dropped.
  function dropBlankExtraRows(body, total, editor) {
    var prefix = editor.getAttribute("data-prefix");
    var initial = parseInt(
      editor.querySelector("input[name='" + prefix + "-INITIAL_FORMS']").value, 10
    );
    var rows = body.querySelectorAll("[data-row]");
    for (var i = rows.length - 1; i >= initial && isBlank(rows[i]); i--) {
      rows[i].remove();
      total.value = i;
    }
  }

  function setup(editor) {
    var prefix = editor.getAttribute("data-prefix");
    var total = editor.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var body = editor.querySelector("[data-rows]");
    var template = editor.querySelector("[data-row-template]");
    var add = editor.querySelector("[data-add-row]");
    var hint = editor.querySelector("[data-no-js-hint]");
    if (hint) { hint.hidden = true; }
    add.hidden = false;
    dropBlankExtraRows(body, total, editor);
    body.querySelectorAll("[data-row]").forEach(enhance);
    renumber(editor);

    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      body.appendChild(row);
      total.value = index + 1;
      enhance(row);
      changed(editor);
      var first = row.querySelector("input[type=text], textarea");
      if (first) { first.focus(); }
    });

    body.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var row = button.closest("[data-row]");
      if (button.hasAttribute("data-remove")) {
        row.querySelector("input[name$='-DELETE']").checked = true;
        row.hidden = true;
        changed(editor);
      } else if (button.getAttribute("data-move") === "up") {
        var before = row.previousElementSibling;
        while (before && before.hidden) { before = before.previousElementSibling; }
        if (before) { body.insertBefore(row, before); changed(editor); button.focus(); }
      } else if (button.getAttribute("data-move") === "down") {
        var after = row.nextElementSibling;
        while (after && after.hidden) { after = after.nextElementSibling; }
        if (after) { body.insertBefore(after, row); changed(editor); button.focus(); }
      }
    });
  }

  // Images of the edition: "Insert into the text" puts the image's code where the
  // cursor was in the text last edited (or at the end of the first text box).
  var lastText = null;

  function showInsertButtons() {
    document.querySelectorAll("[data-insert-image]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function insertImage(code) {
    var form = document.getElementById("editor");
    if (!form) { return; }
    var field = lastText && form.contains(lastText) ? lastText : form.querySelector("textarea");
    if (!field) { return; }
    var start = field.selectionStart === undefined ? field.value.length : field.selectionStart;
    var end = field.selectionEnd === undefined ? start : field.selectionEnd;
    var before = field.value.slice(0, start);
    var text = (before && !/\n$/.test(before) ? "\n" : "") + code + "\n";
    field.value = before + text + field.value.slice(end);
    field.focus();
    field.selectionStart = field.selectionEnd = start + text.length;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.tagName === "TEXTAREA" && event.target.closest("#editor")) {
      lastText = event.target;
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-image]");
    if (button) { insertImage(button.getAttribute("data-insert-image")); }
  });
  document.addEventListener("htmx:afterSettle", showInsertButtons);

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-rows-editor]").forEach(setup);
    showInsertButtons();
  });
})();
