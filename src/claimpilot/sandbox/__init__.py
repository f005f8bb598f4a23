"""Everything that lets claimpilot run without a real seller: the SP-API emulator (``emulator/``), the
17TRACK emulator (``track17/``), the demo seller with its injected losses and truth (``demo_seller/``),
``claimpilot demo`` (``demo.py``), the demo's scorecard and report, scale data (``scale.py``), the chat
evaluation seller (``chat_seller.py``), and their commands (``cli.py``: demo, emulator, track emulator, eval).
"""
