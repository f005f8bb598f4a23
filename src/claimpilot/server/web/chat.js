// The chat panel: the answer streams in token by token; pending writes get approve/reject buttons. The
// conversations are kept by the server; this browser keeps which ones it had with each seller account (their
// first question and when), so after a reload the last one is shown again and any earlier one can be reopened.

import { get, post, streamEvents } from "./api.js";
import { h, toast } from "./dom.js";
import { dateTime, named, t } from "./i18n.js";

const MAX_THREADS = 30;
let threadId = null;
let shownSeller = null;

const listKey = (seller) => `claimpilot.threads.${seller}`;
const currentKey = (seller) => `claimpilot.thread.${seller}`;

function threadsOf(seller) {
  try { return JSON.parse(localStorage.getItem(listKey(seller))) || []; } catch { return []; }
}

function remember(seller, id, title) {
  const list = threadsOf(seller).filter((x) => x.id !== id);
  const known = threadsOf(seller).find((x) => x.id === id);
  list.unshift({ id, title: known ? known.title : title.slice(0, 80), at: new Date().toISOString() });
  localStorage.setItem(listKey(seller), JSON.stringify(list.slice(0, MAX_THREADS)));
  localStorage.setItem(currentKey(seller), id);
}

function drawThreads(seller) {
  const box = document.getElementById("chat-threads");
  box.textContent = "";
  const list = threadsOf(seller);
  if (!list.length) { box.append(h("p", { class: "note" }, t("chat.no_threads"))); return; }
  box.append(h("ul", {}, list.map((x) => h("li", {}, h("button", {
    type: "button", class: `link thread${x.id === threadId ? " active" : ""}`, "data-thread": x.id,
    "aria-current": x.id === threadId ? "true" : undefined,
    onclick: () => openThread(seller, x.id),
  }, x.title, h("span", { class: "note" }, ` · ${dateTime(x.at)}`))))));
}

// Show a kept conversation: its messages from the server, and its writes still awaiting a decision.
async function openThread(seller, id) {
  const log = document.getElementById("chat-log");
  log.textContent = "";
  threadId = id;
  if (id) localStorage.setItem(currentKey(seller), id);
  drawThreads(seller);
  if (!id) return;
  const kept = await get(`/api/sellers/${encodeURIComponent(seller)}/chat/${encodeURIComponent(id)}`);
  for (const m of kept.messages) bubble(m.role === "user" ? "user" : "assistant", m.text);
  if (kept.pending_actions && kept.pending_actions.length) {
    pendingBox(log.lastElementChild || bubble("assistant", ""), seller, kept.pending_actions);
  }
}

export async function showChat(seller) {
  if (shownSeller === seller && document.getElementById("chat-log").childElementCount) { drawThreads(seller); return; }
  shownSeller = seller;
  await openThread(seller, localStorage.getItem(currentKey(seller)));
}

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
    localStorage.removeItem(currentKey(getSeller()));
    openThread(getSeller(), null);
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
        if (name === "thread") {
          threadId = data.thread_id;
          remember(seller, threadId, message);
          drawThreads(seller);
        }
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
