"""The GraphQL-over-HTTP spec's rules (graphql/graphql-over-http), one test each."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

GRAPHQL_RESPONSE = "application/graphql-response+json"
ASK_SPEC = {"Accept": GRAPHQL_RESPONSE}
LTU = '{ country(iso3: "LTU") { name } }'


def code(response: Any) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


def test_the_spec_media_type_is_answered_when_asked_for(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": LTU}, headers=ASK_SPEC)
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json()["data"] == {"country": {"name": "Lithuania"}}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ country(iso3: ", "GRAPHQL_PARSE_FAILED"),
        ("{ nope }", "GRAPHQL_VALIDATION_FAILED"),
        ('{ country(iso3: "LTU") { ' + "name " * 201 + "} }", "LIMIT_EXCEEDED"),
    ],
    ids=["parse", "validation", "limit"],
)
def test_a_request_that_never_ran_is_400_without_data_in_the_spec_type(
    client: TestClient, query: str, expected: str
) -> None:
    response = client.post("/graphql", json={"query": query}, headers=ASK_SPEC)
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert "data" not in response.json()
    assert code(response) == expected


def test_a_field_error_is_200_with_data_in_the_spec_type(client: TestClient) -> None:
    query = '{ countries(first: 1, after: "forged") { totalCount } }'
    response = client.post("/graphql", json={"query": query}, headers=ASK_SPEC)
    assert response.status_code == 200
    body = response.json()
    assert "data" in body
    assert body["errors"][0]["path"] == ["countries"]
    assert code(response) == "BAD_USER_INPUT"


def test_legacy_json_answers_200_with_data_null_for_a_validation_error(
    client: TestClient,
) -> None:
    response = client.post(
        "/graphql", json={"query": "{ nope }"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["data"] is None


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json;q=0.9, application/graphql-response+json", GRAPHQL_RESPONSE),
        (
            "application/graphql-response+json;q=0.5, application/json",
            "application/json",
        ),
        ("application/graphql-response+json, application/json", GRAPHQL_RESPONSE),
        ("text/html, application/graphql-response+json;q=0.1", GRAPHQL_RESPONSE),
    ],
)
def test_accept_chooses_by_quality_and_prefers_the_spec_type_on_a_tie(
    client: TestClient, accept: str, media: str
) -> None:
    response = client.post("/graphql", json={"query": LTU}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media


@pytest.mark.parametrize(
    "accept", ["application/xml", "text/html", "application/json;q=0"]
)
def test_an_accept_neither_type_fits_is_406(client: TestClient, accept: str) -> None:
    response = client.post("/graphql", json={"query": LTU}, headers={"Accept": accept})
    assert response.status_code == 406
    assert code(response) == "NOT_ACCEPTABLE"


def test_a_mutation_over_get_is_405_with_allow_post(client: TestClient) -> None:
    mutation = 'mutation { addSource(input: {url: "x"}) { replayed } }'
    response = client.get("/graphql", params={"query": mutation})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert code(response) == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ],
)
def test_a_post_a_browser_sends_without_preflight_runs_nothing(
    client: TestClient, db: Driver, content_type: str
) -> None:
    def curations() -> int:
        return int(
            db.execute_query("MATCH (c:Curation) RETURN count(c) AS n").records[0]["n"]
        )

    before = curations()
    body = '{"query": "mutation { recordVote(input: {}) { replayed } }"}'  # what a cross-site form could post
    response = client.post(
        "/graphql",
        content=body,
        headers={"Content-Type": content_type, "Authorization": "Bearer whatever"},
    )
    assert response.status_code == 415
    assert code(response) == "UNSUPPORTED_MEDIA_TYPE"
    assert curations() == before


def test_a_get_query_is_plain_and_needs_no_preflight_header_by_default(
    client: TestClient,
) -> None:
    response = client.get("/graphql", params={"query": LTU})
    assert response.status_code == 200
    assert response.json()["data"] == {"country": {"name": "Lithuania"}}


def test_get_requires_a_preflight_header_when_configured(app_with: Any) -> None:
    client: TestClient = app_with(get_requires_preflight=True)
    refused = client.get("/graphql", params={"query": LTU})
    assert refused.status_code == 400
    assert code(refused) == "BAD_REQUEST"
    for header in ("X-Apollo-Operation-Name", "Apollo-Require-Preflight"):
        ok = client.get("/graphql", params={"query": LTU}, headers={header: "Q"})
        assert ok.status_code == 200, header
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200  # GraphiQL's page is no operation


def test_several_operations_without_operation_name_are_refused(
    client: TestClient,
) -> None:
    document = 'query A { country(iso3: "LTU") { name } } query B { __typename }'
    refused = client.post("/graphql", json={"query": document})
    assert refused.status_code == 400
    assert code(refused) == "BAD_REQUEST"
    chosen = client.post("/graphql", json={"query": document, "operationName": "B"})
    assert chosen.json()["data"] == {"__typename": "Query"}


def test_an_unknown_operation_name_is_a_coded_400(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": "query A { __typename }", "operationName": "B"}
    )
    assert response.status_code == 400
    assert code(response) == "BAD_REQUEST"


@pytest.mark.parametrize(
    "content", [b"{nope", b'[{"query": "{ __typename }"}]'], ids=["malformed", "batch"]
)
def test_a_body_that_is_no_request_is_coded_in_the_negotiated_type(
    client: TestClient, content: bytes
) -> None:
    response = client.post(
        "/graphql",
        content=content,
        headers={"Content-Type": "application/json", **ASK_SPEC},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert code(response) == "BAD_REQUEST"
