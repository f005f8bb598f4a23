// The claims workspace: filters and a search (FNSKU, SKU, order or case id) kept in the address
// (#/claims?status=claimable&q=...&sort=-amount&offset=50), sortable columns, days left in each window, the
// total of what is filtered, paging and export links for the same selection; a row opens its case page.

import { get } from "./api.js";
import { h, table } from "./dom.js";
import { day, money, number, t, vocab } from "./i18n.js";

const PAGE = 50;
const FIELDS = ["type", "status", "since", "until", "q"];
const $ = (id) => document.getElementById(id);

function fillSelect(select, values, prefix) {
  select.textContent = "";
  select.append(h("option", { value: "" }, t("claims.any")));
  for (const v of values) select.append(h("option", { value: v }, t(`${prefix}.${v}`)));
}

// The selection the address holds now.
function selection() {
  const query = (location.hash.split("?")[1] || "");
  return new URLSearchParams(query);
}

function go(params) {
  const text = params.toString();
  location.hash = `#/claims${text ? `?${text}` : ""}`;
}

export const daysLeft = (iso) => (iso ? Math.round((Date.parse(`${iso}T00:00:00Z`)
  - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 864e5) : null);

function sortable(tbl, columns, current) {
  tbl.querySelectorAll("thead th").forEach((th, i) => {
    const key = columns[i].sort;
    if (!key) return;
    const on = current.replace(/^-/, "") === key;
    const down = on && current.startsWith("-");
    th.setAttribute("aria-sort", on ? (down ? "descending" : "ascending") : "none");
    th.textContent = "";
    th.append(h("button", { type: "button", class: "link sort", "data-sort": key, onclick: () => {
      const params = selection();
      params.set("sort", on && !down ? `-${key}` : key);
      params.delete("offset");
      go(params);
    } }, columns[i].label, on ? (down ? " ▼" : " ▲") : ""));
  });
  return tbl;
}

export async function showClaims(seller) {
  const form = $("claim-filters");
  fillSelect(form.elements.type, vocab("type"), "type");
  fillSelect(form.elements.status, vocab("status"), "status");
  const chosen = selection();
  for (const name of FIELDS) form.elements[name].value = chosen.get(name) || "";
  const sort = chosen.get("sort") || "window_closes";
  const offset = Math.max(0, Number(chosen.get("offset")) || 0);
  const base = `/api/sellers/${encodeURIComponent(seller)}/claims`;
  const params = new URLSearchParams();
  for (const name of FIELDS) if (chosen.get(name)) params.set(name, chosen.get(name));
  params.set("sort", sort);
  for (const format of ["csv", "xlsx"]) {
    const exportParams = new URLSearchParams(params);
    exportParams.set("format", format);
    $(`export-${format}`).href = `${base}/export?${exportParams}`;
  }
  params.set("limit", PAGE);
  params.set("offset", offset);
  params.set("totals", "true");
  const page = await get(`${base}?${params}`);
  const box = $("claims-table");
  box.textContent = "";
  const sums = Object.entries(page.totals || {}).map(([cur, amount]) => money(amount, cur)).join(" + ");
  $("claims-totals").textContent = page.total ? t("claims.totals", { n: number(page.total), amount: sums || "-" }) : "";
  if (!page.items.length) {
    box.append(h("p", { class: "note" }, t("claims.none")));
  } else {
    const columns = [
      { label: "#", value: (r) => r.id },
      { label: t("col.type"), value: (r) => t(`type.${r.type}`), sort: "type" },
      { label: t("col.status"), value: (r) => h("span", { class: `status status-${r.status}` }, t(`status.${r.status}`)), sort: "status" },
      { label: t("col.reference"), value: (r) => r.reference_id },
      { label: "FNSKU", value: (r) => r.fnsku || "-" },
      { label: "SKU", value: (r) => r.sku || "-" },
      { label: t("col.quantity"), value: (r) => r.quantity, className: "num" },
      { label: t("col.amount"), value: (r) => money(r.amount, r.currency), className: "num", sort: "amount" },
      { label: t("col.event_date"), value: (r) => day(r.event_date), sort: "event_date" },
      { label: t("col.window_closes"), value: (r) => day(r.window_closes), sort: "window_closes" },
      { label: t("col.days_left"), value: (r) => { const n = daysLeft(r.window_closes); return n === null ? "-" : String(n); },
        className: "num" },
      { label: t("col.case_id"), value: (r) => r.amazon_case_id || "-" },
    ];
    box.append(sortable(table(columns, page.items, { onRow: (r) => { location.hash = `#/case/${r.id}`; } }), columns, sort));
  }
  $("page").textContent = t("claims.page", { from: page.total ? offset + 1 : 0, to: offset + page.items.length, total: page.total });
  $("prev").disabled = offset === 0;
  $("next").disabled = offset + page.items.length >= page.total;
}

function move(by) {
  const params = selection();
  params.set("offset", Math.max(0, (Number(params.get("offset")) || 0) + by));
  go(params);
}

export function wireClaims() {
  $("claim-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target;
    const params = new URLSearchParams();
    for (const name of FIELDS) { const v = String(form.elements[name].value || "").trim(); if (v) params.set(name, v); }
    const sort = selection().get("sort");
    if (sort) params.set("sort", sort);
    go(params);
  });
  $("prev").addEventListener("click", () => move(-PAGE));
  $("next").addEventListener("click", () => move(PAGE));
}
