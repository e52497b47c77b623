"""The audit log (`curations`) and a fact's `history`, against the real seeded Neo4j.

Two test curators write four records at module start: a source, a treaty event
(Myanmar's Ottawa signature, which derives no PARTY_TO), its correction by the
other curator, and a statement. The tests read them back filtered, sorted and
paged; the clean-up deletes the records and all they wrote, and checks the graph's
totals are back to before.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from httpapi.auth import hash_key
from server import create_app
from settings import ApiKey, Settings

RUN = uuid.uuid4().hex[:10]
PREFIX = f"test-aud-{RUN}-"
KEYS = {
    "test-aud-a": "tg_test-aud-a-0123456789abcdefghijklmnopqrstuvw",
    "test-aud-b": "tg_test-aud-b-0123456789abcdefghijklmnopqrstuvw",
}
STATE = "MMR"
EVENT_KEY = f"ottawa:{STATE}:signature"

WRITE_SOURCE = """
mutation($k: String!, $in: SourceInput!) {
  addSource(idempotencyKey: $k, input: $in) { curation { id key at } }
}"""
WRITE_EVENT = """
mutation($k: String!, $in: TreatyEventInput!) {
  recordTreatyEvent(idempotencyKey: $k, input: $in) {
    curation { id key idempotencyKey operation by at subjectType subjectKey change
               treaties countries sources { id } }
  }
}"""
WRITE_STATEMENT = """
mutation($k: String!, $in: StatementInput!) {
  recordStatement(idempotencyKey: $k, input: $in) { curation { key at } }
}"""
CURATIONS = """
query($where: CurationWhere, $sort: [CurationSort!], $first: Int, $after: String) {
  curations(where: $where, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { idempotencyKey operation by at subjectType subjectKey } }
    pageInfo { hasNextPage endCursor }
  }
}"""
OURS = {"by": {"in": list(KEYS)}, "idempotencyKey": {"startsWith": PREFIX}}


def _post(
    client: TestClient, query: str, variables: dict[str, Any], by: str = ""
) -> Any:
    headers = {"Authorization": f"Bearer {KEYS[by]}"} if by else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def _source(sid: str) -> dict[str, Any]:
    return {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Treatygraph test fixture",
        "kind": "NEWS",
    }


def _totals(db: Driver) -> tuple[int, int]:
    nodes, _, _ = db.execute_query("MATCH (n) RETURN count(n) AS n")
    rels, _, _ = db.execute_query("MATCH ()-[r]->() RETURN count(r) AS n")
    return nodes[0]["n"], rels[0]["n"]


@pytest.fixture(scope="module")
def client(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    keyed = dataclasses.replace(
        neo4j,
        api_keys=tuple(
            ApiKey(name, "curator", hash_key(key)) for name, key in KEYS.items()
        ),
    )
    with TestClient(create_app(keyed)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def written(client: TestClient, db: Driver) -> Iterator[dict[str, Any]]:
    """The four writes' payload records, in the order they were made."""
    before = _totals(db)
    sid = f"{PREFIX}src"
    records: dict[str, Any] = {}
    data = _post(
        client, WRITE_SOURCE, {"k": f"{PREFIX}1", "in": _source(sid)}, "test-aud-a"
    )
    records["source"] = data["addSource"]["curation"]
    event = {"treaty": "ottawa", "country": STATE, "kind": "SIGNATURE"}
    data = _post(
        client,
        WRITE_EVENT,
        {"k": f"{PREFIX}2", "in": {**event, "date": "2001-01-01", "sourceIds": [sid]}},
        "test-aud-a",
    )
    records["event"] = data["recordTreatyEvent"]["curation"]
    data = _post(
        client,
        WRITE_EVENT,
        {
            "k": f"{PREFIX}3",
            "in": {**event, "date": "2001-02-02", "newSources": [_source(f"{sid}2")]},
        },
        "test-aud-b",
    )
    records["correction"] = data["recordTreatyEvent"]["curation"]
    statement = {
        "key": f"{PREFIX}stmt",
        "kind": "ANNOUNCEMENT",
        "title": "Test fixture statement",
        "date": "2026-01-01",
        "countries": [STATE],
        "sourceIds": [sid],
    }
    data = _post(
        client, WRITE_STATEMENT, {"k": f"{PREFIX}4", "in": statement}, "test-aud-b"
    )
    records["statement"] = data["recordStatement"]["curation"]
    yield records
    db.execute_query(
        "MATCH (c:Curation) WHERE c.idempotencyKey STARTS WITH $p "
        "OPTIONAL MATCH (c)-[:WROTE]->(n) "
        "WITH collect(DISTINCT c) + collect(DISTINCT n) AS doomed "
        "UNWIND doomed AS x DETACH DELETE x",
        p=PREFIX,
    )
    assert _totals(db) == before


