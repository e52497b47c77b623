"""Checks of curation input fields that need no database, each naming the field.

The `argument` is the field's path in the mutation (`input.newSources[0].url`), so a
client can point at what to fix (`extensions.argument`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import urlparse

from graph.errors import BadUserInput
from model.urls import normal_url
from model.vocabulary import NodeType

ID = re.compile(r"[a-z0-9][a-z0-9\-:.]{0,119}")
SLUG = re.compile(r"[a-z0-9][a-z0-9\-]{0,39}")
_ISO3 = re.compile(r"[A-Z]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_SHORT = 500
MAX_LONG = 10_000
MAX_COUNT = 100_000
MAX_ITEMS = 200


def text(value: str | None, argument: str, *, limit: int = MAX_SHORT) -> str | None:
    """Trimmed text or None; rejects control characters and over-long values."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > limit:
        raise BadUserInput(
            f"'{argument}' is longer than {limit} characters", argument=argument
        )
    if _CONTROL.search(value):
        raise BadUserInput(
            f"'{argument}' contains control characters", argument=argument
        )
    return value


def required(value: str | None, argument: str, *, limit: int = MAX_SHORT) -> str:
    """Like `text`, but empty is refused."""
    checked = text(value, argument, limit=limit)
    if checked is None:
        raise BadUserInput(f"'{argument}' must not be empty", argument=argument)
    return checked


def matching(value: str, regex: re.Pattern[str], argument: str, what: str) -> str:
    """The trimmed value if `regex` matches all of it; `what` says what was expected."""
    value = value.strip()
    if not regex.fullmatch(value):
        raise BadUserInput(
            f"'{argument}' must be {what}, got {value[:60]!r}", argument=argument
        )
    return value


def at_most(values: Sequence[object], argument: str) -> None:
    """Refuse lists longer than MAX_ITEMS."""
    if len(values) > MAX_ITEMS:
        raise BadUserInput(
            f"'{argument}' has more than {MAX_ITEMS} items", argument=argument
        )


def iso3(value: str, argument: str) -> str:
    """An ISO alpha-3 code, upper-cased."""
    return matching(value.upper(), _ISO3, argument, "an ISO alpha-3 code")


def iso3s(values: list[str], argument: str) -> list[str]:
    """ISO3 codes, upper-cased, each once."""
    at_most(values, argument)
    codes = [iso3(v, f"{argument}[{i}]") for i, v in enumerate(values)]
    return list(dict.fromkeys(codes))


def keys(
    values: list[str], regex: re.Pattern[str], argument: str, what: str
) -> list[str]:
    """Keys matching `regex`, each once, in the order given."""
    at_most(values, argument)
    checked = [
        matching(v, regex, f"{argument}[{i}]", what) for i, v in enumerate(values)
    ]
    return list(dict.fromkeys(checked))


def count(value: int | None, argument: str) -> int | None:
    """A tally between 0 and MAX_COUNT, or None."""
    if value is not None and not 0 <= value <= MAX_COUNT:
        raise BadUserInput(
            f"'{argument}' must be between 0 and {MAX_COUNT}", argument=argument
        )
    return value


def dated(date: dt.date | None, words: str | None, argument: str, other: str) -> None:
    """Never invent a date: without one, the input must say in words what is known."""
    if date is None and words is None:
        raise BadUserInput(
            f"'{argument}' is required unless '{other}' says what is known of the date",
            argument=argument,
        )


def ends_after(
    start: dt.date | None, end: dt.date | None, argument: str, other: str
) -> None:
    """An interval's end (its first day outside) after its start, when both are known."""
    if start is not None and end is not None and end <= start:
        raise BadUserInput(
            f"'{argument}' must be later than '{other}' (it is the first day outside)",
            argument=argument,
        )


def seed_key(node_type: NodeType, values: dict[str, str]) -> str:
    """The natural key the loader gives a record with these seed fields (`ORG:ISO3`,
    `person:office:start`), so a curated record and a seeded one never differ."""
    if node_type.seeds is None or not node_type.seeds.key:
        raise ValueError(f"{node_type.name} has no key made of seed fields")
    return ":".join(values[name] for name in node_type.seeds.key)


def url(value: str, argument: str) -> str:
    """An http(s) URL with a host, or a urn:, as the loader stores seed URLs
    (model.urls), so one page is one source whichever way it is spelled."""
    checked = required(value, argument, limit=2048)
    parsed = urlparse(checked)
    web = parsed.scheme in {"http", "https"} and bool(parsed.hostname)
    if not (web or (parsed.scheme == "urn" and parsed.path)) or " " in checked:
        raise BadUserInput(
            f"'{argument}' must be an http(s) URL or a urn:", argument=argument
        )
    return normal_url(checked)
