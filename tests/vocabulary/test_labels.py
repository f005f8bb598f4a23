"""Every word of the domain has a name in every language, so no screen shows a raw code."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

import claimpilot.vocabulary as vocabulary
from claimpilot.vocabulary import LANGUAGES, ClaimType, label, labels

ENUMS = [v for v in vars(vocabulary).values() if isinstance(v, type) and issubclass(v, StrEnum)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_member_of_every_enum_has_a_name(lang):
    for enum in ENUMS:
        for member in enum:
            name = label(member, lang)
            assert name.strip() and name != member.value, f"{enum.__name__}.{member.name} in {lang}: {name!r}"


def test_the_label_files_name_nothing_the_vocabulary_lacks():
    for lang in LANGUAGES:
        for enum_name, names in labels(lang).items():
            enum = getattr(vocabulary, enum_name)
            assert set(names) == {m.value for m in enum}, f"{lang}.yaml {enum_name}"


def test_chinese_names_are_chinese_and_english_names_are_not():
    han = re.compile(r"[\u4e00-\u9fff]")
    for member in ClaimType:
        assert han.search(label(member, "zh")) and not han.search(label(member, "en"))
    assert label(ClaimType.WAREHOUSE_LOST, "fr") == label(ClaimType.WAREHOUSE_LOST, "en")
