"""Schemathesis generates valid GraphQL operations for every root field of the live API.

Each answer must be an ordinary result or a documented, coded error: never a 5xx,
never an unmasked internal error (see `unmasked`). FUZZ_EXAMPLES sets the examples
per root field (make test: 8, about 230 operations; make stress: 40, over 1,000).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from settings import REPO_ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SUMMARY = REPO_ROOT / "test-output" / "fuzz-summary.json"
# Every code the README documents. Mutations are fuzzed without an API key, so
# they meet UNAUTHENTICATED (or a coded input error) and never write.
DOCUMENTED_CODES = frozenset(
    {
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "CONFLICT",
        "BAD_USER_INPUT",
        "DATABASE_UNAVAILABLE",
        "QUERY_TIMEOUT",
        "LIMIT_EXCEEDED",
        "RATE_LIMITED",
        "INTROSPECTION_DISABLED",
        "GRAPHQL_VALIDATION_FAILED",
        "GRAPHQL_PARSE_FAILED",
        "BAD_REQUEST",
    }
)
# Internals a message must never show: Python exception names, tracebacks, source
# paths, the database's own words.
LEAKS = re.compile(
    r"Traceback|\b[A-Z][A-Za-z]*(Error|Exception)\b|\.py\b|Cypher|Neo4j|Neo\.|"
    r"\bMATCH\b|\$p\d",
)
TALLY: Counter[str] = Counter()

# A Date is any ISO day, or sometimes a string that is not one (BAD_USER_INPUT).
schemathesis.graphql.scalar(
    "Date",
    st.one_of(
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
        st.text(max_size=12),
    ).map(nodes.String),
)


def unmasked(error: dict[str, Any]) -> str | None:
    """Why an error counts as an unmasked internal error, or None if it is fine.

    It is one when it has no `extensions.code`; when its code is not a documented
    client error (INTERNAL_SERVER_ERROR means an unexpected exception was hit, even
    though its message is masked); or when its message shows internals (LEAKS).
    """
    code = (error.get("extensions") or {}).get("code")
    if code is None:
        return "no extensions.code"
    if code not in DOCUMENTED_CODES:
        return f"code {code}"
    message = str(error.get("message", ""))
    leak = LEAKS.search(message)
    if leak and not message.startswith(("Syntax Error", "Cannot query field")):
        return f"message shows internals ({leak.group(0)!r})"
    return None


# Generated from the exported SDL, which `make check` keeps equal to the served
# schema. (Schemathesis' pytest plugin, `from_fixture`, fails under pytest 9: it
# sets Function._nodeid, which pytest 9 no longer has; its strategies work.)
API = schemathesis.graphql.from_path(REPO_ROOT / "schema.graphql")
OPERATIONS = {result.ok().label: result.ok() for result in API.get_all_operations()}


@pytest.fixture(scope="module", autouse=True)
def summary() -> Any:
    TALLY.clear()
    yield
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(dict(sorted(TALLY.items())), indent=2) + "\n")


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_generated_operations_get_ordinary_or_coded_answers(
    live_api: str, label: str
) -> None:
    @hypothesis.given(case=OPERATIONS[label].as_strategy())
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        response = case.call(base_url=f"{live_api}/graphql", timeout=30)
        TALLY["operations"] += 1
        TALLY[f"http {response.status_code}"] += 1
        assert response.status_code < 500, (case.body, response.text[:2000])
        body = response.json()
        for error in body.get("errors") or []:
            code = (error.get("extensions") or {}).get("code")
            TALLY[f"code {code}"] += 1
            reason = unmasked(error)
            assert reason is None, (reason, case.body, error)
        if not body.get("errors"):
            TALLY["answered without error"] += 1

    check()
