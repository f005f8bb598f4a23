// Small inline-SVG charts: grouped bars with axis, labels and a legend.

const NS = "http://www.w3.org/2000/svg";
export const PALETTE = ["#2f6fde", "#1f9d55", "#d97706", "#c0392b", "#7c3aed"];

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

// rows: [{label, values: [n, ...]}]; series: [name, ...]; format: number -> string
export function barChart(container, rows, series, format, opts = {}) {
  container.textContent = "";
  const width = opts.width || 560, height = opts.height || 260;
  const pad = { top: 16, right: 12, bottom: 84, left: 70 };
  const plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height + 24}`, role: "img", class: "bar-chart",
    "aria-label": opts.title || "" });
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => r.values.map(Number))));
  for (let i = 0; i <= 4; i++) {
    const y = pad.top + plotH - (plotH * i) / 4;
    svg.append(el("line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: "grid" }));
    svg.append(el("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end", class: "axis" },
      (opts.axisFormat || format)((max * i) / 4)));
  }
  const band = rows.length ? plotW / rows.length : plotW;
  const barW = Math.max(2, (band * 0.8) / Math.max(1, series.length));
  rows.forEach((row, i) => {
    const x0 = pad.left + band * i + band * 0.1;
    row.values.forEach((v, j) => {
      const h = (plotH * Math.max(0, Number(v))) / max;
      const bar = el("rect", { x: x0 + j * barW, y: pad.top + plotH - h, width: barW - 1, height: h,
        fill: PALETTE[j % PALETTE.length], class: "bar" });
      bar.append(el("title", {}, `${row.label} · ${series[j]}: ${format(v)}`));
      svg.append(bar);
    });
    const cx = x0 + (band * 0.8) / 2, cy = pad.top + plotH + 14;
    const short = row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label;
    const label = el("text", { x: cx, y: cy, "text-anchor": "end", class: "axis",
      transform: `rotate(-35 ${cx} ${cy})` }, short);
    label.append(el("title", {}, row.label));
    svg.append(label);
  });
  let lx = pad.left;
  series.forEach((name, j) => {
    svg.append(el("rect", { x: lx, y: height + 8, width: 10, height: 10, fill: PALETTE[j % PALETTE.length] }));
    svg.append(el("text", { x: lx + 14, y: height + 17, class: "legend" }, name));
    lx += 24 + [...name].reduce((w, ch) => w + (ch.codePointAt(0) > 0x2e80 ? 12 : 7), 0);
  });
  if (!rows.length) {
    svg.append(el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, opts.empty || "-"));
  }
  container.append(svg);
  return svg;
}
