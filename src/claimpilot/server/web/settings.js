// Settings of the selected seller account (its admins): Amazon connection, job schedules, alert channels with a
// test send, the buyer mailbox, members and roles; and, for everyone, their own password. Secrets are typed in
// and stored encrypted by the server; they never come back to the page (a channel shows only as configured).

import { api, get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { named, t } from "./i18n.js";
import { currentUser, may } from "./session.js";
import { invitesPart } from "./invites.js";
import { schedule } from "./jobs.js";

const ROLES = ["viewer", "operator", "approver", "admin"];
const CHANNELS = ["webhook", "email", "wecom", "dingtalk", "feishu"];
const $ = (id) => document.getElementById(id);
const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}`;

function input(name, attrs = {}) {
  return h("label", {}, h("span", {}, t(`settings.field.${name}`)), h("input", { name, autocomplete: "off", ...attrs }));
}

// A form that sends its values with ``send`` and says the outcome in a toast.
function form(id, fields, label, send) {
  const node = h("form", { id, class: "settings-form" }, fields, h("button", { type: "submit" }, label));
  node.addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await send(new FormData(node), node); } catch (err) { toast(err.message, true); }
  });
  return node;
}

// The values of a form that were filled in (an empty secret field keeps the stored secret).
function filled(data, names) {
  const out = {};
  for (const n of names) { const v = String(data.get(n) || "").trim(); if (v) out[n] = v; }
  return out;
}

function scheduleRow(seller, s, redraw) {
  const mode = h("select", { name: "mode", "aria-label": t("settings.schedule_mode") },
    ["off", "daily", "every"].map((m) => h("option", { value: m }, t(`settings.mode.${m}`))));
  mode.value = !s.enabled ? "off" : s.at_utc ? "daily" : "every";
  const at = h("input", { type: "time", name: "at_utc", value: s.at_utc || "06:00", "aria-label": t("settings.field.at_utc") });
  const every = h("input", { type: "number", name: "every_minutes", min: 1, max: 1440, value: s.every_minutes || 60,
    "aria-label": t("settings.field.every_minutes") });
  const save = h("button", { type: "button", onclick: async () => {
    const body = mode.value === "off" ? { enabled: false }
      : mode.value === "daily" ? { at_utc: at.value } : { every_minutes: Number(every.value) };
    try {
      await api("PUT", `${base(seller)}/settings/schedules/${encodeURIComponent(s.kind)}`, body);
      toast(t("settings.saved"));
      await redraw();
    } catch (err) { toast(err.message, true); }
  } }, t("settings.save"));
  return { kind: s.kind, current: s, controls: h("div", { class: "row" }, mode, at, every, save) };
}

// Amazon's website authorization: the server makes a state value and answers the Seller Central consent URL;
// the browser goes there, the seller confirms, and Amazon sends it back through /api/amazon/callback to
// #/settings?state=…&spapi_oauth_code=…&selling_partner_id=…, which completeConsent() hands to the server.
function amazonCard(seller, view) {
  const connect = h("button", { type: "button", id: "amazon-connect", onclick: async () => {
    connect.disabled = true;
    try {
      const { consent_url: url } = await post(`${base(seller)}/settings/amazon/connect`);
      window.location.assign(url);
    } catch (err) { toast(err.message, true); connect.disabled = false; }
  } }, t(view.amazon.connected ? "settings.amazon_reconnect" : "settings.amazon_connect"));
  return h("div", { class: "card", id: "settings-amazon" }, h("h2", {}, t("settings.amazon")),
    h("p", { id: "amazon-status" }, view.amazon.connected
      ? t("settings.amazon_connected", { region: view.amazon.region || "-" }) : t("settings.amazon_missing")),
    h("div", { class: "row" }, connect),
    view.amazon.connected ? null : h("p", { class: "note" }, t("settings.amazon_how")),
    view.amazon.connected ? null : h("code", {}, `claimpilot sellers set-credentials ${seller}`));
}

// What Amazon's consent page sent back (in the hash's query), if anything: taken off the address at once.
function consentReturn() {
  const [, query] = location.hash.split("?");
  const params = new URLSearchParams(query || "");
  if (!params.has("state") && !params.has("spapi_oauth_code")) return null;
  history.replaceState(null, "", `${location.pathname}#/settings`);
  return { state: params.get("state") || "", spapi_oauth_code: params.get("spapi_oauth_code") || "",
    selling_partner_id: params.get("selling_partner_id") || "" };
}

