"""Case packets: every type in every language names the claim's identifiers,
dates and quantities, passes the compliance check, and groups as Amazon asks."""

from __future__ import annotations

import re
from datetime import date

import pytest
from cases_helpers import make_finding

from claimpilot.tools.audit.engine import RULES
from claimpilot.tools.cases import policy
from claimpilot.tools.cases.compliance import check_text
from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.packets import group_claims, render_packet
from claimpilot.tools.cases.sync import money

TYPES = list(RULES)  # every claim type the audit finds
# The marketplaces Amazon runs FBA in, with their currencies; each writes its cases in policy.language_for's language.
CURRENCY = {"US": "USD", "CA": "CAD", "MX": "MXN", "BR": "BRL", "UK": "GBP", "IE": "EUR", "DE": "EUR", "FR": "EUR",
            "IT": "EUR", "ES": "EUR", "NL": "EUR", "BE": "EUR", "PL": "PLN", "SE": "SEK", "JP": "JPY", "AU": "AUD"}
MARKETS = {m: (policy.language_for(m), currency) for m, currency in CURRENCY.items()}
# Days after the refund a customer-return claim opens, as Amazon states it for the marketplace.
RETURN_OPENS = {"US": 60, "CA": 60, "MX": 60, "BR": 60, "AU": 60, "UK": 45, "DE": 45, "FR": 45, "IT": 45, "ES": 45,
                "NL": 45, "SE": 45, "PL": 45, "BE": 45, "IE": 45, "JP": 45}
LANGUAGE_MARKERS = {"en": "Hello", "de": "Guten Tag", "fr": "Bonjour", "it": "Buongiorno", "es": "Hola",
                    "ja": "お世話になっております", "nl": "Goedendag", "pl": "Dzień dobry", "sv": "Hej"}


def claim_of(f, claim_id: int) -> Claim:
    return Claim(id=claim_id, seller_id="s", marketplace=f.marketplace, key=f.key, type=f.type, status="claimable",
                 reference_id=f.reference_id, fnsku=f.fnsku, sku=f.sku, quantity=f.quantity,
                 unit_value=money(f.unit_value), amount=money(f.amount), currency=f.currency,
                 unit_value_estimated=f.unit_value_estimated, event_date=f.event_date, window_opens=f.window_opens,
                 window_closes=f.window_closes, evidence=[{"report": e.report, "file": e.file, "row": e.row}
                                                          for e in f.evidence], detail={})


def claims_for(claim_type: str, market: str, estimated: bool = False) -> list[Claim]:
    currency = MARKETS[market][1]
    ref = {"inbound_shortage": "FBA17XYZ12", "customer_return_missing": "302-1234567-7654321"}.get(claim_type)
    out = []
    for i, qty in enumerate((3, 11)):
        fnsku = f"X00{i}K9Q{i}ZT"
        f = make_finding(type=claim_type, reference_id=ref or (fnsku if claim_type == "fee_overcharge"
                                                             else f"{96341 + i}85522"),
                         fnsku=fnsku, sku=f"MUG-{i}", quantity=qty, unit_value="7.25",
                         event_date=date(2026, 9, 14 + i), marketplace=market, currency=currency,
                         estimated=estimated and i == 1, evidence_rows=(12 + i, 40 + i))
        out.append(claim_of(f, 100 + i))
    return out


@pytest.mark.parametrize("market", sorted(MARKETS))
@pytest.mark.parametrize("claim_type", TYPES)
def test_case_text_names_every_claim_correctly_and_passes(claim_type, market):
    claims = claims_for(claim_type, market)
    packet = render_packet(claims)
    language = MARKETS[market][0]
    assert packet.language == language
    text = packet.text
    assert LANGUAGE_MARKERS[language] in text
    assert packet.compliance.ok, packet.compliance.issues
    lines = text.splitlines()
    for c in claims:
        [line] = [ln for ln in lines if c.reference_id in ln and c.fnsku in ln and c.sku in ln]
        assert re.search(rf"(?<!\d){c.quantity}(?!\d)", line)
        assert f"{c.amount:.2f} {c.currency}" in line
        assert (c.event_date.isoformat() if claim_type != "fee_overcharge" else c.window_opens.isoformat()) in line
    assert re.search(r"(?<!\d)14(?!\d)", text)  # 3 + 11 units in total
    assert f"{sum(c.amount for c in claims):.2f}" in text
    [attached] = [ln for ln in lines if "evidence.csv" in ln]
    assert re.search(r"(?<!\d)4(?!\d)", attached)  # four evidence rows attached
    assert "http" not in text
    zh = packet.explanation_zh
    assert "14" in zh and f"{sum(c.amount for c in claims):.2f}" in zh
    assert policy.filing(claim_type)["zh"] in zh
    assert min(c.window_closes for c in claims).isoformat() in zh