def _refusal(client: TestClient, query: str, given: dict[str, Any]) -> tuple[str, str]:
    """The code and argument of the one error a write with a fresh key answers."""
    variables = {"k": f"{PREFIX}x-{uuid.uuid4().hex[:8]}", "in": given}
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {KEYS['test-aud-b']}"},
    )
    (error,) = response.json()["errors"]
    return error["extensions"]["code"], error["extensions"]["argument"]


def _keys(data: dict[str, Any]) -> list[str]:
    return [e["node"]["idempotencyKey"] for e in data["curations"]["edges"]]


def test_payload_curation_is_the_audit_record_with_its_fields(
    written: dict[str, Any],
) -> None:
    record = written["correction"]
    assert record["idempotencyKey"] == f"{PREFIX}3"
    assert record["operation"] == "recordTreatyEvent"
    assert record["by"] == "test-aud-b"
    assert record["subjectType"] == "TreatyEvent"
    assert record["subjectKey"] == EVENT_KEY
    assert record["change"] == "CORRECTED"
    assert record["treaties"] == ["ottawa"]
    assert record["countries"] == [STATE]
    assert [s["id"] for s in record["sources"]] == [f"{PREFIX}src2"]
    assert record["at"].startswith("20")
    assert record["id"]


def test_curations_are_filtered_by_curator_oldest_first(
    client: TestClient, written: dict[str, Any]
) -> None:
    where = {**OURS, "by": {"eq": "test-aud-a"}}
    data = _post(client, CURATIONS, {"where": where})
    assert _keys(data) == [f"{PREFIX}1", f"{PREFIX}2"]
    assert data["curations"]["totalCount"] == 2


def test_curations_are_filtered_by_subject_type_key_and_operation(
    client: TestClient, written: dict[str, Any]
) -> None:
    where = {
        **OURS,
        "subjectType": {"eq": "TreatyEvent"},
        "subjectKey": {"eq": EVENT_KEY},
    }
    assert _keys(_post(client, CURATIONS, {"where": where})) == [
        f"{PREFIX}2",
        f"{PREFIX}3",
    ]
    where = {**OURS, "operation": {"in": ["addSource", "recordStatement"]}}
    assert _keys(_post(client, CURATIONS, {"where": where})) == [
        f"{PREFIX}1",
        f"{PREFIX}4",
    ]
    where = {**OURS, "change": {"eq": "CORRECTED"}}
    assert _keys(_post(client, CURATIONS, {"where": where})) == [f"{PREFIX}3"]


def test_curations_are_filtered_by_a_time_range(
    client: TestClient, written: dict[str, Any]
) -> None:
    first, last = written["source"]["at"], written["statement"]["at"]
    inside = {**OURS, "at": {"gte": first, "lte": last}}
    assert len(_keys(_post(client, CURATIONS, {"where": inside}))) == 4
    after_first = {**OURS, "at": {"gt": first}}
    assert f"{PREFIX}1" not in _keys(_post(client, CURATIONS, {"where": after_first}))
    before = {**OURS, "at": {"lt": "2000-01-01"}}
    assert _keys(_post(client, CURATIONS, {"where": before})) == []


def test_a_naive_datetime_is_refused_with_a_code(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={
            "query": CURATIONS,
            "variables": {"where": {"at": {"gte": "2026-01-01T00:00:00"}}},
        },
    )
    errors = response.json()["errors"]
    assert "offset" in errors[0]["message"]
    assert errors[0]["extensions"]["code"]


def test_curations_sorted_newest_first_page_by_cursor_without_repeats(
    client: TestClient, written: dict[str, Any]
) -> None:
    seen: list[str] = []
    after = None
    for _ in range(5):
        variables = {"where": OURS, "sort": [{"at": "DESC"}], "first": 1}
        data = _post(client, CURATIONS, {**variables, "after": after})
        seen.extend(_keys(data))
        page = data["curations"]["pageInfo"]
        if not page["hasNextPage"]:
            break
        after = page["endCursor"]
    assert seen == [f"{PREFIX}4", f"{PREFIX}3", f"{PREFIX}2", f"{PREFIX}1"]


