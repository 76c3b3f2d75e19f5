// Draws the dashboard's charts from the JSON the server embeds (#dashboard-data).
// SVG rendering, so the page's web font (Noto Sans SC) draws the Chinese labels; every bar,
// stage and pairing line opens the filtered list behind it.
(function () {
  "use strict";
  const source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const font = "'Noto Sans SC', system-ui, sans-serif";
  const charts = [];

  function draw(id, option) {
    const element = document.getElementById(id);
    if (!element) return;
    const series = option.series[0];
    if (!(series.data || []).length) {
      element.textContent = element.dataset.empty || "";
      element.classList.add("chart-empty");
      element.dataset.drawn = "empty";
      return;
    }
    const chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(Object.assign({ textStyle: { fontFamily: font }, animation: false }, option));
    chart.on("click", function (event) {
      const url = (event.data && event.data.url) || "";
      if (url) window.location.assign(url);
    });
    element.dataset.drawn = "true";
    charts.push(chart);
  }

  // The width of a label as drawn (ECharts places labels but does not make room for them).
  const measure = (function () {
    const context = document.createElement("canvas").getContext("2d");
    context.font = "12px " + font;
    // With a margin: the canvas may measure in a fallback font before the web font is ready.
    return (text) => Math.ceil(context.measureText(String(text)).width * 1.15) + 4;
  })();
  const widest = (texts) => texts.reduce((most, text) => Math.max(most, measure(text)), 0);

  function bars(series, horizontal) {
    const names = series.items.map((item) => item.name);
    // Long names (English industry systems) wrap over two lines rather than being cut.
    const nameWidth = Math.min(widest(names), 150);
    const category = { type: "category", data: names,
      axisLabel: horizontal ? { width: nameWidth, overflow: "break", lineHeight: 14 } : {} };
    const value = { type: "value", name: series.unit };
    const valueWidth = widest(series.items.map((item) => item.text));
    return {
      grid: { left: horizontal ? nameWidth + 16 : 50, right: horizontal ? valueWidth + 16 : 20,
        top: 30, bottom: 30 },
      tooltip: { trigger: "item", formatter: (p) => p.name + "<br>" + p.data.text },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: [{
        type: "bar",
        data: series.items,
        cursor: "pointer",
        label: { show: true, position: horizontal ? "right" : "top", formatter: (p) => p.data.text },
      }],
    };
  }

  draw("chart-funnel", {
    tooltip: { trigger: "item", formatter: (p) => p.name + ": " + p.data.text },
    series: [{
      type: "funnel",
      sort: "descending",
      left: "8%", width: "64%", top: 8, bottom: 8,
      data: data.funnel.items,
      label: { formatter: (p) => p.name + " " + p.data.text },
      cursor: "pointer",
    }],
  });
  draw("chart-months", bars(data.months, false));
  draw("chart-industries", bars(data.industries, true));
  draw("chart-capital", bars(data.capital, true));

  const graph = data.graph;
  const rows = Math.max(graph.home.length, graph.partner.length, 1);
  const nodes = graph.home.map((name, i) => ({ name: name, x: 0, y: i * 100 / rows, symbolSize: 10,
      label: { position: "left" } }))
    .concat(graph.partner.map((name, i) => ({ name: name, x: 100, y: i * 100 / rows,
      symbolSize: 10, label: { position: "right" } })));
  draw("chart-graph", {
    tooltip: { formatter: (p) => (p.dataType === "edge" ? p.data.source + "—" + p.data.target + "<br>" + p.data.text : p.name) },
    series: [{
      type: "graph",
      layout: "none",
      left: widest(graph.home) + 20, right: widest(graph.partner) + 20, top: 24, bottom: 24,
      data: nodes,
      links: graph.links.map((link) => ({ source: link.source, target: link.target, text: link.text,
        url: link.url, lineStyle: { width: link.width, opacity: 0.6 } })),
      label: { show: true },
      lineStyle: { color: "#2f6db5" },
      emphasis: { focus: "adjacency" },
      cursor: "pointer",
    }],
  });

  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
})();
