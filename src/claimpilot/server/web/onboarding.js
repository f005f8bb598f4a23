// The first-run checklist on the dashboard: reports uploaded (and which kinds are still missing), Amazon
// connected, the first audit, an alert channel. It shows until every step is done; each step links to where
// it is done. Read from the server's own answers (the reports imported, the claims, the settings for admins).

import { get } from "./api.js";
import { h } from "./dom.js";
import { named, t, vocab } from "./i18n.js";
import { may } from "./session.js";

export async function showChecklist(seller, hasClaims) {
  const box = document.getElementById("checklist");
  const base = `/api/sellers/${encodeURIComponent(seller)}`;
  const admin = may(seller, "admin");
  const [files, settings] = await Promise.all([get(`${base}/reports`), admin ? get(`${base}/settings`) : null]);
  const have = new Set(files.map((f) => f.kind));
  const missing = vocab("report").filter((k) => !have.has(k));
  const steps = [
    { id: "reports", done: have.size > 0, href: "#/upload", text: t("check.reports"),
      more: have.size && missing.length ? t("check.reports_missing", { list: missing.map((k) => named("report", k)).join("、") }) : "" },
    ...(settings ? [{ id: "amazon", done: settings.amazon.connected || have.size > 0, href: "#/settings",
      text: t("check.amazon"), more: settings.amazon.connected ? "" : t("check.amazon_or_upload") }] : []),
    { id: "audit", done: hasClaims, href: "#/dashboard", text: t("check.audit") },
    ...(settings ? [{ id: "alerts", done: settings.alerts.channels.length > 0, href: "#/settings", text: t("check.alerts") }] : []),
  ];
  box.textContent = "";
  box.hidden = steps.every((s) => s.done);
  if (box.hidden) return;
  box.append(h("h2", {}, t("check.title")), h("ol", { class: "checklist" }, steps.map((s) =>
    h("li", { class: s.done ? "done" : "todo", "data-step": s.id },
      h("span", { class: "check-mark", "aria-hidden": "true" }, s.done ? "✓" : "○"), " ",
      s.done ? s.text : h("a", { href: s.href }, s.text),
      h("span", { class: "visually-hidden" }, s.done ? t("check.done") : t("check.todo")),
      s.more ? h("div", { class: "note" }, s.more) : null))));
}
