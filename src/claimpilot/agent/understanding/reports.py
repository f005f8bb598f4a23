"""Report kinds named in a fetch request (赔偿报告, 分类账, the ledger ...)."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

# The books' own ledger ("tie them out to the general ledger"), no Amazon report.
_BOOKS = re.compile(r"\b(?:general|nominal|accounting|our|my) ledger\b|总账|总帐", re.I)


# A kind said in the singular before another that shares the noun ("reimbursement + ledger reports").
_SHARED_NOUN = re.compile(r"\breimbursement(?=\s*(?:\+|&|,|and)\s*[\w ]{2,30}\breports?\b)", re.I)


def report_kinds(text: str) -> list[str]:
    text = _BOOKS.sub(lambda m: " " * len(m.group(0)), text)
    text = _SHARED_NOUN.sub("reimbursements", text)
    return list(dict.fromkeys(h[0] for h in find("report_kinds", text)))
