"""Fixtures: a real Dovecot mailbox and a real SMTP server, Settings pointing at them and at the SP-API emulator."""

from __future__ import annotations

import os

# One BLAS thread: the small embedding batches of the intent classifier run ~20x faster on a busy machine.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import itertools  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from claimpilot.config import Settings  # noqa: E402
from claimpilot.db.engine import dispose_all  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailservers import DOVECOT, start_dovecot, start_smtp  # noqa: E402

_users = itertools.count(1)


@pytest.fixture(scope="session")
def demo():
    from claimpilot.sandbox.demo_seller import generate

    return generate(seed=7, skus=80)


@pytest.fixture(scope="session")
def emulator(demo):
    from claimpilot.sandbox.emulator import start_emulator

    with start_emulator(demo, rate_scale=50.0) as emu:
        yield emu


@pytest.fixture(scope="session")
def order_ids(demo) -> dict[str, str]:
    """A shipped and an unshipped order of the demo seller."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(demo.report("orders").decode()), delimiter="\t"))
    by_status = {}
    for r in rows:
        by_status.setdefault(r["order-status"], r["amazon-order-id"])
    return by_status


@pytest.fixture(scope="session")
def dovecot_server():
    if not os.path.exists(DOVECOT):
        pytest.skip("Debian package dovecot-imapd is not installed (see system-packages.txt)")
    server = start_dovecot()
    yield server
    server.stop()


@pytest.fixture
def dovecot(dovecot_server):
    """The Dovecot server with a fresh, empty mailbox user for this test."""
    return dovecot_server.mailbox(next(_users))


@pytest.fixture(scope="session")
def smtp_server():
    pytest.importorskip("aiosmtpd", reason="aiosmtpd (the test extra) is not installed")
    sink = start_smtp()
    yield sink
    sink.stop()


@pytest.fixture
def smtp(smtp_server):
    smtp_server.reset()
    yield smtp_server
    smtp_server.reset()


@pytest.fixture
def mail_settings(isolated_home, dovecot, smtp, emulator, tmp_path) -> Settings:
    from spapi_seller import settings_for

    base = settings_for(emulator, isolated_home)
    values = base.model_dump()
    values["database_url"] = f"sqlite:///{tmp_path / 'ops.sqlite'}"
    values["buyers"] = {
        "imap": {"host": "127.0.0.1", "port": dovecot.port, "security": "plain", "username": dovecot.user,
                 "password": dovecot.password, "sent_mailbox": "Sent"},
        "smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "plain", "from_address": "support@seller.example"},
        "send_lease_s": 0.0,
    }
    s = Settings(_env_file=None, **values)
    yield s
    dispose_all()
