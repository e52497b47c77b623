"""Probes and GraphiQL over HTTP."""

import re
from typing import Any

from starlette.testclient import TestClient

from httpapi.graphiql_assets import IMMUTABLE, assets, integrity


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


def test_graphiqls_files_are_served_by_the_app_as_the_page_pins_them(
    client: TestClient,
) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"}).text
    files = re.findall(r'(?:src|href)="(/graphiql/[^"]+)"\s+integrity="([^"]+)"', page)
    # React, ReactDOM, js-cookie, GraphiQL's script and style, the explorer plugin's.
    assert len(files) == 7
    for url, pinned in files:
        kind = "javascript" if url.endswith(".js") else "css"
        for encoding in ("gzip", "identity"):
            response = client.get(url, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200, url
            assert integrity(response.content) == pinned, (url, encoding)
            assert response.headers["cache-control"] == IMMUTABLE
            assert response.headers["content-type"] == f"text/{kind}; charset=utf-8"
            assert response.headers.get("content-encoding", "identity") == encoding


def test_nothing_but_the_pages_files_is_served_under_graphiql_assets(
    client: TestClient,
) -> None:
    unserved = [f"{asset}.map" for asset in assets()] + [
        "react@18.2.0/LICENSE",
        "react@18.2.0/umd/react.development.js",
        "graphiql@3.8.3/%2e%2e/%2e%2e/%2e%2e/%2e%2e/settings.py",
    ]
    for path in unserved:
        assert client.get(f"/graphiql/assets/{path}").status_code == 404, path


def test_post_graphql_answers_without_a_redirect(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": '{ country(iso3: "LTU") { name } }'},
        follow_redirects=False,
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"country": {"name": "Lithuania"}}


def test_root_serves_the_explorer_page(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/app.js">' in response.text
    assert client.get("/static/app.js").status_code == 200


def test_map_outlines_have_a_shape_for_every_state_in_the_graph(
    client: TestClient, gql: Any
) -> None:
    response = client.get("/geo/countries.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    features = response.json()["features"]
    states = {f["id"] for f in features if f["properties"]["state"]}
    body = gql("{ countries(first: 200) { totalCount nodes { iso3 } } }")
    graph = {node["iso3"] for node in body["data"]["countries"]["nodes"]}
    assert len(graph) == body["data"]["countries"]["totalCount"]
    assert states == graph
    assert all(f["geometry"]["coordinates"] for f in features)


def test_large_responses_are_gzipped_when_asked(client: TestClient) -> None:
    response = client.get("/geo/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["type"] == "FeatureCollection"


def test_a_repeated_query_is_validated_once(gql: Any) -> None:
    """Validation is cached by document and rules; the limits must not defeat it.

    (`dataset` is answered by graphql-core, so this request takes Strawberry's path.)
    """
    from strawberry.extensions import ValidationCache

    from schema.root import _CACHE_SIZE

    query = '{ country(iso3: "EST") { name borders { iso3 } } dataset { version } }'
    gql(query)
    cache = ValidationCache(maxsize=_CACHE_SIZE).cached_validate_document
    hits = cache.cache_info().hits
    gql(query)
    assert cache.cache_info().hits == hits + 1
