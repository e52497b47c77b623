"""Persisted operations: Apollo's APQ and trusted documents by documentId."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from httpapi.persisted import ManifestError, digest
from settings import Settings, SettingsError

LTU = '{ country(iso3: "LTU") { name } }'
LVA = '{ country(iso3: "LVA") { name } }'


def apq(query: str, with_text: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest(query)}}
    }
    if with_text:
        body["query"] = query
    return body


def error_of(response: Any) -> tuple[str, str]:
    error = response.json()["errors"][0]
    return error["message"], error["extensions"]["code"]


def test_apq_asks_for_an_unknown_hash_then_registers_it(app_with: Any) -> None:
    client: TestClient = app_with()
    query = '{ country(iso3: "EST") { name } }'
    unknown = client.post("/graphql", json=apq(query, with_text=False))
    assert unknown.status_code == 200
    assert error_of(unknown) == ("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
    registered = client.post("/graphql", json=apq(query, with_text=True))
    assert registered.json()["data"] == {"country": {"name": "Estonia"}}
    again = client.post("/graphql", json=apq(query, with_text=False))
    assert again.json()["data"] == {"country": {"name": "Estonia"}}
    by_get = client.get(
        "/graphql", params={"extensions": json.dumps(apq(query, False)["extensions"])}
    )
    assert by_get.json()["data"] == {"country": {"name": "Estonia"}}


def test_apq_not_found_is_400_in_the_spec_media_type(app_with: Any) -> None:
    response = app_with().post(
        "/graphql",
        json=apq('{ country(iso3: "FIN") { name } }', with_text=False),
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert error_of(response)[1] == "PERSISTED_QUERY_NOT_FOUND"


def test_a_hash_that_is_not_the_querys_is_refused(client: TestClient) -> None:
    body = apq(LTU, with_text=True)
    body["extensions"]["persistedQuery"]["sha256Hash"] = digest(LVA)
    response = client.post("/graphql", json=body)
    assert error_of(response) == ("provided sha does not match query", "BAD_REQUEST")


def test_the_apq_store_keeps_only_its_most_recent_entries(app_with: Any) -> None:
    client: TestClient = app_with(apq_entries=2)
    queries = [f'{{ country(iso3: "{c}") {{ iso3 }} }}' for c in ("LTU", "LVA", "EST")]
    for query in queries:
        assert client.post("/graphql", json=apq(query, True)).json()["data"]
    first = client.post("/graphql", json=apq(queries[0], False))
    assert error_of(first)[1] == "PERSISTED_QUERY_NOT_FOUND"
    last = client.post("/graphql", json=apq(queries[2], False))
    assert last.json()["data"] == {"country": {"iso3": "EST"}}


def test_apq_off_says_not_supported(app_with: Any) -> None:
    response = app_with(apq_entries=0).post("/graphql", json=apq(LTU, False))
    assert error_of(response) == (
        "PersistedQueryNotSupported",
        "PERSISTED_QUERY_NOT_SUPPORTED",
    )


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({f"sha256:{digest(LTU)}": LTU}))
    return path


def test_a_trusted_document_runs_by_its_document_id(
    app_with: Any, manifest: Path
) -> None:
    client: TestClient = app_with(trusted_documents=manifest)
    ok = client.post("/graphql", json={"documentId": f"sha256:{digest(LTU)}"})
    assert ok.json()["data"] == {"country": {"name": "Lithuania"}}
    by_get = client.get("/graphql", params={"documentId": f"sha256:{digest(LTU)}"})
    assert by_get.json()["data"] == {"country": {"name": "Lithuania"}}
    unknown = client.post("/graphql", json={"documentId": f"sha256:{digest(LVA)}"})
    assert error_of(unknown)[1] == "PERSISTED_QUERY_NOT_FOUND"


def test_trusted_documents_only_runs_nothing_else(
    app_with: Any, manifest: Path
) -> None:
    client: TestClient = app_with(
        trusted_documents=manifest, trusted_documents_only=True
    )
    assert client.post("/graphql", json={"query": LTU}).json()["data"]
    for body in ({"query": LVA}, apq(LVA, with_text=True), apq(LVA, with_text=False)):
        response = client.post("/graphql", json=body)
        assert error_of(response)[1] == "PERSISTED_QUERY_REQUIRED", body
    by_get = client.get("/graphql", params={"query": LVA})
    assert error_of(by_get)[1] == "PERSISTED_QUERY_REQUIRED"


def test_a_manifest_entry_that_is_not_its_documents_hash_stops_start_up(
    neo4j: Settings, tmp_path: Path
) -> None:
    import dataclasses

    from server import create_app

    path = tmp_path / "bad.json"
    path.write_text(json.dumps({digest(LVA): LTU}))
    with pytest.raises(ManifestError, match="not the SHA-256"):
        create_app(dataclasses.replace(neo4j, trusted_documents=path))


def test_trusted_documents_only_without_a_manifest_is_a_configuration_error() -> None:
    with pytest.raises(SettingsError, match="TREATYGRAPH_TRUSTED_DOCUMENTS"):
        Settings.from_env({"TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY": "true"})
