"""Product questions answered from the seller's own sheet, or held with a one-line Chinese note: only an entry
about what the buyer asks, in the buyer's language, clearly nearest, answers; a sheet that cannot be read names
the file and the entry. And the reading of a message that asks for a return because the item came broken or
wrong."""

from __future__ import annotations

import pytest

from claimpilot.config import Settings
from claimpilot.tools.buyers.products import SheetError, answer, list_sheets, parse_sheet, question_note_zh, save_sheet

ASIN = "B0CHX1W2Y3"
SHEET = """asin: B0CHX1W2Y3
title: Glass carafe 1.5 l
specs:
  capacity:
    en: The carafe holds 1.5 litres.
    de: Die Karaffe fasst 1,5 Liter.
    fr: La carafe contient 1,5 litre.
  dishwasher:
    en: Yes, the carafe and the lid are dishwasher safe.
    de: Ja, Karaffe und Deckel sind spülmaschinenfest.
  material: Borosilicate glass, stainless steel lid.
faq:
  - q: Can it hold boiling water?
    a:
      en: Yes, the borosilicate glass takes boiling water.
      fr: Oui, le verre borosilicate supporte l'eau bouillante.
      de: Ja, das Borosilikatglas verträgt kochendes Wasser.
compatibility:
  - en: The lid fits the 1.5 l carafes of this series only.
    de: Der Deckel passt nur auf die 1,5-l-Karaffen dieser Serie.
"""


@pytest.fixture(scope="module")
def sheet_settings(tmp_path_factory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("home"), _env_file=None)
    save_sheet(settings, SHEET)
    return settings


@pytest.mark.parametrize("lang, question, expected", [
    ("de", "Hallo, ist die Karaffe spülmaschinenfest? Bestellnummer 302-4417023-8816374",
     "Ja, Karaffe und Deckel sind spülmaschinenfest."),
    ("de", "Wie viel passt in die Karaffe?", "Die Karaffe fasst 1,5 Liter."),
    ("fr", "Bonjour, peut-on verser de l'eau bouillante dans la carafe ?",
     "Oui, le verre borosilicate supporte l'eau bouillante."),
    ("en", "Can I put it in the dishwasher?", "Yes, the carafe and the lid are dishwasher safe."),
    ("en", "how much does it hold?", "The carafe holds 1.5 litres."),
    ("en", "What material is the carafe made of?", "Borosilicate glass, stainless steel lid."),
])
def test_the_sheet_answers_in_the_buyers_language(sheet_settings, lang, question, expected):
    found, entry = answer(sheet_settings, ASIN, question, lang)
    assert found == expected, entry


@pytest.mark.parametrize("lang, question, topic", [
    ("fr", "Est-ce que ça passe au lave-vaisselle ?", "清洗方式"),  # the sheet says it in English and German only
    ("en", "Does it come with a spare filter?", "包装内容"),  # not on the sheet
    ("en", "What is the diameter of the opening?", "尺寸"),
    ("it", "È adatta alla lavastoviglie?", "清洗方式"),  # nothing in Italian
    ("de", "Hat die Karaffe eine Garantie?", "保修"),
])
def test_a_question_the_sheet_cannot_answer_is_held_with_a_chinese_note(sheet_settings, lang, question, topic):
    found, _ = answer(sheet_settings, ASIN, question, lang)
    assert found is None
    note = question_note_zh(question, ASIN)
    assert topic in note and ASIN in note and "\n" not in note


def test_no_sheet_no_answer(sheet_settings):
    assert answer(sheet_settings, "B000000000", "Is it dishwasher safe?", "en") == (None, None)
    assert answer(sheet_settings, None, "Is it dishwasher safe?", "en") == (None, None)
    assert list_sheets(sheet_settings) == [{"asin": ASIN, "title": "Glass carafe 1.5 l", "entries": 5}]


@pytest.mark.parametrize("text, message", [
    ("asin: B0CHX1W2Y\ntitle: x\n", "'asin' must be 10 letters or digits"),
    ("asin: B0CHX1W2Y3\nprice: 3\n", "unknown keys ['price']"),
    ("asin: B0CHX1W2Y3\nfaq:\n  - q: Is it big?\n", "faq entry 1 needs 'q' and 'a'"),
    ("asin: B0CHX1W2Y3\nspecs:\n  capacity: {english: big}\n", "specs.capacity: language keys must be two letters"),
    ("asin: [B0CHX1W2Y3\n", "not valid YAML"),
])
def test_a_sheet_that_cannot_be_read_names_the_file_and_the_entry(text, message):
    with pytest.raises(SheetError, match="B0CHX1W2Y3.yaml") as err:
        parse_sheet(text, "B0CHX1W2Y3.yaml")
    assert message in str(err.value)


@pytest.mark.parametrize("text, intent", [
    ("The mug arrived cracked, I want a refund please.", "damaged"),
    ("Die Tasse kam zerbrochen an, ich möchte sie zurückschicken.", "damaged"),
    ("注文した商品が届きましたが、割れていました。交換をお願いできますか？", "damaged"),
    ("I got the wrong colour, I ordered black. How do I exchange it?", "wrong_item"),
    ("I changed my mind and would like to return it for a refund.", "return_refund"),
])
def test_a_return_asked_because_the_item_came_broken_or_wrong_is_read_as_such(text, intent):
    from claimpilot.tools.buyers.intent import classify

    assert classify(text).intent == intent


@pytest.mark.parametrize("lang, question, expected", [
    ("de", "Kann man heißen Tee einfüllen?", "Ja, das Borosilikatglas verträgt kochendes Wasser."),
    ("fr", "Quelle est la contenance ?", "La carafe contient 1,5 litre."),
    ("en", "Is the lid made of plastic?", "Borosilicate glass, stainless steel lid."),
    ("en", "What is the diameter of the lid? Will it fit my old Bodum filter?", None),  # half of it on the sheet
    ("de", "Ist der Deckel aus Plastik?", None),  # the material is on the sheet in English only
])
def test_an_entry_about_what_is_asked_answers_it_and_half_an_answer_is_held(sheet_settings, lang, question, expected):
    assert answer(sheet_settings, ASIN, question, lang)[0] == expected
