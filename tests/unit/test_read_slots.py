"""A request's statements share TREATYGRAPH_READS_PER_REQUEST slots of the pool.

graph.driver.read is replaced by a fake that counts the statements in flight and
answers after a delay (later fields faster, so they finish out of order): this
proves the scheduling above the driver, not anything about Neo4j.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any, cast

import pytest
from graphql import OperationDefinitionNode, parse

from execution.context import Context
from execution.operations import bind_operation, fragments_of, read_roots
from graph import driver as db
from graph.errors import DatabaseUnavailable
from schema.app import schema
from settings import Settings

SETTINGS = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
FIELDS = 12


class FakeReads:
    """db.read's stand-in: the most statements it saw in flight at once."""

    def __init__(self, failing: str | None = None) -> None:
        self.in_flight = 0
        self.most = 0
        self.statements = 0
        self.failing = failing

    async def read(
        self, driver: Any, settings: Settings, cypher: str, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        self.in_flight += 1
        self.statements += 1
        self.most = max(self.most, self.in_flight)
        try:
            text = " ".join(str(v) for v in params.values())
            # C00 waits longest, C11 least: answers finish in reverse order.
            await asyncio.sleep(0.001 * (FIELDS - self.statements % FIELDS))
            if self.failing is not None and self.failing in text:
                raise DatabaseUnavailable("the fake pool is empty")
            return [{"result": {"seen": text}}]
        finally:
            self.in_flight -= 1


def countries_query(count: int) -> str:
    fields = " ".join(
        f'c{i:02}: country(iso3: "C{i:02}") {{ name }}' for i in range(count)
    )
    return "{ " + fields + " }"


async def read(query: str, settings: Settings) -> tuple[dict[str, Any], Context]:
    document = parse(query)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    roots = bind_operation(
        schema._schema, operation, fragments_of(document), None, settings
    )
    assert roots is not None
    context = Context(driver=cast(Any, None), settings=settings)
    answers = await read_roots(roots, context, settings)
    return answers.answers, context


@pytest.mark.parametrize("slots", [1, 4])
async def test_a_request_with_12_root_fields_never_has_more_than_its_slots_in_flight(
    monkeypatch: pytest.MonkeyPatch, slots: int
) -> None:
    fake = FakeReads()
    monkeypatch.setattr(db, "read", fake.read)
    settings = dataclasses.replace(SETTINGS, reads_per_request=slots)
    answers, context = await read(countries_query(FIELDS), settings)
    assert fake.statements == FIELDS
    assert fake.most == slots
    # Every field keeps its own answer, in the operation's order, traced in it too.
    assert list(answers) == [f"c{i:02}" for i in range(FIELDS)]
    for key, answer in answers.items():
        assert f"C{key[1:]}" in answer["seen"]
    assert [entry["field"] for entry in context.trace] == list(answers)


async def test_an_error_stays_with_its_root_field_among_bounded_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeReads(failing="C05")
    monkeypatch.setattr(db, "read", fake.read)
    answers, _ = await read(countries_query(FIELDS), SETTINGS)
    assert isinstance(answers["c05"], DatabaseUnavailable)
    others = [a for key, a in answers.items() if key != "c05"]
    assert len(others) == FIELDS - 1
    assert all(isinstance(a, dict) for a in others)
    assert fake.most == SETTINGS.reads_per_request


async def test_a_single_root_field_takes_no_read_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeReads()
    monkeypatch.setattr(db, "read", fake.read)
    answers, context = await read(countries_query(1), SETTINGS)
    assert list(answers) == ["c00"]
    assert context.reads is None


async def test_aliases_of_a_field_graphql_core_resolves_share_the_same_slots(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeReads()
    monkeypatch.setattr(db, "read", fake.read)
    query = (
        "{ " + " ".join(f"d{i}: dataset {{ version }}" for i in range(FIELDS)) + " }"
    )
    context = Context(driver=cast(Any, None), settings=SETTINGS)
    result = await schema.execute(query, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    assert len(result.data) == FIELDS
    assert fake.statements == FIELDS
    assert fake.most == SETTINGS.reads_per_request
