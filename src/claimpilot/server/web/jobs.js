// The scheduled jobs of the selected seller account: each kind's schedule, last run and result, next run,
// failures in the last 7 days; and the recent runs with their attempts' errors.

import { get, post } from "./api.js";
import { h, table, toast } from "./dom.js";
import { dateTime, named, t } from "./i18n.js";
import { may } from "./session.js";

// Whether this server can run a job now on request (its API lists the route); asked once per page load.
const RUN_ROUTE = "/api/sellers/{seller_id}/jobs/{kind}/run";
let canRun = null;

async function runSupported() {
  if (canRun === null) {
    try { canRun = Boolean((await get("/openapi.json")).paths?.[RUN_ROUTE]?.post); } catch { canRun = false; }
  }
  return canRun;
}

function runButton(seller, kind) {
  return h("button", { type: "button", class: "run-now", "data-kind": kind, onclick: async (e) => {
    e.target.disabled = true;
    try {
      await post(`${base(seller)}/${encodeURIComponent(kind)}/run`);
      toast(t("jobs.run_asked", { kind: named("jobs.kind", kind) }));
      await showJobs(seller);
    } catch (err) { toast(err.message, true); e.target.disabled = false; }
  } }, t("jobs.run_now"));
}

const base = (seller) => `/api/sellers/${encodeURIComponent(seller)}/jobs`;

export function schedule(j) {
  if (j.at_utc === undefined && j.every_minutes === undefined) return j.schedule || "-";
  if (!j.at_utc && !j.every_minutes) return t("jobs.unscheduled");
  const when = j.at_utc ? t("jobs.daily", { time: j.at_utc }) : t("jobs.every", { minutes: j.every_minutes });
  return j.enabled === false ? t("jobs.off", { when }) : when;
}

function summary(result) {
  if (!result) return "";
  if (result.findings !== undefined) {
    return t("jobs.summary_scan", { findings: result.findings, created: result.claims?.created ?? 0 });
  }
  if (result.counts) {
    const parts = Object.entries(result.counts).filter(([, v]) => v).map(([k, v]) => `${named("jobs.count", k)} ${v}`);
    return parts.join(" · ");
  }
  return "";
}

const statusBadge = (status) => h("span", { class: `status status-${status || "none"}` }, named("jobs.status", status));

export async function showJobs(seller) {
  const [jobs, runs, runnable] = await Promise.all([get(base(seller)), get(`${base(seller)}/runs?limit=20`),
    runSupported()]);
  const run = runnable && may(seller, "operator");
  const box = document.getElementById("jobs-table");
  box.textContent = "";
  if (!jobs.length) box.append(h("p", { class: "note" }, t("jobs.none")));
  else box.append(table([
    { label: t("jobs.kind"), value: (j) => named("jobs.kind", j.kind) },
    { label: t("jobs.schedule"), value: (j) => schedule(j) },
    { label: t("jobs.last_status"), value: (j) => statusBadge(j.last_status) },
    { label: t("jobs.result"), value: (j) => summary(j.last_result) || (j.last_error ? t("jobs.see_error") : "-") },
    { label: t("jobs.finished"), value: (j) => dateTime(j.last_finished) },
    { label: t("jobs.next"), value: (j) => (j.due_now ? t("jobs.due_now") : dateTime(j.next_run)) },
    { label: t("jobs.failures"), value: (j) => j.failures_7d, className: "num" },
    ...(run ? [{ label: t("jobs.run_now"), value: (j) => runButton(seller, j.kind) }] : []),
  ], jobs));
  const errors = jobs.filter((j) => j.last_error);
  for (const j of errors) {
    box.append(h("p", { class: "error job-error" }, `${named("jobs.kind", j.kind)}: ${j.last_error}`));
  }
  const recent = document.getElementById("jobs-runs");
  recent.textContent = "";
  if (!runs.length) recent.append(h("p", { class: "note" }, t("jobs.no_runs")));
  else recent.append(table([
    { label: t("jobs.kind"), value: (r) => named("jobs.kind", r.kind) },
    { label: t("jobs.cycle"), value: (r) => r.cycle },
    { label: t("jobs.last_status"), value: (r) => statusBadge(r.status) },
    { label: t("jobs.queued"), value: (r) => dateTime(r.queued_at) },
    { label: t("jobs.finished"), value: (r) => dateTime(r.finished_at) },
    { label: t("jobs.attempts"), value: (r) => r.attempts.length, className: "num" },
  ], runs));
}

export function wireJobs(getSeller) {
  document.getElementById("jobs-refresh").addEventListener("click", () => showJobs(getSeller()));
}
