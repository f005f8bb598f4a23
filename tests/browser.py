"""Headless Chromium for the web-page tests: Debian's binary and its flags, skipping (saying why) when it or
Playwright is missing, signing in as a member, and tests/server's live-server helpers for tests elsewhere."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
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
