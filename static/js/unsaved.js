// Warn before leaving a page whose form holds unsaved changes. A form opts in with
// `data-warn-unsaved` (value "dirty" when the page opens already unsaved, as after a
// refused save). Typing, choosing, or adding, moving and removing rows (the editor's
// "rows-changed" event) make it dirty; submitting it clears the warning.
(function () {
  "use strict";

  var dirty = new Set();

  function watch(form) {
    if (form.dataset.warnUnsaved === "dirty") { dirty.add(form); }
    function mark() { dirty.add(form); }
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("rows-changed", mark);
    form.addEventListener("submit", function () { dirty.delete(form); });
  }

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to show their dialog
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(watch);
  });
})();
