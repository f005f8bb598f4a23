// Buyer messages: the queue, one message with its draft reply, the compliance verdict, and the decisions;
// polling the seller's mailbox, sending the approved replies, settling a send whose delivery is uncertain.
// The buyer's text is untrusted: it only ever reaches the page as a text node, never as markup.
// What shows follows the role held in the selected seller account (viewers read; operators poll, edit and
// reject; approvers also approve, send and settle); the server still answers 403, shown as a toast.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { currentLang, day, named, t } from "./i18n.js";
import { may } from "./session.js";

// An intent or language code in the page's language (the code itself when there is no name for it).
function label(group, code) {
  if (!code) return "-";
  const key = `${group}.${code}`;
  return t(key) === key ? code : t(key);
}

const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}/buyers`;
const EDITABLE = ["held", "queued", "approved"];
let shown = null;

const $ = (id) => document.getElementById(id);
const statusBadge = (status) => h("span", { class: `status status-${status}` }, t(`buyer.status.${status}`));
const received = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

// Show each control whose data-needs role the member holds in this seller account; hide the rest.
function applyRole(seller) {
  for (const el of document.querySelectorAll("#view-buyers [data-needs]")) el.hidden = !may(seller, el.dataset.needs);
  $("buyers-read-only").hidden = may(seller, "operator");
}

// A note under the toolbar (what a poll or a send did); null hides it.
function note(text, isError) {
  const box = $("buyers-note");
  box.textContent = text || "";
  box.className = isError ? "error" : "note";
  box.hidden = !text;
}

export async function showBuyers(seller, messageId) {
  applyRole(seller);
  note(null);
  const rows = await get(`${base(seller)}?limit=200`);
  const box = $("buyers-table");
  box.textContent = "";
  if (!rows.length) box.append(h("p", { class: "note" }, t("buyer.none")));
  else box.append(table([
    { label: t("buyer.order"), value: (r) => r.order_id || "-" },
    { label: t("buyer.language"), value: (r) => label("lang", r.language) },
    { label: t("buyer.intent"), value: (r) => label("intent", r.intent) },
    { label: t("col.status"), value: (r) => statusBadge(r.status) },
    { label: t("buyer.received"), value: (r) => received(r.received_at) },
    { label: t("buyer.excerpt"), value: (r) => r.excerpt },
  ], rows, { onRow: (r) => { location.hash = `#/buyers/${r.id}`; } }));
  if (messageId) await showMessage(seller, messageId);
  else { shown = null; $("buyer-thread").hidden = true; }
}

