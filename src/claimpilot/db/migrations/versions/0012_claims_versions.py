"""claims versions: a counter per seller that every change to its claims or cases moves, and one for the
accounts (people, seller accounts, memberships, API keys, web sessions), all moved by triggers

Revision ID: 0012_claims_versions
Revises: 0011_amazon_consents
Create Date: 2026-12-05 12:00:00

The claims list is answered from a cache while the seller's counter stands still, and a caller's access from
a cache while the accounts' counter (row ``#accounts``) does; the triggers move them on every insert, update
and delete, whichever process or statement makes it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_claims_versions"
down_revision = "0011_amazon_consents"
branch_labels = None
depends_on = None

TABLES = ("claims", "cases")
ACCOUNT_TABLES = ("users", "seller_accounts", "memberships", "api_keys", "web_sessions")
ACCOUNTS = "#accounts"
OPS = {"INSERT": "NEW", "UPDATE": "NEW", "DELETE": "OLD"}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION claims_version_bump() RETURNS trigger AS $$
BEGIN
  INSERT INTO claims_versions (seller_id, version)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.seller_id ELSE NEW.seller_id END, 1)
  ON CONFLICT (seller_id) DO UPDATE SET version = claims_versions.version + 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""
PG_ACCOUNTS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION accounts_version_bump() RETURNS trigger AS $$
BEGIN
  INSERT INTO claims_versions (seller_id, version) VALUES ('{ACCOUNTS}', 1)
  ON CONFLICT (seller_id) DO UPDATE SET version = claims_versions.version + 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "claims_versions",
        sa.Column("seller_id", sa.String(length=64), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_ACCOUNTS_FUNCTION)
        for table in TABLES + ACCOUNT_TABLES:
            bump = "claims_version_bump" if table in TABLES else "accounts_version_bump"
            op.execute(f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION {bump}()")
        return
    for table in TABLES + ACCOUNT_TABLES:
        for what, row in OPS.items():
            seller = f"{row}.seller_id" if table in TABLES else f"'{ACCOUNTS}'"
            op.execute(f"CREATE TRIGGER {table}_version_{what.lower()} AFTER {what} ON {table} BEGIN "
                       f"INSERT INTO claims_versions (seller_id, version) VALUES ({seller}, 1) "
                       "ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES + ACCOUNT_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS claims_version_bump()")
        op.execute("DROP FUNCTION IF EXISTS accounts_version_bump()")
    else:
        for table in TABLES + ACCOUNT_TABLES:
            for what in OPS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_version_{what.lower()}")
    op.drop_table("claims_versions")
