"""``python -m claimpilot.db upgrade|heads|revision|snapshot``: Alembic on the packaged migrations; ``snapshot``
writes the SQLite schema a new store is made from (``claimpilot.db.snapshot``) after a new revision."""

from __future__ import annotations

import argparse

from alembic import command

from claimpilot.config import get_settings
from claimpilot.db.migrate import alembic_config, current_heads, upgrade


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m claimpilot.db")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("upgrade")
    sub.add_parser("heads")
    sub.add_parser("snapshot")
    rev = sub.add_parser("revision")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true")
    rev.add_argument("--rev-id", help="e.g. 0003_messages (the next number, then the capability)")
    args = parser.parse_args()
    settings = get_settings()
    if args.cmd == "upgrade":
        upgrade(settings)
    elif args.cmd == "heads":
        print("\n".join(current_heads()))
    elif args.cmd == "snapshot":
        from claimpilot.db.snapshot import SNAPSHOT, write_snapshot

        print(f"{SNAPSHOT}: {write_snapshot()}")
    else:
        upgrade(settings)
        command.revision(alembic_config(settings.operational_url), message=args.message,
                         autogenerate=args.autogenerate, rev_id=args.rev_id)


if __name__ == "__main__":
    main()
