"""Load a marketplace's policy data file, validate it, and put it in DuckDB.

The files live in ``policy/*.yaml``; each names the marketplaces it covers.
Every entry carries ``effective`` (the date it took effect) and ``source``.
At audit time the entries in force on the as-of date are flagged ``in_force``
(for each group, the latest ``effective`` on or before the as-of date), and the
rule SQL joins the ``policy_*`` tables; no policy number lives in the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

POLICY_DIR = Path(__file__).with_name("policy")
CLAIM_TYPES = (
    "warehouse_lost",
    "warehouse_damaged",
    "customer_return_missing",
    "inbound_shortage",
    "fee_overcharge",
    "reimbursement_underpaid",
)
REQUIRED_PARAMS = ("valuation_date", "underpaid_tolerance", "estimate_lookback_days")
TIERS = ("small_standard", "large_standard", "large_bulky", "extra_large")

# section -> (field -> kind); kind: str, int, num, date, bool, list, num? (nullable number)
SCHEMA: dict[str, dict[str, str]] = {
    "windows": {"type": "claim", "anchor": "str", "opens_days": "int", "closes_days": "int", "default": "bool"},
    "params": {"name": "str", "value": "any"},
    "reasons": {"type": "claim", "role": "role", "codes": "list"},
    "size_tiers": {
        "tier": "tier", "rank": "int", "longest_in": "num?", "median_in": "num?", "shortest_in": "num?",
        "length_girth_in": "num?", "weight_lb": "num?", "weight_basis": "basis",
    },
    "tier_labels": {"label": "str", "tier": "tier"},
    "fees": {"tier": "tier", "weight_from_lb": "num", "weight_to_lb": "num", "base_fee": "num",
             "above_lb": "num=0", "step_lb": "num=1", "step_fee": "num=0"},
}
OPTIONAL_SECTIONS = ("size_tiers", "tier_labels", "fees")


class PolicyError(ValueError):
    """Policy data that cannot be used; the message names the file and the key."""


@dataclass
class Policy:
    marketplace: str
    currency: str
    file: Path
    sections: dict[str, list[dict[str, Any]]]


def policy_file_for(marketplace: str, directory: Path = POLICY_DIR) -> Path:
    """The policy file whose ``marketplaces`` list names ``marketplace``."""
    for path in sorted(directory.glob("*.yaml")):
        data = _read(path)
        if marketplace.upper() in [str(m).upper() for m in data.get("marketplaces") or []]:
            return path
    raise PolicyError(f"{directory}: no policy file lists marketplace {marketplace!r}")


def load_policy(marketplace: str = "US", path: Path | None = None) -> Policy:
    """Read and validate the policy data of ``marketplace``."""
    path = path or policy_file_for(marketplace)
    data = _read(path)
    where = str(path)
    currency = data.get("currency")
    if not isinstance(currency, str) or len(currency) != 3:
        raise PolicyError(f"{where}: currency: expected a 3-letter currency code, got {currency!r}")
    sections: dict[str, list[dict[str, Any]]] = {}
    for section, fields in SCHEMA.items():
        entries = data.get(section)
        if entries is None and section in OPTIONAL_SECTIONS:
            sections[section] = []
            continue
        if not isinstance(entries, list) or not entries:
            raise PolicyError(f"{where}: {section}: expected a non-empty list")
        sections[section] = [_entry(where, section, i, e, fields) for i, e in enumerate(entries)]
    _check_whole(where, sections)
    return Policy(marketplace.upper(), currency.upper(), path, sections)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> dict:
    stat = path.stat() if path.exists() else None
    return _read_cached(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=32)
def _read_cached(path: Path, mtime_ns: int, size: int) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read policy data: {exc}") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level")
    return data


def _entry(where: str, section: str, i: int, raw: Any, fields: dict[str, str]) -> dict[str, Any]:
    key = f"{where}: {section}[{i}]"
    if not isinstance(raw, dict):
        raise PolicyError(f"{key}: expected a mapping")
    out: dict[str, Any] = {}
    for name, kind in fields.items():
        value = raw.get(name)
        out[name] = _value(f"{key}.{name}", kind, value)
    eff = raw.get("effective")
    if not isinstance(eff, date):
        raise PolicyError(f"{key}.effective: expected a date YYYY-MM-DD, got {eff!r}")
    src = raw.get("source")
    if not isinstance(src, str) or not src.strip():
        raise PolicyError(f"{key}.source: every policy number needs its source")
    unknown = set(raw) - set(fields) - {"effective", "source"}
    if unknown:
        raise PolicyError(f"{key}: unknown key(s) {sorted(unknown)}")
    out["effective"], out["source"] = eff, src.strip()
    return out


def _value(key: str, kind: str, value: Any) -> Any:
    if kind.startswith("num="):
        return float(kind[4:]) if value is None else _value(key, "num", value)
    if kind == "num?":
        return None if value is None else _value(key, "num", value)
    if value is None:
        raise PolicyError(f"{key}: missing")
    checks = {
        "str": isinstance(value, str) and value.strip() != "",
        "int": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "num": isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0,
        "bool": isinstance(value, bool),
        "list": isinstance(value, list) and value and all(isinstance(v, (str, int)) for v in value),
        "claim": value in CLAIM_TYPES,
        "tier": value in TIERS,
        "role": value in ("loss", "found", "reimbursement"),
        "basis": value in ("unit", "shipping"),
        "any": isinstance(value, (int, float, date)) and not isinstance(value, bool),
    }
    if not checks[kind]:
        raise PolicyError(f"{key}: invalid value {value!r} (expected {kind})")
    if kind == "num":
        return float(value)
    if kind == "list":
        return [str(v) for v in value]
    return value


def _check_whole(where: str, s: dict[str, list[dict[str, Any]]]) -> None:
    for i, w in enumerate(s["windows"]):
        if w["opens_days"] > w["closes_days"]:
            raise PolicyError(f"{where}: windows[{i}]: opens_days {w['opens_days']} after closes_days {w['closes_days']}")
    for t in CLAIM_TYPES:
        defaults = [w for w in s["windows"] if w["type"] == t and w["default"]]
        if not defaults:
            raise PolicyError(f"{where}: windows: no default window for {t}")
        dates = [w["effective"] for w in defaults]
        if len(set(dates)) != len(dates):
            raise PolicyError(f"{where}: windows: two default windows for {t} effective the same day")
    names = {p["name"] for p in s["params"]}
    for p in REQUIRED_PARAMS:
        if p not in names:
            raise PolicyError(f"{where}: params: {p} missing")
    if s["size_tiers"] and "dim_weight_divisor" not in names:
        raise PolicyError(f"{where}: params: dim_weight_divisor missing (needed by size_tiers)")
    for i, f in enumerate(s["fees"]):
        if f["weight_to_lb"] <= f["weight_from_lb"] or f["step_lb"] <= 0:
            raise PolicyError(f"{where}: fees[{i}]: weight band or step is empty")
