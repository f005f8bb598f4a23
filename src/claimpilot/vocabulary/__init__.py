"""The words of the domain, each an enum, and their names in Chinese and English.

Claim types, claim and finding statuses, denial reasons, buyer intents,
shipment kinds, states and alerts, report kinds, job kinds: every other package keys its
rules, templates and translations by these members, and every label a person
reads (web page, chat, CLI, digest) comes from ``label(member, lang)``
(``names/<lang>.yaml``). A member is a ``str``: it compares equal to its
stored value, so the operational store and the JSON answers keep plain strings.
"""

from claimpilot.vocabulary.labels import LANGUAGES, label, labels
from claimpilot.vocabulary.terms import (
    AWAITING_STATUSES,
    FILED_STATUSES,
    OPEN_STATUSES,
    UNFILED_STATUSES,
    AlertKind,
    BuyerFlag,
    BuyerIntent,
    ClaimStatus,
    ClaimType,
    DenialReason,
    FindingStatus,
    JobKind,
    ReportKind,
    ShipmentKind,
    ShipmentState,
)

__all__ = [
    "AWAITING_STATUSES", "FILED_STATUSES", "LANGUAGES", "OPEN_STATUSES", "UNFILED_STATUSES", "AlertKind",
    "BuyerFlag", "BuyerIntent", "ClaimStatus", "ClaimType", "DenialReason", "FindingStatus", "JobKind", "ReportKind",
    "ShipmentKind",
    "ShipmentState", "label", "labels",
]
