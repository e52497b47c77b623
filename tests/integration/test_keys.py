"""Stored API keys against the real Neo4j: the CLI, revocation with no restart,
scopes, the per-key write rate, and checks that take the same time right or wrong.

Keys here are named `test-keys-…` and deleted after; writes use idempotency keys
`test-keys-…`, the state MMR (no seeded events) and example.test URLs.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph import keys
from graph.driver import open_driver
from httpapi import keys as cli
from seeds import loader
from settings import Settings
from tests.integration.conftest import forget_curations

PREFIX = "test-keys-"
STATE = "MMR"

SOURCE = """
mutation($k: String!, $in: SourceInput!) {
  addSource(idempotencyKey: $k, input: $in) { replayed curation { by } source { id } }
}"""
EVENT = """
mutation($k: String!, $in: TreatyEventInput!) {
  recordTreatyEvent(idempotencyKey: $k, input: $in) { event { key treaty { slug } } }
}"""


def _name(label: str) -> str:
    return f"{PREFIX}{label}-{uuid.uuid4().hex[:8]}"


def new_source() -> dict[str, Any]:
    sid = _name("src")
    return {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Treatygraph test fixture",
        "kind": "NEWS",
    }


def event(treaty: str) -> dict[str, Any]:
    return {
        "treaty": treaty,
        "country": STATE,
        "kind": "SIGNATURE",
        "date": "2026-01-05",
        "newSources": [new_source()],
    }


@pytest.fixture(scope="module", autouse=True)
def cleaned(db: Driver) -> Iterator[None]:
    yield
    forget_curations(db, PREFIX)
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)
    db.execute_query("MATCH (k:ApiKey) WHERE k.name STARTS WITH $p DELETE k", p=PREFIX)


def create(capsys: pytest.CaptureFixture[str], name: str, *scopes: str) -> str:
    argv = ["create", "--name", name]
    for scope in scopes:
        argv += ["--scope", scope]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    return out.strip().splitlines()[-1].rsplit(" ", 1)[1]


def write(client: Any, query: str, token: str, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        "/graphql",
        json={"query": query, "variables": {"k": _name("w"), "in": data}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return str(body["errors"][0]["extensions"]["code"])


def test_cli_creates_lists_and_revokes_keys_and_never_shows_a_hash(
    neo4j: Settings, seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    name = _name("cli")
    token = create(capsys, name, "curate", "curate:ottawa")
    key_id, secret = keys.parse(token) or ("", "")
    assert key_id
    assert cli.main(["list"]) == 0
    listed = capsys.readouterr().out
    row = next(line for line in listed.splitlines() if line.startswith(name))
    assert row.split("\t")[1:3] == [key_id, "curate,curate:ottawa"]
    assert row.split("\t")[4] == ""  # not revoked
    assert secret not in listed
    assert "hash" not in listed.lower()
    assert cli.main(["revoke", name, "--reason", "left the team"]) == 0
    assert key_id in capsys.readouterr().out
    assert cli.main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if name in line)
    assert row.endswith("(left the team)")
    assert cli.main(["revoke", key_id]) == 1  # already revoked: nothing live


def test_cli_refuses_a_bad_scope_an_unknown_treaty_and_a_live_name_twice(
    neo4j: Settings, seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    name = _name("dup")
    assert cli.main(["create", "--name", name, "--scope", "admin"]) == 1
    assert cli.main(["create", "--name", name, "--scope", "curate:nowhere"]) == 1
    create(capsys, name, "read")
    assert cli.main(["create", "--name", name, "--scope", "read"]) == 1
    assert "already named" in capsys.readouterr().err


def test_a_key_revoked_while_the_app_runs_is_refused_at_once(
    app_with: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    client = app_with()
    name = _name("revoked")
    token = create(capsys, name, "curate")
    assert write(client, SOURCE, token, new_source())["data"]["addSource"]
    assert cli.main(["revoke", name]) == 0
    assert code(write(client, SOURCE, token, new_source())) == "UNAUTHENTICATED"


def test_a_read_scoped_key_is_forbidden_to_write(
    app_with: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    token = create(capsys, _name("reader"), "read")
    assert code(write(app_with(), SOURCE, token, new_source())) == "FORBIDDEN"


def test_a_treaty_scoped_key_writes_its_treaty_only_and_stores_nothing_else(
    app_with: Any, db: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    client = app_with()
    token = create(capsys, _name("ottawa"), "curate:ottawa")
    body = write(client, EVENT, token, event("ottawa"))
    assert body["data"]["recordTreatyEvent"]["event"]["treaty"]["slug"] == "ottawa"
    refused = write(client, EVENT, token, event("ccm"))
    assert code(refused) == "FORBIDDEN"
    assert refused["errors"][0]["extensions"]["treaties"] == ["ccm"]
    stored, _, _ = db.execute_query(
        "MATCH (:Country {iso3: $s})-[:HAS_EVENT]->(e)-[:UNDER]->(t) "
        "RETURN collect(t.slug) AS slugs",
        s=STATE,
    )
    assert stored[0]["slugs"] == ["ottawa"]
    # A source concerns no treaty: any curating key may add one.
    assert write(client, SOURCE, token, new_source())["data"]["addSource"]


def test_writes_over_the_keys_rate_are_rate_limited_with_the_code(
    app_with: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # One token per 1000 s: a write slowed by a loaded machine refills none.
    client = app_with(curation_rate=0.001, curation_burst=2)
    token = create(capsys, _name("rate"), "curate")
    for _ in range(2):
        assert write(client, SOURCE, token, new_source())["data"]["addSource"]
    refused = write(client, SOURCE, token, new_source())
    extensions = refused["errors"][0]["extensions"]
    # The next token is (1 - what refilled since) / rate seconds away: 1000 less
    # the seconds the two writes took.
    assert 900 <= extensions.pop("retryAfter") <= 1000
    assert extensions == {"code": "RATE_LIMITED", "limit": "curationRate", "max": 0.001}


# Checks per kind of token, interleaved in a shuffled order each round, so load
# drifts and a round's first-call cost hit every kind alike.
TRIES = 300


def test_a_wrong_key_takes_as_long_to_refuse_as_a_right_one_to_accept(
    neo4j: Settings, seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    token = create(capsys, _name("timing"), "curate")
    key_id, secret = keys.parse(token) or ("", "")
    other = "f" * 16 if key_id != "f" * 16 else "e" * 16
    gone = _name("timing-revoked")
    revoked = create(capsys, gone, "curate")
    assert cli.main(["revoke", gone]) == 0
    tokens = {
        "right": token,
        "wrong secret": f"tg_{key_id}_{secret[::-1]}",
        "unknown id": f"tg_{other}_{secret}",
        "malformed": f"tg-{secret}",
        "revoked": revoked,
    }
    medians, kdf = asyncio.run(_timings(neo4j, tokens))
    spread = max(medians.values()) - min(medians.values())
    # A short-circuit skips the KDF on some path: it would differ by about `kdf`.
    print(f"medians ms {medians}; KDF {kdf:.2f} ms; spread {spread:.2f} ms")  # noqa: T201
    assert spread < kdf / 2, (medians, kdf)


async def _timings(
    settings: Settings, tokens: dict[str, str]
) -> tuple[dict[str, float], float]:
    driver = open_driver(settings)
    times: dict[str, list[float]] = {kind: [] for kind in tokens}
    kdf: list[float] = []
    try:
        order = list(tokens.items())
        shuffle = random.Random(17).shuffle
        for _ in range(TRIES):
            shuffle(order)
            for kind, token in order:
                began = time.perf_counter()
                found = await keys.verify(driver, settings, token)
                times[kind].append((time.perf_counter() - began) * 1000)
                assert (found is not None) == (kind == "right")
            began = time.perf_counter()
            keys.hash_secret("x" * 43, b"0" * 16)
            kdf.append((time.perf_counter() - began) * 1000)
    finally:
        await driver.close()
    medians = {kind: round(statistics.median(t), 3) for kind, t in times.items()}
    return medians, statistics.median(kdf)


def test_a_reseed_with_reset_keeps_every_api_key(
    neo4j: Settings, seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Keys are credentials, not seeded content: `make seed SEED_ARGS=--reset` must
    not log every curator out."""
    token = create(capsys, _name("reset"), "curate")
    loaded = loader.load(neo4j, reset=True)
    assert loaded.labels.get("ApiKey", 0) >= 1
    assert asyncio.run(_verified(neo4j, token))


async def _verified(settings: Settings, token: str) -> bool:
    driver = open_driver(settings)
    try:
        return await keys.verify(driver, settings, token) is not None
    finally:
        await driver.close()
