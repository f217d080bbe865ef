// Dialogs opened by a link: a link marked data-dialog="<id>" opens that <dialog> as a
// modal instead of loading its href (the href, "?act=…", shows the same dialog open
// when scripts do not run). A dialog marked data-open-on-load (a sign-off the server
// refused, with its message) opens as a modal when the page loads, its first field in
// error focused. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  function openModal(dialog) {
    if (!dialog || typeof dialog.showModal !== "function") {
      return false;
    }
    if (dialog.open) {
      dialog.close();
    }
    dialog.showModal();
    var invalid = dialog.querySelector("[aria-invalid=true]");
    if (invalid) {
      invalid.focus();
    }
    return true;
  }
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("a[data-dialog]");
    if (opener && openModal(document.getElementById(opener.getAttribute("data-dialog")))) {
      event.preventDefault();
    }
  });
  function openOnLoad() {
    openModal(document.querySelector("dialog[data-open-on-load]"));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openOnLoad);
  } else {
    openOnLoad();
  }
})();
