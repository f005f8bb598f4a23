"""Who may use claimpilot and for which seller: users, seller accounts (tenants), memberships and roles,
API keys and web sessions, and each seller account's SP-API credentials, own channels and job schedules.

- ``models``: the tables (users, seller_accounts, memberships, api_keys, web_sessions, seller_credentials,
  seller_channels, seller_schedules).
- ``members``: users, logins, memberships, API keys, web sessions (``AccountError``).
- ``roles``: the membership roles and what each may do.
- ``security``: password hashing, API-key and session tokens, cookie signing.
- ``sellers``: add, list and remove seller accounts, their credentials, schedules, mailbox and alert
  channels (``SellerError``).
- ``channels`` / ``crypto``: a seller's own channel settings and the Fernet encryption of secrets at rest.
- ``settings``: the ``Settings`` a command or job runs with for one seller account.

The package sits below the capabilities in ``tools/``: it imports only ``db``, ``config``, ``clock``,
``netsafety`` and ``vocabulary``.
"""
