"""Chinese throughout: the server's messages by code in the reader's language, the page's dictionary naming
every vocabulary member as ``vocabulary.label`` does, and a seller's Chinese page in headless Chromium that
shows no raw code, names report kinds and file names in Chinese, and words server errors in Chinese."""

from __future__ import annotations

import re
import string
from datetime import date

from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, sync_playwright_or_skip
from claimpilot.server.page_strings import PREFIXES
from claimpilot.server.problems import catalogue
from claimpilot.vocabulary import ReportKind, label

ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}


def test_every_message_code_is_worded_in_both_languages_with_the_same_placeholders():
    en, zh = catalogue("en"), catalogue("zh")
    for section in ("messages", "where", "roles"):
        assert set(en[section]) == set(zh[section]), section
        for code, text in en[section].items():
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert fields == {f for _, f, _, _ in string.Formatter().parse(zh[section][code]) if f}, code


def test_the_server_answers_in_the_readers_language_by_a_stable_code(client, alice):
    wrong = {"email": alice.email, "password": "not it"}
    r = client.post("/api/auth/login", json=wrong, headers=ZH)
    assert (r.status_code, r.json()) == (401, {"detail": "邮箱或密码错误", "code": "auth_failed"})
    r = client.post("/api/auth/login", json=wrong, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert r.json() == {"detail": "wrong email or password", "code": "auth_failed"}
    assert client.post("/api/auth/login", json=wrong).json()["detail"] == "wrong email or password"

    r = client.post("/api/auth/login", json={"password": PASSWORD}, headers=ZH)
    assert r.status_code == 422 and r.json()["message"] == "“邮箱”必须填写"
    assert r.json()["detail"][0]["loc"] == ["body", "email"]  # what a program reads stays as it was

    viewer = add_member(client.app, "v@acme.test", "acme", "viewer")
    r = client.post("/api/sellers/acme/audit", json={}, headers={**viewer.headers, **ZH})
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    assert "查看者" in r.json()["detail"] and "操作员" in r.json()["detail"]
    r = client.get("/api/sellers/acme/claims/999999", headers={**alice.headers, **ZH})
    assert (r.status_code, r.json()["detail"]) == (404, "这个店铺里没有这条索赔")


def test_the_page_dictionary_names_every_vocabulary_member_as_the_vocabulary_does(client):
    for lang in ("zh", "en"):
        words = client.get(f"/i18n/{lang}.json").json()
        for enum, prefix in PREFIXES.items():
            for member in enum:
                assert words[f"{prefix}.{member.value}"] == label(member, lang)
    assert client.get("/i18n/fr.json").status_code == 404


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Latin words a Chinese seller reads as they are: Amazon's own identifiers and names, file formats, the product.
KEPT = {"FNSKU", "SKU", "ASIN", "MSKU", "FBA", "CSV", "Excel", "zip", "claimpilot", "English", "UTC", "IDR",
        "Inventory", "Ledger", "products", "csv", "POD", "LPN", "API", "Webhook"}

# What a reader sees as words of the page (not seller data): headings, labels, buttons, badges, notes, column
# names of tables and cards.
PAGE_WORDS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('main h1, main h2, main th, main label, main button, main .status,'
      + ' main .kpi-label, main p.note, main dt, main .filing h2, #upload-status, nav a, header button')) {
    if (el.offsetParent !== null || el.closest('nav')) out.push(el.innerText);
  }
  for (const td of document.querySelectorAll('main td[data-label]')) {
    if (td.offsetParent !== null) out.push(td.dataset.label);
  }
  return out;
}"""


def latin_words(texts: list[str]) -> set[str]:
    """Latin words with a small letter (an all-capital word is an id or an acronym), less the ones kept."""
    return {w for text in texts for w in LATIN_WORD.findall(text) if w not in KEPT and not w.isupper()}


def test_a_chinese_seller_sees_chinese_everywhere(app, tmp_path):
    sync_playwright = sync_playwright_or_skip()
    from claimpilot.sandbox.demo_seller import generate

    files = generate(seed=11, as_of=date.today(), skus=80).write(tmp_path / "reports")
    odd = tmp_path / "库存报告2026.csv"
    odd.write_text("foo,bar\n1,2\n", encoding="utf-8")
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    problems: dict[str, set[str]] = {}
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
            page.goto(server.url)
            page.wait_for_selector("body[data-rendered='login.zh']")  # Chinese by default for a Chinese browser
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")

            page.click("a[href='#/upload']")
            page.set_input_files("#upload-files", [str(odd)])
            page.click("#upload-form button")
            page.wait_for_selector("#upload-status:has-text('已导入 0 个文件')")
            assert "库存报告2026.csv" in page.inner_text("#upload-result")  # the name as the seller gave it
            assert "不是 claimpilot 读取的亚马逊报告" in page.inner_text("#upload-result")  # what it is, in Chinese

            page.set_input_files("#upload-files", [str(p) for p in files])
            page.click("#upload-form button")
            page.wait_for_selector(f"#upload-status:has-text('已导入 {len(files)} 个文件')", timeout=60_000)
            kinds = set(page.locator("#upload-result td[data-label='报告类型']").all_inner_texts())
            assert label(ReportKind.LEDGER, "zh") in kinds and not {k.value for k in ReportKind} & kinds
            problems["upload"] = latin_words(page.evaluate(PAGE_WORDS_JS))

            page.click("a[href='#/dashboard']")
            page.click("#run-audit")
            page.wait_for_selector("#audit-note:has-text('审计完成')", timeout=60_000)
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            problems["dashboard"] = latin_words(page.evaluate(PAGE_WORDS_JS))

            page.click("a[href='#/claims']")
            page.wait_for_selector("#claims-table tbody tr")
            page.wait_for_selector("body[data-rendered='claims.zh']")
            first_date = page.inner_text("#claims-table tbody tr:first-child td[data-label='截止日期']")
            assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", first_date), first_date
            problems["claims"] = latin_words(page.evaluate(PAGE_WORDS_JS))
            page.select_option("#claim-filters select[name=status]", "claimable")
            page.click("#claim-filters button")
            page.locator("#claims-table tbody tr .status:not(.status-claimable)").first.wait_for(state="detached")

            page.click("#claims-table tbody tr:first-child")
            page.wait_for_selector("body[data-rendered='case.zh']")
            page.click("#draft-case")
            page.wait_for_selector("#case-text")
            filing = page.inner_text("#case .filing")
            assert "提交位置" in filing and re.search(r"[\u4e00-\u9fff]{8}", filing.split("\n", 1)[1])
            problems["case"] = latin_words(page.evaluate(PAGE_WORDS_JS))
            notes = page.locator("#case td[data-label='说明']").all_inner_texts()  # the history, in Chinese too
            assert "审计发现" in notes and not latin_words(notes), notes

            for view in ("file", "shipments", "buyers", "chat", "jobs", "settings"):
                page.click(f"a[href='#/{view}']")
                page.wait_for_selector(f"body[data-rendered='{view}.zh']")
                problems[view] = latin_words(page.evaluate(PAGE_WORDS_JS))
        finally:
            browser.close()
    assert not any(problems.values()), {k: sorted(v) for k, v in problems.items() if v}
