// Page strings in Chinese and English, from one JSON dictionary per language.

const LANGS = ["zh", "en"];
let lang = localStorage.getItem("claimpilot.lang")
  || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
let dict = {};

export const currentLang = () => lang;

export async function loadLang(next) {
  lang = LANGS.includes(next) ? next : "en";
  const res = await fetch(`/i18n/${lang}.json`, { credentials: "same-origin" });
  dict = await res.json();
  localStorage.setItem("claimpilot.lang", lang);
  document.documentElement.lang = lang;
  applyStrings(document);
}

export function t(key, vars) {
  let s = dict[key];
  if (s === undefined) return key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function applyStrings(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
}

// The codes the dictionary names under a prefix, in the vocabulary's order: vocab("status") -> ["pending", ...].
export function vocab(prefix) {
  const start = `${prefix}.`;
  return Object.keys(dict).filter((k) => k.startsWith(start) && !k.slice(start.length).includes(".")).map((k) => k.slice(start.length));
}

// A code's name under a prefix, or the code itself when the dictionary has none (a carrier's own word).
export function named(prefix, code) {
  if (code === null || code === undefined || code === "") return "-";
  const key = `${prefix}.${code}`;
  return key in dict ? dict[key] : String(code);
}

export const otherLang = () => (lang === "zh" ? "en" : "zh");

export function money(value, currency, digits = 2) {
  const n = Number(value || 0);
  try {
    return new Intl.NumberFormat(locale(), { style: "currency", currency: currency || "USD",
      minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  } catch {
    return `${n.toFixed(digits)} ${currency || ""}`;
  }
}

const locale = () => (lang === "zh" ? "zh-CN" : "en-US");

// An ISO date-time (UTC when it has no offset) in the page's language and the browser's time zone.
export function dateTime(iso) {
  if (!iso) return "-";
  const moment = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(moment.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(moment);
}

// A whole number in the page's language (1,234 / 1,234).
export const number = (n) => new Intl.NumberFormat(locale()).format(Number(n || 0));

// A calendar date ("2026-10-01") in the page's language: 2026年10月1日 / Oct 1, 2026.
export function day(iso) {
  if (!iso) return "-";
  const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

// A month ("2026-10") in the page's language: 2026年10月 / Oct 2026.
export function month(iso) {
  const [y, m] = String(iso || "").split("-").map(Number);
  if (!y || !m) return String(iso || "-");
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
