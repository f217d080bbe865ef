// Charts of a campaign's results, drawn from the JSON the page embeds.
(function () {
  "use strict";
  var charts = [];
  function draw() {
    var source = document.getElementById("survey-chart-data");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var data = JSON.parse(source.textContent);
    var dims = document.getElementById("survey-dimensions");
    if (dims) {
      var sets = [{ label: data.current_label, data: data.current, backgroundColor: "#1e6fd9" }];
      if (data.previous_label) {
        sets.unshift({ label: data.previous_label, data: data.previous, backgroundColor: "#9ca3af" });
      }
      charts.push(new Chart(dims, {
        type: "bar",
        data: { labels: data.labels, datasets: sets },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { y: { min: 0, max: 100, title: { display: true, text: data.share_label } } }
        }
      }));
    }
    var days = document.getElementById("survey-days");
    if (days) {
      charts.push(new Chart(days, {
        type: "line",
        data: { labels: data.days, datasets: [{ label: data.responses_label, data: data.per_day, borderColor: "#1b7f3b" }] },
        options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
      }));
    }
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
