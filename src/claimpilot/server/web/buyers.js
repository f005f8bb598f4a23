// Buyer messages: the queue, one message with its draft reply, the compliance verdict, and the decisions.
// The buyer's text is untrusted: it only ever reaches the page as a text node, never as markup.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { t } from "./i18n.js";

const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}/buyers`;
let shown = null;

const statusBadge = (status) => h("span", { class: `status status-${status}` }, t(`buyer.status.${status}`));
const received = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

export async function showBuyers(seller, messageId) {
  const rows = await get(`${base(seller)}?limit=200`);
  const box = document.getElementById("buyers-table");
  box.textContent = "";
  if (!rows.length) box.append(h("p", { class: "note" }, t("buyer.none")));
  else box.append(table([
    { label: t("buyer.order"), value: (r) => r.order_id || "-" },
    { label: t("buyer.language"), value: (r) => r.language || "-" },
    { label: t("buyer.intent"), value: (r) => r.intent || "-" },
    { label: t("col.status"), value: (r) => statusBadge(r.status) },
    { label: t("buyer.received"), value: (r) => received(r.received_at) },
    { label: t("buyer.excerpt"), value: (r) => r.excerpt },
  ], rows, { onRow: (r) => { location.hash = `#/buyers/${r.id}`; } }));
  if (messageId) await showMessage(seller, messageId);
  else { shown = null; document.getElementById("buyer-thread").hidden = true; }
}

async function showMessage(seller, messageId) {
  const m = await get(`${base(seller)}/${encodeURIComponent(messageId)}`);
  shown = m;
  document.getElementById("buyer-thread").hidden = false;
  const meta = document.getElementById("buyer-meta");
  meta.textContent = "";
  meta.append(h("span", {}, `${t("buyer.order")}: ${m.order_id || "-"} · ${m.language || "-"} · ${m.intent || "-"} · `),
    statusBadge(m.status), h("span", {}, ` · ${received(m.received_at)}`));
  document.getElementById("buyer-subject").textContent = m.subject || "";
  document.getElementById("buyer-message").textContent = m.message;
  const reply = m.reply || { body: "", compliance_ok: false, compliance_issues: [] };
  document.getElementById("buyer-draft").value = reply.body;
  const verdict = document.getElementById("buyer-compliance");
  verdict.textContent = "";
  verdict.append(h("p", { class: reply.compliance_ok ? "note" : "error" },
    t(reply.compliance_ok ? "buyer.compliant" : "buyer.not_compliant")));
  if (reply.compliance_issues.length) verdict.append(h("ul", {}, reply.compliance_issues.map((i) => h("li", {}, i))));
  if (m.reason) verdict.append(h("p", { class: "note" }, m.reason));
}

async function saveIfEdited(seller) {
  const body = document.getElementById("buyer-draft").value;
  if (shown.reply && body === shown.reply.body) return;
  await post(`${base(seller)}/${shown.id}/edit`, { body });
}

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

async function reload(seller) {
  try { await showBuyers(seller(), shown && shown.id); } catch (err) { toast(err.message, true); }
}

export function wireBuyers(seller) {
  document.getElementById("buyers-refresh").addEventListener("click", () => reload(seller));
  document.getElementById("buyer-save").addEventListener("click",
    decide(seller, () => saveIfEdited(seller()), "buyer.saved"));
  document.getElementById("buyer-approve").addEventListener("click", decide(seller, async () => {
    await saveIfEdited(seller());
    await post(`${base(seller())}/${shown.id}/approve`);
  }, "buyer.approved"));
  document.getElementById("buyer-reject").addEventListener("click", decide(seller, () =>
    post(`${base(seller())}/${shown.id}/reject`, { reason: document.getElementById("buyer-reject-reason").value }),
  "buyer.rejected"));
}
