"""Request limits, production switches and CORS, each configured through Settings."""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph import driver as graph_driver
from graph.errors import QueryTimeout
from httpapi.graphiql_assets import assets
from settings import Settings
from tests.integration.conftest import only_error, post

BORDERS_OF_FIVE = "{ countries(first: 5) { nodes { name borders { name } } } }"


# -- cost ---------------------------------------------------------------------------


def _stat(db: Driver, key: str) -> int:
    records, _, _ = db.execute_query(
        "MATCH (s:Statistic {key: $key}) RETURN s.value AS value", key=key
    )
    value: int = records[0]["value"]
    return value


def test_every_response_reports_its_estimated_cost(gql: Any, db: Driver) -> None:
    assert (
        gql('{ country(iso3: "LTU") { name } }')["extensions"]["treatygraph"]["cost"]
        == 1
    )
    # The connection, 5 countries, each with up to the most borders any state has
    # (14 in the seed data, the stored statistic; not 200, the page size).
    borders = _stat(db, "Country.borders")
    body = gql(BORDERS_OF_FIVE)
    assert body["extensions"]["treatygraph"]["cost"] == 1 + 5 * (1 + borders)
    assert body["extensions"]["treatygraph"]["costParts"] == {
        "returned": 1 + 5 * (1 + borders),
        "walked": 0,
    }
    assert "errors" not in body


def test_cost_follows_variables_fragments_and_aliases(gql: Any) -> None:
    body = gql(
        "query($n: Int) { a: countries(first: $n) { ...Page } "
        'b: country(iso3: "LTU") { name } } '
        "fragment Page on CountryConnection { nodes { borders(first: 3) { name } } }",
        {"n": 7},
    )
    assert "errors" not in body, body["errors"]
    assert body["extensions"]["treatygraph"]["cost"] == 1 + 7 * (1 + 3) + 1


def test_cost_over_budget_is_refused_before_any_cypher(
    app_with: Any, db: Driver
) -> None:
    client = app_with(max_cost=50)
    body = post(client, '{ one: country(iso3: "LTU") { name } ' + BORDERS_OF_FIVE[1:])
    error = only_error(body)
    cost = 1 + 1 + 5 * (1 + _stat(db, "Country.borders"))
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "cost",
        "max": 50,
        "cost": cost,
        "returned": cost,
        "walked": 0,
    }
    assert "TREATYGRAPH_MAX_COST" in error["message"]
    # Not even the cheap lookup ran.
    assert body["extensions"]["treatygraph"]["cypherStatements"] == 0
    within = post(
        client, "{ countries(first: 5) { nodes { name borders(first: 3) { name } } } }"
    )
    assert "errors" not in within


def test_relation_filters_cost_the_related_nodes_they_walk(
    gql: Any, db: Driver
) -> None:
    # Every state (rows are filtered before paging) walks its borders, and each of
    # those its own borders.
    body = gql(
        "{ countries(first: 1, where: { borders: { some: { borders: { some: "
        '{ iso3: { eq: "RUS" } } } } } }) { nodes { name } } }'
    )
    countries, borders = _stat(db, "Country"), _stat(db, "Country.borders")
    assert body["extensions"]["treatygraph"]["costParts"] == {
        "returned": 1 + 1,
        "walked": countries * borders * (1 + borders),
    }


def test_deep_nesting_of_full_pages_is_refused_by_the_default_budget(
    gql: Any,
) -> None:
    # Five nested lists of every state's borders: 197 x 14**4 (7.6M) could come back.
    body = gql(
        "{ countries { nodes { borders { borders { borders { borders { name } } } } } } }"
    )
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert body["errors"][0]["extensions"]["cost"] > 7_000_000


# -- depth, aliases, tokens, page size --------------------------------------------------


def test_depth_over_the_configured_maximum_is_limit_exceeded(app_with: Any) -> None:
    client = app_with(max_depth=2)
    assert "errors" not in post(client, '{ country(iso3: "LTU") { borders { name } } }')
    error = only_error(
        post(client, '{ country(iso3: "LTU") { borders { borders { name } } } }')
    )
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "depth", "max": 2}


def test_too_many_aliases_is_limit_exceeded_with_the_count(app_with: Any) -> None:
    client = app_with(max_aliases=2)
    error = only_error(
        post(
            client,
            '{ a: country(iso3: "LTU") { name } b: country(iso3: "LVA") { n: name } }',
        )
    )
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "aliases",
        "max": 2,
        "actual": 3,
    }


def test_too_many_tokens_is_limit_exceeded(app_with: Any) -> None:
    client = app_with(max_tokens=20)
    error = only_error(
        post(
            client,
            "{ countries { nodes { name iso3 region subregion } totalCount } "
            "treaties { nodes { name slug } totalCount } }",
        )
    )
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "tokens",
        "max": 20,
    }