@pytest.mark.parametrize("market", sorted(MARKETS))
def test_estimated_unit_value_asks_for_the_invoice(market):
    claims = claims_for("warehouse_lost", market, estimated=True)
    packet = render_packet(claims)
    assert packet.compliance.ok, packet.compliance.issues
    invoice_word = {"en": "invoice", "de": "rechnung", "fr": "facture", "it": "fattura", "es": "factura",
                    "ja": "請求書", "nl": "factuur", "pl": "faktur", "sv": "faktura"}[MARKETS[market][0]]
    assert invoice_word in packet.text.lower()
    assert "发票" in packet.explanation_zh
    plain = render_packet(claims_for("warehouse_lost", market))
    assert invoice_word not in plain.text.lower()


def test_compliance_flags_what_amazon_rejects():
    claims = claims_for("warehouse_lost", "US")
    good = render_packet(claims).text
    assert check_text(good, "en", claims, 14).ok

    def issues(text, total=14):
        return " | ".join(check_text(text, "en", claims, total).issues)

    assert "link" in issues(good + "\nSee https://example.com/proof\n")
    assert "rejects" in issues(good.replace("Thank you.", "Otherwise we will take legal action."))
    assert "rejects" in issues(good.replace("Thank you.", "These units were definitely stolen."))
    assert "identifier" in issues(good.replace(claims[1].reference_id, "?"))
    assert "quantity 11" in issues(good.replace("| 11 unit(s)", "| 12 unit(s)"))
    assert "what is asked" in issues(re.sub(r"Please reimburse", "We note", good))
    assert "not the sum" in issues(good, total=15)
    de = render_packet(claims_for("warehouse_lost", "DE")).text
    assert "rejects" in " ".join(check_text(de.replace("Vielen Dank.", "Sonst schalten wir einen Anwalt ein."),
                                            "de", claims_for("warehouse_lost", "DE"), 14).issues)
    estimated = claims_for("warehouse_lost", "US", estimated=True)
    assert "invoice" in " ".join(check_text(good, "en", estimated, 14).issues)


def test_packets_group_by_shipment_and_hold_a_handful_of_items():
    lost = [claim_of(make_finding(reference_id=f"R{i}", fnsku=f"X{i:03d}"), i) for i in range(12)]
    inbound = [claim_of(make_finding(type="inbound_shortage", reference_id=f"FBA{i % 2}", fnsku=f"Z{i:03d}"), 50 + i)
               for i in range(6)]
    groups = group_claims(lost + inbound)
    sizes = sorted(len(g) for g in groups)
    assert sizes == [2, 3, 3, 5, 5]
    for g in groups:
        assert len({c.type for c in g}) == 1
        assert len(g) <= policy.max_items(g[0].type)
        if g[0].type == "inbound_shortage":
            assert len({c.reference_id for c in g}) == 1


@pytest.mark.parametrize("market", sorted(MARKETS))
def test_items_say_what_the_evidence_rows_show(market, tmp_path):
    from claimpilot.tools.reports.store import ReportStore

    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "ev")
    with store.connect() as conn:
        conn.execute("INSERT INTO inbound_items (shipment_id, shipment_status, seller_sku, fnsku, quantity_shipped, "
                     "quantity_received, _file, _row) VALUES ('FBA17XYZ12', 'CLOSED', 'MUG-0', 'X000K9Q0ZT', 40, 37, "
                     "'" + "f" * 64 + "', 12)")
    claims = claims_for("inbound_shortage", market)[:1]
    claims[0].evidence = [{"report": "inbound_items", "file": "f" * 64, "row": 12}]
    with store.connect(read_only=True) as conn:
        packet = render_packet(claims, conn)
    assert packet.compliance.ok, packet.compliance.issues
    [line] = [ln for ln in packet.text.splitlines() if "X000K9Q0ZT" in ln]
    assert re.search(r"(?<!\d)40(?!\d).*(?<!\d)37(?!\d)", line)


@pytest.mark.parametrize("market", sorted(MARKETS))
def test_appeals_in_every_language_answer_every_reason_and_pass(market):
    from claimpilot.tools.cases.appeals import template_appeal
    from claimpilot.tools.cases.models import Denial
    from claimpilot.tools.cases.resolution import DENIAL_REASONS

    claim = claims_for("warehouse_lost", market)[1]
    answers = set()
    for code in [*DENIAL_REASONS, "other"]:
        language, text = template_appeal(claim, Denial(reason_code=code, reason_text="closed"))
        assert language == MARKETS[market][0]
        result = check_text(text, language, [claim])
        assert result.ok, (code, result.issues)
        answers.add(text)
    assert len(answers) == len(DENIAL_REASONS) + 1  # each reason gets its own answer


