"""The web server: the JSON API, the chat stream and the web page, for many seller accounts.

    from claimpilot.server.app import create_app
    app = create_app(settings)          # or: claimpilot serve --host 127.0.0.1 --port 8800

- Authentication: a web login (email and password; a signed, HttpOnly session
  cookie) or an API key (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``).
  Keys and session tokens are stored as sha256 only; passwords as salted scrypt.
- Tenancy: every route under ``/api/sellers/{seller_id}/`` checks the caller's
  membership (404 for a stranger) and role (403 when too low): viewer <
  operator < approver < admin; approvers mark cases submitted and approve
  the writes the assistant holds.
- Limits: request bodies capped while they stream (uploads at
  ``server.max_upload_mb``; each report file then at ``reports.*``), a
  token-bucket rate limit per verified user, else per address, refused
  credentials spending the address's failure bucket (429 with Retry-After),
  logins throttled per address. A seller's report store written by another
  process is read from its snapshot; a write then answers 503 with Retry-After.
- Home nodes (``home_node.py``): on a team's installation whose sellers' reports live on worker nodes, the
  routes that read them are forwarded to the web server of the seller's node (``serve --node --node-url``).
- Start-up removes the upload and work folders a killed server left behind.
- Accounts are managed with ``claimpilot users`` and ``claimpilot keys``; the accounts themselves
  (users, memberships, roles, keys, sessions, seller accounts) are the ``accounts`` package.
"""
