"""The embedded scheduler (``claimpilot scheduler``, ``claimpilot status``): a loop in this process that
runs each seller's due jobs. Due slots, dispatch, locks, runs and their status are in ``jobs``."""
