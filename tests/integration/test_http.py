"""Probes and GraphiQL over HTTP."""

from typing import Any

from starlette.testclient import TestClient


def test_healthz_says_the_process_is_up(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_neo4j_and_dataset_version(
    client: TestClient, seeded: dict[str, Any]
) -> None:
    body = client.get("/readyz").json()
    assert body == {
        "status": "ready",
        "database": "ok",
        "datasetVersion": seeded["version"],
    }


def test_get_graphql_serves_graphiql(client: TestClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_post_graphql_answers_without_a_redirect(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": '{ country(iso3: "LTU") { name } }'},
        follow_redirects=False,
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"country": {"name": "Lithuania"}}


def test_a_repeated_query_is_validated_once(gql: Any) -> None:
    """Validation is cached by document and rules; the limits must not defeat it."""
    from schema.root import _VALIDATION_CACHE

    query = '{ country(iso3: "EST") { name borders { iso3 } } }'
    gql(query)
    cache = _VALIDATION_CACHE.cached_validate_document
    hits = cache.cache_info().hits
    gql(query)
    assert cache.cache_info().hits == hits + 1
