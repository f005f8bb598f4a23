"""Per-seller schedules: the slots jobs fall due in, the per-seller lock, dispatch, the embedded loop, the status view."""
