"""Relay ids: every Node type's id refetches it with node(id:)/nodes(ids:), a dated
id answers for its own date, bad ids are coded errors, recommendations honour
asOf, and connections page by pageInfo's cursors with `nodes` alone."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

from execution.ids import encode
from graph.catalog import CATALOG
from tests.integration.conftest import only_error, post

TODAY = "2026-11-28"  # TREATYGRAPH_AS_OF of the tests
FINLAND = "{ memberships { organization { code } } partyTo { slug } " + (
    'treatyStatus(treaty: "ottawa") { status } }'
)

# One query per Node type that finds some of its nodes (a root listing, or through
# a parent for the types without one), and the path to them.
_FINDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Membership": (
        '{ country(iso3: "FIN") { membershipHistory { id key } } }',
        ("country", "membershipHistory"),
    ),
    "Term": (
        "{ people(where: { terms: { some: {} } }, first: 1) { nodes { terms { id key } } } }",
        ("people", "nodes", "0", "terms"),
    ),
}


def _plain(global_id: str) -> str:
    return base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()


def _dig(value: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        value = value[int(step)] if isinstance(value, list) else value[step]
    return value


def _some(gql: Any, type_name: str) -> list[dict[str, Any]]:
    """Up to three nodes of the type, each with its id and natural key."""
    if type_name in _FINDERS:
        query, path = _FINDERS[type_name]
    else:
        listing = next(f for f, t in CATALOG.root_lists.items() if t == type_name)
        key = CATALOG.types[type_name].key
        query = f"{{ {listing}(first: 3) {{ nodes {{ id {key} }} }} }}"
        path = (listing, "nodes")
    body = gql(query)
    assert "errors" not in body, body
    found: list[dict[str, Any]] = _dig(body["data"], path)[:3]
    assert found, type_name
    return found


def test_every_node_type_is_dated_but_claim_and_curation_and_source_is_no_node() -> (
    None
):
    dated = {name for name, tm in CATALOG.node_types.items() if tm.dated}
    assert set(CATALOG.node_types) - dated == {"Claim", "Curation"}
    assert "Source" not in CATALOG.node_types
    assert {"Recommendation", "Country"} <= dated


# The seed data has no curation records: test_curations round-trips one it writes.
@pytest.mark.parametrize(
    "type_name", sorted(n for n in CATALOG.node_types if n != "Curation")
)
def test_a_node_types_ids_round_trip_through_node_and_nodes(
    gql: Any, type_name: str
) -> None:
    tm = CATALOG.types[type_name]
    found = _some(gql, type_name)
    for item in found:
        date = f"@{TODAY}" if tm.dated else ""
        assert _plain(item["id"]) == f"{type_name}:{item[tm.key]}{date}"
    first = found[0]
    body = gql(
        "query($id: ID!) { node(id: $id) { __typename id "
        f"... on {type_name} {{ {tm.key} }} }} }}",
        {"id": first["id"]},
    )
    assert "errors" not in body, body
    assert body["data"]["node"] == {"__typename": type_name, **first}
    ids = [item["id"] for item in reversed(found)]
    # `... on Node` takes graphql-core's path; the ids must be the same there.
    body = gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Node { id } } }",
        {"ids": ids},
    )
    assert "errors" not in body, body
    assert [n["id"] for n in body["data"]["nodes"]] == ids


def test_finlands_id_differs_per_as_of_and_each_node_view_is_that_dates(
    gql: Any,
) -> None:
    views = gql(
        f'{{ old: country(iso3: "FIN", asOf: "2020-01-01") {{ id ...F }} '
        f'new: country(iso3: "FIN", asOf: "2026-06-01") {{ id ...F }} }} '
        f"fragment F on Country {FINLAND}"
    )["data"]
    old, new = views["old"], views["new"]
    assert old["id"] != new["id"]
    assert _plain(old["id"]) == "Country:FIN@2020-01-01"
    assert {m["organization"]["code"] for m in old["memberships"]} == {"EU"}
    assert {m["organization"]["code"] for m in new["memberships"]} == {"EU", "NATO"}
    assert old["treatyStatus"]["status"] == "PARTY"
    assert new["treatyStatus"]["status"] == "WITHDRAWN"
    for view in (old, new):
        refetched = gql(
            f"query($id: ID!) {{ node(id: $id) {{ id ... on Country {FINLAND} }} }}",
            {"id": view["id"]},
        )["data"]["node"]
        assert refetched == view
    both = gql(
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ id ... on Country {FINLAND} }} }}",
        {"ids": [new["id"], old["id"]]},
    )["data"]["nodes"]
    assert both == [new, old]


def test_nested_objects_carry_the_date_their_fields_answered_for(gql: Any) -> None:
    body = gql(
        '{ treaty(slug: "ottawa", asOf: "2020-01-01") { id '
        'parties(asOf: "2024-01-01", first: 1) { nodes { id } } } }'
    )
    treaty = body["data"]["treaty"]
    assert _plain(treaty["id"]) == "Treaty:ottawa@2020-01-01"
    assert _plain(treaty["parties"]["nodes"][0]["id"]).endswith("@2024-01-01")


def test_a_well_formed_id_of_a_missing_node_is_null(gql: Any) -> None:
    missing = encode(f"Country:ZZZ@{TODAY}")
    body = gql(
        "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } "
        "nodes(ids: $ids) { id } }",
        {"id": missing, "ids": [missing, encode("Claim:no-such-claim")]},
    )
    assert "errors" not in body, body
    assert body["data"] == {"node": None, "nodes": [None, None]}


@pytest.mark.parametrize(
    "bad",
    [
        "not an id!",
        "Q291bnRyeQ",  # "Country": no key
        encode("Nation:FIN@2020-01-01"),  # no such type
        encode("Country:FIN"),  # a dated type without its date
        encode("Claim:ccm-bdi-ratification-date-kept@2020-01-01"),  # undated, dated
        encode("Country:FIN@2025-02-30"),  # no such day
        "Q" * 600,
    ],
)
def test_an_id_that_is_none_of_ours_is_bad_user_input(gql: Any, bad: str) -> None:
    for query, variables in (
        ("query($id: ID!) { node(id: $id) { id } }", {"id": bad}),
        ("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [bad]}),
    ):
        body = gql(query, variables)
        assert body["data"] is None or None in body["data"].values(), body
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert error["extensions"]["argument"] in ("id", "ids")


def test_nodes_takes_at_most_a_page_of_ids(app_with: Any) -> None:
    client = app_with(max_page_size=3)
    ids = [encode(f"Country:{c}@{TODAY}") for c in ("FIN", "LTU", "EST", "POL")]
    body = post(
        client,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        variables={"ids": ids},
    )
    error = only_error(body) if body.get("data") is None else body["errors"][0]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED", error
    body = post(
        client,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        variables={"ids": ids[:3]},
    )
    assert "errors" not in body, body


def test_recommendations_exist_from_their_date_on(gql: Any) -> None:
    def keys(as_of: str) -> list[str]:
        body = gql(
            f'{{ recommendations(asOf: "{as_of}") {{ totalCount nodes {{ key }} }} }}'
        )
        page = body["data"]["recommendations"]
        assert page["totalCount"] == len(page["nodes"])
        return [n["key"] for n in page["nodes"]]

    assert keys("2024-01-01") == []
    assert keys("2025-02-01") == ["ltu-mod-proposal-2025-01-14:1"]
    assert len(keys(TODAY)) == 4


def test_nested_recommendations_honour_as_of(gql: Any) -> None:
    query = (
        '{ country(iso3: "LTU", asOf: "$D") { recommendations { key } } '
        'treaty(slug: "ottawa", asOf: "$D") { recommendations { key } } '
        'statement(key: "joint-statement-2025-03-18", asOf: "$D") '
        "{ recommendations { key } } "
        'countries(asOf: "$D", where: { recommendations: { some: {} } }) '
        "{ totalCount } }"
    )
    before = gql(query.replace("$D", "2024-01-01"))["data"]
    assert before["country"]["recommendations"] == []
    assert before["treaty"]["recommendations"] == []
    assert before["statement"]["recommendations"] == []
    assert before["countries"]["totalCount"] == 0
    after = gql(query.replace("$D", TODAY))["data"]
    assert after["country"]["recommendations"]
    assert after["treaty"]["recommendations"]
    assert after["statement"]["recommendations"]
    assert after["countries"]["totalCount"] > 0


def test_a_recommendations_id_dated_before_it_was_made_is_null(gql: Any) -> None:
    made = encode(f"Recommendation:ltu-mod-proposal-2025-01-14:1@{TODAY}")
    early = encode("Recommendation:ltu-mod-proposal-2025-01-14:1@2024-12-31")
    body = gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [made, early]}
    )
    assert body["data"]["nodes"] == [{"id": made}, None]


def test_search_hits_give_node_ids_and_sources_their_handles(gql: Any) -> None:
    body = gql(
        '{ search(text: "finland") { node { __typename '
        "... on Node { id } ... on Source { id url } } } }"
    )
    assert "errors" not in body, body
    hits = [h["node"] for h in body["data"]["search"]]
    assert {"Source", "Country"} <= {h["__typename"] for h in hits}
    for hit in hits:
        if hit["__typename"] == "Source":
            assert re.fullmatch(r"[a-z0-9][a-z0-9\-:.]*", hit["id"]), hit
        else:
            assert _plain(hit["id"]).startswith(hit["__typename"] + ":"), hit


PARTIES = (
    "query($after: String, $before: String, $first: Int, $last: Int) "
    '{ treaty(slug: "ottawa") { parties(first: $first, after: $after, '
    "last: $last, before: $before) { SEL pageInfo { hasNextPage hasPreviousPage "
    "startCursor endCursor } } } }"
)


def _parties(gql: Any, selection: str, **variables: Any) -> dict[str, Any]:
    body = gql(PARTIES.replace("SEL", selection), variables)
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["treaty"]["parties"]
    return page


def test_connections_page_by_page_info_cursors_with_nodes_alone(gql: Any) -> None:
    """What Apollo's relayStylePagination reads: with only `nodes` selected,
    pageInfo's cursors are there, are the edges' cursors, and page onwards."""
    whole = [n["iso3"] for n in _parties(gql, "nodes { iso3 }", first=9)["nodes"]]
    one = _parties(gql, "nodes { iso3 }", first=3)
    edged = _parties(gql, "edges { cursor node { iso3 } }", first=3)
    assert one["pageInfo"] == edged["pageInfo"]
    assert one["pageInfo"]["startCursor"] == edged["edges"][0]["cursor"]
    assert one["pageInfo"]["endCursor"] == edged["edges"][-1]["cursor"]
    assert one == _parties(gql, "nodes { iso3 }", first=3)  # stable cursors
    pages = [one]
    for _ in range(2):
        after = pages[-1]["pageInfo"]["endCursor"]
        pages.append(_parties(gql, "nodes { iso3 }", first=3, after=after))
    assert [n["iso3"] for p in pages for n in p["nodes"]] == whole
    assert all(p["pageInfo"]["hasNextPage"] for p in pages)
    assert pages[1]["pageInfo"]["hasPreviousPage"]
    back = _parties(
        gql, "nodes { iso3 }", last=3, before=pages[1]["pageInfo"]["startCursor"]
    )
    assert back["nodes"] == one["nodes"]
    assert back["pageInfo"]["endCursor"] == one["pageInfo"]["endCursor"]


def test_a_node_fragment_inside_a_node_type_selects_its_id(gql: Any) -> None:
    body = gql(
        '{ country(iso3: "FIN", asOf: "2020-01-01") { ... on Node { id } '
        "memberships { ...N } } } fragment N on Node { id }"
    )
    assert "errors" not in body, body
    country = body["data"]["country"]
    assert _plain(country["id"]) == "Country:FIN@2020-01-01"
    assert _plain(country["memberships"][0]["id"]) == "Membership:EU:FIN@2020-01-01"


def test_the_cost_of_nodes_grows_with_its_ids(gql: Any) -> None:
    ids = [encode(f"Country:{c}@{TODAY}") for c in ("FIN", "LTU", "EST", "POL")]

    def cost(count: int) -> int:
        body = gql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids[:count]}
        )
        assert "errors" not in body, body
        value: int = body["extensions"]["treatygraph"]["cost"]
        return value

    assert [cost(n) for n in (1, 4)] == [1, 4]
