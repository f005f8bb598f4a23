"""The marketplace an utterance names (德国站, the UK store, japan, a bare code such as "UK claims"):
the most specific one wins."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

# A marketplace's code typed on its own, in capitals ("UK claims", "DE的索赔"); "us" in lower case is a word.
_CODE = re.compile(r"(?<![A-Za-z0-9-])(US|UK|GB|DE|FR|IT|ES|JP|CA|MX|uk|jp)(?![A-Za-z0-9$-])")


def marketplace(text: str) -> str | None:
    hits = [h for h in find("marketplaces", text)]
    specific = [h for h in hits if h[0] != "EU"]
    chosen = specific or hits
    if chosen:
        return chosen[0][0]
    code = _CODE.search(text)
    return None if code is None else ("UK" if code.group(1) == "GB" else code.group(1).upper())
