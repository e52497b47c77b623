"""The curation mutations: check the key, validate the input, hand one write to graph.curation.

Checks that need no database run here, before anything is sent, and name the
offending field (`extensions.argument`, e.g. `input.newSources[0].url`). Checks that
do (unknown country, treaty, person …) run inside the write transaction, so a
failure there also leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import re
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import urlparse

import strawberry
from strawberry.types import Info

from graph import curation as store
from graph.errors import BadUserInput, DatabaseUnavailable
from graph.model import Label, search_text
from resolvers.auth import Principal, require_curator
from resolvers.context import Context
from schema.mutations import (
    IDEMPOTENCY_KEY,
    AddSourcePayload,
    Curation,
    RecordStatementPayload,
    RecordTreatyEventPayload,
    RecordVotePayload,
    SourceInput,
    StatementInput,
    TreatyEventInput,
    VoteInput,
)

_IDEMPOTENCY = re.compile(r"[A-Za-z0-9_.:\-]{8,128}")
_ID = re.compile(r"[a-z0-9][a-z0-9\-:.]{0,119}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9\-]{0,39}")
_ISO3 = re.compile(r"[A-Z]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_SHORT = 500
MAX_LONG = 10_000
MAX_COUNT = 100_000
MAX_ITEMS = 200

KeyArg = Annotated[str, strawberry.argument(description=IDEMPOTENCY_KEY)]


# -- field checks -----------------------------------------------------------------------


def _text(value: str | None, argument: str, *, limit: int = MAX_SHORT) -> str | None:
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


def _required(value: str | None, argument: str, *, limit: int = MAX_SHORT) -> str:
    text = _text(value, argument, limit=limit)
    if text is None:
        raise BadUserInput(f"'{argument}' must not be empty", argument=argument)
    return text


def _pattern(value: str, regex: re.Pattern[str], argument: str, what: str) -> str:
    value = value.strip()
    if not regex.fullmatch(value):
        raise BadUserInput(
            f"'{argument}' must be {what}, got {value[:60]!r}", argument=argument
        )
    return value


def _iso3(value: str, argument: str) -> str:
    return _pattern(value.upper(), _ISO3, argument, "an ISO alpha-3 code")


def _iso3s(values: list[str], argument: str) -> list[str]:
    """ISO3 codes, upper-cased, each once."""
    if len(values) > MAX_ITEMS:
        raise BadUserInput(
            f"'{argument}' has more than {MAX_ITEMS} items", argument=argument
        )
    codes = [_iso3(v, f"{argument}[{i}]") for i, v in enumerate(values)]
    return list(dict.fromkeys(codes))


def _keys(
    values: list[str], regex: re.Pattern[str], argument: str, what: str
) -> list[str]:
    if len(values) > MAX_ITEMS:
        raise BadUserInput(
            f"'{argument}' has more than {MAX_ITEMS} items", argument=argument
        )
    out: list[str] = []
    for index, value in enumerate(values):
        key = _pattern(value, regex, f"{argument}[{index}]", what)
        if key not in out:
            out.append(key)
    return out


def _count(value: int | None, argument: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_COUNT:
        raise BadUserInput(
            f"'{argument}' must be between 0 and {MAX_COUNT}", argument=argument
        )
    return value


def _dated(date: dt.date | None, text: str | None, argument: str, other: str) -> None:
    """Never invent a date: without one, the input must say in words what is known."""
    if date is None and text is None:
        raise BadUserInput(
            f"'{argument}' is required unless '{other}' says what is known of the date",
            argument=argument,
        )


def _url(value: str, argument: str) -> str:
    url = _required(value, argument, limit=2048)
    parsed = urlparse(url)
    web = parsed.scheme in {"http", "https"} and bool(parsed.hostname)
    if not (web or (parsed.scheme == "urn" and parsed.path)) or " " in url:
        raise BadUserInput(
            f"'{argument}' must be an http(s) URL or a urn:", argument=argument
        )
    return url


def source_row(source: SourceInput, argument: str) -> dict[str, Any]:
    """A new source as the loader would store it (same properties, same search text)."""
    sid = _pattern(source.id, _ID, f"{argument}.id", "a lowercase id")
    url = _url(source.url, f"{argument}.url")
    publisher = _required(source.publisher, f"{argument}.publisher")
    author = _text(source.author, f"{argument}.author")
    return {
        "key": sid,
        "props": {
            "url": url,
            "publisher": publisher,
            "title": _text(source.title, f"{argument}.title"),
            "author": author,
            "publishedOn": source.published_on,
            "kind": source.kind.name,
            "reliability": _text(source.reliability, f"{argument}.reliability"),
            "note": _text(source.note, f"{argument}.note", limit=MAX_LONG),
            "host": urlparse(url).hostname,
            "searchText": search_text(publisher, author),
        },
    }


def _sources(
    source_ids: list[str], new_sources: list[SourceInput]
) -> tuple[list[str], list[dict[str, Any]]]:
    ids = _keys(source_ids, _ID, "input.sourceIds", "a source id")
    if len(new_sources) > MAX_ITEMS:
        raise BadUserInput(
            f"'input.newSources' has more than {MAX_ITEMS} items",
            argument="input.newSources",
        )
    rows = [
        source_row(source, f"input.newSources[{index}]")
        for index, source in enumerate(new_sources)
    ]
    if not ids and not rows:
        raise BadUserInput(
            "'input.sourceIds': every fact needs at least one source "
            "(a stored id in sourceIds, or one in newSources)",
            argument="input.sourceIds",
        )
    new_ids = [row["key"] for row in rows]
    for index, sid in enumerate(new_ids):
        if sid in ids or sid in new_ids[:index]:
            raise BadUserInput(
                f"'input.newSources[{index}].id': '{sid}' is given twice",
                argument=f"input.newSources[{index}].id",
            )
    return ids, rows


def _idempotency(key: str) -> str:
    return _pattern(key, _IDEMPOTENCY, "idempotencyKey", "8-128 of A-Z a-z 0-9 _ . : -")


def _digest(operation: str, payload: dict[str, Any]) -> str:
    """Hash of the validated input: the same key must mean the same request."""
    canonical = json.dumps(
        [operation, payload], sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


# -- running one mutation -----------------------------------------------------------------


@contextlib.asynccontextmanager
async def _gate(context: Context) -> AsyncIterator[None]:
    """Wait (up to TREATYGRAPH_WRITE_QUEUE_TIMEOUT) for one of the app's write slots."""
    gate = context.write_gate
    if gate is None:
        yield
        return
    try:
        async with asyncio.timeout(context.settings.write_queue_seconds):
            await gate.acquire()
    except TimeoutError:
        raise DatabaseUnavailable(
            "Too many writes are queued; try again shortly."
        ) from None
    try:
        yield
    finally:
        gate.release()


