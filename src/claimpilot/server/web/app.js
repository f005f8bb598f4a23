// The page's entry: login, the seller switch, the language switch, and hash routing between views.

import { ApiError, get, post } from "./api.js";
import { showBuyers, wireBuyers } from "./buyers.js";
import { showCase } from "./case.js";
import { showClaims, wireClaims } from "./claims.js";
import { showFiling, wireFiling } from "./file.js";
import { acceptToken, showAccept } from "./invites.js";
import { showJobs, wireJobs } from "./jobs.js";
import { showSettings } from "./settings.js";
import { showChat, wireChat } from "./chat.js";
import { showDashboard, wireAudit } from "./dashboard.js";
import { h, toast } from "./dom.js";
import { applyStrings, currentLang, loadLang, otherLang, t } from "./i18n.js";
import { currentUser, setUser } from "./session.js";
import { showShipments, wireShipments } from "./shipments.js";
import { wireUpload } from "./upload.js";

const seller = () => document.getElementById("seller").value;

function showView(name) {
  for (const v of ["login", "accept", ...Object.keys(DRAW)]) document.getElementById(`view-${v}`).hidden = v !== name;
  for (const a of document.querySelectorAll("#nav a")) {
    const here = a.getAttribute("href") === `#/${name}`;
    a.classList.toggle("active", here);
    if (here) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  openMenu(false);
}

// On a phone the navigation, seller switch, language and logout sit behind one menu button.
function openMenu(open) {
  document.getElementById("menu").classList.toggle("open", open);
  document.getElementById("menu-toggle").setAttribute("aria-expanded", String(open));
}

function wireMenu() {
  document.getElementById("menu-toggle").addEventListener("click", () => {
    openMenu(!document.getElementById("menu").classList.contains("open"));
  });
}

// What each view draws when shown (its argument: the id after the view's name in the hash).
const DRAW = {
  dashboard: () => showDashboard(seller()),
  claims: () => showClaims(seller()),
  case: (arg) => showCase(seller(), arg, route),
  file: () => showFiling(seller()),
  upload: () => null,
  chat: () => showChat(seller()),
  shipments: (arg) => showShipments(seller(), arg),
  buyers: (arg) => showBuyers(seller(), arg),
  jobs: () => showJobs(seller()),
  settings: () => showSettings(seller()),
};

// body[data-rendered] names the view and language once a view has finished drawing (e.g. "dashboard.zh"),
// so a reader (or a test) can tell a fresh render from what the last view left on screen.
let routing = 0;

async function route() {
  const ticket = ++routing;
  delete document.body.dataset.rendered;
  if (location.hash.split("?")[0] === "#/accept") {
    showView("accept");
    showAccept(acceptToken(), currentUser(), async (user) => { signedIn(user); await route(); });
    document.body.dataset.rendered = `accept.${currentLang()}`;
    return;
  }
  if (!currentUser()) { showView("login"); document.body.dataset.rendered = `login.${currentLang()}`; return; }
  const [, view, arg] = (location.hash || "#/dashboard").split("?")[0].split("/");
  const shown = Object.hasOwn(DRAW, view) && !(view === "case" && !arg) ? view : "dashboard";
  try {
    showView(shown);
    await DRAW[shown](arg);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { signedOut(); return; }
    toast(err.message, true);
  }
  if (ticket === routing) document.body.dataset.rendered = `${shown}.${currentLang()}`;
}

function signedIn(user) {
  setUser(user);
  const select = document.getElementById("seller");
  const keep = localStorage.getItem("claimpilot.seller");
  select.textContent = "";
  for (const s of user.sellers) select.append(h("option", { value: s.seller_id }, `${s.name} (${s.marketplace}) · ${t(`role.${s.role}`)}`));
  if (user.sellers.some((s) => s.seller_id === keep)) select.value = keep;
  for (const id of ["nav", "seller", "logout"]) document.getElementById(id).hidden = false;
  if (!user.sellers.length) toast(t("login.no_sellers"), true);
}

function signedOut() {
  setUser(null);
  for (const id of ["nav", "seller", "logout"]) document.getElementById(id).hidden = true;
  showView("login");
}

function wireLogin() {
  document.getElementById("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const error = document.getElementById("login-error");
    error.textContent = "";
    try {
      signedIn(await post("/api/auth/login", { email: form.email.value, password: form.password.value }));
      form.password.value = "";
      if (!location.hash || location.hash === "#/login") location.hash = "#/dashboard";
      await route();
    } catch (err) {
      error.textContent = err.status === 401 ? t("login.failed") : err.message;
    }
  });
  document.getElementById("logout").addEventListener("click", async () => {
    await post("/api/auth/logout").catch(() => null);
    signedOut();
  });
}

function labelLangButton() {
  document.getElementById("lang").textContent = currentLang() === "zh" ? "English" : "中文";
}

async function boot() {
  await loadLang(currentLang());
  labelLangButton();
  document.getElementById("lang").addEventListener("click", async () => {
    await loadLang(otherLang());
    labelLangButton();
    applyStrings(document);
    if (currentUser()) signedIn(currentUser());
    await route();
  });
  document.getElementById("seller").addEventListener("change", () => {
    localStorage.setItem("claimpilot.seller", seller());
    route();
  });
  wireLogin();
  wireMenu();
  wireJobs(seller);
  wireFiling(seller);
  wireClaims(seller);
  wireUpload(seller);
  wireChat(seller);
  wireShipments(seller);
  wireBuyers(seller);
  wireAudit(seller, route);
  window.addEventListener("hashchange", route);
  try {
    const { user } = await get("/api/auth/session");
    if (user) signedIn(user);
  } catch { /* the server is unreachable: the login view says so when used */ }
  await route();
  document.body.dataset.ready = "1";
}

boot();
