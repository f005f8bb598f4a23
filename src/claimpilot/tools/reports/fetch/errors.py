"""Errors of a fetch, worded for the seller; never carrying a secret."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch step failed; the message says which report, range and why."""


class AuthError(FetchError):
    """Amazon (or the emulator) refused the LWA credentials."""
