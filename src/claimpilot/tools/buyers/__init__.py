"""Buyer messages: intake (IMAP relay mail, the API), intent and facts, reply drafts (templates or the
configured model), compliance, the approval queue, exactly-once sending, follow-up tasks, product sheets."""