// The order beside the message: its status, dates, the parcel's tracking state, and (in Chinese) the summary
// of what the buyer asks against those facts.
function orderContext(m) {
  const box = $("buyer-context");
  box.textContent = "";
  const context = (m.reply && m.reply.context) || {};
  const order = context.order || {};
  const tracking = context.tracking || {};
  const facts = [
    [t("buyer.ctx.status"), order.status ? named("order.status", order.status) : null],
    [t("buyer.ctx.purchased"), order.purchase_date ? day(order.purchase_date) : null],
    [t("buyer.ctx.delivery"), order.earliest_delivery_date
      ? `${day(order.earliest_delivery_date)} – ${day(order.latest_delivery_date)}` : null],
    [t("buyer.ctx.tracking"), tracking.status ? `${named("ship.status", tracking.status)}${tracking.carrier ? ` · ${tracking.carrier}` : ""}` : null],
    [t("ship.eta"), tracking.eta ? day(tracking.eta) : null],
  ].filter(([, v]) => v);
  box.append(h("h2", {}, t("buyer.ctx.title")));
  if (currentLang() === "zh" && m.summary_zh) box.append(h("p", { id: "buyer-summary" }, m.summary_zh));
  if (facts.length) box.append(h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
  else if (!(currentLang() === "zh" && m.summary_zh)) box.append(h("p", { class: "note" }, t("buyer.ctx.none")));
}

async function showMessage(seller, messageId) {
  const m = await get(`${base(seller)}/${encodeURIComponent(messageId)}`);
  if (!shown || shown.id !== m.id) $("buyer-reject-reason").value = "";
  shown = m;
  $("buyer-thread").hidden = false;
  const meta = $("buyer-meta");
  meta.textContent = "";
  meta.append(h("span", {}, `${t("buyer.order")}: ${m.order_id || "-"} · ${label("lang", m.language)} · ${label("intent", m.intent)} · `),
    statusBadge(m.status), h("span", {}, ` · ${received(m.received_at)}`));
  $("buyer-subject").textContent = m.subject || "";
  $("buyer-message").textContent = m.message;
  orderContext(m);
  const reply = m.reply || { body: "", compliance_ok: false, compliance_issues: [] };
  const decidable = Boolean(m.reply) && EDITABLE.includes(m.status);
  const draft = $("buyer-draft");
  draft.value = reply.body;
  draft.readOnly = !(decidable && may(seller, "operator"));
  $("buyer-decide").hidden = !(decidable && may(seller, "operator"));
  $("buyer-settle").hidden = !(m.status === "uncertain" && may(seller, "approver"));
  const verdict = $("buyer-compliance");
  verdict.textContent = "";
  verdict.append(h("p", { class: reply.compliance_ok ? "note" : "error" },
    t(reply.compliance_ok ? "buyer.compliant" : "buyer.not_compliant")));
  if (reply.compliance_issues.length) verdict.append(h("ul", {}, reply.compliance_issues.map((i) => h("li", {}, i))));
  if (m.reason) verdict.append(h("p", { class: "note" }, m.reason));
}

async function saveIfEdited(seller) {
  const body = $("buyer-draft").value;
  if (shown.reply && body === shown.reply.body) return;
  await post(`${base(seller)}/${shown.id}/edit`, { body });
}

async function reload(seller) {
  try { await showBuyers(seller(), shown && shown.id); } catch (err) { toast(err.message, true); }
}

// A decision on the message on screen: run it, say so (or show the server's refusal), then refresh the queue.
function decide(seller, action, done) {
  return async () => {
    if (!shown) return;
    try {
      await action();
      toast(t(done));
    } catch (err) { toast(err.message, true); }
    await reload(seller);
  };
}

// A seller-wide action (poll, send) from a toolbar button: the button is off while it runs; the queue is
// refreshed afterwards, then `describe(result)` (or `conflict` for a 409) is shown as the note.
function batch(seller, button, path, describe, conflict) {
  return async () => {
    button.disabled = true;
    note(null);
    let said = null;
    try {
      said = describe(await post(`${base(seller())}/${path}`));
    } catch (err) {
      if (err.status === 409) said = [t(conflict), false];
      else toast(err.message, true);
    } finally {
      button.disabled = false;
    }
    await reload(seller);
    if (said) note(...said);
  };
}

const polled = (r) => [t("buyer.polled", { stored: r.stored.length, seen: r.seen, duplicates: r.duplicates,
  skipped: r.skipped.length }), false];

const sentReport = (r) => [t("buyer.sent_report", { sent: r.sent.length, failed: r.failed.length,
  retry: r.retry_later.length, uncertain: r.uncertain.length }), r.failed.length + r.uncertain.length > 0];

// Settle an uncertain send after the person confirms what they found in Seller Central.
function settle(seller, delivered) {
  const action = decide(seller, () => post(`${base(seller())}/${shown.id}/resolve`, { delivered }),
    delivered ? "buyer.settled_delivered" : "buyer.settled_not_delivered");
  return () => {
    if (shown && window.confirm(t(delivered ? "buyer.confirm_delivered" : "buyer.confirm_not_delivered"))) action();
  };
}

export function wireBuyers(seller) {
  $("buyers-refresh").addEventListener("click", () => reload(seller));
  $("buyers-poll").addEventListener("click", batch(seller, $("buyers-poll"), "poll", polled, "buyer.no_mailbox"));
  $("buyers-send").addEventListener("click", batch(seller, $("buyers-send"), "send", sentReport, "buyer.no_sender"));
  $("buyer-save").addEventListener("click",
    decide(seller, () => saveIfEdited(seller()), "buyer.saved"));
  $("buyer-approve").addEventListener("click", decide(seller, async () => {
    await saveIfEdited(seller());
    await post(`${base(seller())}/${shown.id}/approve`);
  }, "buyer.approved"));
  $("buyer-reject").addEventListener("click", decide(seller, () =>
    post(`${base(seller())}/${shown.id}/reject`, { reason: $("buyer-reject-reason").value }),
  "buyer.rejected"));
  $("buyer-delivered").addEventListener("click", settle(seller, true));
  $("buyer-not-delivered").addEventListener("click", settle(seller, false));
}