def test_a_query_text_over_the_length_limit_is_refused_before_parsing(
    app_with: Any,
) -> None:
    """One huge token (an operation name) passes the token limit; the length cap,
    checked before the parser runs, refuses it over POST and GET alike."""
    client = app_with(max_query_length=300)
    query = "query Q" + "x" * 400 + " { __typename }"
    expected = {"code": "LIMIT_EXCEEDED", "limit": "queryLength", "max": 300}
    assert only_error(post(client, query))["extensions"] == expected
    got = client.get("/graphql", params={"query": query})
    assert got.json()["errors"][0]["extensions"] == expected
    strict = client.post(
        "/graphql",
        json={"query": query},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert strict.status_code == 400
    assert "data" not in strict.json()
    # Just under the cap it runs.
    fits = "query Q" + "x" * 270 + " { __typename }"
    assert post(client, fits)["data"] == {"__typename": "Query"}


def test_a_refusal_sent_again_and_again_keeps_no_earlier_request_alive(
    app_with: Any,
) -> None:
    """The refusal is cached with the bound operation; raising that one object
    used to chain every request's frames onto its traceback (24 KB a request)."""
    client = app_with()
    where = '{ iso3: { eq: "LTU" } }'
    for _ in range(6):
        where = f"{{ borders: {{ some: {where} }} }}"
    query = f"{{ countries(where: {where}) {{ totalCount }} }}"

    def executors() -> int:
        gc.collect()
        return sum(
            isinstance(o, StrawberryGraphQLCoreExecutionContext)
            for o in gc.get_objects()
        )

    post(client, query)
    before = executors()  # others' (earlier tests may hold theirs)
    for _ in range(30):
        error = only_error(post(client, query))
        assert error["extensions"]["limit"] == "filterDepth"
    assert executors() - before <= 1


def _wrapped_in_and(where: str, levels: int) -> str:
    for _ in range(levels):
        where = f"{{ AND: [{where}] }}"
    return f"{{ countries(where: {where}) {{ totalCount }} }}"


def test_argument_literals_nest_at_most_four_objects_a_hop_plus_sixteen(
    app_with: Any,
) -> None:
    client = app_with()
    # Two hops are 6 objects (the where, two per hop, the operator's); 26 levels
    # of AND around them make 32, the most allowed at filter depth 4.
    two_hops = '{ borders: { some: { borders: { some: { iso3: { eq: "LTU" } } } } } }'
    allowed = post(client, _wrapped_in_and(two_hops, 26))
    assert "errors" not in allowed, allowed["errors"]
    error = only_error(post(client, _wrapped_in_and(two_hops, 27)))
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "inputDepth",
        "max": 32,
        "actual": 33,
    }
    # The bound follows the filter depth: 4 x 1 + 16 = 20.
    one_hop = '{ borders: { some: { iso3: { eq: "LTU" } } } }'
    shallow = app_with(max_filter_depth=1)
    assert "errors" not in post(shallow, _wrapped_in_and(one_hop, 16))
    refused = only_error(post(shallow, _wrapped_in_and(one_hop, 17)))
    assert (refused["extensions"]["max"], refused["extensions"]["actual"]) == (20, 21)


def test_page_size_limit_follows_settings(app_with: Any) -> None:
    client = app_with(max_page_size=10)
    error = post(client, "{ treaties(last: 11) { totalCount } }")["errors"][0]
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "pageSize",
        "argument": "last",
        "max": 10,
    }


# -- body size ----------------------------------------------------------------------


def test_body_over_the_limit_is_413_with_a_coded_error(app_with: Any) -> None:
    client = app_with(max_body_bytes=1024)
    query = '{ country(iso3: "LTU") { name } }' + " " * 2000
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "bodySize",
        "max": 1024,
    }
    small = client.post("/graphql", json={"query": '{ country(iso3: "LTU") { name } }'})
    assert small.json()["data"] == {"country": {"name": "Lithuania"}}


