"""Over real HTTP: one client past TREATYGRAPH_CLIENT_CONCURRENCY is told 429, others
are served, and the limiter's table is empty again once the requests are answered.

The API runs in its own uvicorn process (tests.live.api_server). Its requests are
made slow by their bodies: each is sent in two chunks, the second only once the
test says so. The limiter counts a request from its headers on, so these hold their
client's slots exactly as long as the test wants, with no timing to guess.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator

import httpx2
import pytest

from httpapi.auth import hash_key
from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port

LIMIT = 3
EXTRA = 2
OTHER_KEY = "tg_the-other-client-key"
QUERY = b'{"query": "{ country(iso3: \\"LTU\\") { name } }"}'


@pytest.fixture(scope="module")
def api(neo4j: Settings) -> Iterator[str]:
    port = free_port()
    env = {
        "TREATYGRAPH_CLIENT_CONCURRENCY": str(LIMIT),
        "TREATYGRAPH_API_KEYS": f"other:reader:{hash_key(OTHER_KEY)}",
    }
    log = REPO_ROOT / "test-output" / "client-limit-api.log"
    with api_server(port, env, log):
        yield f"http://127.0.0.1:{port}"


def metric(text: str, name: str) -> float:
    """A sample's value in Prometheus text (0 when absent)."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


async def scrape(client: httpx2.AsyncClient) -> str:
    return (await client.get("/metrics")).text


async def test_one_client_past_its_limit_gets_429s_while_another_is_served(
    api: str,
) -> None:
    release = asyncio.Event()

    async def slow_body() -> AsyncIterator[bytes]:
        yield QUERY[:10]
        await release.wait()
        yield QUERY[10:]

    limits = httpx2.Limits(max_connections=LIMIT + EXTRA + 4)
    async with httpx2.AsyncClient(base_url=api, timeout=30, limits=limits) as client:
        refusals = 'treatygraph_graphql_errors_total{code="RATE_LIMITED"}'
        before = metric(await scrape(client), refusals)
        slow = [
            asyncio.create_task(
                client.post(
                    "/graphql",
                    content=slow_body(),
                    headers={"content-type": "application/json"},
                )
            )
            for _ in range(LIMIT + EXTRA)
        ]
        # Until the server has admitted LIMIT of them and refused the rest.
        for _ in range(200):
            text = await scrape(client)
            if (
                metric(text, "treatygraph_graphql_in_flight") == LIMIT
                and metric(text, refusals) - before == EXTRA
            ):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"the server never held {LIMIT} requests:\n{text}")
        assert metric(text, "treatygraph_graphql_clients_in_flight") == 1
        # Another client (a configured key from the same address) is served now.
        other = await client.post(
            "/graphql",
            content=QUERY,
            headers={
                "content-type": "application/json",
                "authorization": f"Bearer {OTHER_KEY}",
            },
        )
        assert other.status_code == 200, other.text
        assert "errors" not in other.json()
        release.set()
        answers = await asyncio.gather(*slow)
        statuses = sorted(response.status_code for response in answers)
        assert statuses == [200] * LIMIT + [429] * EXTRA
        for response in answers:
            if response.status_code == 429:
                assert response.headers["retry-after"] == "1"
                assert response.json()["errors"][0]["extensions"] == {
                    "code": "RATE_LIMITED",
                    "limit": "clientConcurrency",
                    "max": LIMIT,
                }
            else:
                assert "errors" not in response.json(), response.text
        after = await scrape(client)
        assert metric(after, "treatygraph_graphql_in_flight") == 0
        assert metric(after, "treatygraph_graphql_clients_in_flight") == 0
        assert 'treatygraph_http_requests_total{route="/graphql",status="429"}' in after
        # The client has its whole limit back.
        again = await asyncio.gather(
            *(
                client.post(
                    "/graphql",
                    content=QUERY,
                    headers={"content-type": "application/json"},
                )
                for _ in range(LIMIT)
            )
        )
        assert all(response.status_code == 200 for response in again)