async def _curate(
    info: Info[Context, None],
    principal: Principal,
    operation: str,
    idempotency_key: str,
    subject: tuple[Label, str],
    sources: tuple[list[str], list[dict[str, Any]]],
    payload: dict[str, Any],
    fact: store.Fact,
) -> tuple[Curation, bool, str]:
    context = info.context
    key = _idempotency(idempotency_key)
    request = store.Request(
        key=key,
        operation=operation,
        request_hash=_digest(operation, {**payload, "sources": sources}),
        by=principal.name,
        subject_label=subject[0],
        subject_key=subject[1],
        source_ids=sources[0],
        new_sources=sources[1],
    )
    async with _gate(context):
        curated = await store.curate(context.driver, context.settings, request, fact)
    context.trace.append({"field": info.path.key, "write": operation})
    record = Curation(
        idempotency_key=curated.key,
        operation=curated.operation,
        by=curated.by,
        at=curated.at,
        subject_type=curated.subject_label,
        subject_key=curated.subject_key,
    )
    return record, curated.replayed, curated.subject_key


async def add_source(
    info: Info[Context, None], idempotency_key: KeyArg, input: SourceInput
) -> AddSourcePayload:
    """Store a new source, to cite in later mutations by its id."""
    principal = require_curator(info.context.credentials)
    row = source_row(input, "input")
    record, replayed, key = await _curate(
        info,
        principal,
        "addSource",
        idempotency_key,
        (Label.SOURCE, row["key"]),
        ([], [row]),
        {},
        store.write_source,
    )
    return AddSourcePayload(replayed=replayed, curation=record, subject_key=key)


async def record_treaty_event(
    info: Info[Context, None], idempotency_key: KeyArg, input: TreatyEventInput
) -> RecordTreatyEventPayload:
    """Add or correct a dated treaty event; PARTY_TO follows in the same transaction."""
    principal = require_curator(info.context.credentials)
    treaty = _pattern(input.treaty, _SLUG, "input.treaty", "a treaty slug")
    country = _iso3(input.country, "input.country")
    note = _text(input.note, "input.note", limit=MAX_LONG)
    _dated(input.date, note, "input.date", "input.note")
    sources = _sources(input.source_ids, input.new_sources)
    kind = input.kind.name
    event = store.EventInput(
        treaty=treaty,
        country=country,
        kind=kind,
        props={
            "kind": kind,
            "date": input.date,
            "note": note,
            "derived": False,
            "derivationRule": None,
            "derivedFrom": None,
        },
    )
    record, replayed, key = await _curate(
        info,
        principal,
        "recordTreatyEvent",
        idempotency_key,
        (Label.TREATY_EVENT, f"{treaty}:{country}:{kind.lower()}"),
        sources,
        {"treaty": treaty, "country": country, "props": event.props},
        store.event_fact(event),
    )
    return RecordTreatyEventPayload(replayed=replayed, curation=record, subject_key=key)


