"""Check every seed file against seeds/FORMAT.md before anything is written.

All problems are collected, each naming file, record and field, so one run shows
everything that needs fixing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

Record = dict[str, Any]
Check = Callable[[Any], str | None]  # returns a complaint, or None when fine

_ID = re.compile(r"[a-z0-9][a-z0-9\-:.]*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")

EVENT_KINDS = frozenset(
    {
        "signature",
        "ratification",
        "accession",
        "succession",
        "acceptance",
        "approval",
        "entry_into_force",
        "withdrawal_deposited",
        "withdrawal_effective",
        "suspension_notified",
        "domestic_approval",
    }
)
SOURCE_KINDS = frozenset(
    {
        "news",
        "ngo",
        "official",
        "depositary",
        "treaty-text",
        "dataset",
        "reference",
        "article",
        "aggregator",
    }
)
CLAIM_STATUSES = frozenset({"kept", "alternative", "disputed"})


def _str(value: Any) -> str | None:
    return (
        None
        if isinstance(value, str) and value.strip()
        else "must be a non-empty string"
    )


def _opt_str(value: Any) -> str | None:
    return (
        None if value is None or isinstance(value, str) else "must be a string or null"
    )


def _int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "must be a non-negative integer"


def _opt_int(value: Any) -> str | None:
    return None if value is None else _int(value)


def _date(value: Any) -> str | None:
    return None if as_date(value) is not None else "must be a date YYYY-MM-DD"


def _opt_date(value: Any) -> str | None:
    return None if value is None else _date(value)


def _str_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return None
    return "must be a list of strings"


def _pattern(regex: re.Pattern[str], what: str) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and regex.fullmatch(value)
        return None if ok else f"must be {what}"

    return check


def _enum(choices: Iterable[str]) -> Check:
    allowed = sorted(choices)

    def check(value: Any) -> str | None:
        return None if value in allowed else f"must be one of {', '.join(allowed)}"

    return check


def _opt(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _any(value: Any) -> str | None:
    ok = value is None or isinstance(value, str | int | float | bool | dt.date)
    return None if ok else "must be a scalar"


def as_date(value: Any) -> dt.date | None:
    """A YAML date or an ISO string as a date; None when it is neither."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


ISO3 = _pattern(_ISO3, "an ISO 3166 alpha-3 code")
ID = _pattern(_ID, "a lowercase id")


@dataclass(frozen=True)
class Spec:
    """One kind of record: its file, key, required and optional fields, references."""

    name: str
    key: Callable[[Record], str]
    required: dict[str, Check]
    optional: dict[str, Check] = field(default_factory=dict)
    # field -> kind whose keys it must name (a list field names several)
    refs: dict[str, str] = field(default_factory=dict)


def _field(name: str) -> Callable[[Record], str]:
    return lambda record: str(record.get(name))


SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec(
            "sources",
            _field("id"),
            {"id": ID, "url": _str, "publisher": _str, "kind": _enum(SOURCE_KINDS)},
            {
                "title": _opt_str,
                "author": _opt_str,
                "published_on": _opt_date,
                "reliability": _opt_str,
            },
        ),
        Spec(
            "countries",
            _field("iso3"),
            {
                "iso3": ISO3,
                "iso2": _pattern(_ISO2, "an ISO 3166 alpha-2 code"),
                "name": _str,
                "un_status": _enum({"member", "observer", "non-member"}),
            },
            {
                "official_name": _opt_str,
                "native_names": _str_list,
                "aliases": _str_list,
                "region": _opt_str,
                "subregion": _opt_str,
            },
        ),
        Spec(
            "borders",
            lambda r: "-".join(map(str, r.get("between") or [])),
            {"between": _str_list},
            refs={"between": "countries"},
        ),
        Spec(
            "organizations",
            _field("code"),
            {
                "code": _pattern(re.compile(r"[A-Z][A-Z0-9]+"), "an upper-case code"),
                "name": _str,
            },
            {"kind": _opt_str, "founded_on": _opt_date},
        ),
        Spec(
            "memberships",
            lambda r: f"{r.get('organization')}:{r.get('country')}",
            {"organization": _str, "country": ISO3},
            {"since": _opt_date, "until": _opt_date},
            refs={"organization": "organizations", "country": "countries"},
        ),
        Spec(
            "treaties",
            _field("slug"),
            {"slug": ID, "name": _str},
            {
                "short_name": _opt_str,
                "aliases": _str_list,
                "full_title": _opt_str,
                "adopted_on": _opt_date,
                "adopted_at": _opt_str,
                "opened_for_signature_on": _opt_date,
                "entry_into_force_on": _opt_date,
                "depositary": _opt_str,
                "signatory_count": _opt_int,
                "entry_into_force_rule": _opt_str,
                "withdrawal_notice_months": _opt_int,
                "withdrawal_rule": _opt_str,
                "obligations": _opt_str,
            },
        ),
        Spec(
            "treaty_events",
            lambda r: f"{r.get('treaty')}:{r.get('country')}:{r.get('kind')}",
            {"treaty": ID, "country": ISO3, "kind": _enum(EVENT_KINDS)},
            {"date": _opt_date, "derived": lambda v: _derived(v)},
            refs={"treaty": "treaties", "country": "countries"},
        ),
        Spec(
            "chambers",
            _field("key"),
            {"key": ID, "country": ISO3, "name": _str},
            {"native_name": _opt_str, "seats": _opt_int},
            refs={"country": "countries"},
        ),
        Spec(
            "votes",
            _field("key"),
            {"key": ID, "chamber": ID, "date": _opt_date, "action": _str},
            {
                "treaty": _opt(ID),
                "stage": _opt_str,
                "subject": _opt_str,
                "for": _opt_int,
                "against": _opt_int,
                "abstained": _opt_int,
                "absent": _opt_int,
                "not_voting": _opt_int,
                "required": _opt_int,
                "outcome": _opt(_enum({"passed", "failed"})),
                "abstainers": _str_list,
                "date_text": _opt_str,
            },
            refs={"chamber": "chambers", "treaty": "treaties", "abstainers": "people"},
        ),
        Spec(
            "people",
            _field("key"),
            {"key": ID, "name": _str},
            {"aliases": _str_list, "country": _opt(ISO3)},
            refs={"country": "countries"},
        ),
        Spec(
            "offices",
            _field("key"),
            {"key": ID, "title": _str, "country": ISO3},
            {"kind": _opt_str},
            refs={"country": "countries"},
        ),
        Spec(
            "terms",
            lambda r: f"{r.get('person')}:{r.get('office')}:{r.get('from')}",
            {"person": ID, "office": ID},
            {"from": _opt_date, "until": _opt_date},
            refs={"person": "people", "office": "offices"},
        ),
        Spec(
            "statements",
            _field("key"),
            {"key": ID, "kind": _str, "title": _str},
            {
                "date": _opt_date,
                "date_text": _opt_str,
                "summary": _opt_str,
                "authors": _str_list,
                "countries": _str_list,
                "quotes": _str_list,
                "recommendations": lambda v: _recommendations(v),
            },
            refs={"authors": "people", "countries": "countries"},
        ),
        Spec(
            "stockpiles",
            _field("key"),
            {"key": ID, "country": ISO3, "weapon": _str},
            {
                "count": _opt_int,
                "count_low": _opt_int,
                "count_high": _opt_int,
                "as_of": _opt_date,
                "as_of_text": _opt_str,
                "rank": _opt_int,
                "rank_context": _opt_str,
            },
            refs={"country": "countries"},
        ),
        Spec(
            "claims",
            _field("key"),
            {
                "key": ID,
                "about": lambda v: _about(v),
                "property": _str,
                "status": _enum(CLAIM_STATUSES),
            },
            {"value": _any},
        ),
    )
}

