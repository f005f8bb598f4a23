"""Load a marketplace's policy data, validate it, and hand it to the audit.

``policy/<marketplace>.yaml`` names the marketplaces it covers, their currency
and the shared files it ``extends`` (``policy/_*.yaml``: shared defaults, the
European policy, the windows applied where no own page exists). A file's
entries replace the inherited ones of the same group (windows by claim type,
parameters by name, reasons by type and role, valuation by type; size tiers,
labels and fees as whole sections). Every entry carries ``effective`` (the date
it took effect), ``source`` (keys of knowledge/sources.yaml), ``certainty``
(``stated`` by Amazon, or ``inferred`` with ``why``) and gets its sources'
``checked`` date. Errors name the file and the key. At audit time the entries in
force on the as-of date are flagged (policy_tables.py); no policy number lives
in the rule SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from claimpilot.knowledge.sources import CERTAINTIES, SourceError, resolve

from .policy_schema import GROUPS, OPTIONAL_SECTIONS, SCHEMA, PolicyError, check_whole, value

POLICY_DIR = Path(__file__).with_name("policy")
ALIASES = {"GB": "UK"}
# The order marketplaces are listed in (messages, tests): by region, as Seller Central groups them.
ORDER = ("US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "JP", "AU")
META_KEYS = {"effective", "source", "certainty", "why", "note"}
TOP_KEYS = {"marketplaces", "currency", "extends", *SCHEMA}

__all__ = ["ALIASES", "POLICY_DIR", "Policy", "PolicyError", "accepted_marketplaces", "load_policy",
           "policy_file_for"]


@dataclass
class Policy:
    marketplace: str
    currency: str
    file: Path
    sections: dict[str, list[dict[str, Any]]]

    def entries(self, section: str, **match: Any) -> list[dict[str, Any]]:
        return [e for e in self.sections[section] if all(e.get(k) == v for k, v in match.items())]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> dict[str, Any]:
    stat = path.stat() if path.exists() else None
    return _read_cached(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=64)
def _read_cached(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read policy data: {exc}") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise PolicyError(f"{path}: unknown key(s) {sorted(unknown)}")
    return data


def _market_files(directory: Path) -> list[Path]:
    return [p for p in sorted(directory.glob("*.yaml")) if not p.name.startswith("_")]


def accepted_marketplaces(directory: Path = POLICY_DIR) -> list[str]:
    """Every marketplace a policy file covers, in the files' order."""
    out: list[str] = []
    for path in _market_files(directory):
        out += [str(m).upper() for m in _read(path).get("marketplaces") or [] if str(m).upper() not in out]
    return sorted(out, key=lambda m: (ORDER.index(m) if m in ORDER else len(ORDER), m))


def policy_file_for(marketplace: str, directory: Path = POLICY_DIR) -> Path:
    """The policy file whose ``marketplaces`` list names ``marketplace``; an unknown one is refused by name."""
    code = ALIASES.get(marketplace.strip().upper(), marketplace.strip().upper())
    for path in _market_files(directory):
        if code in [str(m).upper() for m in _read(path).get("marketplaces") or []]:
            return path
    raise PolicyError(f"unknown marketplace {marketplace!r}: claimpilot has policy data for "
                      f"{', '.join(accepted_marketplaces(directory))}")


def load_policy(marketplace: str = "US", path: Path | None = None) -> Policy:
    """Read and validate the policy data of ``marketplace`` (its file and the files it extends)."""
    path = path or policy_file_for(marketplace)
    data = _read(path)
    currency = data.get("currency")
    if not isinstance(currency, str) or len(currency) != 3:
        raise PolicyError(f"{path}: currency: expected a 3-letter currency code, got {currency!r}")
    merged = _merged(path, ())
    sections: dict[str, list[dict[str, Any]]] = {}
    for section in SCHEMA:
        entries = merged.get(section)
        if not entries and section in OPTIONAL_SECTIONS:
            sections[section] = []
            continue
        if not entries:
            raise PolicyError(f"{path}: {section}: expected a non-empty list (here or in a file it extends)")
        sections[section] = [_entry(where, section, i, raw) for i, (where, raw) in enumerate(entries)]
    check_whole(str(path), sections)
    code = ALIASES.get(marketplace.strip().upper(), marketplace.strip().upper())
    return Policy(code, currency.upper(), path, sections)


