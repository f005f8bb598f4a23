"""The evidence vault, local folder and S3-compatible storage alike: put, get, list, exists, delete by key, one
seller's keys out of another's reach, a put whole or not at all."""

from __future__ import annotations

import pytest

from claimpilot.config import EvidenceSettings, Settings
from claimpilot.tools.reports.vault import EvidenceMissing, EvidenceUnavailable, InvalidEvidenceKey, open_vault


@pytest.fixture(params=["local", "s3"])
def backend_settings(request, isolated_home) -> Settings:
    """Settings whose evidence is in a local folder, or in this test's bucket of the S3 gateway."""
    if request.param == "s3":
        request.getfixturevalue("s3_evidence")
    return Settings(home=isolated_home, _env_file=None)


def test_put_get_list_exists_delete(backend_settings, tmp_path):
    vault = open_vault(backend_settings, "acme")
    assert vault.list() == [] and not vault.exists("a.tsv")
    vault.put("a.tsv", b"Date\tFNSKU\n")
    source = tmp_path / "ledger.tsv.gz"
    source.write_bytes(b"\x1f\x8b" + bytes(range(256)) * 40)
    vault.put_file("b.tsv.gz", source)
    vault.put("financial-events/e.json", b'{"FinancialEvents":{}}')
    assert vault.list() == ["a.tsv", "b.tsv.gz", "financial-events/e.json"]
    assert vault.list("financial-events/") == ["financial-events/e.json"]
    assert vault.get("a.tsv") == b"Date\tFNSKU\n" and vault.get("b.tsv.gz") == source.read_bytes()
    vault.get_file("b.tsv.gz", tmp_path / "back")
    assert (tmp_path / "back").read_bytes() == source.read_bytes()
    vault.put("a.tsv", b"replaced")
    assert vault.get("a.tsv") == b"replaced"
    vault.delete("a.tsv")
    vault.delete("a.tsv")  # nothing there: no error
    assert not vault.exists("a.tsv") and vault.exists("b.tsv.gz")
    with pytest.raises(EvidenceMissing, match="a.tsv"):
        vault.get("a.tsv")


def test_one_seller_cannot_reach_anothers_keys(backend_settings):
    acme, globex = open_vault(backend_settings, "acme"), open_vault(backend_settings, "globex")
    acme.put("secret.tsv", b"acme's ledger")
    assert globex.list() == [] and not globex.exists("secret.tsv")
    with pytest.raises(EvidenceMissing):
        globex.get("secret.tsv")
    for escape in ("../acme/evidence/secret.tsv", "../../sellers/acme/evidence/secret.tsv", "/secret.tsv",
                   "./secret.tsv", "a/../../acme/secret.tsv", "", "x\\..\\secret.tsv"):
        with pytest.raises(InvalidEvidenceKey):
            globex.get(escape)
        with pytest.raises(InvalidEvidenceKey):
            globex.put(escape, b"overwrite")
    with pytest.raises(InvalidEvidenceKey):
        open_vault(backend_settings, "../acme")
    globex.delete("secret.tsv")
    assert acme.get("secret.tsv") == b"acme's ledger"


def test_s3_needs_a_bucket():
    with pytest.raises(ValueError, match="bucket"):
        EvidenceSettings(backend="s3")


def test_unreachable_storage_is_a_clear_error_without_the_secret(s3_evidence, isolated_home):
    settings = Settings(home=isolated_home, _env_file=None)
    gone = settings.model_copy(update={"evidence": settings.evidence.model_copy(
        update={"bucket": "no-such-bucket", "max_attempts": 1})})
    vault = open_vault(gone, "acme")
    with pytest.raises(EvidenceUnavailable) as caught:
        vault.put("a.tsv", b"x")
    message = str(caught.value)
    assert "no-such-bucket" in message and "a.tsv" in message and "(" in message  # the storage's own code
    secret = settings.evidence.secret_access_key.get_secret_value()
    assert secret not in message and secret not in repr(settings) and secret not in str(settings.model_dump())