def test_chunked_body_without_length_is_cut_off_at_the_limit(app_with: Any) -> None:
    client = app_with(max_body_bytes=1024)

    def chunks(total: int) -> Iterator[bytes]:
        yield b'{"query": "{ country(iso3: \\"LTU\\") { name } }'
        for _ in range(total // 100):
            yield b" " * 100
        yield b'"}'

    headers = {"Content-Type": "application/json"}
    big = client.post("/graphql", content=chunks(5000), headers=headers)
    assert big.status_code == 413
    assert big.json()["errors"][0]["extensions"]["limit"] == "bodySize"
    fits = client.post("/graphql", content=chunks(300), headers=headers)
    assert fits.json()["data"] == {"country": {"name": "Lithuania"}}


# -- production switches --------------------------------------------------------------


def test_introspection_is_on_by_default(gql: Any) -> None:
    body = gql("{ __schema { queryType { name } } }")
    assert body["data"] == {"__schema": {"queryType": {"name": "Query"}}}


def test_introspection_switched_off_is_a_coded_error(app_with: Any) -> None:
    client = app_with(introspection=False)
    for query in (
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Country") { name } }',
        '{ country(iso3: "LTU") { name } __schema { types { name } } }',
    ):
        error = post(client, query)["errors"][0]
        assert error["extensions"] == {"code": "INTROSPECTION_DISABLED"}, query
    # __typename is not introspection; clients need it for unions.
    body = post(client, '{ __typename country(iso3: "LTU") { __typename name } }')
    assert body["data"] == {
        "__typename": "Query",
        "country": {"__typename": "Country", "name": "Lithuania"},
    }
    # GraphiQL needs introspection, so it is not served either.
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in page.text.lower()
    for asset in assets():
        assert client.get(f"/graphiql/assets/{asset}").status_code == 404


def test_debug_header_is_ignored_when_not_allowed(app_with: Any) -> None:
    query = {"query": '{ country(iso3: "LTU") { name } }'}
    allowed = app_with().post("/graphql", json=query, headers={"X-Debug": "1"})
    assert "cypher" in allowed.json()["extensions"]["treatygraph"]
    production = app_with(debug_header=False)
    body = production.post("/graphql", json=query, headers={"X-Debug": "1"}).json()
    assert body["data"] == {"country": {"name": "Lithuania"}}
    assert "cypher" not in body["extensions"]["treatygraph"]


# -- CORS ---------------------------------------------------------------------------

APP_ORIGIN = "https://app.example.org"


def preflight(client: TestClient, origin: str, headers: str = "content-type") -> Any:
    return client.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": headers,
        },
    )


def test_cors_allows_the_headers_the_readme_and_apollo_clients_send(
    app_with: Any,
) -> None:
    client = app_with(cors_origins=(APP_ORIGIN,))
    sent = (
        "content-type, authorization, x-request-id, "
        "apollographql-client-name, apollographql-client-version"
    )
    assert preflight(client, APP_ORIGIN, sent).status_code == 200
    assert preflight(client, APP_ORIGIN, "x-unknown").status_code == 400


def test_cors_allows_only_configured_origins_with_credentials(app_with: Any) -> None:
    client = app_with(cors_origins=(APP_ORIGIN,), cors_credentials=True)
    ok = preflight(client, APP_ORIGIN)
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == APP_ORIGIN
    assert ok.headers["access-control-allow-credentials"] == "true"
    refused = preflight(client, "https://evil.example.com")
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    response = client.post(
        "/graphql",
        json={"query": "{ dataset { version } }"},
        headers={"Origin": "https://evil.example.com"},
    )
    assert "access-control-allow-origin" not in response.headers
    response = client.post(
        "/graphql",
        json={"query": "{ dataset { version } }"},
        headers={"Origin": APP_ORIGIN},
    )
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_without_configured_origins_no_cors_headers_are_sent(
    client: TestClient,
) -> None:
    response = preflight(client, APP_ORIGIN)
    assert "access-control-allow-origin" not in response.headers


# -- Cypher timeout -------------------------------------------------------------------


async def test_cypher_past_the_timeout_is_stopped_as_query_timeout(
    neo4j: Settings,
) -> None:
    settings = dataclasses.replace(neo4j, query_timeout_seconds=1)
    driver = graph_driver.open_driver(settings)
    slow = (
        "UNWIND range(1, 4000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n"
    )
    began = time.monotonic()
    try:
        with pytest.raises(QueryTimeout) as error:
            await graph_driver.read(driver, settings, slow, {})
    finally:
        await driver.close()
    assert error.value.code == "QUERY_TIMEOUT"
    assert time.monotonic() - began < 10


async def test_a_write_through_the_read_path_is_refused(
    neo4j: Settings, db: Driver
) -> None:
    from neo4j.exceptions import ClientError

    before = db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    driver = graph_driver.open_driver(neo4j)
    try:
        with pytest.raises(ClientError, match=r"(?i)read access mode"):
            await graph_driver.read(
                driver, neo4j, "CREATE (p:ReadPathProbe) RETURN p", {}
            )
    finally:
        await driver.close()
    after = db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert after == before


def test_a_fragment_chain_that_multiplies_fields_is_refused_before_binding(
    gql: Any,
) -> None:
    # 24 levels of `fragment Fi on Query {...Fi-1 ...Fi-1}`: under 1 kB of text,
    # 2^24 fields once expanded; it ran for 142 s on the event loop before.
    depth = 24
    fragments = ["fragment F0 on Query { __typename }"] + [
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}"
        for i in range(1, depth + 1)
    ]
    body = gql(f"{{ ...F{depth} }} " + " ".join(fragments))
    error = body["errors"][0]
    assert body.get("data") is None
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["limit"] == "selections"
    assert error["extensions"]["actual"] == 2**depth


def test_fragments_reused_within_the_expanded_limit_still_answer(gql: Any) -> None:
    fragments = ["fragment F0 on Country { iso3 }"] + [
        f"fragment F{i} on Country {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 9)
    ]
    body = gql('{ country(iso3: "LTU") { ...F8 } } ' + " ".join(fragments))
    assert body["data"] == {"country": {"iso3": "LTU"}}
    assert "errors" not in body
