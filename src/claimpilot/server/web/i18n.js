// Page strings in Chinese and English, from one JSON dictionary per language.

const LANGS = ["zh", "en"];
let lang = localStorage.getItem("claimpilot.lang")
  || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
let dict = {};

export const currentLang = () => lang;

export async function loadLang(next) {
  lang = LANGS.includes(next) ? next : "en";
  const res = await fetch(`/static/i18n/${lang}.json`, { credentials: "same-origin" });
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

export const otherLang = () => (lang === "zh" ? "en" : "zh");

export function money(value, currency, digits = 2) {
  const n = Number(value || 0);
  const locale = lang === "zh" ? "zh-CN" : "en-US";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency || "USD",
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