def _shipment_claims(market: str, count: int) -> list[Claim]:
    """``count`` short FNSKUs of one closed shipment, with the long SKUs sellers give their listings."""
    out = []
    for i in range(count):
        f = make_finding(type="inbound_shortage", reference_id="FBA18Q7LMN42", fnsku=f"X00{i:02d}M7Q2ZT",
                         sku=f"GLASS-CARAFE-1500ML-BOROSILICATE-WITH-LID-AND-STAINLESS-FILTER-EU-VARIANT-{i:02d}",
                         quantity=2 + i, unit_value="12.40", event_date=date(2026, 9, 1), window_days=60,
                         marketplace=market, currency=CURRENCY[market], evidence_rows=(20 + i, 80 + i))
        out.append(claim_of(f, 300 + i))
    return out


@pytest.mark.parametrize("market", ["DE", "PL", "US", "JP"])
def test_a_packet_too_long_for_the_case_form_is_split_into_fewer_items_never_cut(market):
    from claimpilot.tools.cases.packets import fitting

    claims = _shipment_claims(market, 10)
    [group] = group_claims(claims)  # one shipment, ten FNSKUs: one group of Amazon's handful
    assert len(render_packet(group).text) > policy.case_form_limit() or market == "JP"
    parts = fitting(group)
    limit = policy.case_form_limit()
    assert [c.id for members, _ in parts for c in members] == [c.id for c in group]  # each claim once, in order
    if market != "JP":
        assert len(parts) >= 2
    for members, packet in parts:
        assert len(packet.text) <= limit and packet.compliance.ok, packet.compliance.issues
        assert packet.text == render_packet(members).text
        for c in members:  # every item line whole, with its quantity and amount
            [line] = [ln for ln in packet.text.splitlines() if c.fnsku in ln]
            assert c.sku in line and f"{c.amount:.2f} {c.currency}" in line
        assert str(sum(c.quantity for c in members)) in packet.text


def test_a_single_claim_longer_than_the_form_is_kept_whole_and_flagged(monkeypatch):
    from claimpilot.tools.cases.packets import fitting

    monkeypatch.setattr(policy, "case_form_limit", lambda: 400)
    [(members, packet)] = fitting(_shipment_claims("US", 1))
    assert len(members) == 1 and len(packet.text) > 400
    assert packet.text.rstrip().endswith("Thank you.")  # not cut
    assert any("longer than the case form allows" in i for i in packet.compliance.issues)


def test_packets_drafted_in_the_store_fit_the_form_and_outgrown_ones_split(service, monkeypatch):
    from claimpilot.tools.cases.models import Case
    from claimpilot.tools.cases.service import CaseService

    findings = []
    for i in range(10):
        f = make_finding(type="inbound_shortage", reference_id="FBA18Q7LMN42", fnsku=f"X00{i:02d}M7Q2ZT",
                         sku=f"GLASS-CARAFE-1500ML-BOROSILICATE-WITH-LID-AND-STAINLESS-FILTER-EU-VARIANT-{i:02d}",
                         quantity=2 + i, unit_value="12.40", event_date=date(2026, 9, 1), window_days=60,
                         marketplace="DE", currency="EUR")
        findings.append(f)
    de = CaseService(service.settings, marketplace="DE")
    de.sync(findings, date(2026, 9, 20))
    drafted = de.draft_all(date(2026, 9, 20))
    assert len(drafted) >= 2 and sum(len(p["claim_ids"]) for p in drafted) == 10
    assert all(len(p["text"]) <= policy.case_form_limit() and p["compliance_ok"] for p in drafted)

    monkeypatch.setattr(policy, "case_form_limit", lambda: 1200)  # the form shrinks: drafted packets are refitted
    again = de.draft_all(date(2026, 9, 21))
    assert len(again) > len(drafted) and sum(len(p["claim_ids"]) for p in again) == 10
    assert all(len(p["text"]) <= 1200 and p["compliance_ok"] for p in again)
    with de._reads() as s:
        from sqlalchemy import select

        stored = {c.id: len(c.claims) for c in s.scalars(select(Case))}
    assert sorted(n for n in stored.values() if n) == sorted(len(p["claim_ids"]) for p in again)
    one = de.draft_case(again[-1]["claim_ids"][0], date(2026, 9, 21))
    assert one["packet_id"] == again[-1]["packet_id"]


