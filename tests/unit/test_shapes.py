"""Shapes complete compiled rows as graphql-core would, or refuse (Unshaped)."""

from __future__ import annotations

from typing import Any

import pytest

from execution import cursors
from execution.shapes import Complete, Unshaped, shape
from graph.selection import Selection
from schema.app import schema

GQL = schema._schema


def sel(
    name: str, *children: Selection, key: str | None = None, **kw: Any
) -> Selection:
    return Selection(name, key or name, {}, list(children), **kw)


def country(*children: Selection) -> Complete:
    return shape(sel("country", *children), GQL)


def test_text_passes_through_and_other_values_serialise_as_graphql_core_does() -> None:
    complete = country(sel("name"), sel("region"), sel("iso3", key="code"))
    row = {"name": "Lithuania", "region": 5, "code": "LTU"}
    assert complete(row) == {"name": "Lithuania", "region": "5", "code": "LTU"}


def test_null_in_a_non_null_field_is_unshaped_and_in_a_nullable_one_null() -> None:
    complete = country(sel("name"), sel("region"))
    assert complete({"name": "Estonia", "region": None}) == {
        "name": "Estonia",
        "region": None,
    }
    assert complete(None) is None  # the lookup itself is nullable
    with pytest.raises(Unshaped):
        complete({"name": None, "region": "Europe"})


@pytest.mark.parametrize(
    ("value", "outcome"),
    [(85, 85), (True, 1), (2.0, 2), (2**31, Unshaped), ("85", 85), ("many", Unshaped)],
)
def test_int_leaves_follow_graphql_cores_int_serializer(
    value: Any, outcome: Any
) -> None:
    complete = shape(sel("vote", sel("required")), GQL)
    if outcome is Unshaped:
        with pytest.raises(Unshaped):
            complete({"required": value})
    else:
        assert complete({"required": value}) == {"required": outcome}


def test_enums_serialise_by_name_and_refuse_unknown_values() -> None:
    complete = country(sel("unStatus"))
    assert complete({"unStatus": "MEMBER"}) == {"unStatus": "MEMBER"}
    with pytest.raises(Unshaped):
        complete({"unStatus": "NOT_A_STATUS"})


def test_typename_is_the_object_types_name() -> None:
    complete = country(sel("__typename", key="t"), sel("iso3"))
    assert complete({"iso3": "POL"}) == {"t": "Country", "iso3": "POL"}


def test_a_list_where_a_map_belongs_is_unshaped() -> None:
    with pytest.raises(Unshaped):
        country(sel("iso3"))([{"iso3": "POL"}])
    with pytest.raises(Unshaped):
        country(sel("aliases"))({"aliases": "Polska"})


def test_connections_page_cursors_and_page_info() -> None:
    complete = shape(
        sel(
            "countries",
            sel("totalCount"),
            sel("nodes", sel("iso3")),
            sel("edges", sel("cursor"), sel("node", sel("name"))),
            sel("pageInfo", sel("hasNextPage"), sel("endCursor")),
            sel("__typename"),
        ),
        GQL,
    )
    rows = [
        {"iso3": iso3, "name": name, "__c": [name, iso3]}
        for iso3, name in [("EST", "Estonia"), ("LVA", "Latvia"), ("LTU", "Lithuania")]
    ]
    page = {"totalCount": 9, "__page": rows, "__first": 2, "__sig": "s1"}
    answer = complete(page)
    assert answer["totalCount"] == 9
    assert answer["nodes"] == [{"iso3": "EST"}, {"iso3": "LVA"}]
    assert answer["edges"][1] == {
        "cursor": cursors.encode(["Latvia", "LVA"], "s1"),
        "node": {"name": "Latvia"},
    }
    assert answer["pageInfo"] == {
        "hasNextPage": True,
        "endCursor": cursors.encode(["Latvia", "LVA"], "s1"),
    }
    assert answer["__typename"] == "CountryConnection"
    backward = complete({**page, "__backward": True})
    assert backward["nodes"] == [{"iso3": "LVA"}, {"iso3": "EST"}]


def test_union_members_are_picked_by_typename() -> None:
    complete = shape(
        sel(
            "search",
            sel("score"),
            sel(
                "node",
                sel("__typename"),
                sel("iso3", on_type="Country"),
                sel("name", on_type="Person"),
            ),
        ),
        GQL,
    )
    hits = [
        {"score": 2.5, "node": {"__typename": "Country", "iso3": "LTU", "name": "x"}},
        {"score": 1, "node": {"__typename": "Person", "name": "Dovilė Šakalienė"}},
    ]
    assert complete(hits) == [
        {"score": 2.5, "node": {"__typename": "Country", "iso3": "LTU"}},
        {"score": 1.0, "node": {"__typename": "Person", "name": "Dovilė Šakalienė"}},
    ]
    with pytest.raises(Unshaped):
        complete([{"score": 1.0, "node": {"__typename": "Query"}}])


def test_a_type_the_compiler_does_not_build_has_no_shape() -> None:
    with pytest.raises(Unshaped):
        shape(sel("dataset", sel("version")), GQL)


@pytest.mark.parametrize(
    ("value", "outcome"), [(2.5, 2.5), (3, 3.0), (float("inf"), Unshaped)]
)
def test_float_leaves_pass_when_finite_and_serialise_otherwise(
    value: Any, outcome: Any
) -> None:
    complete = shape(sel("search", sel("score")), GQL)
    if outcome is Unshaped:
        with pytest.raises(Unshaped):
            complete([{"score": value}])
    else:
        assert complete([{"score": value}]) == [{"score": outcome}]
        assert type(complete([{"score": value}])[0]["score"]) is float
