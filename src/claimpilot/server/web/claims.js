// The claims workspace: filters and a search (FNSKU, SKU, order or case id) kept in the address
// (#/claims?status=claimable&q=...&sort=-amount&offset=50), sortable columns, days left in each window, the
// total of what is filtered, paging and export links for the same selection; a row opens its case page.
// Each claim names its product (title and ASIN from the seller's reports, else its SKU). Ticked claims are
// exported or marked submitted together: one case ID for the batch or one per claim; a claim that cannot be
// filed is refused and named, with why.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { day, money, number, t, vocab } from "./i18n.js";
import { may } from "./session.js";

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

// The ticked claims (id -> claim), kept while paging and sorting; a new filter or seller starts afresh.
const ticked = new Map();
let tickedFor = "";

function product(r) {
  if (!r.title && !r.asin) return h("span", { class: "product" }, h("span", { class: "muted-cell" }, `SKU ${r.sku || "-"}`));
  return h("span", { class: "product" }, h("span", { class: "product-title" }, r.title || `SKU ${r.sku || "-"}`),
    r.asin ? h("span", { class: "muted-cell product-asin" }, `ASIN ${r.asin}`) : "");
}

function tickBox(r, redraw) {
  return h("input", { type: "checkbox", class: "tick", "data-claim": r.id, "aria-label": t("claims.tick", { id: r.id }),
    checked: ticked.has(r.id), onclick: (e) => e.stopPropagation(), onchange: (e) => {
      if (e.target.checked) ticked.set(r.id, r); else ticked.delete(r.id);
      redraw();
    } });
}

const refusal = (r) => t(`claims.refused.${r.reason}`, { id: r.claim_id, status: r.status ? t(`status.${r.status}`) : "" });

// The bar over the table: how many are ticked, the page's tick-all, export of the ticked, and (approvers)
// marking them submitted under one case ID or one per claim.
function drawBulk(seller, base, items, sort) {
  const bar = $("claims-bulk");
  bar.textContent = "";
  const all = items.length > 0 && items.every((r) => ticked.has(r.id));
  const redraw = () => drawBulk(seller, base, items, sort);
  bar.append(h("label", { class: "tick-all" }, h("input", { type: "checkbox", id: "tick-page", checked: all, onchange: (e) => {
    for (const r of items) if (e.target.checked) ticked.set(r.id, r); else ticked.delete(r.id);
    document.querySelectorAll("#claims-table input.tick").forEach((box) => { box.checked = e.target.checked; });
    redraw();
  } }), t("claims.tick_page")),
  h("span", { id: "ticked-count", role: "status" }, t("claims.ticked", { n: number(ticked.size) })));
  if (!ticked.size) return;
  const params = new URLSearchParams({ format: "csv", sort });
  for (const id of ticked.keys()) params.append("id", id);
  bar.append(h("a", { id: "export-ticked", class: "button", href: `${base}/export?${params}` }, t("claims.export_ticked")));
  if (!may(seller, "approver")) return;
  const perClaim = [...ticked.values()].map((r) => h("label", {}, h("span", {}, `#${r.id} ${r.title || r.sku || r.reference_id}`),
    h("input", { name: `case-${r.id}`, "data-claim": r.id, maxlength: 40, pattern: "[0-9A-Za-z\\-]+", inputmode: "numeric" })));
  bar.append(h("form", { id: "bulk-submit", class: "filters bulk-submit", onsubmit: async (e) => {
    e.preventDefault();
    const form = e.target;
    const batch = String(form.elements.batch_case.value || "").trim();
    const claims = [...ticked.keys()].map((id) => {
      const own = String(form.elements[`case-${id}`].value || "").trim();
      return own ? { id, case_id: own } : { id };
    });
    if (!batch && claims.some((c) => !c.case_id)) { toast(t("claims.case_id_needed"), true); return; }
    try {
      const done = await post(`${base}/submitted`, batch ? { case_id: batch, claims } : { claims });
      for (const id of done.submitted) ticked.delete(id);
      for (const r of done.refused) ticked.delete(r.claim_id);
      await showClaims(seller);
      toast(t("claims.submitted_n", { n: number(done.submitted.length) }), done.refused.length > 0);
      const out = $("claims-bulk-result");
      out.textContent = "";
      if (done.refused.length) {
        out.append(h("p", {}, t("claims.refused_title", { n: number(done.refused.length) })),
          h("ul", {}, done.refused.map((r) => h("li", { "data-claim": r.claim_id }, refusal(r)))));
      }
      out.hidden = !done.refused.length;
    } catch (err) { toast(err.message, true); }
  } },
  h("label", {}, h("span", {}, t("claims.batch_case_id")), h("input", { name: "batch_case", maxlength: 40, pattern: "[0-9A-Za-z\\-]+",
    inputmode: "numeric" })),
  h("details", { class: "per-claim" }, h("summary", {}, t("claims.case_id_each")), ...perClaim),
  h("button", { type: "submit", id: "mark-submitted" }, t("claims.mark_submitted"))));
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
  const scope = `${seller}|${FIELDS.map((n) => chosen.get(n) || "").join("|")}`;
  if (scope !== tickedFor) { ticked.clear(); tickedFor = scope; $("claims-bulk-result").hidden = true; }
  const redraw = () => drawBulk(seller, base, page.items, sort);
  redraw();
  const box = $("claims-table");
  box.textContent = "";
  const sums = Object.entries(page.totals || {}).map(([cur, amount]) => money(amount, cur)).join(" + ");
  $("claims-totals").textContent = page.total ? t("claims.totals", { n: number(page.total), amount: sums || "-" }) : "";
  if (!page.items.length) {
    box.append(h("p", { class: "note" }, t("claims.none")));
  } else {
    const columns = [
      { label: t("col.tick"), value: (r) => tickBox(r, redraw), className: "tick-cell" },
      { label: "#", value: (r) => r.id },
      { label: t("col.product"), value: product },
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
