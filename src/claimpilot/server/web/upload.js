// Report upload with a progress bar; each file is imported on its own: imported, skipped (what it is), refused (where).

import { upload } from "./api.js";
import { h, table, toast } from "./dom.js";
import { currentLang, named, number, t } from "./i18n.js";

export function wireUpload(getSeller) {
  const form = document.getElementById("upload-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const files = document.getElementById("upload-files").files;
    if (!files.length) return;
    const bar = document.getElementById("upload-progress");
    const status = document.getElementById("upload-status");
    const result = document.getElementById("upload-result");
    const button = form.querySelector("button");
    bar.hidden = false;
    bar.value = 0;
    result.textContent = "";
    button.disabled = true;
    status.textContent = t("upload.sending");
    try {
      let res;
      try {
        res = await upload(`/api/sellers/${encodeURIComponent(getSeller())}/reports`, files, (p) => {
          bar.value = Math.round(p * 100);
          if (p >= 1) status.textContent = t("upload.importing");
        });
      } catch (err) {
        if (!(err.status === 422 && err.detail && Array.isArray(err.detail.refused))) throw err;
        res = err.detail;  // some files were refused; the others were imported
        toast(t("upload.failed"), true);
      }
      bar.value = 100;
      status.textContent = t("upload.summary", {
        files: res.files.length, rows: number(res.rows_added), skipped: res.skipped.length, refused: res.refused.length });
      if (res.files.length) result.append(table([
        { label: t("upload.file"), value: (r) => r.name },
        { label: t("upload.kind"), value: (r) => named("report", r.kind) },
        { label: t("upload.rows"), value: (r) => number(r.rows_read), className: "num" },
        { label: t("upload.added"), value: (r) => number(r.rows_added), className: "num" },
        { label: t("upload.duplicates"), value: (r) => number(r.duplicates_skipped), className: "num" },
      ], res.files));
      if (res.skipped.length) {
        result.append(h("h3", {}, t("upload.skipped")));
        result.append(table([
          { label: t("upload.file"), value: (r) => r.name },
          { label: t("upload.what"), value: (r) => (currentLang() === "zh" && r.what_zh) || r.what },
        ], res.skipped));
      }
      if (res.refused.length) {
        result.append(h("h3", { class: "error" }, t("upload.refused")));
        result.append(table([
          { label: t("upload.file"), value: (r) => r.name },
          { label: t("upload.row"), value: (r) => r.row ?? "", className: "num" },
          { label: t("upload.column"), value: (r) => r.column ?? "" },
          { label: t("upload.value"), value: (r) => r.value ?? "" },
          { label: t("upload.why"), value: (r) => (currentLang() === "zh" && r.message_zh) || r.message },
        ], res.refused));
      }
      if (res.coverage && res.coverage.length) {
        const lang = currentLang() === "zh" ? "zh" : "en";
        result.append(h("h3", {}, t("upload.missing")));
        result.append(h("ul", {}, ...res.coverage.map((g) =>
          h("li", {}, `${g.text[lang]} — ${t("upload.where")}: ${g.where[lang]}`))));
      }
    } catch (err) {
      status.textContent = "";
      result.append(h("p", { class: "error" }, err.message));
      toast(t("upload.failed"), true);
    } finally {
      button.disabled = false;
    }
  });
}
