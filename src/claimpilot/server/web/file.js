// Guided batch filing: the seller goes through every claim ready to file, most urgent first. For each: where in
// Seller Central to file it, each field with its own copy button, the evidence packet to attach, and a box for
// the case id Amazon returns, which marks the claim submitted. The batch (which claims it holds) is kept in
// this browser per seller account; whether each is filed is always read from the server, so the progress
// ("7 of 19 filed") is right after a reload, a new session, or a claim filed elsewhere.

import { get, post } from "./api.js";
import { copyText, filingPlace } from "./case.js";
import { h, toast } from "./dom.js";
import { day, money, t } from "./i18n.js";
import { may } from "./session.js";

const OPEN = ["claimable", "drafted"];
const FILED = ["submitted", "appealed", "reimbursed", "partly_reimbursed", "denied", "reversed"];
const key = (seller) => `claimpilot.filing.${seller}`;
const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}/claims`;
const $ = (id) => document.getElementById(id);

function stored(seller) {
  try { return JSON.parse(localStorage.getItem(key(seller))) || null; } catch { return null; }
}

function keep(seller, batch) { localStorage.setItem(key(seller), JSON.stringify(batch)); }

async function claimsWith(seller, statuses) {
  const params = new URLSearchParams(statuses.map((s) => ["status", s]));
  params.set("limit", "500");
  return (await get(`${base(seller)}?${params}`)).items;
}

const daysLeft = (iso) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 864e5);

// The batch of this seller account: the stored one, else a new one of every open claim, most urgent first.
async function batchOf(seller, fresh) {
  const open = await claimsWith(seller, OPEN);
  let batch = fresh ? null : stored(seller);
  if (!batch || !batch.ids.length) {
    open.sort((a, b) => (a.window_closes || "").localeCompare(b.window_closes || "") || a.id - b.id);
    batch = { ids: open.map((c) => c.id), skipped: [] };
    keep(seller, batch);
  }
  const filed = new Set((await claimsWith(seller, FILED)).filter((c) => batch.ids.includes(c.id)).map((c) => c.id));
  const openById = new Map(open.map((c) => [c.id, c]));
  return { batch, filed, openById };
}

function field(name, value) {
  if (value === null || value === undefined || value === "") return null;
  return h("div", { class: "field" }, h("span", { class: "field-name" }, name), h("span", { class: "field-value" }, String(value)),
    h("button", { type: "button", class: "copy", "aria-label": `${t("file.copy")} ${name}`,
      onclick: () => copyText(String(value)) }, t("file.copy")));
}

async function showStep(seller, claim, state, redraw) {
  const box = $("file-step");
  box.textContent = "";
  const claimUrl = `${base(seller)}/${claim.id}`;
  let detail = await get(claimUrl);
  if (!detail.case && detail.can_draft) {
    await post(`${claimUrl}/case`);
    detail = await get(claimUrl);
  }
  const c = detail.claim;
  const left = c.window_closes ? daysLeft(c.window_closes) : null;
  box.append(h("h2", {}, `${t(`type.${c.type}`)} · ${c.reference_id}`),
    h("p", { class: left !== null && left <= 7 ? "error" : "note" },
      `${t("col.window_closes")}: ${day(c.window_closes)}${left !== null ? ` · ${t("file.days_left", { n: left })}` : ""}`));
  if (detail.case) box.append(filingPlace(detail.case));
  box.append(h("div", { class: "fields" }, [
    field(t("col.reference"), c.reference_id), field("FNSKU", c.fnsku), field("SKU", c.sku),
    field(t("col.quantity"), c.quantity), field(t("col.amount"), money(c.amount, c.currency)),
  ].filter(Boolean)));
  if (detail.case) {
    box.append(h("div", { class: "card" },
      h("div", { class: "row" }, h("h2", {}, t("case.text")), h("span", { class: "spacer" }),
        h("button", { type: "button", id: "file-copy-text", onclick: () => copyText(detail.case.text) }, t("file.copy"))),
      h("pre", { class: "case-text", id: "file-case-text", tabindex: "0" }, detail.case.text)));
    box.append(h("p", {}, h("strong", {}, t("file.attach")), " ",
      h("a", { class: "button", id: "file-packet", href: `${claimUrl}/packet`, download: "" }, t("case.packet"))));
  } else {
    box.append(h("p", { class: "error" }, t("file.no_case")));
  }
  const actions = h("form", { class: "row action", id: "file-submit" });
  if (detail.can_submit && may(seller, "approver")) {
    const input = h("input", { name: "case_id", id: "file-case-id", required: true, pattern: "[0-9A-Za-z\\-]+", maxlength: 64,
      autocomplete: "off", placeholder: t("case.case_id_placeholder"), "aria-label": t("case.case_id_placeholder") });
    actions.append(input, h("button", { type: "submit" }, t("file.mark_filed")));
    actions.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await post(`${claimUrl}/submitted`, { case_id: input.value.trim() });
        toast(t("file.filed", { case_id: input.value.trim() }));
        await redraw();
      } catch (err) { toast(err.message, true); }
    });
  } else {
    actions.append(h("p", { class: "note" }, t("file.approver_only")));
  }
  actions.append(h("button", { type: "button", class: "link", id: "file-skip", onclick: async () => {
    state.batch.skipped = [...new Set([...(state.batch.skipped || []), claim.id])];
    keep(seller, state.batch);
    await redraw();
  } }, t("file.skip")));
  box.append(actions);
}

export async function showFiling(seller, fresh = false) {
  const state = await batchOf(seller, fresh);
  const { batch, filed, openById } = state;
  const total = batch.ids.length;
  const done = batch.ids.filter((id) => filed.has(id)).length;
  const bar = $("file-progress");
  bar.max = Math.max(total, 1);
  bar.value = done;
  $("file-count").textContent = t("file.progress", { done, total });
  const skipped = new Set(batch.skipped || []);
  const pending = batch.ids.filter((id) => openById.has(id));
  let next = pending.find((id) => !skipped.has(id));
  if (next === undefined && pending.length) {  // only skipped ones are left: go round again
    batch.skipped = [];
    keep(seller, batch);
    next = pending[0];
  }
  const box = $("file-step");
  if (next === undefined) {
    box.textContent = "";
    box.append(h("p", { class: "note", id: "file-done" }, total ? t("file.all_done", { done, total }) : t("file.none")));
    return;
  }
  $("file-count").textContent += ` · ${t("file.remaining", { n: pending.length })}`;
  await showStep(seller, openById.get(next), state, () => showFiling(seller));
}

export function wireFiling(getSeller) {
  $("file-restart").addEventListener("click", async () => {
    try { await showFiling(getSeller(), true); } catch (err) { toast(err.message, true); }
  });
}
