// Tiny DOM helpers: build elements and tables without innerHTML (no markup from data).

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

// columns: [{label, value: row -> string|Node, className}]
export function table(columns, rows, opts = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { class: c.className }, c.label)));
  const body = rows.map((r) => {
    const tr = h("tr", { class: opts.rowClass ? opts.rowClass(r) : undefined },
      columns.map((c) => h("td", { class: c.className, "data-label": c.label }, c.value(r))));
    if (opts.onRow) { tr.classList.add("clickable"); tr.addEventListener("click", () => opts.onRow(r)); }
    return tr;
  });
  return h("table", { class: "data" }, h("thead", {}, head), h("tbody", {}, body));
}

export function toast(message, isError) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.className = isError ? "error" : "";
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}
