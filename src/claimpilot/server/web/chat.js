// The chat panel: the answer streams in token by token; pending writes get approve/reject buttons.

import { post, streamEvents } from "./api.js";
import { h, toast } from "./dom.js";
import { named, t } from "./i18n.js";

let threadId = sessionStorage.getItem("claimpilot.thread") || null;

function bubble(role, text) {
  const node = h("div", { class: `msg msg-${role}` }, h("div", { class: "msg-text" }, text));
  const log = document.getElementById("chat-log");
  log.append(node);
  log.scrollTop = log.scrollHeight;
  return node;
}

function citations(node, items) {
  if (!items || !items.length) return;
  node.append(h("div", { class: "citations" }, h("strong", {}, t("chat.sources")),
    h("ul", {}, items.map((c) => h("li", {}, c.source)))));
}

function pendingBox(node, seller, actions) {
  const base = `/api/sellers/${encodeURIComponent(seller)}/chat/${encodeURIComponent(threadId)}/decision`;
  const box = h("div", { class: "pending" },
    h("strong", {}, t("chat.pending")),
    h("ul", {}, actions.map((a) => h("li", {}, `${named("chat.action", a.name)}: `,
      Object.entries(a.args || {}).filter(([, v]) => v !== null && v !== undefined && v !== "")
        .map(([k, v]) => `${named("chat.arg", k)} ${v}`).join(" · ")))));
  const decide = async (approve) => {
    try {
      const res = await post(base, { approve });
      box.remove();
      bubble("assistant", res.answer);
    } catch (err) { toast(err.message, true); }
  };
  box.append(h("div", { class: "row" },
    h("button", { type: "button", class: "approve", onclick: () => decide(true) }, t("chat.approve")),
    h("button", { type: "button", class: "reject", onclick: () => decide(false) }, t("chat.reject"))));
  node.append(box);
}

export function wireChat(getSeller) {
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  input.placeholder = t("chat.placeholder");
  document.getElementById("chat-new").addEventListener("click", () => {
    threadId = null;
    sessionStorage.removeItem("claimpilot.thread");
    document.getElementById("chat-log").textContent = "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = "";
    bubble("user", message);
    const node = bubble("assistant", "");
    node.classList.add("streaming");
    const text = node.querySelector(".msg-text");
    const seller = getSeller();
    try {
      await streamEvents(`/api/sellers/${encodeURIComponent(seller)}/chat`, { message, thread_id: threadId }, (name, data) => {
        if (name === "thread") { threadId = data.thread_id; sessionStorage.setItem("claimpilot.thread", threadId); }
        else if (name === "token") {
          text.textContent += data.text;
          node.dataset.tokens = String(Number(node.dataset.tokens || 0) + 1);
        }
        else if (name === "tool_call") node.append(h("div", { class: "tool" }, `⚙ ${data.name}`));
        else if (name === "done") {
          if (!text.textContent) text.textContent = data.answer;
          citations(node, data.citations);
          if (data.pending_actions && data.pending_actions.length) pendingBox(node, seller, data.pending_actions);
        } else if (name === "error") text.textContent = data.detail;
        document.getElementById("chat-log").scrollTop = 1e9;
      });
    } catch (err) {
      text.textContent = err.message;
    } finally {
      node.classList.remove("streaming");
    }
  });
}
