// The editor's rows (terms, steps, records), one card a row: add, remove and
// reorder them in the page -- by dragging a card's handle (SortableJS), or with
// its "move up" / "move down" buttons, which the keyboard reaches and whose moves
// an aria-live region reads out. The server-side formset does the real work; this
// only edits the formset's fields (TOTAL_FORMS, ORDER, DELETE), so the page also
// works without it. The order saved is the order of the cards on the screen.
// window.IMSRows lets local_copy.js rebuild the rows of a restored copy.
(function () {
  "use strict";

  function rowsOf(editor) {
    return Array.prototype.filter.call(
      editor.querySelectorAll("[data-rows] > [data-row]"),
      function (row) { return !row.hidden; }
    );
  }

  function renumber(editor) {
    rowsOf(editor).forEach(function (row, index) {
      var order = row.querySelector("input[name$='-ORDER']");
      if (order) { order.value = index + 1; }
      var number = row.querySelector("[data-row-number]");
      if (number) { number.textContent = index + 1; }
    });
  }

  function changed(editor) {
    renumber(editor);
    var form = editor.closest("form");
    if (form) { form.dispatchEvent(new Event("rows-changed", { bubbles: true })); }
  }

  // "Bước 3 “Tiếp nhận hồ sơ”": what a row is called in what the page says.
  function nameOf(editor, row) {
    var number = row.querySelector("[data-row-number]").textContent;
    var first = row.querySelector(".row-fields input[type=text], .row-fields textarea");
    var text = first && first.value.trim() ? " “" + first.value.trim() + "”" : "";
    return editor.getAttribute("data-row-label") + " " + number + text;
  }

  function say(editor, key, row) {
    var region = editor.querySelector("[data-announce]");
    var text = (editor.getAttribute("data-said-" + key) || "")
      .replace("{row}", nameOf(editor, row))
      .replace("{position}", String(rowsOf(editor).indexOf(row) + 1))
      .replace("{count}", String(rowsOf(editor).length));
    region.textContent = "";
    // A new text node after a tick: the same sentence twice is read twice.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function flash(row) {
    row.classList.add("is-moved");
    window.setTimeout(function () { row.classList.remove("is-moved"); }, 700);
  }

  // Text areas grow with their text: CSS field-sizing where the browser has it,
  // else their height follows their content here.
  var sizesItself = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function autosize(field) {
    if (sizesItself || field.tagName !== "TEXTAREA") { return; }
    field.style.height = "auto";
    field.style.height = field.scrollHeight + 2 + "px";
  }

  function enhance(row) {
    var checkbox = row.querySelector("input[name$='-DELETE']");
    var remove = row.querySelector("[data-remove]");
    if (checkbox && remove) {
      checkbox.closest("label").hidden = true;
      remove.hidden = false;
    }
    var order = row.querySelector(".row-order");
    if (order) { order.hidden = true; }
    var handle = row.querySelector("[data-handle]");
    if (handle && window.Sortable) { handle.hidden = false; }
    row.querySelectorAll("textarea").forEach(autosize);
  }

  function isBlank(row) {
    return Array.prototype.every.call(
      row.querySelectorAll("input[type=text], textarea"),
      function (field) { return field.value.trim() === ""; }
    );
  }

  // The formset brings an empty row for adding without JavaScript; with the
  // "add" button it is only clutter. Blank rows at the end are dropped.
  function dropBlankExtraRows(editor) {
    var prefix = editor.getAttribute("data-prefix");
    var total = editor.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var initial = parseInt(
      editor.querySelector("input[name='" + prefix + "-INITIAL_FORMS']").value, 10
    );
    var rows = editor.querySelectorAll("[data-rows] > [data-row]");
    for (var i = rows.length - 1; i >= initial && isBlank(rows[i]); i--) {
      rows[i].remove();
      total.value = i;
    }
  }

  function addRow(editor) {
    var prefix = editor.getAttribute("data-prefix");
    var total = editor.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = editor.querySelector("[data-row-template]");
    var index = parseInt(total.value, 10);
    var holder = document.createElement("ol");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index)).trim();
    var row = holder.firstElementChild;
    editor.querySelector("[data-rows]").appendChild(row);
    if (editor.classList.contains("is-folded")) { fold(editor, false); }
    total.value = index + 1;
    enhance(row);
    changed(editor);
    return row;
  }

  function removeRow(editor, row) {
    row.querySelector("input[name$='-DELETE']").checked = true;
    var name = nameOf(editor, row);
    row.hidden = true;
    changed(editor);
    var region = editor.querySelector("[data-announce]");
    region.textContent = editor.getAttribute("data-said-removed").replace("{row}", name);
  }

  function move(editor, row, button, up) {
    var rows = rowsOf(editor);
    var at = rows.indexOf(row);
    var other = rows[up ? at - 1 : at + 1];
    if (!other) {
      say(editor, up ? "top" : "bottom", row);
      return;
    }
    row.parentNode.insertBefore(row, up ? other : other.nextElementSibling);
    changed(editor);
    button.focus();
    flash(row);
    say(editor, "moved", row);
  }

  // Folded, each card is one line ("Bước 3 · Phê duyệt"): a long procedure fits
  // the screen, and a step is dragged across it without scrolling.
  function fold(editor, folded) {
    var toggle = editor.querySelector("[data-fold]");
    editor.classList.toggle("is-folded", folded);
    toggle.setAttribute("aria-pressed", folded ? "true" : "false");
    rowsOf(editor).forEach(function (row) {
      var first = row.querySelector(".row-fields input[type=text], .row-fields textarea");
      var text = first ? first.value.trim() : "";
      row.querySelector("[data-row-summary]").textContent = text ? " · " + text : "";
    });
  }

  function setup(editor) {
    var list = editor.querySelector("[data-rows]");
    var add = editor.querySelector("[data-add-row]");
    var toggle = editor.querySelector("[data-fold]");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        fold(editor, !editor.classList.contains("is-folded"));
      });
    }
    var hint = editor.querySelector("[data-no-js-hint]");
    if (hint) { hint.hidden = true; }
    add.hidden = false;
    dropBlankExtraRows(editor);
    list.querySelectorAll("[data-row]").forEach(enhance);
    renumber(editor);

    if (window.Sortable) {
      window.Sortable.create(list, {
        handle: "[data-handle]",
        draggable: "[data-row]",
        animation: 150,
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) { return; }
          changed(editor);
          say(editor, "moved", event.item);
        },
      });
    }

    add.addEventListener("click", function () {
      var row = addRow(editor);
      say(editor, "added", row);
      var first = row.querySelector(".row-fields input[type=text], .row-fields textarea");
      if (first) { first.focus(); }
    });

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var row = button.closest("[data-row]");
      if (button.hasAttribute("data-remove")) {
        var rows = rowsOf(editor);
        var next = rows[rows.indexOf(row) + 1] || rows[rows.indexOf(row) - 1];
        removeRow(editor, row);
        var focus = next ? next.querySelector("[data-remove]") : add;
        focus.focus();
      } else if (button.hasAttribute("data-move")) {
        move(editor, row, button, button.getAttribute("data-move") === "up");
      }
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" && event.target.closest("#editor")) {
      autosize(event.target);
    }
  });

  window.IMSRows = {
    rows: rowsOf,
    add: addRow,
    remove: removeRow,
    changed: changed,
    autosize: autosize,
  };

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
    document.querySelectorAll("#editor textarea").forEach(autosize);
    showInsertButtons();
  });
})();
