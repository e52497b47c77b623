"""Compiled responses (execution.responses) answer exactly as graphql-core does.

Every request here is sent to two apps over the same Neo4j: the default one, which
answers compiled queries straight from their rows, and one with
TREATYGRAPH_COMPILED_RESPONSES=false, where graphql-core completes every response.
Their bodies must be equal byte for byte, and the default app must have taken the
path the test expects (counted by the `treatygraph_graphql_completions` metric).
On both, no statement is sent twice, and the request's context carries nothing but
its inputs and trace: the rows reach graphql-core as its root value.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import hypothesis
import pytest
from starlette.testclient import TestClient

import telemetry
from bench.queries import QUESTIONS
from execution.context import Context
from graph import driver as db
from graph.errors import DatabaseUnavailable
from httpapi.graphql import TreatyGraphQL
from schema.examples import examples
from tests.integration.test_fuzz import OPERATIONS

# What a request's context holds: its inputs, and the trace its response reports.
CONTEXT_FIELDS = {
    "driver",
    "settings",
    "debug",
    "credentials",
    "write_gate",
    "curation_rate",
    "subscriptions",
    "statistics",
    "trace",
    "dataset_version",
    "reads",
    "cost",
}
SENT: list[str] = []
CONTEXTS: list[Context] = []


@pytest.fixture(autouse=True)
def recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement sent and every context made (tests that fake db.read
    replace the recorder)."""
    read, get_context = db.read, TreatyGraphQL.get_context

    async def recording(driver: Any, settings: Any, cypher: str, params: Any) -> Any:
        SENT.append(cypher + repr(sorted(params.items())))
        return await read(driver, settings, cypher, params)

    async def making(self: TreatyGraphQL, request: Any, response: Any = None) -> Any:
        context = await get_context(self, request, response)
        CONTEXTS.append(context)
        return context

    monkeypatch.setattr(db, "read", recording)
    monkeypatch.setattr(TreatyGraphQL, "get_context", making)


def completions(path: str) -> float:
    value: float = telemetry.GRAPHQL_COMPLETIONS.labels(path=path)._value.get()
    return value


def post(client: TestClient, query: str, variables: Any = None, **extra: Any) -> bytes:
    payload = {"query": query, "variables": variables, **extra}
    response = client.post("/graphql", json=payload)
    assert response.status_code in (200, 400), response.text
    return response.content


def sent_once(client: TestClient, query: str, variables: Any = None) -> bytes:
    """The body; each statement was sent once, and is the one the response counts,
    and the context carried nothing else."""
    SENT.clear()
    CONTEXTS.clear()
    body = post(client, query, variables)
    assert len(set(SENT)) == len(SENT), f"a statement was sent twice: {SENT}"
    try:
        counted = json.loads(body)["extensions"]["treatygraph"]["cypherStatements"]
    except (ValueError, KeyError, TypeError):  # a 400 in plain text
        counted = 0
    assert len(SENT) == counted
    for context in CONTEXTS:
        assert {f.name for f in dataclasses.fields(context)} == CONTEXT_FIELDS
        assert not hasattr(context, "__dict__"), "nothing can be hung on a context"
    return body


def both(
    client: TestClient, graphql_only: TestClient, query: str, variables: Any = None
) -> tuple[bytes, str]:
    """The default app's body (checked equal to graphql-core's) and the path it took."""
    # Both apps estimate the cost from the statistics as read now: each reads them
    # every 10 s on its own, and the module before may have changed them.
    for app in (client, graphql_only):
        assert app.portal is not None, "a client entered: its app runs on the portal"
        app.portal.call(app.app_state["statistics"].refresh)
    before = completions("compiled")
    ours = sent_once(client, query, variables)
    path = "compiled" if completions("compiled") > before else "graphql"
    reference = sent_once(graphql_only, query, variables)
    assert json.loads(ours) == json.loads(reference)
    assert ours == reference, "same JSON, same bytes"
    return ours, path


