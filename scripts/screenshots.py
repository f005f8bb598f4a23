"""Screenshots of every page of the web workspace over the demo seller, in Chinese and English, on a phone
(390 px) and a laptop (1366 px): ``make screenshots`` (``python scripts/screenshots.py [OUT]``, default
``docs/screenshots``).

A fresh home under ``work``: the demo seller's reports uploaded and audited through the real server
(uvicorn on a loopback port), one admin signed in, headless Chromium (Debian's ``/usr/bin/chromium``
through Playwright, a test dependency) opening each view. Files are ``<view>-<lang>-<width>.png``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

VIEWS = ("dashboard", "claims", "case", "file", "upload", "shipments", "buyers", "chat", "jobs", "settings")
WIDTHS = (390, 1366)
LANGS = ("zh", "en")
EMAIL, PASSWORD, SELLER = "demo@claimpilot.local", "demo-password-1", "demo"
CHROMIUM = "/usr/bin/chromium"


@contextmanager
def _serving(app) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _prepare(work: Path, seed: int):
    """The app over a fresh home holding the demo seller's reports, audited, and its admin."""
    from fastapi.testclient import TestClient

    from claimpilot.accounts import members
    from claimpilot.config import Settings
    from claimpilot.sandbox.demo_seller import generate
    from claimpilot.server.app import create_app

    settings = Settings(home=work / "home", _env_file=None, server={"rate_limit_per_minute": 100_000})
    app = create_app(settings)
    with app.state.sessions() as db:
        user = members.create_user(db, EMAIL, PASSWORD, "Demo")
        members.grant(db, user, SELLER, "admin")
        _, token = members.create_api_key(db, user, "screenshots")
        db.commit()
    files = generate(seed=seed, as_of=date.today(), skus=120).write(work / "reports")
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        parts = [("files", (p.name, p.read_bytes())) for p in files]
        client.post(f"/api/sellers/{SELLER}/reports", files=parts, headers=headers).raise_for_status()
        client.post(f"/api/sellers/{SELLER}/audit", json={}, headers=headers).raise_for_status()
        claims = client.get(f"/api/sellers/{SELLER}/claims", params={"status": "claimable"}, headers=headers).json()
        claim_id = claims["items"][0]["id"] if claims["items"] else None
        if claim_id is not None:
            client.post(f"/api/sellers/{SELLER}/claims/{claim_id}/case", headers=headers)
    return app, claim_id


def take(out: Path, work: Path, seed: int = 7) -> list[Path]:
    """Write the screenshots into ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    app, claim_id = _prepare(work, seed)
    written: list[Path] = []
    with _serving(app) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for lang in LANGS:
                for width in WIDTHS:
                    page = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                               locale="zh-CN" if lang == "zh" else "en-US").new_page()
                    page.goto(url)
                    page.wait_for_selector(f"body[data-rendered='login.{lang}']")
                    page.fill("input[name=email]", EMAIL)
                    page.fill("input[name=password]", PASSWORD)
                    page.click("#login-form button")
                    page.wait_for_selector(f"body[data-rendered='dashboard.{lang}']")
                    for view in VIEWS:
                        if view == "case" and claim_id is None:
                            continue
                        page.evaluate(f"location.hash = '#/{view}{'/' + str(claim_id) if view == 'case' else ''}'")
                        page.wait_for_selector(f"body[data-rendered='{view}.{lang}']")
                        path = out / f"{view}-{lang}-{width}.png"
                        page.screenshot(path=str(path), full_page=True)
                        written.append(path)
                    page.context.close()
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    import shutil
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    scratch = Path("var/screenshots")
    shutil.rmtree(scratch, ignore_errors=True)
    for written in take(target, scratch):
        print(written)
