"""Per-seller schedules: due slots, the per-seller lock, dispatch, the embedded loop, the status view."""
