"""Amazon reports: fetching them over the SP-API (``fetch/``), recognising and importing files
(``sniff.py``, ``kinds.py``, ``importer.py``), and the seller's DuckDB store (``store.py``:
``ReportStore.for_seller(settings)``)."""
