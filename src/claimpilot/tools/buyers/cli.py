"""``claimpilot buyers ...``: poll the mailbox, review the drafts, approve, edit, reject, send.

``poll`` and ``send`` use the seller's own mailbox and sender when it has one
(``claimpilot sellers mailbox``), else the installation's, which belong only to
``buyers.seller_id``; for any other seller they stop and say so.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from claimpilot.config import Settings
    from claimpilot.tools.buyers.service import BuyerService

buyers_app = typer.Typer(help="Buyer messages: intake from the mailbox, reply drafts, approval, sending.",
                         no_args_is_help=True)

Seller = Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
By = Annotated[str | None, typer.Option("--by", help="Who decides (default: the login name).")]
MessageId = Annotated[int, typer.Argument(help="The buyer message's id (see `buyers list`).")]


def register(app: typer.Typer) -> None:
    app.add_typer(buyers_app, name="buyers")


class NoMailbox(LookupError):
    """The seller has no mailbox of its own and the installation's belongs to another seller account."""


def _settings(seller: str | None) -> Settings:
    from claimpilot.config import Settings

    settings = Settings()
    return settings.model_copy(update={"seller_id": seller}) if seller else settings


def _service(seller: str | None) -> BuyerService:
    from claimpilot.tools.buyers.service import BuyerService

    return BuyerService(_settings(seller))


def _mailbox_service(seller: str | None) -> BuyerService:
    """The service with the seller's own mailbox and sender (stored in the operational database) when it
    has one, else the installation's, if they are this seller's; ``NoMailbox`` otherwise."""
    from claimpilot.accounts.channels import MAILBOX
    from claimpilot.accounts.settings import seller_settings
    from claimpilot.config import Settings
    from claimpilot.tools.buyers.service import BuyerService

    settings, own, registered = seller_settings(Settings(), seller)
    sid, owner = settings.seller_id, settings.buyers.seller_id
    if MAILBOX not in own and sid != owner:
        known = ("has no mailbox of its own (give it one: claimpilot sellers mailbox "
                 f"{sid} --imap-host ...)" if registered
                 else "is no seller account of this installation (claimpilot sellers add, then "
                 "claimpilot sellers mailbox)")
        raise NoMailbox(f"seller {sid!r} {known}, and the installation's mailbox and sender belong to seller "
                        f"account {owner!r} (CLAIMPILOT_BUYERS__SELLER_ID)")
    return BuyerService(settings)


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=1) from exc


