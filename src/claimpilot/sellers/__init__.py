"""Seller accounts for scheduled work: SP-API credentials (encrypted at rest) and per-seller settings."""
