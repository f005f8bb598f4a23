"""Helpers of the logistics tests: Settings pointed at a 17TRACK emulator."""

from __future__ import annotations

from claimpilot.config import Settings


def logistics_settings(home, emu, **extra) -> Settings:
    """Settings whose 17TRACK is ``emu``, with fast retries and the given extra logistics values."""
    track = {"base_url": emu.url, "api_key": emu.state.api_key, "webhook_key": emu.state.webhook_key,
             "backoff_s": 0.01, "backoff_max_s": 0.05, "max_retries": 5}
    alerts = {"backoff_s": 0.01, "max_retries": 3, "timeout_s": 5, **extra.pop("alerts", {})}
    return Settings(home=home, _env_file=None, language=extra.pop("language", "en"),
                    logistics={"track17": track, "alerts": alerts, **extra})