def _merged(path: Path, seen: tuple[Path, ...]) -> dict[str, list[tuple[str, Any]]]:
    """The sections of ``path`` over those of the files it extends, each entry with the place it comes from."""
    if path in seen:
        raise PolicyError(f"{path}: extends itself through {' -> '.join(p.name for p in seen)}")
    data = _read(path)
    bases = data.get("extends") or []
    if not isinstance(bases, list) or not all(isinstance(b, str) for b in bases):
        raise PolicyError(f"{path}: extends: expected a list of shared file names such as [_shared]")
    merged: dict[str, list[tuple[str, Any]]] = {}
    for base in bases:
        base_path = path.with_name(f"{base}.yaml")
        if not base_path.exists():
            raise PolicyError(f"{path}: extends: no shared policy file {base_path.name}")
        for section, entries in _merged(base_path, (*seen, path)).items():
            merged[section] = _override(merged.get(section, []), entries, section)
    for section in SCHEMA:
        own = data.get(section)
        if own is None:
            continue
        if not isinstance(own, list):
            raise PolicyError(f"{path}: {section}: expected a list")
        mine = [(f"{path}: {section}[{i}]", raw) for i, raw in enumerate(own)]
        merged[section] = _override(merged.get(section, []), mine, section)
    return merged


def _override(base: list[tuple[str, Any]], own: list[tuple[str, Any]], section: str) -> list[tuple[str, Any]]:
    group = GROUPS.get(section)
    if not base or not own:
        return base + own
    if group is None:  # a whole section
        return own

    def key(raw: Any) -> tuple[Any, ...]:
        return tuple(raw.get(g) for g in group) if isinstance(raw, dict) else (id(raw),)

    replaced = {key(raw) for _, raw in own}
    return [(w, raw) for w, raw in base if key(raw) not in replaced] + own


def _entry(where: str, section: str, i: int, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: expected a mapping")
    fields = SCHEMA[section]
    unknown = set(raw) - set(fields) - META_KEYS
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {sorted(unknown)}")
    out: dict[str, Any] = {name: value(f"{where}.{name}", kind, raw.get(name)) for name, kind in fields.items()}
    eff = raw.get("effective")
    if not isinstance(eff, date):
        raise PolicyError(f"{where}.effective: expected a date YYYY-MM-DD, got {eff!r}")
    keys = raw.get("source")
    keys = [keys] if isinstance(keys, str) else keys
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k.strip() for k in keys):
        raise PolicyError(f"{where}.source: every policy number needs its source (keys of knowledge/sources.yaml)")
    try:
        sources = resolve(keys, f"{where}.source")
    except SourceError as exc:
        raise PolicyError(str(exc)) from None
    certainty, why = raw.get("certainty"), str(raw.get("why") or "").strip()
    if certainty not in CERTAINTIES:
        raise PolicyError(f"{where}.certainty: expected one of {', '.join(CERTAINTIES)}, got {certainty!r}")
    if certainty == "inferred" and not why:
        raise PolicyError(f"{where}.why: an inferred number says why it is inferred")
    if certainty == "stated" and not any(s.by_amazon for s in sources):
        raise PolicyError(f"{where}.certainty: 'stated' needs an Amazon source; {keys} are not Amazon's")
    out.update(effective=eff, source="; ".join(s.cite() for s in sources), sources=[s.key for s in sources],
               certainty=certainty, why=why, note=str(raw.get("note") or "").strip(),
               checked=min(s.checked for s in sources), origin=where)
    return out
