"""Passwords never cross the network in clear (plain IMAP or SMTP only to this machine), and one seller's
mailbox is never read or used for another seller account."""

from __future__ import annotations

import ipaddress

SECURITY_MODES = ("ssl", "starttls", "plain")


def is_local(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_secure_or_local(security: str, host: str, what: str) -> None:
    """Raise ValueError for an unknown mode, or for plain (unencrypted) to a host other than this machine."""
    if security not in SECURITY_MODES:
        raise ValueError(f"{what} security must be one of {', '.join(SECURITY_MODES)}, not {security!r}")
    if security == "plain" and not is_local(host):
        raise ValueError(f"{what} without encryption is allowed only to this machine, not to {host!r}; "
                         "use ssl or starttls")


class NotThisSellersMailbox(PermissionError):
    """The configured mailbox and sender belong to another seller account."""


def require_mailbox_owner(settings) -> None:
    """Raise unless ``settings.seller_id`` is the seller the mailbox belongs to (``buyers.seller_id``)."""
    owner = settings.buyers.seller_id
    if settings.seller_id != owner:
        raise NotThisSellersMailbox(f"the configured mailbox and sender belong to seller account {owner!r}, "
                                    f"not {settings.seller_id!r} (CLAIMPILOT_BUYERS__SELLER_ID)")
