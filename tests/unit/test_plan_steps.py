"""The typed plan: what compiling records per leaf, and what parameters() does with
it for each request, coded errors included. No database."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest

from execution import cursors
from execution.context import Context
from execution.plans import parameters
from graph.catalog import CATALOG
from graph.cypher.plan import CursorCheck, LuceneText, PageSize, Plan, SearchLabels
from graph.cypher.root import compile_root
from graph.errors import BadUserInput, LimitExceeded
from graph.selection import Leaf, Selection
from settings import Settings

SETTINGS = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
CONTEXT = Context(driver=cast(Any, None), settings=SETTINGS)
SIGNATURE = "941552cd"


def plan(steps: dict[int, Any], arguments: dict[int, str]) -> Plan:
    return Plan(cypher="RETURN 1", steps=steps, arguments=arguments)


def page(value: Any) -> dict[str, Any]:
    return parameters(plan({0: PageSize(200)}, {0: "first"}), [value], CONTEXT)


def test_compiling_records_a_step_and_an_argument_name_per_leaf() -> None:
    countries = Selection(
        "countries",
        "countries",
        {"first": Leaf(0), "after": Leaf(1), "sort": [{"name": "ASC"}]},
        [Selection("nodes", "nodes", {}, [Selection("iso3", "iso3")])],
    )
    compiled = compile_root(countries, CATALOG, 200, 200)
    assert compiled.steps == {0: PageSize(200), 1: CursorCheck(SIGNATURE, 2)}
    assert compiled.arguments == {0: "first", 1: "after"}


def test_search_records_its_text_page_and_types_in_order() -> None:
    search = Selection(
        "search",
        "search",
        {"text": Leaf(0), "first": Leaf(1), "types": Leaf(2)},
        [Selection("score", "score")],
    )
    steps = compile_root(search, CATALOG, 200, 200).steps
    assert list(steps) == [0, 1, 2]
    assert steps[0] == LuceneText()
    assert steps[1] == PageSize(200)
    labels = steps[2]
    assert isinstance(labels, SearchLabels)
    assert dict(labels.labels)["PERSON"] == "Person"


def test_a_page_within_the_maximum_passes_unchanged() -> None:
    assert page(200) == {"p0": 200, "today": dt.date(2026, 11, 28)}


def test_a_page_over_the_maximum_is_limit_exceeded() -> None:
    with pytest.raises(LimitExceeded) as error:
        page(201)
    assert str(error.value) == "'first' may be at most 200 (TREATYGRAPH_MAX_PAGE_SIZE)"
    assert error.value.extensions == {
        "code": "LIMIT_EXCEEDED",
        "limit": "pageSize",
        "argument": "first",
        "max": 200,
    }


@pytest.mark.parametrize("value", [-1, "10", 1.5, None])
def test_a_page_that_is_not_a_non_negative_integer_is_bad_user_input(
    value: Any,
) -> None:
    with pytest.raises(BadUserInput) as error:
        page(value)
    assert str(error.value) == "'first' must be a non-negative integer"
    assert error.value.extensions == {"code": "BAD_USER_INPUT", "argument": "first"}


def test_a_cursor_is_decoded_into_its_sort_values() -> None:
    text = cursors.encode([dt.date(2025, 6, 27), "LTU"], SIGNATURE)
    check = plan({0: CursorCheck(SIGNATURE, 2)}, {0: "after"})
    assert parameters(check, [text], CONTEXT)["p0"] == [dt.date(2025, 6, 27), "LTU"]


@pytest.mark.parametrize(
    "text",
    [
        "not a cursor",
        cursors.encode(["Latvia", "LVA"], "another-sort"),
        cursors.encode(["LVA"], SIGNATURE),  # one value where the sort has two
    ],
)
def test_a_bad_cursor_is_bad_user_input_naming_its_argument(text: Any) -> None:
    check = plan({0: CursorCheck(SIGNATURE, 2)}, {0: "before"})
    with pytest.raises(BadUserInput) as error:
        parameters(check, [text], CONTEXT)
    assert str(error.value) == "'before' is not a cursor from this field and sort"
    assert error.value.extensions == {"code": "BAD_USER_INPUT", "argument": "before"}


def test_search_text_becomes_a_lucene_query() -> None:
    lucene = plan({0: LuceneText()}, {0: "text"})
    assert parameters(lucene, ["Šakalienė NATO:"], CONTEXT)["p0"] == (
        "(šakalienė^2 OR šakalienė*) AND (nato\\:^2 OR nato\\:*)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  ", "'text' must not be empty"),
        ("x" * 201, "'text' is longer than 200 characters"),
        ("\\ \\", "'text' has no searchable words"),
    ],
)
def test_unsearchable_text_is_bad_user_input(text: str, message: str) -> None:
    with pytest.raises(BadUserInput) as error:
        parameters(plan({0: LuceneText()}, {0: "text"}), [text], CONTEXT)
    assert str(error.value) == message
    assert error.value.extensions == {"code": "BAD_USER_INPUT", "argument": "text"}


def test_search_types_become_labels() -> None:
    step = SearchLabels((("PERSON", "Person"), ("TREATY", "Treaty")))
    params = parameters(plan({0: step}, {0: "types"}), [["TREATY", "PERSON"]], CONTEXT)
    assert params["p0"] == ["Treaty", "Person"]


def test_the_first_failing_step_is_the_one_reported() -> None:
    steps = plan({1: PageSize(200), 0: PageSize(200)}, {0: "last", 1: "first"})
    with pytest.raises(LimitExceeded) as error:
        parameters(steps, [500, 500], CONTEXT)
    assert error.value.extensions["argument"] == "first"


def test_a_lone_surrogate_is_bad_user_input_before_any_step() -> None:
    with pytest.raises(BadUserInput) as error:
        parameters(plan({0: LuceneText()}, {0: "text"}), ["\ud800"], CONTEXT)
    assert error.value.extensions == {"code": "BAD_USER_INPUT", "argument": "text"}