def test_history_lists_a_facts_writes_in_order(
    client: TestClient, written: dict[str, Any]
) -> None:
    query = """
    query($key: String!) {
      event(key: $key) {
        date
        history { idempotencyKey by operation change sources { id } }
        claims { status value history { idempotencyKey } }
      }
    }"""
    event = _post(client, query, {"key": EVENT_KEY})["event"]
    assert event["date"] == "2001-02-02"
    assert [(h["idempotencyKey"], h["by"], h["change"]) for h in event["history"]] == [
        (f"{PREFIX}2", "test-aud-a", "ADDED"),
        (f"{PREFIX}3", "test-aud-b", "CORRECTED"),
    ]
    (claim,) = [c for c in event["claims"] if c["status"] == "ALTERNATIVE"]
    assert claim["value"] == "2001-01-01"
    # The claim the correction made keeps its own history: that correction.
    assert [h["idempotencyKey"] for h in claim["history"]] == [f"{PREFIX}3"]


def test_a_curation_is_a_node_and_has_a_lookup(
    client: TestClient, written: dict[str, Any]
) -> None:
    record = written["event"]
    query = """
    query($id: ID!, $key: String!) {
      node(id: $id) { ... on Curation { idempotencyKey } }
      curation(key: $key) { id operation }
    }"""
    data = _post(client, query, {"id": record["id"], "key": record["key"]})
    assert data["node"] == {"idempotencyKey": f"{PREFIX}2"}
    assert data["curation"] == {"id": record["id"], "operation": "recordTreatyEvent"}


def test_a_source_url_spelled_another_way_is_a_conflict(
    client: TestClient, db: Driver, written: dict[str, Any]
) -> None:
    sid = f"{PREFIX}url"
    page = f"https://example.test/treatygraph/{sid}"
    first = {**_source(sid), "url": f"HTTPS://Example.TEST:443/treatygraph/{sid}/#top"}
    data = _post(client, WRITE_SOURCE, {"k": f"{PREFIX}5", "in": first}, "test-aud-a")
    stored, _, _ = db.execute_query(
        "MATCH (s:Source {id: $id}) RETURN s.url AS url", id=sid
    )
    assert stored[0]["url"] == page
    assert data["addSource"]["curation"]["key"] == f"test-aud-a/{PREFIX}5"
    again = {**_source(f"{sid}-again"), "url": f"{page}/"}
    response = client.post(
        "/graphql",
        json={"query": WRITE_SOURCE, "variables": {"k": f"{PREFIX}6", "in": again}},
        headers={"Authorization": f"Bearer {KEYS['test-aud-a']}"},
    )
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "CONFLICT"
    assert error["extensions"]["existing"] == sid


def test_seed_urls_are_stored_normalised(db: Driver, seeded: dict[str, Any]) -> None:
    rows, _, _ = db.execute_query(
        "MATCH (s:Source {id: 'countryinfo-1-0-1'}) RETURN s.url AS url"
    )
    # seeds/data/sources/geo.yaml gives it with a trailing '/'.
    assert rows[0]["url"] == "https://pypi.org/project/countryinfo/1.0.1"


MEMBERSHIP = """
mutation($k: String!, $in: MembershipInput!) {
  recordMembership(idempotencyKey: $k, input: $in) {
    replayed
    curation { operation subjectType subjectKey }
    membership { key since until note organization { code } country { iso3 }
                 sources { id } history { idempotencyKey } }
  }
}"""


def test_record_membership_stores_it_as_the_seeds_key_it(
    client: TestClient, db: Driver, written: dict[str, Any]
) -> None:
    membership = {
        "organization": "eu",
        "country": STATE,
        "since": "2030-01-01",
        "until": "2031-01-01",
        "note": "Test fixture membership.",
        "sourceIds": [f"{PREFIX}src"],
    }
    variables = {"k": f"{PREFIX}7", "in": membership}
    data = _post(client, MEMBERSHIP, variables, "test-aud-b")["recordMembership"]
    assert data["curation"] == {
        "operation": "recordMembership",
        "subjectType": "Membership",
        "subjectKey": f"EU:{STATE}",
    }
    assert data["membership"] == {
        "key": f"EU:{STATE}",
        "since": "2030-01-01",
        "until": "2031-01-01",
        "note": "Test fixture membership.",
        "organization": {"code": "EU"},
        "country": {"iso3": STATE},
        "sources": [{"id": f"{PREFIX}src"}],
        "history": [{"idempotencyKey": f"{PREFIX}7"}],
    }
    query = """
    query($iso3: String!) {
      country(iso3: $iso3) {
        on: memberships(asOf: "2030-06-01") { key }
        off: memberships(asOf: "2031-01-01") { key }
      }
    }"""
    country = _post(client, query, {"iso3": STATE})["country"]
    assert country == {"on": [{"key": f"EU:{STATE}"}], "off": []}
    assert _post(client, MEMBERSHIP, variables, "test-aud-b")["recordMembership"][
        "replayed"
    ]


