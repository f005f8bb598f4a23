// The server's JSON API, with the session cookie, the header that cookie writes need, and the page's language
// (the server words its messages in it).

import { currentLang, t } from "./i18n.js";

// What the server said, in the page's language: its message (a string detail, a detail's message, or the
// first fault of a request that failed validation), else the HTTP status in words.
function said(status, body) {
  if (body && typeof body === "object") {
    if (typeof body.message === "string") return body.message;
    if (typeof body.detail === "string") return body.detail;
    if (body.detail && typeof body.detail.message === "string") return body.detail.message;
  }
  if (typeof body === "string" && body && !body.trimStart().startsWith("<")) return body;
  return status ? t("error.http", { status }) : t("error.network");
}

export class ApiError extends Error {
  constructor(status, body) {
    super(said(status, body));
    this.status = status;
    this.body = body;
    this.detail = body && typeof body === "object" && "detail" in body ? body.detail : body;
    this.code = body && typeof body === "object" ? body.code : undefined;
  }
}

const headers = () => ({ "X-Requested-With": "claimpilot", "Accept-Language": currentLang() });

export async function api(method, path, body) {
  const init = { method, credentials: "same-origin", headers: headers() };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const data = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body ?? {});

// Upload files as multipart with progress callbacks (fetch cannot report upload progress).
export function upload(path, files, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = xhr.responseText; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.send(form);
  });
}

// POST a JSON body and read the answer as server-sent events; onEvent(name, data) for each.
export async function streamEvents(path, body, onEvent) {
  const res = await fetch(path, {
    method: "POST", credentials: "same-origin",
    headers: { ...headers(), "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    let body = await res.text();
    try { body = JSON.parse(body); } catch { /* plain text */ }
    throw new ApiError(res.status, body);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data += line.slice(5).trim();
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}
