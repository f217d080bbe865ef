// A copy of the editor's unsaved text kept in this browser (localStorage), so that
// a crash, a closed tab or a refused save (somebody else saved first) never loses
// it. The form names its copy with `data-local-copy` ("ims-editor:<code>:<edition>");
// each copy is stored under that name and the version of the draft it was typed
// on. When the page opens holding other text than a copy, it offers to restore it
// ("Restore the unsaved copy (from hh:mm)"). A save that went through -- the page
// after submitting shows a newer version -- removes the copy.
(function () {
  "use strict";

  var SUBMITTED = "ims-editor-submitted";  // sessionStorage: {base, version}
  var KEPT_DAYS = 30;  // a copy nobody came back for in a month is dropped

  function storage(kind) {
    try { return window[kind]; } catch (error) { return null; }
  }

  function read(store, key) {
    try { return JSON.parse(store.getItem(key)); } catch (error) { return null; }
  }

  function write(store, key, value) {
    try { store.setItem(key, JSON.stringify(value)); } catch (error) { /* full or refused */ }
  }

  function suffixOf(field, prefix) {
    return field.name.replace(new RegExp("^" + prefix + "-\\d+-"), "");
  }

  function typed(container) {
    return container.querySelectorAll("input[type=text], textarea");
  }

  // What the person typed: the sections by name, and each table's rows in the order shown.
  function stateOf(form) {
    var state = { fields: {}, rows: {} };
    typed(form).forEach(function (field) {
      if (!field.closest("[data-row]")) { state.fields[field.name] = field.value; }
    });
    form.querySelectorAll("[data-rows-editor]").forEach(function (editor) {
      var prefix = editor.getAttribute("data-prefix");
      state.rows[prefix] = window.IMSRows.rows(editor).map(function (row) {
        var values = {};
        typed(row).forEach(function (field) { values[suffixOf(field, prefix)] = field.value; });
        return values;
      });
    });
    return state;
  }

  function apply(form, state) {
    Object.keys(state.fields).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value !== undefined) { field.value = state.fields[name]; }
    });
    Object.keys(state.rows).forEach(function (prefix) {
      var editor = form.querySelector("[data-rows-editor][data-prefix='" + prefix + "']");
      if (!editor) { return; }
      var shown = window.IMSRows.rows(editor);
      state.rows[prefix].forEach(function (values, index) {
        var row = shown[index] || window.IMSRows.add(editor);
        typed(row).forEach(function (field) {
          var suffix = suffixOf(field, prefix);
          if (Object.prototype.hasOwnProperty.call(values, suffix)) { field.value = values[suffix]; }
        });
      });
      shown.slice(state.rows[prefix].length).forEach(function (row) {
        window.IMSRows.remove(editor, row);
      });
      window.IMSRows.changed(editor);
    });
    form.querySelectorAll("textarea").forEach(window.IMSRows.autosize);
    // The page now holds unsaved text: the leave warning and the preview follow.
    form.dispatchEvent(new Event("rows-changed", { bubbles: true }));
  }

  function clock(time) {
    var when = new Date(time);
    return String(when.getHours()).padStart(2, "0") + ":" +
      String(when.getMinutes()).padStart(2, "0");
  }

  function newestCopy(store, base) {
    var best = null;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(base + ":") === 0) {
        var copy = read(store, key);
        if (copy && copy.state && (!best || copy.savedAt > best.copy.savedAt)) {
          best = { key: key, copy: copy };
        }
      }
    }
    return best;
  }

  function forgetOldCopies(store) {
    var before = Date.now() - KEPT_DAYS * 24 * 3600 * 1000;
    var old = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf("ims-editor:") === 0) {
        var copy = read(store, key);
        if (!copy || !copy.savedAt || copy.savedAt < before) { old.push(key); }
      }
    }
    old.forEach(function (key) { store.removeItem(key); });
  }

  function setup(form) {
    var local = storage("localStorage");
    var session = storage("sessionStorage");
    if (!local || !window.IMSRows) { return; }
    var base = form.getAttribute("data-local-copy");
    var version = parseInt(form.elements.namedItem("version").value, 10);
    var key = base + ":" + version;

    // The save before this page went through when the draft's version moved on.
    var submitted = session ? read(session, SUBMITTED) : null;
    if (submitted) {
      session.removeItem(SUBMITTED);
      if (submitted.base === base && version > submitted.version) {
        local.removeItem(base + ":" + submitted.version);
      }
    }

    forgetOldCopies(local);
    var opened = JSON.stringify(stateOf(form));
    var found = newestCopy(local, base);
    if (found && JSON.stringify(found.copy.state) !== opened) {
      offer(form, local, found, version);
    }

    var timer = null;
    function keep() {
      window.clearTimeout(timer);
      var state = stateOf(form);
      if (JSON.stringify(state) === opened) {
        if (!found || found.key !== key) { local.removeItem(key); }
        return;
      }
      write(local, key, { version: version, savedAt: Date.now(), state: state });
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(keep, 400);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("rows-changed", later);
    form.addEventListener("submit", function () {
      keep();
      if (session) { write(session, SUBMITTED, { base: base, version: version }); }
    });
    form.addEventListener("local-copy-restored", function () {
      keep();
      if (found.key !== key) { local.removeItem(found.key); }
    });
  }

  function offer(form, local, found, version) {
    var box = document.querySelector("[data-restore-offer]");
    if (!box) { return; }
    var restore = box.querySelector("[data-restore]");
    restore.textContent = restore.getAttribute("data-label").replace(
      "{time}", clock(found.copy.savedAt)
    );
    if (found.copy.version < version) {
      var note = box.querySelector("[data-restore-note]");
      note.textContent = box.getAttribute("data-restore-older")
        .replace("{version}", String(found.copy.version))
        .replace("{current}", String(version));
    }
    box.hidden = false;
    restore.addEventListener("click", function () {
      apply(form, found.copy.state);
      box.hidden = true;
      form.dispatchEvent(new Event("local-copy-restored"));
      var status = document.createElement("p");
      status.className = "restore-done";
      status.setAttribute("role", "status");
      status.textContent = form.getAttribute("data-said-restored");
      box.parentNode.insertBefore(status, box);
      var first = form.querySelector("textarea, input[type=text]");
      if (first) { first.focus(); }
    });
    box.querySelector("[data-restore-discard]").addEventListener("click", function () {
      local.removeItem(found.key);
      box.hidden = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-local-copy]");
    if (form) { setup(form); }
  });
})();