@pytest.mark.parametrize(
    ("change", "code", "argument"),
    [
        ({"organization": "NOPE"}, "BAD_USER_INPUT", "input.organization"),
        ({"country": "XXX"}, "BAD_USER_INPUT", "input.country"),
        ({"until": "2029-01-01"}, "BAD_USER_INPUT", "input.until"),
        ({"since": None}, "BAD_USER_INPUT", "input.since"),
        ({"organization": "NATO", "country": "EST"}, "CONFLICT", "input.key"),
    ],
    ids=["unknown-organization", "unknown-country", "ends-first", "no-date", "exists"],
)
def test_record_membership_refuses_with_a_code_and_writes_nothing(
    client: TestClient,
    db: Driver,
    written: dict[str, Any],
    change: dict[str, Any],
    code: str,
    argument: str,
) -> None:
    before = _totals(db)
    membership = {
        "organization": "NATO",
        "country": STATE,
        "since": "2030-01-01",
        "sourceIds": [f"{PREFIX}src"],
        **change,
    }
    assert _refusal(client, MEMBERSHIP, membership) == (code, argument)
    assert _totals(db) == before


TERM = """
mutation($k: String!, $in: TermInput!) {
  recordTerm(idempotencyKey: $k, input: $in) {
    curation { operation subjectType subjectKey }
    term { key start end person { key } office { key } sources { id }
           history { idempotencyKey } }
  }
}"""


def test_record_term_stores_it_as_the_seeds_key_it(
    client: TestClient, written: dict[str, Any]
) -> None:
    term = {
        "person": "hanno-pevkur",
        "office": "est-minister-of-defence",
        "start": "2040-01-01",
        "end": "2041-01-01",
        "sourceIds": [f"{PREFIX}src"],
    }
    data = _post(client, TERM, {"k": f"{PREFIX}8", "in": term}, "test-aud-b")
    key = "hanno-pevkur:est-minister-of-defence:2040-01-01"
    assert data["recordTerm"]["curation"]["subjectKey"] == key
    assert data["recordTerm"]["term"] == {
        "key": key,
        "start": "2040-01-01",
        "end": "2041-01-01",
        "person": {"key": "hanno-pevkur"},
        "office": {"key": "est-minister-of-defence"},
        "sources": [{"id": f"{PREFIX}src"}],
        "history": [{"idempotencyKey": f"{PREFIX}8"}],
    }
    query = '{ person(key: "hanno-pevkur") { offices(asOf: "2040-06-01") { key } } }'
    offices = _post(client, query, {})["person"]["offices"]
    assert {"key": "est-minister-of-defence"} in offices


@pytest.mark.parametrize(
    ("change", "code", "argument"),
    [
        ({"person": "nobody-at-all"}, "BAD_USER_INPUT", "input.person"),
        ({"office": "no-such-office"}, "BAD_USER_INPUT", "input.office"),
        ({"end": "2000-01-01"}, "BAD_USER_INPUT", "input.end"),
        ({"start": None}, "BAD_USER_INPUT", "input.start"),
        ({"start": "2022-07-18"}, "CONFLICT", "input.key"),
    ],
    ids=["unknown-person", "unknown-office", "ends-first", "no-date", "exists"],
)
def test_record_term_refuses_with_a_code_and_writes_nothing(
    client: TestClient,
    db: Driver,
    written: dict[str, Any],
    change: dict[str, Any],
    code: str,
    argument: str,
) -> None:
    before = _totals(db)
    term = {
        "person": "hanno-pevkur",
        "office": "est-minister-of-defence",
        "start": "2042-01-01",
        "sourceIds": [f"{PREFIX}src"],
        **change,
    }
    assert _refusal(client, TERM, term) == (code, argument)
    assert _totals(db) == before