def _print(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _who(by: str | None) -> str:
    return by or getpass.getuser()


def _show(row: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _print(row)
        return
    typer.echo(f"#{row['id']}  order {row['order_id'] or '-'}  {row['language']}  {row['intent']} "
               f"({row['intent_zh']})  [{row['status']}]  {row['reason']}")
    typer.echo(f"From: {row['buyer'] or '?'} <{row['relay_address']}>   Subject: {row['subject']}")
    for f in row.get("flags") or []:
        typer.echo(f"⚠ {f['code']}: {f['zh']} / {f['en']}  — \"{f['evidence']}\"")
    typer.echo("\n" + row["message"] + "\n")
    if row.get("translation_zh"):
        typer.echo("译文：" + row["translation_zh"] + "\n")
    typer.echo("摘要：" + row["summary_zh"] + "\n")
    reply = row.get("reply")
    if reply:
        typer.echo(f"--- reply ({reply['drafted_by']}, confidence {row['confidence']:.2f}) ---")
        typer.echo(reply["body"])
        if reply["compliance_issues"]:
            typer.echo("--- held because: " + "; ".join(reply["compliance_issues"]))
        if reply.get("note_zh"):
            typer.echo("--- 待补充：" + reply["note_zh"])
        if reply["message_id"]:
            typer.echo(f"--- Message-ID {reply['message_id']}, attempts {reply['attempts']} {reply['last_error']}")
    for t in row.get("tasks") or []:
        typer.echo(f"--- task #{t['id']} [{t['status']}] due {t['due_on']}: {t['zh']} / {t['en']}")


@buyers_app.command("poll")
def poll(seller: Seller = None, send: Annotated[bool, typer.Option(help="Then send what is approved.")] = False,
         as_json: AsJson = False) -> None:
    """Fetch new buyer e-mails from the seller's mailbox (IMAP; its own, else the installation's if it is this
    seller's) and draft their replies."""
    try:
        svc = _mailbox_service(seller)
        result = svc.poll()
        report = svc.send() if send else None
    except Exception as exc:  # noqa: BLE001 - shown as one line
        _fail(exc)
    out = {"seen": result.seen, "stored": result.stored, "duplicates": result.duplicates, "skipped": result.skipped}
    if report is not None:
        out["sent"] = report.sent
    if as_json:
        _print(out)
    else:
        typer.echo(f"{result.seen} new in the mailbox: {len(result.stored)} stored, {result.duplicates} already known, "
                   f"{len(result.skipped)} skipped" + (f"; {len(report.sent)} replies sent" if report else ""))
        for line in result.skipped:
            typer.echo(f"  skipped {line}")


@buyers_app.command("list")
def list_(status: Annotated[str | None, typer.Option(help="held, queued, approved, sent, uncertain, ...")] = None,
          order: Annotated[str | None, typer.Option(help="Only this order id.")] = None,
          limit: int = 50, seller: Seller = None, as_json: AsJson = False) -> None:
    """Buyer messages, newest first, with the state of their replies."""
    rows = _service(seller).list(status=status, order_id=order, limit=limit)
    if as_json:
        _print(rows)
        return
    if not rows:
        typer.echo("no buyer messages" + (f" with status {status}" if status else ""))
    for r in rows:
        flags = ",".join(f["code"] for f in r.get("flags") or [])
        typer.echo(f"#{r['id']:<5} {r['status']:<12} {r['language']:<3} {r['intent']:<18} {r['order_id'] or '-':<20} "
                   f"{r['excerpt'][:60]!r}" + (f"  ⚠ {flags}" if flags else ""))


@buyers_app.command("show")
def show(message_id: MessageId, seller: Seller = None, as_json: AsJson = False) -> None:
    """One message, its reply draft, the compliance verdict and the sending state."""
    try:
        _show(_service(seller).show(message_id), as_json)
    except LookupError as exc:
        _fail(exc)


@buyers_app.command("approve")
def approve(message_id: MessageId, by: By = None, seller: Seller = None, as_json: AsJson = False) -> None:
    """Let a queued reply leave (`buyers send` sends it)."""
    try:
        _show(_service(seller).approve(message_id, _who(by)), as_json)
    except (LookupError, ValueError) as exc:
        _fail(exc)


@buyers_app.command("edit")
def edit(message_id: MessageId,
         text: Annotated[str | None, typer.Option(help="The new reply text.")] = None,
         file: Annotated[Path | None, typer.Option(help="Read the new reply text from this file.")] = None,
         by: By = None, seller: Seller = None, as_json: AsJson = False) -> None:
    """Replace a reply's text; it is checked again and waits for approval."""
    if (text is None) == (file is None):
        _fail(ValueError("give the new text with --text or --file"))
    body = text if text is not None else file.read_text(encoding="utf-8") if file is not None else ""
    try:
        _show(_service(seller).edit(message_id, body, _who(by)), as_json)
    except (LookupError, ValueError) as exc:
        _fail(exc)


@buyers_app.command("reject")
def reject(message_id: MessageId, reason: Annotated[str, typer.Option(help="Why.")] = "", by: By = None,
           seller: Seller = None, as_json: AsJson = False) -> None:
    """Never send this reply."""
    try:
        _show(_service(seller).reject(message_id, _who(by), reason), as_json)
    except (LookupError, ValueError) as exc:
        _fail(exc)


@buyers_app.command("resolve")
def resolve(message_id: MessageId,
            delivered: Annotated[bool, typer.Option("--delivered/--not-delivered",
                                                    help="Whether the buyer got the reply (check Seller Central).")],
            by: By = None, seller: Seller = None, as_json: AsJson = False) -> None:
    """Settle a send whose outcome is uncertain (the sender stopped during transmission)."""
    try:
        _show(_service(seller).resolve(message_id, delivered, _who(by)), as_json)
    except (LookupError, ValueError) as exc:
        _fail(exc)


@buyers_app.command("send")
def send(message_ids: Annotated[list[int] | None, typer.Argument(help="Only these messages' replies.")] = None,
         seller: Seller = None, as_json: AsJson = False) -> None:
    """Send approved replies by SMTP (the seller's own sender, else the installation's if it is this
    seller's), each exactly once; report what is uncertain."""
    try:
        report = _mailbox_service(seller).send(message_ids or None)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
    out = {"sent": report.sent, "retry_later": report.retry_later, "failed": report.failed,
           "uncertain": report.uncertain, "recovered": report.recovered}
    if as_json:
        _print(out)
        return
    typer.echo(f"sent {len(report.sent)}, to retry {len(report.retry_later)}, failed {len(report.failed)}, "
               f"uncertain {len(report.uncertain)}")
    if report.uncertain or report.recovered.get("uncertain"):
        typer.echo("uncertain sends are never repeated on their own: check Seller Central, then "
                   "`claimpilot buyers resolve ID --delivered` or `--not-delivered`")


@buyers_app.command("tasks")
def tasks(status: Annotated[str | None, typer.Option(help="open (default), done, or all.")] = "open",
          seller: Seller = None, as_json: AsJson = False) -> None:
    """Follow-ups the replies promised (check with the carrier, find a return, upload an invoice, ...)."""
    from claimpilot.tools.buyers.tasks import list_tasks

    rows = list_tasks(_service(seller).settings, None if status == "all" else status)
    if as_json:
        _print(rows)
        return
    if not rows:
        typer.echo("no buyer tasks" + (f" ({status})" if status else ""))
    for t in rows:
        typer.echo(f"#{t['id']:<4} [{t['status']}] due {t['due_on']}  message #{t['message_id']}  order "
                   f"{t['order_id'] or '-'}  {t['zh']} / {t['en']}")


@buyers_app.command("task-done")
def task_done(task_id: Annotated[int, typer.Argument(help="The task's id (see `buyers tasks`).")], by: By = None,
              seller: Seller = None, as_json: AsJson = False) -> None:
    """Mark a follow-up task done."""
    from claimpilot.tools.buyers.tasks import close_task

    try:
        row = close_task(_service(seller).settings, task_id, _who(by))
    except LookupError as exc:
        _fail(exc)
    _print(row) if as_json else typer.echo(f"task #{task_id} done")


@buyers_app.command("product-sheet")
def product_sheet(file: Annotated[Path | None, typer.Argument(help="A product sheet (YAML) to store.")] = None,
                  asin: Annotated[str | None, typer.Option(help="Show this ASIN's sheet.")] = None,
                  seller: Seller = None, as_json: AsJson = False) -> None:
    """Store a product sheet (specs, FAQ, compatibility of one ASIN), show one, or list them all."""
    from claimpilot.tools.buyers.products import SheetError, list_sheets, load_sheet, save_sheet

    settings = _service(seller).settings
    try:
        if file is not None:
            sheet = save_sheet(settings, file.read_text(encoding="utf-8"), str(file))
            out: object = {"stored": sheet["asin"]}
        elif asin:
            out = load_sheet(settings, asin) or {}
            if not out:
                raise SheetError(f"no product sheet for {asin}")
        else:
            out = list_sheets(settings)
    except (SheetError, OSError) as exc:
        _fail(exc)
    if as_json or not isinstance(out, list):
        _print(out)
        return
    for row in out:
        typer.echo(f"{row['asin']}  {row['entries']:>3} entries  {row['title']}")