async def record_vote(
    info: Info[Context, None], idempotency_key: KeyArg, input: VoteInput
) -> RecordVotePayload:
    """Add a parliamentary vote in a known chamber."""
    principal = require_curator(info.context.credentials)
    key = _pattern(input.key, _ID, "input.key", "a lowercase id")
    chamber = _pattern(input.chamber, _ID, "input.chamber", "a chamber key")
    treaty = (
        None
        if input.treaty is None
        else _pattern(input.treaty, _SLUG, "input.treaty", "a treaty slug")
    )
    date_text = _text(input.date_text, "input.dateText")
    _dated(input.date, date_text, "input.date", "input.dateText")
    abstainers = _keys(input.abstainers, _ID, "input.abstainers", "a person key")
    abstained = _count(input.abstained, "input.abstained")
    if abstained is not None and len(abstainers) > abstained:
        raise BadUserInput(
            f"'input.abstainers' names {len(abstainers)} people but "
            f"'abstained' is {abstained}",
            argument="input.abstainers",
        )
    props = {
        "date": input.date,
        "dateText": date_text,
        "action": _required(input.action, "input.action", limit=100),
        "stage": _text(input.stage, "input.stage", limit=100),
        "subject": _text(input.subject, "input.subject", limit=MAX_LONG),
        "votesFor": _count(input.votes_for, "input.votesFor"),
        "votesAgainst": _count(input.votes_against, "input.votesAgainst"),
        "abstained": abstained,
        "absent": _count(input.absent, "input.absent"),
        "notVoting": _count(input.not_voting, "input.notVoting"),
        "required": _count(input.required, "input.required"),
        "outcome": input.outcome.name if input.outcome is not None else None,
        "note": _text(input.note, "input.note", limit=MAX_LONG),
    }
    sources = _sources(input.source_ids, input.new_sources)
    vote = store.VoteInput(
        chamber=chamber, treaty=treaty, abstainers=abstainers, props=props
    )
    record, replayed, subject = await _curate(
        info,
        principal,
        "recordVote",
        idempotency_key,
        (Label.VOTE, key),
        sources,
        {"chamber": chamber, "treaty": treaty, "abstainers": abstainers, **props},
        store.vote_fact(vote),
    )
    return RecordVotePayload(replayed=replayed, curation=record, subject_key=subject)


async def record_statement(
    info: Info[Context, None], idempotency_key: KeyArg, input: StatementInput
) -> RecordStatementPayload:
    """Add a statement with its authors (people) and the states it speaks for."""
    principal = require_curator(info.context.credentials)
    key = _pattern(input.key, _ID, "input.key", "a lowercase id")
    date_text = _text(input.date_text, "input.dateText")
    _dated(input.date, date_text, "input.date", "input.dateText")
    authors = _keys(input.authors, _ID, "input.authors", "a person key")
    countries = _iso3s(input.countries, "input.countries")
    if not authors and not countries:
        raise BadUserInput(
            "'input.authors': name the people who made it, or the states it speaks "
            "for in 'countries'",
            argument="input.authors",
        )
    if len(input.quotes) > MAX_ITEMS:
        raise BadUserInput(
            f"'input.quotes' has more than {MAX_ITEMS} items", argument="input.quotes"
        )
    quotes = [
        _required(quote, f"input.quotes[{index}]", limit=MAX_LONG)
        for index, quote in enumerate(input.quotes)
    ]
    recommendations = [
        store.RecommendationInput(
            action=rec.action.name,
            treaty=_pattern(
                rec.treaty,
                _SLUG,
                f"input.recommendations[{index}].treaty",
                "a treaty slug",
            ),
            addressed_to=_iso3s(
                rec.addressed_to, f"input.recommendations[{index}].addressedTo"
            ),
        )
        for index, rec in enumerate(input.recommendations)
    ]
    summary = _text(input.summary, "input.summary", limit=MAX_LONG)
    props = {
        "date": input.date,
        "dateText": date_text,
        "kind": input.kind.name,
        "title": _required(input.title, "input.title"),
        "summary": summary,
        "quotes": quotes,
        "note": _text(input.note, "input.note", limit=MAX_LONG),
        "searchText": search_text(summary),
    }
    sources = _sources(input.source_ids, input.new_sources)
    statement = store.StatementInput(
        authors=authors,
        countries=countries,
        recommendations=recommendations,
        props=props,
    )
    record, replayed, subject = await _curate(
        info,
        principal,
        "recordStatement",
        idempotency_key,
        (Label.STATEMENT, key),
        sources,
        {
            "authors": authors,
            "countries": countries,
            "recommendations": [vars(r) for r in recommendations],
            **props,
        },
        store.statement_fact(statement),
    )
    return RecordStatementPayload(
        replayed=replayed, curation=record, subject_key=subject
    )
