"""Membership roles, ordered: each role may do what the ones before it may.

- viewer: read claims, cases, the dashboard; download packets and exports.
- operator: also upload reports, run audits and syncs, record denials, draft appeals, chat.
- approver: also mark cases submitted and approve actions the agent holds for a person.
- admin: also manage the seller account's members.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["viewer", "operator", "approver", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "operator", "approver", "admin")
RANK: dict[str, int] = {role: i for i, role in enumerate(ROLES)}


def allows(role: str, needed: Role) -> bool:
    """Whether a member holding ``role`` may do what ``needed`` may."""
    return RANK.get(role, -1) >= RANK[needed]
