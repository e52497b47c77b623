"""Relation filters are bounded when compiled, before any Cypher runs: nesting per
`where` (TREATYGRAPH_MAX_FILTER_DEPTH) and how many one statement holds. No database."""

from __future__ import annotations

from typing import Any

import pytest

from graph.catalog import CATALOG
from graph.cypher.root import compile_root
from graph.cypher.state import MAX_RELATION_FILTERS
from graph.errors import LimitExceeded
from graph.selection import Leaf, Selection
from settings import DEFAULT_MAX_FILTER_DEPTH, Settings, SettingsError

LTU: dict[str, Any] = {"iso3": {"eq": Leaf(0)}}


def borders(depth: int, quantifier: str = "some") -> dict[str, Any]:
    """`borders: { <quantifier>: … }` nested `depth` times around one iso3 condition."""
    where = LTU
    for _ in range(depth):
        where = {"borders": {quantifier: where}}
    return where


def countries(where: Any, **limits: int) -> str:
    """The Cypher of `countries(where:) { totalCount }`."""
    args = {"where": where}
    sel = Selection(
        "countries", "countries", args, [Selection("totalCount", "totalCount")]
    )
    return compile_root(sel, CATALOG, 200, 200, **limits).cypher


def refusal(where: Any, **limits: int) -> dict[str, Any]:
    with pytest.raises(LimitExceeded) as raised:
        countries(where, **limits)
    return raised.value.extensions


def test_the_default_depth_compiles_and_one_more_is_refused() -> None:
    assert DEFAULT_MAX_FILTER_DEPTH == 4
    assert countries(borders(4)).count("EXISTS {") == 4
    assert refusal(borders(5)) == {
        "code": "LIMIT_EXCEEDED",
        "limit": "filterDepth",
        "argument": "where",
        "max": 4,
        "actual": 5,
    }


def test_the_depth_reported_is_the_whole_filters_not_where_it_passed_the_limit() -> (
    None
):
    assert refusal(borders(20))["actual"] == 20


@pytest.mark.parametrize("quantifier", ["some", "all", "none", "single"])
def test_every_quantifier_is_one_hop(quantifier: str) -> None:
    countries(borders(2, quantifier), max_filter_depth=2)
    assert refusal(borders(3, quantifier), max_filter_depth=2)["actual"] == 3


def test_count_is_one_hop_and_its_int_filter_none() -> None:
    counted = {"borders": {"some": {"borders": {"count": {"gte": Leaf(0)}}}}}
    countries(counted, max_filter_depth=2)
    assert refusal(counted, max_filter_depth=1)["actual"] == 2


def test_a_single_relation_filter_is_one_hop() -> None:
    nato = {"memberships": {"some": {"organization": {"code": {"eq": Leaf(0)}}}}}
    countries(nato, max_filter_depth=2)
    assert refusal(nato, max_filter_depth=1)["actual"] == 2


def test_and_or_not_add_no_depth() -> None:
    wrapped = {"NOT": {"AND": [LTU, {"OR": [borders(4), {"NOT": borders(3)}]}]}}
    assert "EXISTS {" in countries(wrapped)
    assert refusal({"OR": [LTU, {"NOT": {"AND": [borders(5)]}}]})["actual"] == 5


def test_side_by_side_filters_count_their_deepest_not_their_sum() -> None:
    side_by_side = {"borders": {"some": borders(3), "all": borders(3)}}
    countries(side_by_side)
    assert refusal({"AND": [borders(2), borders(5)]})["actual"] == 5


def test_a_nested_fields_where_is_bounded_too() -> None:
    def lithuania(where: Any) -> Selection:
        nested = Selection(
            "borders", "borders", {"where": where}, [Selection("iso3", "iso3")]
        )
        return Selection("country", "country", {"iso3": Leaf(0)}, [nested])

    compile_root(lithuania(borders(4)), CATALOG, 200, 200)
    with pytest.raises(LimitExceeded) as raised:
        compile_root(lithuania(borders(5)), CATALOG, 200, 200)
    assert raised.value.extensions["limit"] == "filterDepth"


def test_values_that_set_nothing_add_no_depth() -> None:
    empty = {"borders": {"some": None, "all": None}, "memberships": {}}
    assert (
        countries({"borders": {"some": empty}}, max_filter_depth=1).count("EXISTS {")
        == 1
    )


def test_relation_filters_per_statement_are_bounded() -> None:
    assert MAX_RELATION_FILTERS == 16
    wide = {"AND": [borders(1)] * 16}
    assert countries(wide).count("EXISTS {") == 16
    assert refusal({"AND": [borders(1)] * 17}) == {
        "code": "LIMIT_EXCEEDED",
        "limit": "relationFilters",
        "argument": "where",
        "max": 16,
        "actual": 17,
    }


def test_every_quantifier_and_hop_counts_towards_the_statements_filters() -> None:
    # 2 + 2 at the first level, 4 more below each of them.
    tree = {"borders": {"some": borders(2), "single": borders(2)}}
    assert refusal(tree, max_relation_filters=5)["actual"] == 6
    nato = {"memberships": {"some": {"organization": {"code": {"eq": Leaf(0)}}}}}
    assert refusal({"AND": [nato, nato]}, max_relation_filters=3)["actual"] == 4


def test_the_filters_of_every_where_in_the_statement_add_up() -> None:
    nested = Selection(
        "borders",
        "borders",
        {"where": {"AND": [borders(1)] * 9}},
        [Selection("iso3", "iso3")],
    )
    root = Selection(
        "countries",
        "countries",
        {"where": {"AND": [borders(1)] * 8}},
        [Selection("nodes", "nodes", {}, [nested])],
    )
    with pytest.raises(LimitExceeded) as raised:
        compile_root(root, CATALOG, 200, 200)
    assert raised.value.extensions["limit"] == "relationFilters"
    assert raised.value.extensions["actual"] == 17


def test_the_depth_is_a_setting() -> None:
    assert Settings.from_env({}).max_filter_depth == 4
    assert (
        Settings.from_env({"TREATYGRAPH_MAX_FILTER_DEPTH": "2"}).max_filter_depth == 2
    )
    with pytest.raises(SettingsError, match="TREATYGRAPH_MAX_FILTER_DEPTH"):
        Settings.from_env({"TREATYGRAPH_MAX_FILTER_DEPTH": "0"})
