"""Checks curation inputs pass before anything reaches Neo4j."""

import datetime as dt

import pytest

from graph.errors import BadUserInput
from graph.model import party_interval
from resolvers.curation import inputs, sources, writes
from schema.enums import SourceKind
from schema.mutations import SourceInput


def source(**changes: object) -> SourceInput:
    values: dict[str, object] = {
        "id": "lrt-2026-03-01",
        "url": "https://www.lrt.lt/news/1",
        "publisher": " LRT ",
        "kind": SourceKind.NEWS,
        "author": "Jonas",
    }
    values.update(changes)
    return SourceInput(**values)  # type: ignore[arg-type]


def test_source_row_is_stored_like_the_loader_stores_sources() -> None:
    row = sources.source_row(source(), "input")
    assert row["key"] == "lrt-2026-03-01"
    assert row["props"]["publisher"] == "LRT"
    assert row["props"]["kind"] == "NEWS"
    assert row["props"]["host"] == "www.lrt.lt"
    assert row["props"]["searchText"] == "LRT | Jonas"


@pytest.mark.parametrize(
    ("changes", "argument"),
    [
        ({"url": "javascript:alert(1)"}, "input.url"),
        ({"url": "https://"}, "input.url"),
        ({"url": "https://a.example/ b"}, "input.url"),
        ({"id": "LRT"}, "input.id"),
        ({"id": "a'}) MATCH (n) DETACH DELETE n //"}, "input.id"),
        ({"publisher": "   "}, "input.publisher"),
        ({"title": "x" * 501}, "input.title"),
        ({"note": "bell\x07"}, "input.note"),
    ],
)
def test_bad_source_fields_are_named(changes: dict[str, object], argument: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        sources.source_row(source(**changes), "input")
    assert raised.value.extensions["argument"] == argument


def test_urn_sources_are_allowed() -> None:
    row = sources.source_row(source(url="urn:isbn:9780000000000"), "input")
    assert row["props"]["url"] == "urn:isbn:9780000000000"


def test_a_fact_needs_a_source() -> None:
    with pytest.raises(BadUserInput) as raised:
        sources.cited_sources([], [])
    assert raised.value.extensions["argument"] == "input.sourceIds"


def test_a_new_source_given_twice_is_named() -> None:
    with pytest.raises(BadUserInput) as raised:
        sources.cited_sources(["lrt-2026-03-01"], [source()])
    assert raised.value.extensions["argument"] == "input.newSources[0].id"


@pytest.mark.parametrize("key", ["short", "x" * 129, "has space-123", "ünïcode-key"])
def test_idempotency_keys_are_bounded_plain_text(key: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        writes.idempotency(key)
    assert raised.value.extensions["argument"] == "idempotencyKey"


def test_request_digest_depends_on_operation_and_input_only() -> None:
    one = writes.digest("addSource", {"a": 1, "b": dt.date(2026, 1, 1)})
    assert one == writes.digest("addSource", {"b": dt.date(2026, 1, 1), "a": 1})
    assert one != writes.digest("recordVote", {"a": 1, "b": dt.date(2026, 1, 1)})
    assert one != writes.digest("addSource", {"a": 2, "b": dt.date(2026, 1, 1)})


def test_a_date_or_words_about_it_are_required() -> None:
    with pytest.raises(BadUserInput) as raised:
        inputs.dated(None, None, "input.date", "input.dateText")
    assert raised.value.extensions["argument"] == "input.date"
    inputs.dated(None, "early 2026", "input.date", "input.dateText")


def test_party_rule_runs_from_entry_into_force_until_withdrawal_takes_effect() -> None:
    eif, out = dt.date(2026, 1, 1), dt.date(2027, 1, 1)
    assert party_interval({"RATIFICATION": dt.date(2025, 7, 1)}) is None
    assert party_interval({"ENTRY_INTO_FORCE": None}) is None
    assert party_interval({"ENTRY_INTO_FORCE": eif}) == (eif, None)
    assert party_interval(
        {"ENTRY_INTO_FORCE": eif, "SUSPENSION_NOTIFIED": dt.date(2026, 6, 1)}
    ) == (eif, None)
    assert party_interval({"ENTRY_INTO_FORCE": eif, "WITHDRAWAL_EFFECTIVE": out}) == (
        eif,
        out,
    )


def test_state_lists_are_upper_cased_and_deduplicated() -> None:
    assert inputs.iso3s(["ltu", "LTU", "lva"], "input.countries") == ["LTU", "LVA"]
    with pytest.raises(BadUserInput) as raised:
        inputs.iso3s(["LTU", "Lithuania"], "input.countries")
    assert raised.value.extensions["argument"] == "input.countries[1]"