# Every record of every kind carries these.
COMMON_OPTIONAL: dict[str, Check] = {"note": _opt_str}


def _derived(value: Any) -> str | None:
    if value is None:
        return None
    if (
        isinstance(value, dict)
        and _str(value.get("rule")) is None
        and set(value)
        <= {
            "rule",
            "from",
        }
    ):
        return None
    return "must be {rule: <text>, from: <text>}"


def _recommendations(value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list"
    for item in value:
        if not (
            isinstance(item, dict)
            and _str(item.get("action")) is None
            and ID(item.get("treaty")) is None
            and _str_list(item.get("addressed_to", [])) is None
        ):
            return "items must be {action, treaty, addressed_to: [ISO3…]}"
    return None


def _about(value: Any) -> str | None:
    from graph.model import CLAIM_SUBJECTS

    if (
        isinstance(value, dict)
        and value.get("kind") in CLAIM_SUBJECTS
        and isinstance(value.get("key"), str)
    ):
        return None
    return f"must be {{kind: one of {', '.join(sorted(CLAIM_SUBJECTS))}, key: <key>}}"


@dataclass
class Dataset:
    """Every record of every kind, read and checked; `problems` empty means loadable."""

    records: dict[str, list[Record]]
    files: dict[str, list[Path]]
    problems: list[str]

    def keys(self, kind: str) -> set[str]:
        return {SPECS[kind].key(r) for r in self.records.get(kind, [])}


def _files_for(data_dir: Path, kind: str) -> list[Path]:
    folder = data_dir / kind
    if folder.is_dir():
        return sorted(folder.glob("*.yaml"))
    single = data_dir / f"{kind}.yaml"
    return [single] if single.exists() else []


def _label(path: Path, data_dir: Path) -> str:
    try:
        return str(path.relative_to(data_dir.parent.parent))
    except ValueError:
        return str(path)


def read_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Read every file and check every record; never raises for bad data."""
    records: dict[str, list[Record]] = {}
    files: dict[str, list[Path]] = {}
    problems: list[str] = []
    where: dict[str, list[tuple[str, int]]] = {}
    for kind, spec in SPECS.items():
        records[kind] = []
        where[kind] = []
        files[kind] = _files_for(data_dir, kind)
        if not files[kind] and kind in {"sources", "countries", "treaties"}:
            problems.append(
                f"{_label(data_dir / (kind + '.yaml'), data_dir)}: missing file"
            )
        for path in files[kind]:
            label = _label(path, data_dir)
            try:
                loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                problems.append(f"{label}: not valid YAML: {error}")
                continue
            except UnicodeDecodeError as error:
                problems.append(
                    f"{label}: not UTF-8 text (byte {error.start}: {error.reason})"
                )
                continue
            if loaded is None:
                continue
            if not isinstance(loaded, list):
                problems.append(f"{label}: must be a list of records")
                continue
            for index, record in enumerate(loaded, start=1):
                if not isinstance(record, dict):
                    problems.append(f"{label}: record {index}: must be a mapping")
                    continue
                name = f"{label}: record {index} ({spec.key(record)})"
                problems.extend(_check_record(spec, record, name))
                records[kind].append(record)
                where[kind].append((label, index))
    problems.extend(_check_keys(records, where))
    problems.extend(_check_refs(records, where))
    return Dataset(records, files, problems)


def _check_record(spec: Spec, record: Record, name: str) -> list[str]:
    problems = []
    allowed = {**spec.required, **spec.optional, **COMMON_OPTIONAL}
    if spec.name != "sources":
        allowed["sources"] = _str_list
        sources = record.get("sources")
        if not sources:
            problems.append(f"{name}: 'sources' must list at least one source id")
    for key, check in spec.required.items():
        if key not in record:
            problems.append(f"{name}: missing '{key}'")
        elif (complaint := check(record[key])) is not None:
            problems.append(f"{name}: '{key}' {complaint}")
    for key, value in record.items():
        if key not in allowed:
            problems.append(f"{name}: unknown field '{key}'")
        elif (
            key not in spec.required and (complaint := allowed[key](value)) is not None
        ):
            problems.append(f"{name}: '{key}' {complaint}")
    return problems


def _check_keys(
    records: dict[str, list[Record]], where: dict[str, list[tuple[str, int]]]
) -> list[str]:
    problems = []
    for kind, spec in SPECS.items():
        seen: dict[str, tuple[str, int]] = {}
        for record, (label, index) in zip(records[kind], where[kind], strict=True):
            key = spec.key(record)
            if key in seen:
                first = seen[key]
                problems.append(
                    f"{label}: record {index} ({key}): duplicate key, "
                    f"first at {first[0]} record {first[1]}"
                )
            seen[key] = (label, index)
    urls: dict[str, str] = {}
    for record, (label, index) in zip(
        records["sources"], where["sources"], strict=True
    ):
        url = record.get("url")
        if isinstance(url, str):
            if url in urls:
                problems.append(
                    f"{label}: record {index} ({record.get('id')}): 'url' already "
                    f"used by source {urls[url]}"
                )
            urls[url] = str(record.get("id"))
    for record, (label, index) in zip(
        records["borders"], where["borders"], strict=True
    ):
        between = record.get("between")
        if isinstance(between, list) and (
            len(between) != 2 or between[0] >= between[1]
        ):
            problems.append(
                f"{label}: record {index}: 'between' must be two different sorted codes"
            )
    return problems


def _check_refs(
    records: dict[str, list[Record]], where: dict[str, list[tuple[str, int]]]
) -> list[str]:
    keys = {kind: {SPECS[kind].key(r) for r in records[kind]} for kind in SPECS}
    problems = []
    for kind, spec in SPECS.items():
        refs = {**spec.refs}
        if kind != "sources":
            refs["sources"] = "sources"
        for record, (label, index) in zip(records[kind], where[kind], strict=True):
            name = f"{label}: record {index} ({spec.key(record)})"
            for fieldname, target in refs.items():
                value = record.get(fieldname)
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if item is not None and str(item) not in keys[target]:
                        problems.append(
                            f"{name}: '{fieldname}' names unknown {target} key {item!r}"
                        )
            if kind == "statements":
                for rec in record.get("recommendations") or []:
                    if isinstance(rec, dict):
                        if rec.get("treaty") not in keys["treaties"]:
                            problems.append(
                                f"{name}: recommendation names unknown treaty "
                                f"{rec.get('treaty')!r}"
                            )
                        for iso3 in rec.get("addressed_to") or []:
                            if iso3 not in keys["countries"]:
                                problems.append(
                                    f"{name}: recommendation addressed to unknown "
                                    f"country {iso3!r}"
                                )
            if kind == "claims":
                problems.extend(_check_claim_subject(record, keys, name))
    return problems


_CLAIM_KIND_TO_FILE = {
    "country": "countries",
    "treaty": "treaties",
    "treaty_event": "treaty_events",
    "vote": "votes",
    "statement": "statements",
    "stockpile": "stockpiles",
    "person": "people",
    "term": "terms",
    "membership": "memberships",
    "chamber": "chambers",
    "organization": "organizations",
    "office": "offices",
}


def _check_claim_subject(
    record: Record, keys: dict[str, set[str]], name: str
) -> list[str]:
    about = record.get("about")
    if not isinstance(about, dict):
        return []
    kind = _CLAIM_KIND_TO_FILE.get(str(about.get("kind")))
    if kind is None or str(about.get("key")) in keys[kind]:
        return []
    return [f"{name}: 'about' names unknown {about.get('kind')} {about.get('key')!r}"]
