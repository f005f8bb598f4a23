"""``claimpilot users`` and ``claimpilot keys``: the admin commands work on the same store the server reads."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimpilot.cli import app as cli
from claimpilot.config import Settings
from claimpilot.server.app import create_app


def test_users_and_keys_made_on_the_command_line_work_against_the_server(isolated_home, monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("CP_TEST_PASSWORD", "a-long-password")
    typo = runner.invoke(cli, ["users", "add", "ops@acme.test", "-s", "acme", "-s", "acme-eu", "--role", "approver",
                               "--password-env", "CP_TEST_PASSWORD"])  # neither account exists yet
    assert typo.exit_code == 1 and "no such seller account: acme, acme-eu" in typo.output
    assert "ops@acme.test" not in runner.invoke(cli, ["users", "list"]).output  # nothing made
    r = runner.invoke(cli, ["users", "add", "ops@acme.test", "-s", "acme", "-s", "acme-eu", "--role", "approver",
                            "--password-env", "CP_TEST_PASSWORD", "--create"])
    assert r.exit_code == 0, r.output
    again = runner.invoke(cli, ["users", "add", "ops@acme.test", "-s", "acme-e", "--role", "viewer"])
    assert again.exit_code == 1 and "no such seller account: acme-e" in again.output
    listed = runner.invoke(cli, ["users", "list"]).output
    assert "ops@acme.test" in listed and "acme:approver" in listed and "acme-eu:approver" in listed
    assert runner.invoke(cli, ["users", "add", "bad", "--password-env", "CP_TEST_PASSWORD"]).exit_code == 1

    made = runner.invoke(cli, ["keys", "create", "ops@acme.test", "--name", "nightly"])
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("cp_")
    keys = runner.invoke(cli, ["keys", "list"]).output
    assert token not in keys and token.split("_")[1] in keys

    app = create_app(Settings(home=isolated_home, _env_file=None))
    with TestClient(app) as client:
        sellers = client.get("/api/sellers", headers={"X-API-Key": token}).json()
        assert {s["seller_id"] for s in sellers} == {"acme", "acme-eu"}
        login = client.post("/api/auth/login", json={"email": "ops@acme.test", "password": "a-long-password"})
        assert login.status_code == 200
        prefix = "_".join(token.split("_")[:2])
        assert runner.invoke(cli, ["keys", "revoke", prefix]).exit_code == 0
        assert client.get("/api/sellers", headers={"X-API-Key": token}).status_code == 401
