// Invitations: in Settings an admin invites a person by e-mail and role, gets the link to copy (e-mailed too
// when the seller has an SMTP server) and sees the pending invitations with a revoke button; the link opens
// #/accept?token=…, where the invitee sets a password (or, already signed in as that e-mail, just accepts).

import { api, post } from "./api.js";
import { copyText } from "./case.js";
import { h, table, toast } from "./dom.js";
import { dateTime, t } from "./i18n.js";

const ROLES = ["viewer", "operator", "approver", "admin"];

function labelled(key, control) {
  return h("label", {}, h("span", {}, t(key)), control);
}

// The link just made, with its copy button and whether it was e-mailed.
function madeLink(made) {
  const link = h("input", { id: "invite-link", type: "text", readonly: true, value: made.link,
    "aria-label": t("invite.link") });
  return h("div", { id: "invite-made", class: "invite-made" },
    h("p", {}, t("invite.made", { email: made.email }), " ", t(`invite.emailed_${made.emailed}`)),
    h("div", { class: "row" }, link,
      h("button", { type: "button", id: "invite-copy", onclick: () => copyText(made.link) }, t("invite.copy"))));
}

// The Invite form and the pending invitations, for the members card (``base``: the seller's API path).
export function invitesPart(base, pending, redraw, made) {
  const form = h("form", { id: "invite-form", class: "settings-form" },
    labelled("invite.email", h("input", { name: "email", type: "email", required: true, autocomplete: "off" })),
    labelled("settings.role", h("select", { name: "role" }, ROLES.map((r) => h("option", { value: r }, t(`role.${r}`))))),
    h("button", { type: "submit" }, t("invite.submit")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const answer = await post(`${base}/members/invitations`, { email: String(data.get("email")).trim(), role: data.get("role") });
      await redraw(answer);
    } catch (err) { toast(err.message, true); }
  });
  const list = pending.length ? table([
    { label: t("invite.email"), value: (i) => i.email },
    { label: t("settings.role"), value: (i) => t(`role.${i.role}`) },
    { label: t("invite.expires"), value: (i) => dateTime(i.expires_at) },
    { label: "", value: (i) => h("button", { type: "button", class: "reject", "aria-label": `${t("invite.revoke")} ${i.email}`,
      onclick: async () => {
        try { await api("DELETE", `${base}/members/invitations/${i.id}`); toast(t("invite.revoked")); }
        catch (err) { toast(err.message, true); }
        await redraw();
      } }, t("invite.revoke")) },
  ], pending) : h("p", { class: "note" }, t("invite.none"));
  return [h("h2", {}, t("invite.title")), form, made ? madeLink(made) : null,
    h("h3", {}, t("invite.pending")), h("div", { id: "invite-pending" }, list)];
}

// The token of an #/accept?token=… address, else null.
export function acceptToken() {
  const [path, query] = location.hash.split("?");
  if (path !== "#/accept") return null;
  return new URLSearchParams(query || "").get("token");
}

// The accept view: a new person's name and password; ``signedIn`` is told the user once accepted.
export function showAccept(token, user, signedIn) {
  const box = document.getElementById("accept");
  const error = h("p", { class: "error", id: "accept-error", role: "alert" });
  // Signed in already: the invitation may be for this person (no password needed) or for a new one.
  const fields = [user ? h("p", {}, t("accept.as", { email: user.email })) : null,
    labelled("accept.name", h("input", { name: "name", autocomplete: "name", maxlength: 120 })),
    labelled("accept.password", h("input", { name: "password", type: "password", required: !user, minlength: 8,
      autocomplete: "new-password" }))];
  const form = h("form", { id: "accept-form" }, fields, h("button", { type: "submit" }, t("accept.submit")), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const data = new FormData(form);
    const body = { token: token || "", name: String(data.get("name") || "") };
    const password = String(data.get("password") || "");
    if (password || !user) body.password = password;
    try {
      const me = await post("/api/auth/invitations/accept", body);
      const had = new Set(user && user.email === me.email ? user.sellers.map((x) => x.seller_id) : []);
      const joined = me.sellers.find((x) => !had.has(x.seller_id));
      if (joined) localStorage.setItem("claimpilot.seller", joined.seller_id);  // open the account just joined
      history.replaceState(null, "", `${location.pathname}#/dashboard`);
      await signedIn(me);
    } catch (err) { error.textContent = err.message; }
  });
  box.textContent = "";
  box.append(h("h1", {}, t("accept.title")), h("p", { class: "note" }, t("accept.intro")), form);
}
