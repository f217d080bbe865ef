// Copy buttons: `data-copy` names the element whose text is copied; the button's
// neighbouring `.copy-status` says whether it worked (`data-copied`, `data-copy-failed`).
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentElement.querySelector(".copy-status");
    if (status) { status.textContent = text; }
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.querySelector(button.dataset.copy);
    if (!source) { return; }
    var text = source.textContent.trim();
    var failed = function () {
      selectText(source);
      say(button, button.dataset.copyFailed || "");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(button, button.dataset.copied || "");
      }, failed);
    } else {
      failed();
    }
  });
})();
