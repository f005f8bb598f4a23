"""``claimpilot kb watch``: pages served by a local HTTP server, some of which change between runs; the
watcher reports the changed ones until a person accepts them, and never takes markup noise for a change."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from claimpilot.knowledge.sources import Source, load_sources
from claimpilot.knowledge.watch import accept, digest, page_text, watch

PAGE = """<html><head><title>Help</title><script>var session = "{session}";</script><style>p {{}}</style></head>
<body><nav>Sell on Amazon | Sign in</nav><main><h1>Customer return claims</h1>
<p>You can file a customer return claim no sooner than {opens} days and no later than 120 days after the
refund.</p></main><footer>© 1999-{year}, Amazon.com, Inc. or its affiliates</footer></body></html>"""


class Site:
    """What each path serves; a test edits ``pages`` between runs."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, dict]] = {}
        self.hits: list[str] = []


@pytest.fixture()
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state.hits.append(self.path)
            code, body, headers = state.pages.get(self.path, (404, "not here", {}))
            self.send_response(code)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode("utf-8"))

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def source(key: str, url: str) -> Source:
    return Source(key=key, kind="help", title=key, marketplace="US", checked=date(2026, 12, 5), states="-",
                  url=url, id="G0000TEST0001")


def sources_of(site: Site, *paths: str) -> dict[str, Source]:
    return {p.strip("/"): source(p.strip("/"), site.base + p) for p in paths}


def test_only_a_change_in_the_text_is_a_change():
    base = PAGE.format(session="a1", opens=60, year=2025)
    assert page_text(base).startswith("Customer return claims You can file")
    assert "Sign in" not in page_text(base) and "session" not in page_text(base) and "©" not in page_text(base)
    assert digest(base) == digest(PAGE.format(session="zz9", opens=60, year=2026).replace("<p>", "<p class='x'>\n"))
    assert digest(base) != digest(PAGE.format(session="a1", opens=45, year=2025))


def test_changed_pages_are_reported_until_accepted(site, tmp_path):
    site.pages = {"/returns": (200, PAGE.format(session="1", opens=60, year=2025), {}),
                  "/fees": (200, PAGE.format(session="1", opens=90, year=2025), {})}
    sources = sources_of(site, "/returns", "/fees", "/gone")

    first = watch(tmp_path, sources)
    assert {p.key: p.status for p in first.pages} == {"returns": "first_seen", "fees": "first_seen",
                                                      "gone": "unreachable"}
    assert "404" in next(p for p in first.pages if p.key == "gone").error

    site.pages["/returns"] = (200, PAGE.format(session="2", opens=45, year=2026), {})  # the window changed
    site.pages["/fees"] = (200, PAGE.format(session="2", opens=90, year=2026), {})  # only noise changed
    second = watch(tmp_path, sources)
    status = {p.key: p for p in second.pages}
    assert status["returns"].status == "changed" and status["fees"].status == "unchanged"
    assert status["returns"].checked == "2026-12-05" and status["returns"].changed_since

    third = watch(tmp_path, sources)  # still changed: nobody has reviewed it
    assert [p.key for p in third.by_status("changed")] == ["returns"]
    assert [p.changed_since for p in third.by_status("changed")] == [status["returns"].changed_since]

    assert accept(tmp_path, ["returns"], sources) == ["returns"]
    assert watch(tmp_path, sources).by_status("changed") == []


def test_redirects_and_plain_http_elsewhere_are_refused_without_connecting(site, tmp_path):
    site.pages = {"/moved": (301, "", {"Location": "http://example.com/help"}),
                  "/here": (302, "", {"Location": "/returns"}),
                  "/returns": (200, PAGE.format(session="1", opens=60, year=2025), {})}
    sources = {**sources_of(site, "/moved", "/here"), "outside": source("outside", "http://example.com/x")}
    report = {p.key: p for p in watch(tmp_path, sources).pages}
    assert report["moved"].status == "refused" and "example.com" in report["moved"].error
    assert report["outside"].status == "refused"
    assert report["here"].status == "first_seen"  # a redirect on this machine is followed
    assert "/x" not in site.hits


def test_every_page_the_corpus_the_policy_data_and_the_filing_paths_cite_is_watched():
    from claimpilot.knowledge.corpus import load_corpus
    from claimpilot.tools.audit.policy_loader import accepted_marketplaces, load_policy
    from claimpilot.tools.cases.policy import filing_paths

    cited = {k for p in load_corpus() for k in p.sources}
    for market in accepted_marketplaces():
        cited |= {k for entries in load_policy(market).sections.values() for e in entries for k in e["sources"]}
    for path in filing_paths().values():
        cited |= set(path["source"] if isinstance(path["source"], list) else [path["source"]])
    sources = load_sources()
    assert cited == set(sources)  # nothing cited without a source entry, no source nobody cites
    watched = {k for k, s in sources.items() if s.url}
    assert watched == {k for k, s in sources.items() if s.kind != "claimpilot"}
    assert all(sources[k].url.startswith("https://") for k in watched)


def test_the_command_and_the_job(site, tmp_path, monkeypatch):
    from claimpilot.cli import app
    from claimpilot.config import Settings
    from claimpilot.jobs.kinds import JOB_KINDS, JobContext

    site.pages = {"/returns": (200, PAGE.format(session="1", opens=60, year=2025), {})}
    listed = tmp_path / "sources.yaml"
    listed.write_text(f"""sources:
  returns:
    kind: help
    id: G9N934L7Y4SFWPJ4
    marketplace: US
    title: Customer return claims
    url: {site.base}/returns
    checked: 2026-12-05
    states: 60 to 120 days
""", encoding="utf-8")
    monkeypatch.setenv("CLAIMPILOT_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    out = runner.invoke(app, ["kb", "watch", "--sources", str(listed)])
    assert out.exit_code == 0 and "1 first seen" in out.output

    site.pages["/returns"] = (200, PAGE.format(session="2", opens=45, year=2025), {})
    out = runner.invoke(app, ["kb", "watch", "--sources", str(listed), "--json"])
    assert out.exit_code == 3
    payload = json.loads(out.stdout)
    assert payload["counts"]["changed"] == 1 and payload["pages"][0]["key"] == "returns"

    settings = Settings(home=tmp_path / "home", _env_file=None)
    ctx = JobContext("s1", "policy_watch", "2026-12-05", date(2026, 12, 5), {"sources": str(listed)})
    assert JOB_KINDS["policy_watch"](settings, ctx)["changed"] == ["returns"]

    out = runner.invoke(app, ["kb", "watch", "--sources", str(listed), "--accept", "returns"])
    assert out.exit_code == 0 and "returns" in out.output
    assert runner.invoke(app, ["kb", "watch", "--sources", str(listed)]).exit_code == 0
    assert runner.invoke(app, ["kb", "watch", "--sources", str(listed), "--accept", "nowhere"]).exit_code == 2
