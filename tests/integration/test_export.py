"""GET/POST /export.csv against the seeded graph: columns, flattening, the comment
block, refusals with their codes, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from graphql.utilities import strip_ignored_characters
from neo4j import Driver
from starlette.testclient import TestClient

from httpapi.auth import hash_key
from server import create_app
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations

BALTIC_PARTIES = """query BalticParties($asOf: Date!) {
  treaty(slug: "ottawa") {
    parties(asOf: $asOf, where: { iso3: { in: ["EST", "LVA", "LTU"] } }, sort: [{ iso3: ASC }]) {
      totalCount
      nodes { iso3 name treatyStatus(treaty: "ottawa", asOf: $asOf) { status suspensionNotified } }
    }
  }
}"""
TWO_STATES = """{
  countries(where: { iso3: { in: ["LTU", "EST"] } }, sort: [{ iso3: ASC }]) {
    edges { node { code: iso3 name memberships { organization { code } since } borders { iso3 } } }
  }
}"""
PREFIX = "test-export-"
CURATOR_KEY = "tg_test-export-0123456789abcdefghijklmnopqrstuvw"


def lines(response: Any) -> list[str]:
    text: str = response.text
    assert text.endswith("\r\n")
    return text.split("\r\n")[:-1]


def table(response: Any) -> list[list[str]]:
    """The CSV rows after the comment block."""
    body = [line for line in lines(response) if not line.startswith("# ")]
    return list(csv.reader(io.StringIO("\r\n".join(body))))


def comments(response: Any) -> dict[str, str]:
    found = {}
    for line in lines(response):
        if line.startswith("# "):
            name, _, value = line[2:].partition(": ")
            found[name] = value
    return found


def code(response: Any) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


def test_a_connection_exports_its_selected_leaves_in_selection_order(
    client: TestClient,
) -> None:
    response = client.post(
        "/export.csv",
        json={
            "query": BALTIC_PARTIES,
            "variables": {"asOf": "2025-12-26"},
            "path": "treaty.parties",
        },
    )
    assert response.status_code == 200, response.text
    assert table(response) == [
        ["iso3", "name", "treatyStatus.status", "treatyStatus.suspensionNotified"],
        ["EST", "Estonia", "WITHDRAWAL_PENDING", "false"],
        ["LTU", "Lithuania", "WITHDRAWAL_PENDING", "false"],
        ["LVA", "Latvia", "WITHDRAWAL_PENDING", "false"],
    ]


def test_the_answer_is_a_csv_attachment_named_for_its_path_and_date(
    client: TestClient,
) -> None:
    response = client.get(
        "/export.csv",
        params={
            "query": BALTIC_PARTIES,
            "variables": json.dumps({"asOf": "2025-12-27"}),
            "path": "treaty.parties",
        },
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="treaty-parties-2025-12-27.csv"'
    )
    # The day their withdrawal took effect, none of the three is a party.
    assert table(response) == [
        ["iso3", "name", "treatyStatus.status", "treatyStatus.suspensionNotified"]
    ]


def test_the_comment_block_gives_the_dataset_version_the_date_and_the_query(
    client: TestClient, seeded: dict[str, Any]
) -> None:
    variables = {"asOf": "2025-12-26"}
    response = client.post(
        "/export.csv",
        json={
            "query": BALTIC_PARTIES,
            "variables": variables,
            "path": "treaty.parties",
        },
    )
    said = comments(response)
    assert lines(response)[0] == f"# dataset version: {seeded['version']}"
    assert said["asOf"] == "2025-12-26"
    assert said["path"] == "treaty.parties"
    # One line that runs as it stands: the text without comments and spacing.
    assert said["query"] == strip_ignored_characters(BALTIC_PARTIES)
    assert said["query"].startswith("query BalticParties($asOf:Date!){treaty(")
    assert json.loads(said["variables"]) == variables
    assert response.headers["x-dataset-version"] == seeded["version"]
    assert response.headers["x-as-of"] == "2025-12-26"


def test_without_an_as_of_argument_the_comment_gives_the_default_date(
    client: TestClient, pinned_today: Any
) -> None:
    response = client.post(
        "/export.csv", json={"query": TWO_STATES, "path": "countries"}
    )
    assert comments(response)["asOf"] == (
        f"{pinned_today.isoformat()} (the default: no asOf on the path)"
    )
    assert response.headers["x-as-of"] == pinned_today.isoformat()


def test_comments_false_starts_with_the_header_row(client: TestClient) -> None:
    response = client.post(
        "/export.csv",
        json={"query": TWO_STATES, "path": "countries", "comments": "false"},
    )
    assert lines(response)[0] == (
        "code,name,memberships.organization.code,memberships.since,borders.iso3"
    )
    assert "x-dataset-version" in response.headers


def test_edges_rows_flatten_nested_objects_and_join_lists(client: TestClient) -> None:
    response = client.post(
        "/export.csv", json={"query": TWO_STATES, "path": "countries"}
    )
    assert table(response) == [
        [
            "code",
            "name",
            "memberships.organization.code",
            "memberships.since",
            "borders.iso3",
        ],
        ["EST", "Estonia", "EU; NATO", "2004-05-01; 2004-03-29", "LVA; RUS"],
        [
            "LTU",
            "Lithuania",
            "EU; NATO",
            "2004-05-01; 2004-03-29",
            "BLR; LVA; POL; RUS",
        ],
    ]


def test_fragments_give_their_columns_where_they_are_spread(client: TestClient) -> None:
    query = """query { countries(where: { iso3: { eq: "FIN" } }) { nodes { ...Names iso3 } } }
    fragment Names on Country { name officialName }"""
    response = client.post("/export.csv", json={"query": query, "path": "countries"})
    assert table(response) == [
        ["name", "officialName", "iso3"],
        ["Finland", "Republic of Finland", "FIN"],
    ]


@pytest.mark.parametrize(
    ("query", "path", "expected"),
    [
        (TWO_STATES, "", "BAD_EXPORT_PATH"),
        (TWO_STATES, "countries.nope", "BAD_EXPORT_PATH"),
        (TWO_STATES, "treaties", "BAD_EXPORT_PATH"),
        (
            '{ treaty(slug: "nope") { parties { nodes { iso3 } } } }',
            "treaty.parties",
            "BAD_EXPORT_PATH",
        ),
        (
            "{ treaties { nodes { parties { nodes { iso3 } } } } }",
            "treaties.nodes.parties",
            "BAD_EXPORT_PATH",
        ),
        ('{ treaty(slug: "ottawa") { name } }', "treaty", "NOT_A_CONNECTION"),
        ('{ treaty(slug: "ottawa") { name } }', "treaty.name", "NOT_A_CONNECTION"),
        ("{ countries { totalCount } }", "countries", "NOT_A_CONNECTION"),
        ("{ countries { nodes { nope } } }", "countries", "GRAPHQL_VALIDATION_FAILED"),
        (
            "{ countries(first: 5000) { nodes { iso3 } } }",
            "countries",
            "LIMIT_EXCEEDED",
        ),
        (
            'mutation { addSource(idempotencyKey: "x", input: {id: "x", url: "urn:x", publisher: "x", kind: NEWS}) { replayed } }',
            "addSource",
            "BAD_REQUEST",
        ),
        ("{ countries(", "countries", "GRAPHQL_PARSE_FAILED"),
    ],
    ids=[
        "no-path",
        "unknown-key",
        "not-selected",
        "null-on-the-way",
        "through-a-list",
        "an-object",
        "a-scalar",
        "no-nodes",
        "validation",
        "page-size-limit",
        "mutation",
        "parse",
    ],
)
def test_a_refused_export_is_a_coded_graphql_error_body(
    client: TestClient, query: str, path: str, expected: str
) -> None:
    response = client.post("/export.csv", json={"query": query, "path": path})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    assert code(response) == expected


def test_a_get_needs_a_preflight_header_where_graphql_gets_do(app_with: Any) -> None:
    client = app_with(get_requires_preflight=True)
    asked = {"query": TWO_STATES, "path": "countries"}
    bare = client.get("/export.csv", params=asked)
    with_header = client.get(
        "/export.csv", params=asked, headers={"Apollo-Require-Preflight": "1"}
    )
    posted = client.post("/export.csv", json=asked)
    assert bare.status_code == 400
    assert code(bare) == "BAD_REQUEST"
    assert with_header.status_code == 200
    assert posted.status_code == 200


def test_an_export_keeps_the_query_length_and_token_limits(app_with: Any) -> None:
    client = app_with(max_query_length=300, max_tokens=40)
    long = "query Q" + "x" * 400 + " { countries { nodes { iso3 } } }"
    refused = client.post("/export.csv", json={"query": long, "path": "countries"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "queryLength",
        "max": 300,
    }
    many = client.post("/export.csv", json={"query": TWO_STATES, "path": "countries"})
    assert code(many) == "LIMIT_EXCEEDED"


def test_a_path_that_is_not_text_is_refused(client: TestClient) -> None:
    response = client.post("/export.csv", json={"query": TWO_STATES, "path": 5})
    assert response.status_code == 400
    assert code(response) == "BAD_EXPORT_PATH"


def test_a_form_post_runs_nothing(client: TestClient) -> None:
    response = client.post(
        "/export.csv", data={"query": TWO_STATES, "path": "countries"}
    )
    assert response.status_code == 400
    assert code(response) == "UNSUPPORTED_MEDIA_TYPE"


def test_a_persisted_query_hash_exports_like_its_text(client: TestClient) -> None:
    sha = hashlib.sha256(TWO_STATES.encode()).hexdigest()
    apq = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    registered = client.post(
        "/export.csv",
        json={"query": TWO_STATES, "extensions": apq, "path": "countries"},
    )
    by_hash = client.post("/export.csv", json={"extensions": apq, "path": "countries"})
    unknown = client.post(
        "/export.csv",
        json={
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
            "path": "countries",
        },
    )
    assert by_hash.status_code == 200, by_hash.text
    assert table(by_hash) == table(registered)
    assert code(unknown) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.fixture
def curated(neo4j: Settings, db: Driver) -> Iterator[tuple[TestClient, str]]:
    """A source whose title and publisher a spreadsheet would run as formulas,
    written through the API and forgotten afterwards."""
    settings = dataclasses.replace(
        neo4j, api_keys=(ApiKey("test-export", "curator", hash_key(CURATOR_KEY)),)
    )
    sid = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    with TestClient(create_app(settings)) as writer:
        written = writer.post(
            "/graphql",
            headers={"Authorization": f"Bearer {CURATOR_KEY}"},
            json={
                "query": """mutation($k: String!, $in: SourceInput!) {
                  addSource(idempotencyKey: $k, input: $in) { source { id } } }""",
                "variables": {
                    "k": sid,
                    "in": {
                        "id": sid,
                        "url": f"https://example.test/treatygraph/{sid}",
                        "publisher": "@SUM(1+1)",
                        "kind": "NEWS",
                        "title": '=HYPERLINK("https://example.test","click")',
                        "note": "-2+3",
                        "author": "+1",
                        "reliability": "-5",
                    },
                },
            },
        )
        assert "errors" not in written.json(), written.text
        try:
            yield writer, sid
        finally:
            forget_curations(db, PREFIX)


def test_cells_that_would_run_as_formulas_get_a_leading_apostrophe(
    curated: tuple[TestClient, str],
) -> None:
    writer, sid = curated
    query = """query($id: String!) { sources(where: { id: { eq: $id } }) {
      nodes { id publisher title note author reliability } } }"""
    response = writer.post(
        "/export.csv",
        json={"query": query, "variables": {"id": sid}, "path": "sources"},
    )
    assert table(response) == [
        ["id", "publisher", "title", "note", "author", "reliability"],
        [
            sid,
            "'@SUM(1+1)",
            '\'=HYPERLINK("https://example.test","click")',
            "'-2+3",
            "+1",
            "-5",
        ],
    ]