def test_a_claim_whose_window_closed_leaves_its_packet_and_gets_no_case(service):
    """Amazon refuses a claim filed after its window: drafted late, the packet drops it (expired), never asks for it."""
    from claimpilot.tools.cases.states import TransitionError

    early, late = (make_finding(type="inbound_shortage", reference_id="FBA18W2KQ7PD", fnsku=fnsku, quantity=3,
                                event_date=day, window_days=60)
                   for fnsku, day in (("X00EARLY01", date(2026, 9, 1)), ("X00LATE002", date(2026, 9, 25))))
    service.sync([early, late], date(2026, 10, 1))
    drafted = service.draft_all(date(2026, 10, 1))
    assert len(drafted) == 1 and len(drafted[0]["claim_ids"]) == 2  # one shipment, one packet
    first, second = sorted(drafted[0]["claim_ids"], key=lambda i: service.get_claim(i)["window_closes"])

    packet = service.draft_case(second, date(2026, 11, 5))  # the early claim's window closed on 2026-10-31
    assert packet["claim_ids"] == [second]
    assert "X00EARLY01" not in packet["text"] and "X00LATE002" in packet["text"]
    assert service.get_claim(first)["status"] == "expired"
    with pytest.raises(TransitionError, match=f"claim {first} is expired"):
        service.draft_case(first, date(2026, 11, 5))
    assert [p["claim_ids"] for p in service.draft_all(date(2026, 11, 5))] == [[second]]


def returns_claims(market: str, opens: int) -> list[Claim]:
    return [claim_of(make_finding(type="customer_return_missing", reference_id="302-1234567-7654321", fnsku="X00R",
                                  sku="MUG-R", quantity=1, event_date=date(2026, 9, 1), opens_after=opens,
                                  window_days=opens + 60, marketplace=market, currency=MARKETS[market][1]), 7)]


@pytest.mark.parametrize("market", sorted(MARKETS))
def test_time_claims_come_from_the_marketplace_window(market):
    """A customer-return packet says how long ago the refund was from the marketplace's own window: day 45 in
    Europe, the UK and Japan, where a literal "60 days" would be false for a claim sent on days 45-59."""
    days = RETURN_OPENS[market]
    packet = render_packet(returns_claims(market, days))
    first = packet.text.split("\n\n")[2]  # the paragraph stating the facts
    assert re.search(rf"(?<!\d){days}(?!\d)", first), first
    assert not re.search(rf"(?<!\d){105 - days if days == 60 else 60}(?!\d)", first)
    assert f"{days} 天" in packet.explanation_zh
    assert packet.compliance.ok, packet.compliance.issues


@pytest.mark.parametrize("market", ["US", "DE", "JP"])
def test_valuation_date_and_fee_window_come_from_policy(market):
    underpaid = render_packet(claims_for("reimbursement_underpaid", market))
    expected = {"US": "2025-03-10", "DE": "2025-03-31", "JP": "2025-03-11"}[market]
    assert expected in underpaid.text and expected in underpaid.explanation_zh
    fee = render_packet(claims_for("fee_overcharge", market))
    assert re.search(r"(?<!\d)60(?!\d)", fee.text.split("\n\n")[2])  # the claims' own window: 60 days here
    assert "2025-03-10" not in fee.text


@pytest.mark.parametrize("market", sorted(MARKETS))
@pytest.mark.parametrize(("claim_type", "first_help", "first_words"), [
    ("warehouse_lost", "G9N934L7Y4SFWPJ4", "Eligible for claim"),
    ("customer_return_missing", "G9N934L7Y4SFWPJ4", "Eligible for claim"),
    ("inbound_shortage", "GR384ESWC8HH8667", "Missing - please research"),
    ("fee_overcharge", "GL7U4JFSDXUTQAJ", "one claim per fee charge"),
    ("reimbursement_underpaid", "G9N934L7Y4SFWPJ4", "Resolved"),
])
def test_the_explanation_sends_the_seller_to_amazons_current_path(market, claim_type, first_help, first_words):
    where = policy.filing(claim_type, market)
    assert where["help"][0] == first_help and first_words in where["how"].split("(2)")[0]
    assert first_help in where["zh"]
    packet = render_packet(claims_for(claim_type, market))
    assert where["zh"] in packet.explanation_zh
    assert "Investigate" not in packet.explanation_zh and "Request reimbursement" not in packet.explanation_zh
    if claim_type == "inbound_shortage":
        assert "Contact Us" in where["zh"]  # damaged inbound units


@pytest.mark.parametrize(("claim_type", "words"), [
    ("customer_return_missing", "亚马逊可能支付退款减去其费用后的金额"),
    ("warehouse_lost", "制造成本"),
    ("fee_overcharge", "费用之差"),
])
def test_the_explanation_says_on_what_the_value_rests(claim_type, words):
    for market in ("US", "UK", "JP"):
        assert words in render_packet(claims_for(claim_type, market)).explanation_zh
