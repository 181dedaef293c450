/*
 * Renders every <canvas data-boks-chart="ID"> as a Chart.js line chart from the JSON in
 * <script type="application/json" id="ID"> (Django's json_script), so pages need no inline script.
 *
 * The JSON: {"labels": [...], "datasets": [{"label": "...", "data": [...]}], "min": 0, "max": 10,
 *            "yLabel": "Score"}. Each chart sits beside a table with the same figures for screen
 * readers, so the canvas itself is hidden from assistive technology.
 */
(function () {
  "use strict";

  var PALETTE = ["#4b2a80", "#0b7a75", "#b45309", "#1d4ed8", "#be123c", "#4d7c0f"];
  var DASHES = [[], [6, 4], [2, 3], [10, 4, 2, 4], [], [6, 4]];

  function render(canvas) {
    var source = document.getElementById(canvas.dataset.boksChart);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: dataset.label,
        data: dataset.data,
        borderColor: colour,
        backgroundColor: colour,
        borderDash: DASHES[index % DASHES.length],
        borderWidth: dataset.emphasis ? 3 : 2,
        pointRadius: 4,
        spanGaps: true,
        tension: 0
      };
    });
    canvas.setAttribute("aria-hidden", "true");
    new Chart(canvas, {
      type: "line",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
        scales: {
          y: {
            min: spec.min,
            max: spec.max,
            ticks: { stepSize: 1 },
            title: { display: Boolean(spec.yLabel), text: spec.yLabel || "" }
          }
        }
      }
    });
  }

  function renderAll(root) {
    (root || document).querySelectorAll("canvas[data-boks-chart]").forEach(function (canvas) {
      if (!canvas.dataset.boksChartDone) {
        canvas.dataset.boksChartDone = "1";
        render(canvas);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { renderAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { renderAll(event.target); });
})();
