// A claim's case page: the copy-ready case text, the seller's explanation, the evidence, the actions.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { currentLang, day, money, named, t } from "./i18n.js";

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h("textarea", { class: "offscreen" }, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  toast(t("case.copied"));
}

function evidenceTable(rows) {
  if (!rows || !rows.length) return h("p", { class: "note" }, t("case.no_evidence"));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return table(keys.map((k) => ({ label: named("evidence.col", k),
    value: (r) => (r[k] === null || r[k] === undefined ? "" : k === "report" ? named("report", r[k]) : String(r[k])) })), rows);
}

function textBlock(id, title, text) {
  return h("div", { class: "card" },
    h("div", { class: "row" }, h("h2", {}, title), h("span", { class: "spacer" }),
      h("button", { type: "button", id: `${id}-copy`, onclick: () => copyText(text) }, t("case.copy"))),
    h("pre", { class: "case-text", id, tabindex: "0" }, text));
}

function actionForm(label, fields, onSubmit) {
  const form = h("form", { class: "row action" }, fields, h("button", { type: "submit" }, label));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await onSubmit(new FormData(form)); } catch (err) { toast(err.message, true); }
  });
  return form;
}

// Where to file the case, in the page's language, with the Seller Central help page of each way to file it.
export function filingPlace(c) {
  const steps = currentLang() === "zh" && c.filing_zh ? c.filing_zh : c.filing;
  return h("div", { class: "filing" }, h("h2", {}, t("case.file_at")), h("p", {}, steps || "-"),
    h("p", { class: "row" }, (c.filing_links || []).map((url, i) =>
      h("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "button" },
        c.filing_links.length > 1 ? `${t("case.open_help")} (${i + 1})` : t("case.open_help")))));
}

export async function showCase(seller, claimId, rerender) {
  const base = `/api/sellers/${encodeURIComponent(seller)}/claims/${encodeURIComponent(claimId)}`;
  const d = await get(base);
  const c = d.claim;
  const box = document.getElementById("case");
  box.textContent = "";
  box.append(h("h1", {}, `${t(`type.${c.type}`)} · ${c.reference_id}`));
  box.append(h("dl", { class: "facts" }, [
    [t("col.status"), t(`status.${c.status}`)], ["FNSKU", c.fnsku || "-"], ["SKU", c.sku || "-"],
    [t("col.quantity"), c.quantity], [t("col.amount"), money(c.amount, c.currency)],
    [t("col.event_date"), day(c.event_date)], [t("col.window"), `${day(c.window_opens)} → ${day(c.window_closes)}`],
    [t("col.case_id"), (d.case && d.case.amazon_case_id) || "-"],
  ].flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
  const actions = h("div", { class: "row actions" });
  if (d.case) {
    box.append(filingPlace(d.case));
    box.append(textBlock("case-text", t("case.text"), d.case.text));
    if (d.case.explanation_zh) box.append(h("div", { class: "card" }, h("h2", {}, t("case.explanation")), h("p", {}, d.case.explanation_zh)));
    actions.append(h("a", { class: "button", href: `${base}/packet`, download: "" }, t("case.packet")));
  } else if (d.can_draft) {
    actions.append(h("button", { type: "button", id: "draft-case", onclick: async () => {
      try { await post(`${base}/case`); rerender(); } catch (err) { toast(err.message, true); }
    } }, t("case.draft")));
  }
  if (d.can_submit) {
    actions.append(actionForm(t("case.mark_submitted"),
      h("input", { name: "case_id", placeholder: t("case.case_id_placeholder"), required: true, pattern: "[0-9A-Za-z\\-]+" }),
      async (f) => { await post(`${base}/submitted`, { case_id: f.get("case_id") }); rerender(); }));
  }
  if (d.can_deny) {
    actions.append(actionForm(t("case.record_denial"),
      h("input", { name: "reason", placeholder: t("case.reason_placeholder"), required: true }),
      async (f) => { await post(`${base}/denial`, { reason: f.get("reason") }); rerender(); }));
  }
  if (d.can_appeal) {
    actions.append(h("button", { type: "button", onclick: async () => {
      try { await post(`${base}/appeal`); rerender(); } catch (err) { toast(err.message, true); }
    } }, t("case.draft_appeal")));
  }
  box.append(actions);
  for (const appeal of d.appeals || []) box.append(textBlock(`appeal-${appeal.id}`, t("case.appeal"), appeal.text));
  box.append(h("div", { class: "card" }, h("h2", {}, t("case.evidence")), evidenceTable(d.evidence)));
  if (d.events && d.events.length) {
    box.append(h("div", { class: "card" }, h("h2", {}, t("case.history")), table([
      { label: t("col.date"), value: (r) => day(r.at) },
      { label: t("col.event"), value: (r) => named("event", r.kind) },
      { label: t("col.status"), value: (r) => (r.to_status
        ? `${r.from_status ? named("status", r.from_status) : ""} → ${named("status", r.to_status)}` : "") },
      { label: t("col.note"), value: (r) => noteText(r.note) },
    ], d.events)));
  }
}

// The history's notes, written by the engine in English ("packet 3", "filed as case 1840…"), in the page's
// language; a note of another form (an item's facts, a seller's own words) as it was written.
const NOTES = [
  [/^found by the audit$/, "note.found"],
  [/^window closed$/, "note.window_closed"],
  [/^the audit no longer finds this loss$/, "note.withdrawn"],
  [/^audit figure changed after filing$/, "note.audit_changed"],
  [/^audit status$/, "note.audit_status"],
  [/^packet (\d+)$/, "note.packet", ["id"]],
  [/^filed as case (\S+)$/, "note.filed", ["case"]],
  [/^appeal filed in case (\S+)$/, "note.appeal_filed", ["case"]],
  [/^denied: ([\s\S]*)$/, "note.denied", ["reason"]],
  [/^reimbursements net (\S+) (\S+)$/, "note.reimbursed_net", ["amount", "currency"]],
  [/^audit of (\d{4}-\d{2}-\d{2}): (\d+) -> (\d+) units$/, "note.quantity", ["day", "from", "to"]],
];

function noteText(note) {
  if (!note) return "";
  for (const [pattern, key, names] of NOTES) {
    const m = pattern.exec(note);
    if (m) return t(key, Object.fromEntries((names || []).map((name, i) => [name, m[i + 1]])));
  }
  return note;
}
