// The shipments board: every tracked shipment with its normalised and carrier status, ETA, units received, and
// alerts; one shipment's timeline (scans, ETA changes, alerts and the claim an inbound shortage became); adding a
// tracking number or an FBA shipment id.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { dateTime, day, named, t, vocab } from "./i18n.js";
import { may } from "./session.js";

const $ = (id) => document.getElementById(id);
const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}/shipments`;

function alertItem(a) {
  return h("li", {}, `${day(a.raised_on)} ${a.message}`,
    a.claim_id ? h("span", {}, " · ", h("a", { href: `#/case/${a.claim_id}` }, t("ship.open_claim"))) : null);
}

async function showDetail(seller, ref) {
  const box = $("shipment-detail");
  box.textContent = "";
  if (!ref) { box.hidden = true; return; }
  const s = await get(`${base(seller)}/detail?ref=${encodeURIComponent(ref)}`);
  box.hidden = false;
  box.append(h("h2", {}, `${named("ship.kind", s.kind)} · ${s.ref}`),
    h("p", {}, h("span", { class: `status status-${s.status}` }, named("ship.status", s.status)),
      ` · ${t("ship.eta")}: ${day(s.eta || s.planned_eta)}`,
      s.shipped !== null && s.shipped !== undefined ? ` · ${t("ship.received")}: ${s.received}/${s.shipped}` : ""),
    h("h2", {}, t("ship.timeline")),
    s.events.length ? h("ol", { class: "timeline" }, [...s.events].reverse().map((e) => h("li", {},
      h("strong", {}, dateTime(e.at)), " ", named("ship.status", e.status),
      e.location ? ` · ${e.location}` : "", e.description ? h("div", { class: "note" }, e.description) : null)))
      : h("p", { class: "note" }, t("ship.no_events")));
  if (s.eta_history.length) {
    box.append(h("h2", {}, t("ship.eta_changes")), h("ul", {}, s.eta_history.map((c) =>
      h("li", {}, `${dateTime(c.at)}: ${day(c.old_eta)} → ${day(c.new_eta)}`))));
  }
  if (s.alerts.length) box.append(h("h2", {}, t("ship.alerts")), h("ul", {}, s.alerts.map(alertItem)));
}

export async function showShipments(seller, ref) {
  const form = $("shipment-add");
  form.hidden = !may(seller, "operator");
  const kinds = form.elements.kind;
  kinds.textContent = "";
  kinds.append(h("option", { value: "" }, t("ship.kind_auto")),
    ...vocab("ship.kind").map((k) => h("option", { value: k }, named("ship.kind", k))));
  const late = $("shipments-late").checked;
  const board = await get(`${base(seller)}${late ? "?late=true" : ""}`);
  const box = $("shipments-table");
  box.textContent = "";
  if (!board.items.length) box.append(h("p", { class: "note" }, t("ship.none")));
  else box.append(table([
    { label: t("ship.ref"), value: (r) => r.ref },
    { label: t("ship.kind"), value: (r) => named("ship.kind", r.kind) },
    { label: t("col.status"), value: (r) => h("span", { class: `status status-${r.status}` },
      named("ship.status", r.status) + (r.customs_hold ? ` · ${t("ship.hold")}` : "")) },
    { label: t("ship.carrier_status"), value: (r) => r.provider_status || "-" },
    { label: t("ship.eta"), value: (r) => day(r.eta || r.planned_eta) },
    { label: t("ship.received"), value: (r) => (r.shipped === null || r.shipped === undefined ? "-" : `${r.received}/${r.shipped}`),
      className: "num" },
  ], board.items, { onRow: (r) => { location.hash = `#/shipments/${encodeURIComponent(r.ref)}`; } }));
  const alerts = $("shipments-alerts");
  alerts.textContent = "";
  for (const a of board.alerts) alerts.append(alertItem(a));
  if (!board.alerts.length) alerts.append(h("li", { class: "note" }, t("ship.no_alerts")));
  await showDetail(seller, ref ? decodeURIComponent(ref) : null);
}

export function wireShipments(seller) {
  $("shipments-late").addEventListener("change", () => showShipments(seller()));
  $("shipments-refresh").addEventListener("click", async () => {
    try {
      const r = await post(`${base(seller())}/refresh`);
      toast(t("ship.refreshed", { n: r.updated, alerts: r.new_alerts.length }));
      await showShipments(seller());
    } catch (err) { toast(err.message, true); }
  });
  $("shipment-add").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const ref = f.ref.value.trim();
    const body = { ref };
    if (f.kind.value) body.kind = f.kind.value;
    if (f.kind.value === "fba") body.fba_shipment_id = ref;
    if (f.order_id.value.trim()) body.order_id = f.order_id.value.trim();
    if (f.planned_eta.value) body.planned_eta = f.planned_eta.value;
    try {
      const row = await post(base(seller()), body);
      e.target.reset();
      toast(t("ship.added", { ref: row.ref }));
      location.hash = `#/shipments/${encodeURIComponent(row.ref)}`;
    } catch (err) { toast(err.message, true); }
  });
}
