"""Claims and their cases: findings synced into claims (``sync.py``), the lifecycle (``states.py``), case
packets and appeals (``packets.py``, ``appeals.py``), reimbursement matching (``resolution.py``), money
(``money.py``), exports and the claims spreadsheet (``export.py``, ``spreadsheet.py``), the service
(``service.py``) and ``refresh.py``: audit + sync claims + match reimbursements, the call every face makes."""