async function completeConsent(back) {
  try {
    const done = await post("/api/amazon/connect", back);
    const select = document.getElementById("seller");
    if (select.value !== done.seller_id && [...select.options].some((o) => o.value === done.seller_id)) {
      select.value = done.seller_id;
      localStorage.setItem("claimpilot.seller", done.seller_id);
    }
    toast(t("settings.amazon_done", { id: done.selling_partner_id || "-" }));
    return done.seller_id;
  } catch (err) {
    toast(err.message, true);
    return null;
  }
}

function schedulesCard(seller, view, redraw) {
  const rows = view.schedules.map((s) => scheduleRow(seller, s, redraw));
  return h("div", { class: "card", id: "settings-schedules" }, h("h2", {}, t("settings.schedules")), table([
    { label: t("jobs.kind"), value: (r) => named("jobs.kind", r.kind) },
    { label: t("jobs.schedule"), value: (r) => schedule(r.current) },
    { label: t("settings.change"), value: (r) => r.controls },
  ], rows));
}

function alertsCard(seller, view, redraw) {
  const configured = view.alerts.channels;
  const outcome = h("ul", { id: "settings-alerts-outcome" });
  const names = ["webhook_url", "webhook_secret", "email_to", "wecom_url", "dingtalk_url", "dingtalk_secret", "feishu_url",
    "feishu_secret"];
  const fields = names.map((n) => input(n, { type: n.endsWith("secret") ? "password" : n === "email_to" ? "text" : "url",
    placeholder: n === "email_to" ? (view.alerts.email_to.join(", ") || "ops@example.com")
      : configured.includes(n.split("_")[0]) ? t("settings.kept") : "" }));
  return h("div", { class: "card", id: "settings-alerts" }, h("h2", {}, t("settings.alerts")),
    h("p", {}, configured.length ? t("settings.channels_on", { list: configured.map((c) => t(`settings.channel.${c}`)).join("、") })
      : t("settings.channels_none")),
    form("alerts-form", fields, t("settings.save"), async (data) => {
      const body = filled(data, names);
      if (body.email_to) body.email_to = body.email_to.split(/[,，;\s]+/).filter(Boolean);
      await api("PUT", `${base(seller)}/settings/alerts`, body);
      toast(t("settings.saved"));
      await redraw();
    }),
    h("div", { class: "row" }, h("button", { type: "button", id: "alerts-test", disabled: !configured.length, onclick: async () => {
      outcome.textContent = "";
      try {
        const res = await post(`${base(seller)}/settings/alerts/test`);
        for (const c of CHANNELS.filter((x) => x in res.channels)) {
          outcome.append(h("li", { class: res.channels[c] === "sent" ? "" : "error" },
            `${t(`settings.channel.${c}`)}: ${t(`settings.test_${res.channels[c]}`)}${res.errors[c] ? ` (${res.errors[c]})` : ""}`));
        }
      } catch (err) { toast(err.message, true); }
    } }, t("settings.send_test"))), outcome);
}

