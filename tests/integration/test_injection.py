"""Hostile strings in every string argument and string filter operator of the schema.

The targets come from the served schema's introspection, so an argument or filter
added later is attacked without editing this file. Every answer must be an ordinary
result or a documented client error, never a Cypher syntax error or an internal
error, and the graph must be unchanged afterwards.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    is_abstract_type,
)
from neo4j import Driver
from starlette.testclient import TestClient

from tests.integration.test_fuzz import unmasked

CORPUS = [
    "'",
    '"',
    "`",
    "\\",
    "\\'",
    "}) MATCH (n) DETACH DELETE n //",
    "' OR 1=1 //",
    '" OR ""="',
    "x` RETURN 1 //",
    "LTU'}) WITH 1 AS x CALL { MATCH (n) DETACH DELETE n } RETURN x //",
    "$p0",
    "{p0}",
    # Lucene query syntax (search goes through a full-text index).
    "name:* OR *:*",
    "a AND (b OR c)~2^3",
    "[* TO *]",
    "/.*/",
    "\\*",
    # Unicode: NUL, right-to-left override, homoglyphs (Cyrillic i, fullwidth),
    # combining marks, zero-width space, an astral emoji, a lone surrogate.
    "LTU\u0000",
    "\u202eUTL",
    "L\u0456thuania",
    "\uff2c\uff34\uff35",
    "Li\u0301thuania",
    "\u200b",
    "\U0001f4a3",
    # Very long strings.
    "A" * 100_000,
    "' OR '" * 10_000,
]
# make test sends these; make stress (INJECTION_SCOPE=full) sends the whole corpus.
CORE = [
    "'",
    "`",
    "}) MATCH (n) DETACH DELETE n //",
    "' OR 1=1 //",
    "name:* OR *:*",
    "LTU\u0000\u202eL\u0456thuania",
    "A" * 100_000,
]
FULL = os.environ.get("INJECTION_SCOPE") == "full"
SENT = CORPUS if FULL else CORE
LONE_SURROGATE = "\ud800"
CLIENT_ERRORS = {"BAD_USER_INPUT", "LIMIT_EXCEEDED"}
SAMPLE = {"Int": "2", "Float": "1.5", "Boolean": "true", "Date": '"2025-06-01"'}


@dataclass(frozen=True)
class Target:
    """One place a string goes: a root field, maybe a field below it, an argument."""

    label: str
    field: str  # the root field with its arguments and selection; $v is the value
    where: str | None = None  # for a filter: its input type, field and ignoreCase
    scalar: str = "String"  # the type of $v: String, or ID (node ids)

    def batch(self, count: int) -> str:
        """One request putting $v0 … $v<count-1> each into its own alias of the field."""
        variables = ", ".join(f"$v{i}: {self.scalar}!" for i in range(count))
        fields = " ".join(
            f"a{i}: " + re.sub(r"\$v\b", f"$v{i}", self.field) for i in range(count)
        )
        return f"query({variables}) {{ {fields} }}"


def _unwrap(gtype: Any) -> tuple[Any, bool]:
    """(named type, is a list) of an input type."""
    inner = gtype.of_type if isinstance(gtype, GraphQLNonNull) else gtype
    if isinstance(inner, GraphQLList):
        return get_named_type(inner), True
    return get_named_type(inner), False


def _is_string(gtype: Any) -> bool:
    named, _ = _unwrap(gtype)
    return isinstance(named, GraphQLScalarType) and named.name in {"String", "ID"}


def _sample(gtype: GraphQLInputType) -> str | None:
    """A harmless literal for a required argument that is not under attack."""
    named, many = _unwrap(gtype)
    if isinstance(named, GraphQLEnumType):
        literal = next(iter(named.values))
    elif isinstance(named, GraphQLScalarType) and named.name in SAMPLE:
        literal = SAMPLE[named.name]
    elif isinstance(named, GraphQLScalarType):
        literal = '"LTU"'
    else:
        return None
    return f"[{literal}]" if many else literal


def _string_filters(where: GraphQLInputObjectType) -> dict[str, list[str]]:
    """Field -> its string operators, for each field of a `where` input."""
    out: dict[str, list[str]] = {}
    for name, field in where.fields.items():
        named = get_named_type(field.type)
        if not isinstance(named, GraphQLInputObjectType):
            continue
        ops = [op for op, f in named.fields.items() if _is_string(f.type)]
        # A scalar filter (eq/in/…/includes), not a relation's nested where.
        if ops and not any(
            isinstance(get_named_type(f.type), GraphQLInputObjectType)
            for f in named.fields.values()
        ):
            out[name] = ops
    return out


def _where_literal(where: GraphQLInputObjectType, name: str, ignore_case: bool) -> str:
    """Every string operator of one field at once, each given $v (lists: [$v]).

    One field per request: all fields' operators in one `where` (56 predicates on
    Country) trip a Neo4j 5.26 planner bug ("STRING_CONTAINS predicate is not
    allowed for a RANGE index"), which no client query of a sane size reaches.
    """
    filter_type = get_named_type(where.fields[name].type)
    assert isinstance(filter_type, GraphQLInputObjectType)
    values = []
    for op in _string_filters(where)[name]:
        _, many = _unwrap(filter_type.fields[op].type)
        values.append(f"{op}: {'[$v]' if many else '$v'}")
    if ignore_case:
        values.append("ignoreCase: true")
    return f"{{{name}: {{{', '.join(values)}}}}}"


def _selection(gtype: Any) -> str:
    named = get_named_type(gtype)
    if isinstance(named, GraphQLObjectType) and "totalCount" in named.fields:
        return "{ totalCount nodes { __typename } }"
    if isinstance(named, GraphQLObjectType) or is_abstract_type(named):
        return "{ __typename }"
    return ""


def _arg_sets(field: GraphQLField) -> list[tuple[str, str, str | None]]:
    """(label, argument text, filter) for each way to put $v into the arguments."""
    required = {
        name: _sample(arg.type)
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    }
    paged = {"first": "2"} if "first" in field.args else {}
    variants: list[tuple[str, dict[str, str], str | None]] = []
    for name, arg in field.args.items():
        named, many = _unwrap(arg.type)
        if _is_string(arg.type):
            variants.append((name, {name: "[$v]" if many else "$v"}, None))
        elif (
            name == "where"
            and isinstance(named, GraphQLInputObjectType)
            and _string_filters(named)
        ):
            for field_name in _string_filters(named):
                filter_type = get_named_type(named.fields[field_name].type)
                assert isinstance(filter_type, GraphQLInputObjectType)
                variants.append(
                    (
                        f"where.{field_name}",
                        {"where": _where_literal(named, field_name, False)},
                        f"{named.name}.{field_name}",
                    )
                )
                if "ignoreCase" in filter_type.fields:
                    variants.append(
                        (
                            f"where.{field_name}+ignoreCase",
                            {"where": _where_literal(named, field_name, True)},
                            f"{named.name}.{field_name}+ignoreCase",
                        )
                    )
    out = []
    for label, values, where in variants:
        given = {**{k: v for k, v in required.items() if v}, **paged, **values}
        if "last" in values or "before" in values:
            given.pop("first", None)
        text = ", ".join(f"{k}: {v}" for k, v in given.items())
        out.append((label, f"({text})" if text else "", where))
    return out


def _root_call(field_name: str, field: GraphQLField) -> str:
    """The root field with harmless required arguments, to reach fields below it."""
    values = {
        name: _sample(arg.type)
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    }
    if "first" in field.args:
        values["first"] = "2"
    text = ", ".join(f"{k}: {v}" for k, v in values.items() if v)
    return f"{field_name}({text})" if text else field_name


def targets(schema: GraphQLSchema) -> list[Target]:
    """Every string argument and where-filter of root fields and the fields below them."""
    query_type = schema.query_type
    assert query_type is not None
    found: list[Target] = []
    for root_name, root in query_type.fields.items():
        for label, args, where in _arg_sets(root):
            argument = root.args.get(label)
            named = get_named_type(argument.type) if argument else None
            found.append(
                Target(
                    f"{root_name}.{label}",
                    f"{root_name}{args} {_selection(root.type)}",
                    where,
                    "ID" if getattr(named, "name", None) == "ID" else "String",
                )
            )
        node_type = get_named_type(root.type)
        if isinstance(node_type, GraphQLObjectType) and "nodes" in node_type.fields:
            node_type = get_named_type(node_type.fields["nodes"].type)
            wrap = ("{ nodes { ", " } }")
        else:
            wrap = ("{ ", " }")
        if not isinstance(node_type, GraphQLObjectType) or root_name == "search":
            continue
        for child_name, child in node_type.fields.items():
            for label, args, where in _arg_sets(child):
                inner = f"{child_name}{args} {_selection(child.type)}"
                found.append(
                    Target(
                        f"{root_name}.{child_name}.{label}",
                        f"{_root_call(root_name, root)} {wrap[0]}{inner}{wrap[1]}",
                        where,
                    )
                )
    return found


def in_scope(found: list[Target]) -> list[Target]:
    """make stress: every target. make test: every string argument, and each
    `where` input type once, at its first string field (with and without
    ignoreCase): that field carries every operator, and the other fields and the
    other places taking the same input compile through the same code."""
    if FULL:
        return found
    kept: list[Target] = []
    first_field: dict[str, str] = {}
    seen: set[str] = set()
    for target in found:
        if target.where is None:
            kept.append(target)
            continue
        input_type, _, field = target.where.partition(".")
        chosen = first_field.setdefault(input_type, field.split("+")[0])
        if field.split("+")[0] == chosen and target.where not in seen:
            seen.add(target.where)
            kept.append(target)
    return kept


@pytest.fixture(scope="module")
def served_schema(gql: Any) -> GraphQLSchema:
    """The schema as a client sees it, rebuilt from the API's introspection answer."""
    body = gql(get_introspection_query())
    return build_client_schema(body["data"])


@pytest.fixture(scope="module")
def graph_size(db: Driver) -> tuple[int, int]:
    return _counts(db)


def _counts(db: Driver) -> tuple[int, int]:
    nodes = db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    rels = db.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
    return nodes, rels


def test_targets_cover_every_string_argument_and_filter(
    served_schema: GraphQLSchema,
) -> None:
    labels = {t.label for t in targets(served_schema)}
    for expected in (
        "country.iso3",
        "search.text",
        "countries.after",
        "countries.before",
        "countries.where.name",
        "countries.where.name+ignoreCase",
        "countries.where.aliases",
        "timeline.treaty",
        "timeline.country",
        "country.treatyStatus.treaty",
        "treaty.parties.where.iso3",
        "country.borders.where.region+ignoreCase",
        "claims.where.value",
    ):
        assert expected in labels
    assert len(labels) > 100


@pytest.fixture
def send(client: TestClient) -> Any:
    """POST with ASCII-escaped JSON, so even a lone surrogate travels as `\\ud800`."""

    def post(query: str, texts: list[str]) -> dict[str, Any]:
        variables = {f"v{i}": text for i, text in enumerate(texts)}
        return _post(client, json.dumps({"query": query, "variables": variables}))

    return post


def _post(client: TestClient, payload: str) -> dict[str, Any]:
    response = client.post(
        "/graphql",
        content=payload.encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (200, 400), response.text[:500]
    body: dict[str, Any] = response.json()
    return body


def _problems(label: str, body: dict[str, Any], texts: list[str]) -> list[str]:
    found = []
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        reason = unmasked(error)
        if reason is None and code not in CLIENT_ERRORS:
            reason = f"code {code}"
        if reason is None and "syntax" in error["message"].lower():
            reason = "syntax error"
        if reason is not None:
            alias = str((error.get("path") or ["a0"])[0])
            index = int(alias[1:]) if alias[1:].isdigit() else 0
            found.append(f"{label} {texts[index][:40]!r}: {reason} {error}")
    return found


def test_hostile_strings_get_ordinary_answers_or_client_errors(
    send: Any,
    db: Driver,
    served_schema: GraphQLSchema,
    graph_size: tuple[int, int],
) -> None:
    problems: list[str] = []
    attempts = 0
    chosen = in_scope(targets(served_schema))
    for target in chosen:
        # One request per target, one alias per string: each alias is its own
        # Cypher statement with its own value. An error in a non-null root field
        # nulls (and may cut short) the rest, so such a batch is resent string by
        # string.
        body = send(target.batch(len(SENT)), SENT)
        if body.get("data") is not None:
            attempts += len(SENT)
            problems += _problems(target.label, body, SENT)
            continue
        for text in SENT:
            attempts += 1
            problems += _problems(target.label, send(target.batch(1), [text]), [text])
    assert not problems, "\n".join(problems[:20])
    assert attempts >= len(SENT) * len(chosen)
    assert _counts(db) == graph_size


def test_lone_surrogate_is_bad_user_input_everywhere(
    send: Any, served_schema: GraphQLSchema
) -> None:
    # JSON may carry "\\ud800"; Neo4j takes only UTF-8, so it never gets that far.
    for target in in_scope(targets(served_schema)):
        body = send(target.batch(1), [LONE_SURROGATE])
        codes = {(e.get("extensions") or {}).get("code") for e in body["errors"]}
        assert codes == {"BAD_USER_INPUT"}, (target.label, body["errors"])
