"""What the server says when it refuses a request: a stable code, rendered in the reader's language.

A route raises ``Problem(status, code, **params)``; the answer is ``{"detail": <the message in the request's
language>, "code": <code>}``. The language is the first of ``zh``/``en`` in the request's Accept-Language
(the web page sends its own), English otherwise. The words live in ``messages/<lang>.yaml``; a parameter that
is a vocabulary member (a claim status, a report kind) is named through ``vocabulary.label``, a role through
the catalogue's ``roles``. A request that fails validation gets ``message`` beside pydantic's ``detail`` list:
its first fault, by field and error type, in the reader's words.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from fastapi import HTTPException, Request

from claimpilot.vocabulary import LANGUAGES, label

ROLE_PARAMS = ("role", "needed")


@cache
def catalogue(lang: str) -> dict[str, dict[str, str]]:
    """The message catalogue of ``lang`` (zh or en): messages, where, roles, fields, problems."""
    text = resources.files("claimpilot.server").joinpath("messages", f"{lang}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def language(request: Request) -> str:
    """``zh`` or ``en``: the first of them the request's Accept-Language asks for (by its q weights)."""
    wanted = []
    for i, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        wanted.append((-weight, i, tag.strip().lower()[:2]))
    for _, _, tag in sorted(wanted):
        if tag in LANGUAGES:
            return tag
    return "en"


def _named(name: str, value: Any, lang: str) -> str:
    if isinstance(value, StrEnum):
        return label(value, lang)
    if isinstance(value, _Where):
        return value.words(lang)
    if name in ROLE_PARAMS:
        return catalogue(lang)["roles"].get(str(value), str(value))
    return str(value)


def render(code: str, lang: str, **params: Any) -> str:
    """The message ``code`` in ``lang`` with ``params`` filled in."""
    lang = lang if lang in LANGUAGES else "en"
    text = catalogue(lang)["messages"].get(code) or catalogue("en")["messages"][code]
    return text.format(**{k: _named(k, v, lang) for k, v in params.items()})


class Problem(HTTPException):
    """A refusal by code; its ``detail`` is the English message (what a log or a plain client sees)."""

    def __init__(self, status_code: int, code: str, headers: dict[str, str] | None = None, **params: Any) -> None:
        self.code = code
        self.params = params
        self.extra: dict[str, Any] = {}
        super().__init__(status_code, render(code, "en", **params), headers=headers)

    def body(self, lang: str) -> dict[str, Any]:
        text = render(self.code, lang, **self.params)
        return {"detail": {"message": text, **self.extra} if self.extra else text, "code": self.code}


def report_problem(exc: Any) -> Problem:
    """A report the intake could not read (``ReportError``): the file, row and column in the reader's words,
    with the fields a program reads (``file``, ``row``, ``column``) beside the message."""
    from claimpilot.tools.reports.errors import UnknownReportError

    if isinstance(exc, UnknownReportError) and exc.message.startswith("is not a known report"):
        problem = Problem(422, "report_unknown", file=exc.file)
    else:
        problem = Problem(422, "report_unreadable", where=_Where(exc.file, exc.row, exc.column), reason=exc.message)
    problem.extra = {"file": exc.file, "row": exc.row, "column": exc.column}
    return problem


class _Where:
    """A place in a report file, worded in the language it is rendered in (see ``_named``)."""

    def __init__(self, file: str, row: int | None, column: str | None) -> None:
        self.file, self.row, self.column = file, row, column

    def words(self, lang: str) -> str:
        kind = "column" if self.column is not None else "row" if self.row is not None else "file"
        return catalogue(lang)["where"][kind].format(file=self.file, row=self.row, column=self.column)


def validation_message(errors: list[dict[str, Any]], lang: str) -> str:
    """The first fault of a request that failed validation, in ``lang``: the field and what was wrong."""
    if not errors:
        return render("invalid_request", lang, field="?", problem="?")
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = loc[-1] if loc else "?"
    words = catalogue(lang)
    return render("invalid_request", lang, field=words.get("fields", {}).get(field, field),
                  problem=words.get("problems", {}).get(first.get("type", ""), first.get("msg", "")))
