// Supervisor view charts: Chart.js (vendor/chartjs) draws each spec the page carries as JSON
// (console/charts.py, json_script). The tables and lists beside the charts hold the same numbers
// for screen readers and without JavaScript.
(function () {
  "use strict";
  if (!window.Chart) return;
  // Colours of ui.css, at least 3:1 against the white card (WCAG non-text contrast), told apart
  // by lightness as well as hue; the empty part of a capacity bar is a light grey.
  var PALETTE = {
    created: "#0b57d0", assigned: "#0b57d0", resolved: "#1d6b3a",
    unassigned: "#b35c00", breached: "#b3261e", at_risk: "#b35c00", free: "#d5dae3"
  };
  var lang = document.documentElement.lang || undefined;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#4a5468";

  function timeLabel(iso, unit) {
    var d = new Date(iso);
    if (unit === "day") return d.toLocaleDateString(lang, { month: "numeric", day: "numeric", timeZone: "UTC" });
    return d.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  }

  function draw(box) {
    var spec = JSON.parse(document.getElementById(box.dataset.chart).textContent);
    if (spec.horizontal) box.style.height = (4.5 + 2 * Math.max(spec.labels.length, 1)) + "rem";
    var count = { beginAtZero: true, stacked: spec.stacked, ticks: { precision: 0 } };
    var names = { stacked: spec.stacked, ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } };
    new Chart(box.querySelector("canvas"), {
      type: "bar",
      data: {
        labels: spec.unit ? spec.labels.map(function (l) { return timeLabel(l, spec.unit); }) : spec.labels,
        datasets: spec.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: PALETTE[s.color], borderWidth: 0, maxBarThickness: 28 };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: spec.horizontal ? { x: count, y: names } : { x: names, y: count },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } }
      }
    });
  }
  document.querySelectorAll("[data-chart]").forEach(draw);
})();
