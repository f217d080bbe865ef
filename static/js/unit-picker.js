// The unit picker (ims/unit_picker.py): search, grouping by kind or by commune / ward,
// "select the whole group" and the count, over plain grouped checkboxes that work
// without this script. Every picker on the page is set up once, including one inside a
// <dialog> or in a fragment htmx brings in later.
(function () {
  "use strict";
  if (window.imsUnitPicker) { return; }

  // Vietnamese without its marks, lower case: "Chiềng Lề" and "chieng le" match.
  function plain(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function setUp(picker) {
    if (picker.hasAttribute("data-ready")) { return; }
    picker.setAttribute("data-ready", "");
    var tools = picker.querySelector(".unit-picker-tools");
    var search = picker.querySelector("[data-unit-search]");
    var count = picker.querySelector(".unit-picker-count");
    var none = picker.querySelector(".unit-picker-none");
    var byKind = picker.querySelector("[data-unit-groups]");
    var items = Array.prototype.slice.call(picker.querySelectorAll("[data-unit]"));
    var boxes = items.map(function (li) { return li.querySelector("input[type=checkbox]"); });
    var words = items.map(function (li) { return plain(li.getAttribute("data-search")); });
    var homes = items.map(function (li) { return li.parentNode; });
    var byCommune = null;
    tools.hidden = false;

    function groups() {
      return picker.querySelectorAll(byCommune && !byCommune.hidden
        ? "[data-unit-communes] .unit-group" : "[data-unit-groups] .unit-group");
    }

    function visible(li) { return !li.hidden; }

    function refreshGroup(group) {
      var shown = Array.prototype.filter.call(group.querySelectorAll("[data-unit]"), visible);
      group.hidden = shown.length === 0;
      var button = group.querySelector("[data-unit-group-all]");
      var all = shown.length > 0 && shown.every(function (li) {
        return li.querySelector("input").checked;
      });
      button.hidden = shown.length === 0;
      button.textContent = picker.getAttribute(all ? "data-none-text" : "data-all-text");
      button.setAttribute("data-all-checked", all ? "true" : "false");
    }

    function refresh() {
      var chosen = boxes.filter(function (box) { return box.checked; }).length;
      count.textContent = picker.getAttribute("data-count-text").replace("__N__", chosen);
      Array.prototype.forEach.call(groups(), refreshGroup);
      none.hidden = items.some(visible);
    }

    function filter() {
      var wanted = plain(search.value).split(/\s+/).filter(Boolean);
      items.forEach(function (li, i) {
        li.hidden = !wanted.every(function (word) { return words[i].indexOf(word) !== -1; });
      });
      refresh();
    }

    function groupByCommune() {
      if (!byCommune) {
        byCommune = document.createElement("div");
        byCommune.className = "unit-picker-groups";
        byCommune.setAttribute("data-unit-communes", "");
        byKind.parentNode.insertBefore(byCommune, byKind.nextSibling);
      }
      byCommune.textContent = "";
      var lists = {};
      var names = [];
      items.forEach(function (li) {
        var name = li.getAttribute("data-commune") || picker.getAttribute("data-no-commune");
        if (!lists[name]) {
          var fieldset = document.createElement("fieldset");
          fieldset.className = "unit-group";
          var legend = document.createElement("legend");
          legend.textContent = name;
          var button = byKind.querySelector("[data-unit-group-all]").cloneNode(false);
          var list = document.createElement("ul");
          fieldset.appendChild(legend);
          fieldset.appendChild(button);
          fieldset.appendChild(list);
          lists[name] = { fieldset: fieldset, list: list };
          names.push(name);
        }
        lists[name].list.appendChild(li);
      });
      names.sort(function (a, b) { return a.localeCompare(b, "vi"); });
      names.forEach(function (name) { byCommune.appendChild(lists[name].fieldset); });
      byKind.hidden = true;
      byCommune.hidden = false;
    }

    function groupByKind() {
      items.forEach(function (li, i) { homes[i].appendChild(li); });
      if (byCommune) { byCommune.hidden = true; }
      byKind.hidden = false;
    }

    search.addEventListener("input", filter);
    picker.addEventListener("change", function (event) {
      if (event.target.matches("[data-unit-grouping]")) {
        if (event.target.value === "commune") { groupByCommune(); } else { groupByKind(); }
      }
      refresh();
    });
    picker.addEventListener("click", function (event) {
      var button = event.target.closest("[data-unit-group-all]");
      if (button) {
        var check = button.getAttribute("data-all-checked") !== "true";
        var group = button.closest(".unit-group");
        Array.prototype.forEach.call(group.querySelectorAll("[data-unit]"), function (li) {
          if (visible(li)) { li.querySelector("input").checked = check; }
        });
        refresh();
      } else if (event.target.closest("[data-unit-clear]")) {
        boxes.forEach(function (box) { box.checked = false; });
        refresh();
      }
    });
    // The search box is no place to send the form from by accident.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    filter();
  }

  function setUpAll(root) {
    Array.prototype.forEach.call(
      (root || document).querySelectorAll("[data-unit-picker]"), setUp);
  }

  window.imsUnitPicker = setUpAll;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(); });
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });
})();
