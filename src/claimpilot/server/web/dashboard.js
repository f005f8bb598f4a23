// Dashboard: totals, charts by type and by month, deadlines this week, and the audit button.

import { get, post } from "./api.js";
import { barChart } from "./charts.js";
import { showChecklist } from "./onboarding.js";
import { h, table, toast } from "./dom.js";
import { day, money, month, t } from "./i18n.js";

export async function showDashboard(seller) {
  const data = await get(`/api/sellers/${encodeURIComponent(seller)}/dashboard`);
  const cur = data.currency;
  const fmt = (v) => money(v, cur);
  const axis = (v) => money(v, cur, 0);
  const totals = data.totals;
  await showChecklist(seller, data.by_type.length > 0 || data.deadlines.length > 0
    || Object.values(totals).some((v) => Number(v) > 0));
  const kpis = document.getElementById("kpis");
  kpis.textContent = "";
  for (const key of ["claimable", "pending", "recovered", "lost_to_expiry"]) {
    kpis.append(h("div", { class: `kpi kpi-${key}`, "data-kpi": key },
      h("div", { class: "kpi-label" }, t(`kpi.${key}`)),
      h("div", { class: "kpi-value" }, fmt(totals[key]))));
  }
  const series = [t("kpi.claimable"), t("kpi.recovered"), t("kpi.lost_to_expiry")];
  barChart(document.getElementById("chart-type"),
    data.by_type.map((r) => ({ label: t(`type.${r.type}`), values: [r.claimable, r.recovered, r.lost_to_expiry] })),
    series, fmt, { title: t("dash.by_type"), empty: t("dash.no_data"), axisFormat: axis });
  barChart(document.getElementById("chart-month"),
    data.by_month.map((r) => ({ label: month(r.month), values: [r.claimable, r.recovered, r.lost_to_expiry] })),
    series, fmt, { title: t("dash.by_month"), empty: t("dash.no_data"), axisFormat: axis });
  const box = document.getElementById("deadlines");
  box.textContent = "";
  if (!data.deadlines.length) {
    box.append(h("p", { class: "note" }, t("dash.no_deadlines")));
  } else {
    box.append(table([
      { label: t("col.window_closes"), value: (r) => day(r.window_closes) },
      { label: t("col.type"), value: (r) => t(`type.${r.type}`) },
      { label: t("col.reference"), value: (r) => r.reference_id },
      { label: t("col.amount"), value: (r) => money(r.amount, r.currency), className: "num" },
      { label: t("col.status"), value: (r) => t(`status.${r.status}`) },
    ], data.deadlines, { onRow: (r) => { location.hash = `#/case/${r.id}`; } }));
  }
}

export function wireAudit(getSeller, refresh) {
  const button = document.getElementById("run-audit");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const note = document.getElementById("audit-note");
    note.textContent = t("dash.audit_running");
    try {
      const res = await post(`/api/sellers/${encodeURIComponent(getSeller())}/audit`, {});
      note.textContent = t("dash.audit_done", { findings: res.findings, created: res.sync ? res.sync.created : 0 });
      await refresh();
    } catch (err) {
      note.textContent = "";
      toast(err.message, true);
    } finally {
      button.disabled = false;
    }
  });
}
