"""Headless Chromium for the web-page tests: Debian's binary and its flags, skipping (saying why) when it or
Playwright is missing, signing in as a member, what a reader checks on a page (sideways scroll, axe-core's
serious violations), and tests/server's live-server helpers for tests elsewhere."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def sync_playwright_or_skip():
    """Playwright's ``sync_playwright``, or the test skipped with what to install."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM} missing): apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the 'playwright' Python package is not installed: pip install -e '.[test]'")
    return sync_playwright


def log_in(page, url: str, email: str, password: str) -> None:
    """Open the page at ``url`` in English and sign in; returns once the dashboard shows."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    page.evaluate("localStorage.setItem('claimpilot.lang', 'en')")
    page.reload()
    page.wait_for_selector("#view-login:not([hidden])")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("#login-form button")
    page.wait_for_selector("#view-dashboard:not([hidden])")


def server_utils():
    """``tests/server/server_utils.py`` (the live uvicorn server, members and their keys), loaded once."""
    if "server_utils" not in sys.modules:
        path = Path(__file__).resolve().parent / "server" / "server_utils.py"
        spec = importlib.util.spec_from_file_location("server_utils", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["server_utils"] = module
        spec.loader.exec_module(module)
    return sys.modules["server_utils"]


def axe_source_or_skip() -> str:
    """axe-core's script (installed from the npm registry by ``make webdeps``), or the test skipped."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE} missing): make webdeps")
    return AXE.read_text("utf-8")


def serious_violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical violations on what ``page`` shows now, one line each (rule: targets).
    The script is evaluated through the debugging protocol, so the page's own CSP still holds for the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }""")
    return list(result)


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no sideways scroll)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
