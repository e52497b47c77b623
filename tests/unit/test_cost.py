"""The cost estimate: lists bounded by the data's statistics or their page, relation
filters by the related nodes they walk, fragments counted once. No database."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, get_operation_ast, parse

from execution.operations import bind_operation, fragments_of
from graph import curation, statistics
from graph.catalog import CATALOG
from graph.curation import transaction
from graph.cypher.plan import Estimate
from graph.mapping import Relation
from graph.model import Rel
from schema.app import schema
from settings import Settings

SETTINGS = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
PAGE = SETTINGS.max_page_size
# As graph.statistics stores them (the seed data's, rounded).
STATS = {
    "Country": 197,
    "Country.borders": 14,
    "Country.treatyEvents": 10,
    "TreatyEvent.sources": 3,
    "TreatyEvent": 813,
}


def estimate(
    query: str,
    variables: dict[str, Any] | None = None,
    stats: dict[str, int] | None = STATS,
) -> Estimate:
    document = parse(query)
    operation = get_operation_ast(document)
    assert isinstance(operation, OperationDefinitionNode)
    roots = bind_operation(
        schema._schema, operation, fragments_of(document), variables, SETTINGS
    )
    assert roots is not None
    total = Estimate()
    for root in roots:
        assert root.plan is not None, root.refusal
        total += root.plan.estimate(root.leaves, PAGE, stats)
    return total


def test_a_list_counts_its_relations_largest_fanout_not_the_page_size() -> None:
    # The connection, then each of 5 states and its borders (at most 14, not 200).
    cost = estimate("{ countries(first: 5) { nodes { borders { name } } } }")
    assert cost == Estimate(returned=1 + 5 * (1 + 14))


def test_a_page_smaller_than_the_fanout_bounds_the_list() -> None:
    cost = estimate("{ countries(first: 5) { nodes { borders(first: 3) { name } } } }")
    assert cost.returned == 1 + 5 * (1 + 3)


def test_a_root_list_counts_at_most_its_labels_nodes() -> None:
    assert estimate("{ countries(first: 200) { nodes { name } } }").returned == 1 + 197
    assert estimate("{ countries(first: 7) { nodes { name } } }").returned == 1 + 7


def test_the_page_size_from_a_variable_is_bounded_the_same_way() -> None:
    query = "query($n: Int) { countries(first: $n) { nodes { name } } }"
    assert estimate(query, {"n": 150}).returned == 1 + 150
    assert estimate(query, {"n": 199}).returned == 1 + 197


def test_without_statistics_every_list_counts_a_full_page() -> None:
    query = "{ countries(first: 5) { nodes { borders { name } } } }"
    assert estimate(query, stats=None).returned == 1 + 5 * (1 + PAGE)
    # A statistic not known (an older loader) counts the page too.
    assert estimate(query, stats={"Country": 197}).returned == 1 + 5 * (1 + PAGE)


def test_edges_nodes_and_page_info_are_each_counted_as_objects() -> None:
    cost = estimate(
        "{ countries(first: 2) { pageInfo { hasNextPage } "
        "edges { cursor node { name } } nodes { name } } }"
    )
    # The connection and its pageInfo; per state an edge, its node, and the node.
    assert cost.returned == 2 + 2 * 3


def test_a_relation_filter_walks_the_fanout_of_every_candidate_row() -> None:
    # Rows are filtered before paging: all 197 states test their borders.
    cost = estimate(
        '{ countries(first: 1, where: { borders: { some: { name: { eq: "X" } } } }) '
        "{ nodes { name } } }"
    )
    assert cost == Estimate(returned=1 + 1, walked=197 * 14)


def test_a_nested_relation_filter_multiplies_by_each_levels_fanout() -> None:
    nested = (
        "{ countries(first: 1, where: { borders: { some: { borders: { none: "
        '{ name: { eq: "X" } } } } } }) { nodes { name } } }'
    )
    assert estimate(nested).walked == 197 * 14 * (1 + 14)
    # Scalar filters walk nothing more than the rows they are on.
    assert estimate('{ countries(where: { name: { eq: "X" } }) { totalCount } }') == (
        Estimate(returned=1)
    )


def test_a_filter_on_a_nested_list_walks_per_parent_item() -> None:
    cost = estimate(
        "{ countries(first: 2) { nodes { borders(where: { treatyEvents: "
        "{ some: { kind: { eq: SIGNATURE } } } }) { name } } } }"
    )
    # Each of 2 states tests each of its (up to 14) borders' (up to 10) events.
    assert cost == Estimate(returned=1 + 2 * (1 + 14), walked=2 * 14 * 10)


def test_an_anchored_root_list_is_bounded_by_the_anchors_fanout() -> None:
    cost = estimate(
        '{ countries(where: { borders: { some: { iso3: { eq: "RUS" } } } }) '
        "{ nodes { name } } }"
    )
    # Every answer borders Russia: at most 14 rows, each testing its borders.
    assert cost == Estimate(returned=1 + 14, walked=14 * 14)


def test_aliases_count_each_copy() -> None:
    one = estimate("{ countries(first: 5) { nodes { borders { name } } } }")
    two = estimate(
        "{ a: countries(first: 5) { nodes { borders { name } } } "
        "b: countries(first: 5) { nodes { borders { name } } } }"
    )
    assert two == one + one


@pytest.mark.parametrize("depth", [24])
def test_a_fragment_chain_that_doubles_each_level_costs_in_linear_time(
    depth: int,
) -> None:
    chain = " ".join(
        f"fragment F{i} on Country {{ name ...F{i + 1} ...F{i + 1} }}"
        for i in range(depth)
    )
    query = f"{{ countries {{ nodes {{ ...F0 }} }} }} {chain} fragment F{depth} on Country {{ iso3 }}"
    started = time.perf_counter()
    cost = estimate(query)
    # Expanded naively it would be 2**24 selections: minutes, not milliseconds.
    assert time.perf_counter() - started < 0.5
    assert cost == estimate("{ countries { nodes { name iso3 } } }")


def test_a_filter_on_the_natural_key_bounds_the_rows_by_its_values() -> None:
    cost = estimate(
        '{ countries(where: { iso3: { in: ["LTU", "POL"] }, borders: { some: '
        '{ name: { eq: "X" } } } }) { nodes { borders { name } } } }'
    )
    assert cost == Estimate(returned=1 + 2 * (1 + 14), walked=2 * 14)
    one = estimate('{ countries(where: { iso3: { eq: "LTU" } }) { nodes { name } } }')
    assert one.returned == 1 + 1


def test_statistics_are_derived_from_every_catalog_relation_and_type() -> None:
    queries = statistics.statistics_queries(CATALOG)
    relations = sum(
        isinstance(field, Relation)
        for tm in CATALOG.types.values()
        for field in tm.fields.values()
    )
    # One per relation, one per type, and the border sources.
    assert len(queries) == relations + len(CATALOG.types) + 1
    assert any("'Country.borders'" in q and "`BORDERS`" in q for q in queries)


def test_a_write_recomputes_only_the_relations_walking_what_it_writes() -> None:
    queries = statistics.statistics_queries(CATALOG, frozenset({"HAS_EVENT"}))
    fanouts = [q for q in queries if "max(COUNT" in q]
    assert all("`HAS_EVENT`" in q for q in fanouts)
    assert any("'Country.treatyEvents'" in q for q in fanouts)


def test_every_relationship_type_a_curation_writes_is_declared_as_touched() -> None:
    # WROTE links the curation record to what it wrote: no catalog relation walks it.
    sources = (Path(curation.__file__).parent).glob("*.py")
    written = {
        name
        for path in sources
        for name in re.findall(r"Rel\.([A-Z_]+)", path.read_text())
    } - {"WROTE"}
    touched = set().union(*transaction.TOUCHES.values())
    assert {str(Rel[name]) for name in written} <= touched