# Queries the compiled path answers: every shape the compiler returns.
COMPILED = {
    "lookup with nested lists": '{ country(iso3: "LTU") { iso3 name aliases '
    "treatyEvents { key kind date derived treaty { slug } sources { url } } } }",
    "unknown key is null": '{ country(iso3: "XXX") { name } treaty(slug: "no") { name } }',
    "aliases and two roots": '{ a: country(iso3: "EST") { n: name } '
    'b: country(iso3: "LVA") { name iso3 } }',
    "typename everywhere": '{ __typename country(iso3: "POL") { __typename name '
    "memberships { __typename organization { __typename code } } } "
    "countries(first: 2) { __typename pageInfo { __typename hasNextPage } "
    "edges { __typename cursor node { __typename iso3 } } } }",
    "fragments": "fragment C on Country { iso3 name } "
    '{ country(iso3: "LTU") { ...C borders(first: 3) { ...C } ... on Country { region } } }',
    "repeated key merges selections": '{ c: country(iso3: "LTU") { name } '
    'c: country(iso3: "LTU") { iso3 } }',
    "connection edges and page info": '{ treaty(slug: "ottawa") { parties(first: 5, '
    'asOf: "2025-12-26") { totalCount pageInfo { hasNextPage hasPreviousPage '
    "startCursor endCursor } edges { cursor node { iso3 name } } nodes { iso3 } } } }",
    "backward page": "{ countries(last: 3, sort: [{ name: DESC }]) { pageInfo { "
    "hasNextPage hasPreviousPage startCursor endCursor } nodes { name } } }",
    "treaty status": '{ country(iso3: "LTU") { a: treatyStatus(treaty: "ottawa", '
    'asOf: "2025-06-01") { status partySince partyUntil asOf suspensionNotified '
    "treaty { slug } events { kind date } } "
    'b: treatyStatus(treaty: "ottawa", asOf: "2026-01-01") { status } } }',
    "land borders": '{ country(iso3: "LTU") { landBorders { neighbor { iso3 } note '
    "sources { id } } } }",
    "union with member fragments": '{ search(text: "lithuania", first: 8) { score '
    "node { __typename ... on Country { iso3 name } ... on Person { key name } "
    "... on Source { id title } } } }",
    "timeline": '{ timeline(from: "2025-01-01", to: "2025-12-31", treaty: "ottawa") '
    "{ totalCount nodes { key kind date country { iso3 } } } }",
    "votes and claims": '{ vote(key: "ltu-seimas-2025-05-08-ottawa") { date votesFor '
    "votesAgainst abstained required outcome claims { property value status "
    "sources { publisher } } } }",
    "hero query": QUESTIONS[0].ours,
    "relay ids and node lookups": '{ country(iso3: "FIN", asOf: "2020-01-01") { id '
    "memberships { id organization { id } } } "
    'a: node(id: "Q291bnRyeTpGSU5AMjAyMC0wMS0wMQ") { __typename id '
    "... on Country { name partyTo { id slug } } } "
    'b: nodes(ids: ["Q2xhaW06Y2NtLWJkaS1yYXRpZmljYXRpb24tZGF0ZS1rZXB0", '
    '"Q291bnRyeTpaWlpAMjAyMC0wMS0wMQ"]) { id ... on Claim { key status } } }',
}


@pytest.mark.parametrize("name", sorted(COMPILED))
def test_compiled_path_answers_as_graphql_core_does(
    client: TestClient, graphql_only: TestClient, name: str
) -> None:
    body, path = both(client, graphql_only, COMPILED[name])
    assert path == "compiled"
    assert "errors" not in json.loads(body)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_benchmark_questions_take_the_compiled_path(
    client: TestClient, graphql_only: TestClient, question: Any
) -> None:
    assert both(client, graphql_only, question.ours)[1] == "compiled"


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_examples_take_the_compiled_path(
    client: TestClient, graphql_only: TestClient, example: Any
) -> None:
    assert both(client, graphql_only, example.query)[1] == "compiled"


VARIABLES = """
query Q($iso3: String!, $first: Int, $skipName: Boolean!, $kinds: [EventKind!],
        $day: Date, $after: String) {
  country(iso3: $iso3) {
    name @skip(if: $skipName)
    iso3 @include(if: $skipName)
    treatyEvents(where: { kind: { in: $kinds } }, first: $first) { kind date }
    treatyStatus(treaty: "ottawa", asOf: $day) { status }
  }
  countries(first: $first, after: $after, sort: [{ name: ASC }]) {
    nodes { name } pageInfo { endCursor hasNextPage }
  }
}
"""


@pytest.mark.parametrize(
    "variables",
    [
        {"iso3": "LTU", "first": 2, "skipName": False, "kinds": ["SIGNATURE"]},
        {"iso3": "EST", "first": 1, "skipName": True, "day": "2025-12-27"},
        {"iso3": "LVA", "skipName": False, "kinds": None, "first": None},
    ],
)
def test_variables_bind_the_same_on_both_paths(
    client: TestClient, graphql_only: TestClient, variables: dict[str, Any]
) -> None:
    body, path = both(client, graphql_only, VARIABLES, variables)
    assert path == "compiled"
    page = json.loads(body)["data"]["countries"]
    if page["pageInfo"]["hasNextPage"]:
        after = {**variables, "after": page["pageInfo"]["endCursor"]}
        assert both(client, graphql_only, VARIABLES, after)[1] == "compiled"


