"""Prompt, case and reply templates as readable files, per capability: ``agent/`` (the system prompt and
the offline answers, ``answers/*.j2``), ``cases/`` (case packets and appeals in each marketplace's
language), ``buyers/`` (buyer reply prompts and templates)."""
