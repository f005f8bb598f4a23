"""The marketplace an utterance names (德国站, the UK store, japan, a bare code such as "UK claims"):
the most specific one wins."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

# A marketplace's code typed on its own, in capitals ("UK claims", "DE的索赔"); "us" in lower case is a word.
_CODE = re.compile(r"(?<![A-Za-z0-9-])(US|UK|GB|DE|FR|IT|ES|JP|CA|MX|AU|BR|NL|SE|PL|BE|IE|uk|jp|au)(?![A-Za-z0-9$-])"
                   r"|\b(?:claims?|ones|store|site|marketplace)\s+(us)\s*[?？!.。]*\s*$")  # "show denied claims us"


# Stores whose sellers write the day first ("since 1/10" on the Australian store is the 1st of October).
DAY_FIRST_STORES = frozenset({"UK", "AU", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "BR"})


def marketplace(text: str) -> str | None:
    hits = [h for h in find("marketplaces", text)]
    specific = [h for h in hits if h[0] != "EU"]
    chosen = specific or hits
    if chosen:
        return chosen[0][0]
    code = _CODE.search(text)
    if code is None:
        return None
    found = (code.group(1) or code.group(2)).upper()
    return "UK" if found == "GB" else found
