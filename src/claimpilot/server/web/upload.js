// Report upload with a progress bar; the server imports all files or none.

import { upload } from "./api.js";
import { h, table, toast } from "./dom.js";
import { named, number, t } from "./i18n.js";

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
      const res = await upload(`/api/sellers/${encodeURIComponent(getSeller())}/reports`, files, (p) => {
        bar.value = Math.round(p * 100);
        if (p >= 1) status.textContent = t("upload.importing");
      });
      bar.value = 100;
      status.textContent = t("upload.done", { files: res.files.length, rows: number(res.rows_added) });
      result.append(table([
        { label: t("upload.file"), value: (r) => r.name },
        { label: t("upload.kind"), value: (r) => named("report", r.kind) },
        { label: t("upload.rows"), value: (r) => number(r.rows_read), className: "num" },
        { label: t("upload.added"), value: (r) => number(r.rows_added), className: "num" },
        { label: t("upload.duplicates"), value: (r) => number(r.duplicates_skipped), className: "num" },
      ], res.files));
    } catch (err) {
      status.textContent = "";
      result.append(h("p", { class: "error" }, err.message));
      toast(t("upload.failed"), true);
    } finally {
      button.disabled = false;
    }
  });
}
