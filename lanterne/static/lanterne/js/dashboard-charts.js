// Draws a chart from the table beside it: the table is the truth, the chart only shows it.
// <table data-chart="bar|stacked|doughnut" data-chart-canvas="canvas-id">: the series are the
// header cells marked `data-series`, the labels the row headers, the values the `data-value`
// of the cells (a cell without one — « non transmis » — is a gap, never a zero).
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  const palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a50021", "#5f5f5f", "#00808a"];
  const locale = document.documentElement.lang || "fr";

  function columnsOf(table) {
    const header = table.tHead.rows[table.tHead.rows.length - 1];
    return Array.from(header.cells)
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => cell.hasAttribute("data-series"));
  }

  function valueOf(cell) {
    if (!cell || !cell.hasAttribute("data-value")) return null;
    const value = Number(cell.getAttribute("data-value"));
    return Number.isFinite(value) ? value : null;
  }

  function draw(table) {
    const canvas = document.getElementById(table.dataset.chartCanvas);
    if (!canvas) return;
    const kind = table.dataset.chart;
    const rows = Array.from(table.tBodies[0].rows);
    const labels = rows.map((row) => row.cells[0].textContent.trim());
    const columns = columnsOf(table);
    let datasets;
    if (kind === "doughnut") {
      const { index } = columns[0];
      datasets = [{ label: columns[0].cell.textContent.trim(), data: rows.map((row) => valueOf(row.cells[index])), backgroundColor: palette }];
    } else {
      datasets = columns.map(({ cell, index }, position) => ({
        label: cell.textContent.trim(),
        data: rows.map((row) => valueOf(row.cells[index])),
        backgroundColor: palette[position % palette.length],
      }));
    }
    const stacked = kind === "stacked";
    new window.Chart(canvas, {
      type: kind === "doughnut" ? "doughnut" : "bar",
      data: { labels, datasets },
      options: {
        locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: table.dataset.chartAxis === "y" ? "y" : "x",
        scales: kind === "doughnut" ? {} : { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  document.querySelectorAll("table[data-chart]").forEach(draw);
})();
