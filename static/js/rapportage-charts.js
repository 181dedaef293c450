/*
 * Renders every <canvas data-rapportage-chart="ID"> as a Chart.js bar chart from the JSON in
 * <script type="application/json" id="ID"> (Django's json_script), so pages need no inline script.
 *
 * The JSON: {"type": "bar", "labels": [...], "datasets": [{"label": "...", "data": [...]}],
 *            "yLabel": "...", "stacked": false, "horizontal": false, "percent": false,
 *            "norm": 5, "normLabel": "Norm (5 werkdagen)"}.
 * A value the table beside the chart suppresses is null here and is not drawn. Each chart sits
 * beside the table with the same figures, so the canvas is hidden from assistive technology.
 */
(function () {
  "use strict";

  var PALETTE = ["#4b2a80", "#0b7a75", "#b45309", "#1d4ed8", "#be123c", "#4d7c0f"];

  function render(canvas) {
    var source = document.getElementById(canvas.dataset.rapportageChart);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      return { type: "bar", label: dataset.label, data: dataset.data, backgroundColor: colour, borderColor: colour };
    });
    if (typeof spec.norm === "number") {
      datasets.push({
        type: "line",
        label: spec.normLabel || "Norm",
        data: spec.labels.map(function () { return spec.norm; }),
        borderColor: "#b91c1c",
        backgroundColor: "#b91c1c",
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0
      });
    }
    var valueAxis = {
      beginAtZero: true,
      stacked: Boolean(spec.stacked),
      title: { display: Boolean(spec.yLabel), text: spec.yLabel || "" },
      ticks: spec.percent ? { callback: function (value) { return value + "%"; } } : { precision: 0 }
    };
    if (spec.percent) {
      valueAxis.max = 100;
    }
    var categoryAxis = { stacked: Boolean(spec.stacked), ticks: { autoSkip: false } };
    canvas.setAttribute("aria-hidden", "true");
    new Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: { legend: { position: "bottom" } },
        scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
      }
    });
  }

  function renderAll(root) {
    (root || document).querySelectorAll("canvas[data-rapportage-chart]").forEach(function (canvas) {
      if (!canvas.dataset.rapportageChartDone) {
        canvas.dataset.rapportageChartDone = "1";
        render(canvas);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { renderAll(document); });
})();
