// Behaviour shared by every page. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // The menu's counts of the person's inbox items ("Tài liệu (3)"), fetched after the
  // page so that the page costs no more to build; the home page has them already.
  function showCounts(counts) {
    var links = document.querySelectorAll(".site-header nav a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var count = counts[link.getAttribute("href")];
      if (count && !link.querySelector(".nav-count")) {
        var span = document.createElement("span");
        span.className = "nav-count";
        span.textContent = "(" + count + ")";
        link.appendChild(document.createTextNode(" "));
        link.appendChild(span);
      }
    });
  }
  var countsNav = document.querySelector("[data-counts-url]");
  if (countsNav && window.fetch) {
    fetch(countsNav.getAttribute("data-counts-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(showCounts)
      .catch(function () {});
  }
  // Forms marked data-confirm ask before they are sent.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // Controls marked data-autosubmit send their form when changed (filters).
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
  // A box that scrolls sideways or down (a wide table on a phone) takes the
  // keyboard focus, so it can be scrolled without a mouse;
  // a box that fits stays out of the tab order.
  function markScrollable() {
    document.querySelectorAll(".table-wrap, [data-scrolls]").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-made-focusable", "");
      } else if (!scrolls && box.hasAttribute("data-made-focusable")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-made-focusable");
      }
    });
  }
  // Again whenever a box or what it holds changes size (a preview filled after the
  // page, fonts arriving), once per frame.
  var markPending = false;
  function markSoon() {
    if (!markPending) {
      markPending = true;
      window.requestAnimationFrame(function () {
        markPending = false;
        markScrollable();
      });
    }
  }
  var sized = window.ResizeObserver ? new ResizeObserver(markSoon) : null;
  var changed = window.MutationObserver ? new MutationObserver(markSoon) : null;
  function watchBoxes() {
    document.querySelectorAll(".table-wrap, [data-scrolls]").forEach(function (box) {
      if (box.hasAttribute("data-watched")) {
        return;
      }
      box.setAttribute("data-watched", "");
      if (sized) {
        sized.observe(box);
      }
      if (changed) {
        changed.observe(box, { childList: true, subtree: true, characterData: true });
      }
    });
    markScrollable();
  }
  document.addEventListener("DOMContentLoaded", watchBoxes);
  document.addEventListener("htmx:afterSettle", watchBoxes);
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);
  // Filters fold into one control on a phone: a <details data-filter-fold> is
  // closed at 600 px and less, open wider, and follows the screen when it turns.
  var phone = window.matchMedia("(max-width: 600px)");
  function foldFilters() {
    document.querySelectorAll("details[data-filter-fold]").forEach(function (fold) {
      fold.open = !phone.matches;
    });
  }
  foldFilters();
  if (phone.addEventListener) {
    phone.addEventListener("change", foldFilters);
  }
  // htmx sends the CSRF token with every request it makes.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });
})();