# Requests the compiled path leaves to graphql-core before any Cypher runs.
GRAPHQL = {
    "dataset root": "{ dataset { version asOfDefault } }",
    "introspection": "{ __schema { queryType { name } } }",
    "mutation": 'mutation { addSource(idempotencyKey: "k", input: { id: "x", '
    'url: "https://example.org", publisher: "p", kind: OFFICIAL }) { source { id } } }',
    "syntax error": "{ country(iso3: ",
    "unknown field": '{ country(iso3: "LTU") { nope } }',
    "bad cursor": '{ countries(after: "not-a-cursor") { totalCount } }',
    "page over the maximum": "{ countries(first: 100000) { totalCount } }",
    "fragment on a union": '{ search(text: "lithuania") { node { ... on SearchResult '
    "{ __typename } } } }",
    "missing variable": "query Q($iso3: String!) { country(iso3: $iso3) { name } }",
    "unknown operation name": "query A { countries { totalCount } }",
}


@pytest.mark.parametrize("name", sorted(GRAPHQL))
def test_other_requests_go_to_graphql_core_with_the_same_answer(
    client: TestClient, graphql_only: TestClient, name: str
) -> None:
    query = GRAPHQL[name]
    if name == "unknown operation name":
        before = completions("compiled")
        ours = post(client, query, operationName="B")
        assert completions("compiled") == before
        assert ours == post(graphql_only, query, operationName="B")
        return
    assert both(client, graphql_only, query)[1] == "graphql"


def test_a_statement_that_fails_is_sent_once_and_reported_as_graphql_core_does(
    client: TestClient, graphql_only: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[str] = []

    async def unavailable(*args: Any, **kwargs: Any) -> Any:
        sent.append(args[2])
        raise DatabaseUnavailable("The graph database is unavailable or busy.")

    monkeypatch.setattr(db, "read", unavailable)
    query = '{ country(iso3: "LTU") { name } countries { totalCount } }'
    ours = json.loads(post(client, query))
    assert len(sent) == 2, "each root field's statement once, not again by graphql-core"
    assert ours == json.loads(post(graphql_only, query))
    assert ours["data"] is None  # `countries` is non-null: its error nulls the data
    assert {e["extensions"]["code"] for e in ours["errors"]} == {"DATABASE_UNAVAILABLE"}


def test_rows_the_shape_cannot_complete_are_completed_by_graphql_core(
    client: TestClient, graphql_only: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A null in a non-null field: graphql-core's error, from the rows already read."""
    sent: list[str] = []

    async def nameless(*args: Any, **kwargs: Any) -> Any:
        sent.append(args[2])
        return [{"result": {"name": None, "iso3": "LTU"}, "datasetVersion": "v"}]

    monkeypatch.setattr(db, "read", nameless)
    query = '{ country(iso3: "LTU") { iso3 name } }'
    before = completions("compiled")
    ours = json.loads(post(client, query))
    assert completions("compiled") == before
    assert len(sent) == 1
    assert ours == json.loads(post(graphql_only, query))
    assert ours["data"] == {"country": None}
    assert ours["errors"][0]["path"] == ["country", "name"]


def test_values_that_need_coercion_are_serialised_exactly(
    client: TestClient, graphql_only: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def odd(*args: Any, **kwargs: Any) -> Any:
        result = {"name": 7, "region": True, "iso3": "LTU", "unStatus": "MEMBER"}
        return [{"result": result, "datasetVersion": "v"}]

    monkeypatch.setattr(db, "read", odd)
    query = '{ country(iso3: "LTU") { iso3 name region unStatus } }'
    ours = json.loads(post(client, query))
    assert ours == json.loads(post(graphql_only, query))
    assert ours["data"]["country"] == {
        "iso3": "LTU",
        "name": "7",
        "region": "true",
        "unStatus": "MEMBER",
    }


def test_the_debug_trace_lists_each_statement(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={
            "query": '{ a: country(iso3: "LTU") { name } b: treaties { totalCount } }'
        },
        headers={"X-Debug": "1"},
    )
    trace = response.json()["extensions"]["treatygraph"]
    assert trace["cypherStatements"] == 2
    assert [t["field"] for t in trace["cypher"]] == ["a", "b"]
    assert all(t["cypher"].startswith("CYPHER 5 ") for t in trace["cypher"])


def test_switched_off_every_request_goes_to_graphql_core(
    graphql_only: TestClient,
) -> None:
    before = completions("compiled")
    post(graphql_only, QUESTIONS[0].ours)
    assert completions("compiled") == before


# Generated operations (the fuzzer's strategies) answer the same on both paths.
@pytest.mark.parametrize(
    "label", sorted(label for label in OPERATIONS if label.startswith("Query."))
)
def test_generated_queries_answer_the_same_on_both_paths(
    client: TestClient, graphql_only: TestClient, label: str
) -> None:
    @hypothesis.given(case=OPERATIONS[label].as_strategy())
    @hypothesis.settings(
        max_examples=6,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        both(client, graphql_only, case.body)

    check()
