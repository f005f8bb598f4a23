// The claims table: filters, paging, export links; a row opens its case page.

import { get } from "./api.js";
import { h, table } from "./dom.js";
import { money, t } from "./i18n.js";

export const TYPES = ["warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage",
  "fee_overcharge", "reimbursement_underpaid", "return_damaged_unreimbursed", "refund_above_paid",
  "refund_commission_short", "reimbursement_reversed_unfound", "removal_shipment_short"];
export const STATUSES = ["pending", "claimable", "drafted", "submitted", "reimbursed", "partly_reimbursed",
  "denied", "appealed", "reversed", "expired", "withdrawn"];
const PAGE = 50;
let offset = 0;

function fillSelect(select, values, prefix) {
  const keep = select.value;
  select.textContent = "";
  select.append(h("option", { value: "" }, t("claims.any")));
  for (const v of values) select.append(h("option", { value: v }, t(`${prefix}.${v}`)));
  select.value = keep;
}

function filters() {
  const form = document.getElementById("claim-filters");
  const params = new URLSearchParams();
  for (const name of ["type", "status", "since", "until"]) {
    const v = form.elements[name].value;
    if (v) params.set(name, v);
  }
  return params;
}

export async function showClaims(seller) {
  const form = document.getElementById("claim-filters");
  fillSelect(form.elements.type, TYPES, "type");
  fillSelect(form.elements.status, STATUSES, "status");
  const base = `/api/sellers/${encodeURIComponent(seller)}/claims`;
  const params = filters();
  const exportParams = new URLSearchParams(params);
  exportParams.set("format", "csv");
  document.getElementById("export-csv").href = `${base}/export?${exportParams}`;
  exportParams.set("format", "xlsx");
  document.getElementById("export-xlsx").href = `${base}/export?${exportParams}`;
  params.set("limit", PAGE);
  params.set("offset", offset);
  const page = await get(`${base}?${params}`);
  const box = document.getElementById("claims-table");
  box.textContent = "";
  if (!page.items.length) {
    box.append(h("p", { class: "note" }, t("claims.none")));
  } else {
    box.append(table([
      { label: "#", value: (r) => r.id },
      { label: t("col.type"), value: (r) => t(`type.${r.type}`) },
      { label: t("col.status"), value: (r) => h("span", { class: `status status-${r.status}` }, t(`status.${r.status}`)) },
      { label: t("col.reference"), value: (r) => r.reference_id },
      { label: "FNSKU", value: (r) => r.fnsku || "-" },
      { label: t("col.quantity"), value: (r) => r.quantity, className: "num" },
      { label: t("col.amount"), value: (r) => money(r.amount, r.currency), className: "num" },
      { label: t("col.event_date"), value: (r) => r.event_date },
      { label: t("col.window_closes"), value: (r) => r.window_closes },
    ], page.items, { onRow: (r) => { location.hash = `#/case/${r.id}`; } }));
  }
  document.getElementById("page").textContent =
    t("claims.page", { from: page.total ? offset + 1 : 0, to: offset + page.items.length, total: page.total });
  document.getElementById("prev").disabled = offset === 0;
  document.getElementById("next").disabled = offset + page.items.length >= page.total;
}

export function wireClaims(getSeller) {
  document.getElementById("claim-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    offset = 0;
    showClaims(getSeller());
  });
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); showClaims(getSeller()); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; showClaims(getSeller()); });
}
