"""Browser pages send security headers, with a policy that allows what they load."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from starlette.testclient import TestClient

COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def policy(response: object) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    header = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def sha256(text: str) -> str:
    return (
        f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
    )


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/graphql", {"Accept": "text/html"}), ("/", {})],
    ids=["graphiql", "explorer"],
)
def test_every_html_page_sends_the_security_headers(
    client: TestClient, path: str, headers: dict[str, str]
) -> None:
    response = client.get(path, headers=headers)
    assert response.headers["content-type"].startswith("text/html")
    for name, value in COMMON.items():
        assert response.headers[name] == value
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


def test_graphiql_loads_only_from_its_own_origin_and_its_inline_script(
    client: TestClient,
) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    html, csp = response.text, policy(response)
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    sheets = re.findall(r'rel="stylesheet"\s+href="([^"]+)"', html)
    inline = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert scripts
    assert sheets
    assert inline
    assert all(url.startswith("/graphiql/assets/") for url in [*scripts, *sheets])
    assert "unpkg" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert sorted(csp["script-src"]) == sorted(["'self'", *map(sha256, inline)])
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["connect-src"] == ["'self'"]


def test_graphiql_never_persists_headers(client: TestClient) -> None:
    html = client.get("/graphql", headers={"Accept": "text/html"}).text
    assert "shouldPersistHeaders: false" in html
    assert "shouldPersistHeaders: true" not in html


def test_the_explorer_loads_only_from_its_own_origin(client: TestClient) -> None:
    response = client.get("/")
    csp = policy(response)
    assert not re.search(r'(src|href)="(https?:)?//', response.text)
    assert csp["script-src"] == ["'self'", "'unsafe-hashes'", sha256("return false")]
    assert csp["connect-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    handlers = re.findall(r'\son\w+="([^"]*)"', response.text)
    assert set(handlers) == {"return false"}


def test_json_responses_are_nosniff(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ __typename }"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/healthz").headers["x-content-type-options"] == "nosniff"
