// The shipments board: every tracked shipment with its normalised and carrier status, ETA, units received, and alerts.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { day, t } from "./i18n.js";

export async function showShipments(seller) {
  const late = document.getElementById("shipments-late").checked;
  const board = await get(`/api/sellers/${encodeURIComponent(seller)}/shipments${late ? "?late=true" : ""}`);
  const box = document.getElementById("shipments-table");
  box.textContent = "";
  if (!board.items.length) box.append(h("p", { class: "note" }, t("ship.none")));
  else box.append(table([
    { label: t("ship.ref"), value: (r) => r.ref },
    { label: t("ship.kind"), value: (r) => t(`ship.kind.${r.kind}`) },
    { label: t("col.status"), value: (r) => h("span", { class: `status status-${r.status}` },
      t(`ship.status.${r.status}`) + (r.customs_hold ? ` · ${t("ship.hold")}` : "")) },
    { label: t("ship.carrier_status"), value: (r) => r.provider_status || "-" },
    { label: t("ship.eta"), value: (r) => day(r.eta || r.planned_eta) },
    { label: t("ship.received"), value: (r) => (r.shipped === null || r.shipped === undefined ? "-" : `${r.received}/${r.shipped}`),
      className: "num" },
  ], board.items));
  const alerts = document.getElementById("shipments-alerts");
  alerts.textContent = "";
  for (const a of board.alerts) alerts.append(h("li", {}, `${day(a.raised_on)} ${a.message}`));
  if (!board.alerts.length) alerts.append(h("li", { class: "note" }, t("ship.no_alerts")));
}

export function wireShipments(seller) {
  document.getElementById("shipments-late").addEventListener("change", () => showShipments(seller()));
  document.getElementById("shipments-refresh").addEventListener("click", async () => {
    try {
      const r = await post(`/api/sellers/${encodeURIComponent(seller())}/shipments/refresh`);
      toast(t("ship.refreshed", { n: r.updated, alerts: r.new_alerts.length }));
      await showShipments(seller());
    } catch (err) { toast(err.message, true); }
  });
}