function mailboxCard(seller, view, redraw) {
  const m = view.mailbox;
  const sides = ["imap", "smtp"];
  const keys = (side) => ["host", "port", "username", "password", ...(side === "smtp" ? ["from_address"] : [])];
  const fields = sides.flatMap((side) => keys(side).map((k) => input(`${side}_${k}`, {
    type: k === "password" ? "password" : k === "port" ? "number" : "text",
    placeholder: k === "password" && m.configured ? t("settings.kept") : (m[`${side}_${k}`] ?? "") })));
  return h("div", { class: "card", id: "settings-mailbox" }, h("h2", {}, t("settings.mailbox")),
    h("p", {}, m.configured ? t("settings.mailbox_on", { imap: `${m.imap_username || "-"} @ ${m.imap_host || "-"}` })
      : t("settings.mailbox_none")),
    form("mailbox-form", fields, t("settings.save"), async (data) => {
      const body = {};
      for (const side of sides) {
        body[side] = filled(data, keys(side).map((k) => `${side}_${k}`));
        body[side] = Object.fromEntries(Object.entries(body[side]).map(([k, v]) => [k.slice(5), k.endsWith("port") ? Number(v) : v]));
      }
      await api("PUT", `${base(seller)}/settings/mailbox`, body);
      toast(t("settings.saved"));
      await redraw();
    }));
}

function membersCard(seller, members, pending, redraw, made) {
  const me = currentUser();
  const roleSelect = (m) => {
    const select = h("select", { "aria-label": `${t("settings.role")} ${m.email}` },
      ROLES.map((r) => h("option", { value: r }, t(`role.${r}`))));
    select.value = m.role;
    select.addEventListener("change", async () => {
      try { await api("PUT", `${base(seller)}/members/${m.user_id}`, { role: select.value }); toast(t("settings.saved")); }
      catch (err) { toast(err.message, true); }
      await redraw();
    });
    return select;
  };
  return h("div", { class: "card", id: "settings-members" }, h("h2", {}, t("settings.members")), table([
    { label: t("login.email"), value: (m) => m.email },
    { label: t("settings.role"), value: roleSelect },
    { label: "", value: (m) => (m.user_id === me?.id ? t("settings.you") : h("button", { type: "button", class: "reject",
      onclick: async () => {
        if (!window.confirm(t("settings.confirm_remove", { email: m.email }))) return;
        try { await api("DELETE", `${base(seller)}/members/${m.user_id}`); } catch (err) { toast(err.message, true); }
        await redraw();
      } }, t("settings.remove"))) },
  ], members),
  invitesPart(base(seller), pending, redraw, made),
  h("h2", {}, t("settings.add_member")),
  form("member-form", [input("email", { type: "email", required: true }),
    h("label", {}, h("span", {}, t("settings.role")), h("select", { name: "role" },
      ROLES.map((r) => h("option", { value: r }, t(`role.${r}`))))),
    input("first_password", { type: "password", minlength: 8, autocomplete: "new-password" })],
  t("settings.add"), async (data, node) => {
    await post(`${base(seller)}/members`, { email: String(data.get("email")).trim(), role: data.get("role"),
      password: String(data.get("first_password") || "") || null });
    node.reset();
    toast(t("settings.saved"));
    await redraw();
  }));
}

function passwordCard() {
  return h("div", { class: "card", id: "settings-password" }, h("h2", {}, t("settings.password")),
    form("password-form", [input("current", { type: "password", required: true, autocomplete: "current-password" }),
      input("new", { type: "password", required: true, minlength: 8, autocomplete: "new-password" })],
    t("settings.change_password"), async (data, node) => {
      await post("/api/me/password", { current: data.get("current"), new: data.get("new") });
      node.reset();
      toast(t("settings.password_changed"));
    }));
}

export async function showSettings(seller, made) {
  const back = consentReturn();
  if (back) seller = (await completeConsent(back)) || seller;
  const box = $("settings");
  const redraw = (next) => showSettings(seller, next);
  const parts = [];
  if (may(seller, "admin")) {
    const [view, members, pending] = await Promise.all([get(`${base(seller)}/settings`), get(`${base(seller)}/members`),
      get(`${base(seller)}/members/invitations`)]);
    parts.push(amazonCard(seller, view), schedulesCard(seller, view, redraw), alertsCard(seller, view, redraw),
      mailboxCard(seller, view, redraw), membersCard(seller, members, pending, redraw, made));
  } else {
    parts.push(h("p", { class: "note" }, t("settings.admin_only")));
  }
  parts.push(passwordCard());
  box.textContent = "";
  box.append(...parts);
}
