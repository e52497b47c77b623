"""How seed files write values, and the checks each kind of value gets.

A check returns a complaint (`must be …`) or None; the record check puts the file,
record and field in front of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from typing import Any

from neo4j.time import DateTime

from model.enums import seed_spelling
from model.vocabulary import Link, NodeType, Prop

Check = Callable[[Any], str | None]


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


def as_datetime(value: Any) -> DateTime | None:
    """ISO text with its offset (a curation record's `at`) as the server's DateTime,
    to the nanosecond; None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        found = DateTime.from_iso_format(value)
    except ValueError:
        return None
    offset = found.utcoffset()
    if offset is None:
        return None
    # At a fixed offset, as the server's datetime() stores it: the driver sends the
    # parsed (pytz) UTC as the zone id `[UTC]`, which reads back as another value.
    return found.replace(tzinfo=dt.timezone(offset))


def spellings(enum: type[Enum], separator: str) -> dict[str, str]:
    """Seed spelling -> the value the graph stores (`treaty-text` -> TREATY_TEXT)."""
    return {seed_spelling(member, separator): str(member.value) for member in enum}


def graph_value(prop: Prop, value: Any) -> Any:
    """A checked seed value as the graph stores it: dates as dates, enums by name
    (`treaty-text` -> TREATY_TEXT), a missing list as an empty one, text in its
    canonical spelling (a source's normalised URL)."""
    if prop.kind == "strings":
        return value or []
    if value is None:
        return None
    if prop.enum is not None:
        return spellings(prop.enum, prop.seed_separator)[value]
    if prop.kind == "date":
        return as_date(value)
    if prop.kind == "datetime":
        return as_datetime(value)
    if prop.canonical is not None and isinstance(value, str):
        return prop.canonical(value)
    return value


def text(value: Any) -> str | None:
    """A non-empty string."""
    ok = isinstance(value, str) and value.strip()
    return None if ok else "must be a non-empty string"


def optional_text(value: Any) -> str | None:
    """A string (possibly empty) or null."""
    ok = value is None or isinstance(value, str)
    return None if ok else "must be a string or null"


def count(value: Any) -> str | None:
    """A non-negative integer (a bool is not one)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "must be a non-negative integer"


def date(value: Any) -> str | None:
    """A date, written YYYY-MM-DD."""
    return None if as_date(value) is not None else "must be a date YYYY-MM-DD"


def timestamp(value: Any) -> str | None:
    """A date and time with its offset, quoted: '2026-12-01T09:30:00.123456000+00:00'."""
    if as_datetime(value) is not None:
        return None
    return "must be a quoted ISO date-time with its offset (…T09:30:00+00:00)"


def flag(value: Any) -> str | None:
    """true or false."""
    return None if isinstance(value, bool) else "must be true or false"


def number(value: Any) -> str | None:
    """An integer or a decimal number."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return None if ok else "must be a number"


def strings(value: Any) -> str | None:
    """A list of non-empty strings (possibly empty)."""
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return None
    return "must be a list of strings"


def scalar(value: Any) -> str | None:
    """Any single value: text, number, boolean, date or null."""
    ok = value is None or isinstance(value, str | int | float | bool | dt.date)
    return None if ok else "must be a scalar"


def matching(pattern: str) -> Check:
    """Text matching `pattern` in full."""
    regex = re.compile(pattern)

    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and regex.fullmatch(value)
        return None if ok else f"must match {pattern}"

    return check


def one_of(choices: dict[str, str]) -> Check:
    """One of the enum's seed spellings."""
    allowed = sorted(choices)

    def check(value: Any) -> str | None:
        return None if value in allowed else f"must be one of {', '.join(allowed)}"

    return check


def optional(check: Check) -> Check:
    """Null, or a value passing `check`."""
    return lambda value: None if value is None else check(value)


_BY_KIND: dict[str, Check] = {
    "string": text,
    "int": count,
    "date": date,
    "datetime": timestamp,
    "bool": flag,
    "strings": strings,
    "float": number,
}


def prop_check(prop: Prop) -> Check:
    """The check a property's seed field gets: its kind, pattern or enum; null
    allowed when the property is nullable."""
    if prop.enum is not None:
        check = one_of(spellings(prop.enum, prop.seed_separator))
    elif prop.pattern is not None:
        check = matching(prop.pattern)
    elif prop.kind == "string" and prop.nullable:
        return optional_text
    else:
        check = _BY_KIND[prop.kind]
    return optional(check) if prop.nullable else check


def link_check(link: Link, target: NodeType) -> Check:
    """A link's seed field names the target's key(s): a list for a many link, else
    one key shaped like the target's (its key's pattern, when it has one)."""
    if link.many:
        return strings
    key = target.props()[target.key]
    check = matching(key.pattern) if key.pattern is not None else text
    return optional(check) if link.nullable else check
