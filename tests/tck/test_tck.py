"""Cypher snapshots, in the manner of @neo4j/graphql's tests/tck: GraphQL in, the
exact Cypher and parameters out, with no database.

Each `*.md` here holds cases (see tests/tck/cases.py). A case's operation is parsed,
validated against the app's schema and bound as a request would be
(execution.operations.bind_operation, which compiles through execution.plans.plan_for);
its parameters come from execution.plans.parameters with TREATYGRAPH_AS_OF pinned.
The Cypher is stored laid out by tests/tck/formatting.py, which only turns spaces
into line breaks, so the comparison is still of the exact statement.

`TCK_UPDATE=1 pytest tests/tck` rewrites the expected blocks from what the compiler
gives now (review the diff); the default run only compares.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, cast

import pytest
from graphql import (
    OperationDefinitionNode,
    parse,
    validate,
)

from execution import plans
from execution.context import Context
from execution.operations import bind_operation, fragments_of
from schema.app import schema
from settings import Settings
from tests.tck import cases
from tests.tck.formatting import flatten, layout

SETTINGS = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
UPDATE = os.environ.get("TCK_UPDATE") == "1"
DOCUMENTS = cases.documents()
CASES = [case for document in DOCUMENTS for case in document.cases]


def plain(value: Any) -> Any:
    """Parameters as JSON; a date is `{"$date": "YYYY-MM-DD"}`, never a bare string
    (a datetime `{"$datetime": ISO 8601}`)."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def compile_case(graphql: str, variables: dict[str, Any] | None) -> tuple[str, str]:
    """The laid-out Cypher and the JSON parameters of the operation's one root field."""
    document = parse(graphql)
    errors = validate(schema._schema, document)
    assert not errors, [e.message for e in errors]
    operations = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    fragments = fragments_of(document)
    assert len(operations) == 1, "one operation per case"
    roots = bind_operation(
        schema._schema, operations[0], fragments, variables, SETTINGS
    )
    assert roots is not None, "the variables do not coerce"
    assert len(roots) == 1, "one root field per case"
    root = roots[0]
    if root.refusal is not None:
        raise root.refusal
    assert root.plan is not None, f"{root.selection.name} is not compiled"
    context = Context(driver=cast(Any, None), settings=SETTINGS)
    params = plans.parameters(root.plan, root.leaves, context)
    entries = [
        f"  {json.dumps(k)}: {json.dumps(plain(v), ensure_ascii=False)}"
        for k, v in params.items()
    ]
    text = "{\n" + ",\n".join(entries) + "\n}"
    laid_out = layout(root.plan.cypher)
    assert flatten(laid_out) == root.plan.cypher, "the layout must lose nothing"
    return laid_out, text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_compiles_to_the_expected_cypher_and_parameters(case: cases.Case) -> None:
    graphql = case.block("graphql")
    assert graphql is not None, f"{case.path.name}:{case.line} has no graphql block"
    raw_variables = case.block("json variables")
    variables = json.loads(raw_variables) if raw_variables else None
    cypher, params = compile_case(graphql, variables)
    if UPDATE:
        expected = {"cypher": cypher, "json": params}
        kept = [b for b in case.blocks if b.info not in expected]
        case.blocks = kept + [cases.Block(i, t) for i, t in expected.items()]
        return
    assert case.block("cypher") == cypher, f"{case.path.name}:{case.line}"
    assert case.block("json") == params, f"{case.path.name}:{case.line}"


@pytest.fixture(scope="module", autouse=True)
def _rewrite_when_updating() -> Any:
    yield
    if UPDATE:
        for document in DOCUMENTS:
            cases.write(document)


def test_every_concern_has_its_file() -> None:
    names = {document.path.stem for document in DOCUMENTS}
    assert names >= {
        "where",
        "sort",
        "cursors",
        "asof",
        "search",
        "connections",
        "rules",
        "projection",
    }
