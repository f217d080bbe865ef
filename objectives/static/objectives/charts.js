// Charts of the objectives pages, drawn by the vendored Chart.js (no CDN, no inline script).
(function () {
  "use strict";
  var charts = [];

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function colours() {
    return {
      on_track: css("--ims-ok", "#2e7d32"),
      at_risk: css("--ims-warn", "#ed6c02"),
      missed: css("--ims-bad", "#c62828"),
      no_data: css("--ims-muted", "#9e9e9e")
    };
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function drawStatusChart(colour) {
    // A class, not an id: htmx copies the attributes of same-id elements across a swap,
    // which would re-apply Chart.js sizing as an inline style the CSP refuses.
    var canvas = document.querySelector("canvas.status-chart-canvas");
    var data = readJSON("status-chart-data");
    if (!canvas || !data) { return; }
    charts.push(new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set) {
          return { label: set.label, data: set.data, backgroundColor: colour[set.key], maxBarThickness: 48 };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    }));
    canvas.setAttribute("data-drawn", "true");
  }

  function drawSparklines(colour) {
    var series = readJSON("sparkline-data") || {};
    document.querySelectorAll("canvas.sparkline").forEach(function (canvas) {
      var data = series[canvas.getAttribute("data-indicator")];
      if (!data) { return; }
      var datasets = [{ data: data.values, borderColor: colour.on_track, borderWidth: 2, pointRadius: 1.5, tension: 0.2 }];
      if (data.target !== null) {
        datasets.push({
          data: data.values.map(function () { return data.target; }),
          borderColor: colour.no_data, borderWidth: 1, borderDash: [4, 3], pointRadius: 0
        });
      }
      charts.push(new window.Chart(canvas, {
        type: "line",
        data: { labels: data.labels, datasets: datasets },
        options: {
          responsive: false,
          animation: false,
          plugins: { legend: { display: false }, tooltip: { enabled: true } },
          scales: { x: { display: false }, y: { display: false } }
        }
      }));
      canvas.setAttribute("data-drawn", "true");
    });
  }

  function draw() {
    if (!window.Chart) { return; }
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    var colour = colours();
    drawStatusChart(colour);
    drawSparklines(colour);
  }

  document.addEventListener("DOMContentLoaded", draw);
  // The dashboard's filters replace the board through htmx: draw the new one.
  document.addEventListener("htmx:afterSettle", draw);
})();
