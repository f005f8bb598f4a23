"""The offline language-understanding layer: intent plus slots plus thread state.

    u = understand("本周到期的仓丢索赔", today=date(2026, 11, 4), subject={})
    u.tool, u.args, u.lang   # list_claims, {type, status, closes_from, closes_by}, zh

One module per resolver: ``normalize`` (typos, traditional characters), ``language``, ``ids``, ``claim_types`` (with
``loss_stories.yaml``, a loss told without its name, and ``situations``, one told by meaning), ``statuses``,
``dates`` (with ``named_days``, 黑五 and Halloween, and ``days_in_passing``, days of the seller's own work that filter
nothing), ``amounts``, ``places``,
``denials``, ``reports``, ``shipments``; ``completion`` reads a bare number or id given after "which claim?" as
the request asked before; ``story`` leaves out the days and sums of a story told before the request,
``slips`` takes what follows a slip taken back (哦不对不是日本 澳洲站); ``intent`` picks the tool (its cues in
``cues.yaml``, the words in ``lexicon.yaml``); ``plan`` turns the slots into that tool's arguments, ``filters`` into a
list's filters; ``followups`` asks the thread's last list again with one filter changed (or its store, or the last
rule of another store); ``thread`` keeps the subject.
"""

from claimpilot.agent.understanding.plan import Understanding, understand

__all__ = ["Understanding", "understand"]
