"""GET or POST /export.csv: one connection of a query's answer as a CSV table.

The request is a GraphQL request (`query` or a persisted `documentId`/`extensions`,
`variables`, `operationName`) plus `path`, the dotted response keys of a connection
in the answer (`countries`, `treaty.parties`, an alias). It runs through /graphql
itself, so the limits, the cost model, API keys and the persisted-document rules are
the same. The rows are the connection's `nodes` (or `edges.node`) of the page the
query asks for; the columns are the leaves its selection names, in order, nested
objects flattened to dotted headers (`status.state`), and a list (of scalars, or of
objects' leaves, however deep) is one cell, its values joined with "; ". Cells that
a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
leading apostrophe (OWASP's advice on CSV injection). Comment lines before the
header row say what the table is (`# dataset version:`, `# asOf:`, `# query:`, the
operation on one line without its comments, as graphql-core strips them); the
same facts go in X-Dataset-Version and X-As-Of headers, and `comments=false`
leaves the lines out for tools that cannot skip them. Any refusal is a GraphQL
error body with `extensions.code`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    parse,
    value_from_ast_untyped,
)
from graphql.utilities import strip_ignored_characters
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Scope

from execution.operations import fragments_of
from httpapi import encoding
from httpapi.graphql import (
    BAD_REQUEST,
    TreatyGraphQL,
    bad_request,
    check_length,
    preflighted,
)
from httpapi.negotiation import GRAPHQL_RESPONSE, JSON, negotiate
from httpapi.persisted import Refused
from settings import Settings

# `path` is missing, names no field of the operation, or leads through a list or a
# null.
BAD_EXPORT_PATH = "BAD_EXPORT_PATH"
# `path` names a field that selects neither `nodes` nor `edges { node }`.
NOT_A_CONNECTION = "NOT_A_CONNECTION"
CSV = "text/csv; charset=utf-8"
JOIN = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number (-3, +1.5e3) is no formula: it stays a number in the sheet.
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")
# Request headers passed on to /graphql: who asks (API keys), and X-Debug.
_FORWARDED = {b"authorization", b"x-api-key", b"x-debug", b"x-request-id"}
# The status of an answer whose errors say the server, not the request, failed.
_SERVER_CODES = {
    "DATABASE_UNAVAILABLE": 503,
    "QUERY_TIMEOUT": 503,
    "INTERNAL_SERVER_ERROR": 500,
}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_-]+")


class ExportRefused(Exception):
    """The export cannot be made; answered as a coded GraphQL error (400)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def safe_cell(text: str) -> str:
    """`text` that a spreadsheet shows as text, never runs as a formula."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(value: Any) -> str:
    """One JSON value as CSV text: null empty, booleans lowercase, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return JOIN.join(cell_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _collect(
    selections: Iterable[SelectionSetNode],
    fragments: dict[str, FragmentDefinitionNode],
) -> dict[str, list[FieldNode]]:
    """Fields by response key, in selection order, fragments spread in place (the
    same key twice merges, as GraphQL merges it)."""
    fields: dict[str, list[FieldNode]] = {}

    def visit(selection_set: SelectionSetNode, seen: frozenset[str]) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                visit(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                # A cycle or an unknown fragment fails validation when it runs.
                if fragment is not None and name not in seen:
                    visit(fragment.selection_set, seen | {name})

    for selection_set in selections:
        visit(selection_set, frozenset())
    return fields


def _subselections(nodes: list[FieldNode]) -> list[SelectionSetNode]:
    return [node.selection_set for node in nodes if node.selection_set is not None]


def columns(
    selections: list[SelectionSetNode],
    fragments: dict[str, FragmentDefinitionNode],
    prefix: tuple[str, ...] = (),
) -> list[tuple[str, ...]]:
    """The leaves these selections name, as paths of response keys, in order."""
    found: list[tuple[str, ...]] = []
    for key, nodes in _collect(selections, fragments).items():
        inner = _subselections(nodes)
        if inner:
            found.extend(columns(inner, fragments, (*prefix, key)))
        else:
            found.append((*prefix, key))
    return found


def _values(value: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` below `value`; through a list, the list of them."""
    if not path:
        return value
    if value is None:
        return None
    if isinstance(value, list):
        return [_values(item, path) for item in value]
    return _values(value.get(path[0]), path[1:])


def _flat(value: Any) -> Any:
    """Lists of lists (a list field inside a list field) as one list."""
    if not isinstance(value, list):
        return value
    flat: list[Any] = []
    for item in value:
        inner = _flat(item)
        flat.extend(inner if isinstance(inner, list) else [inner])
    return flat


class Plan:
    """What to read from the answer: the operation, the connection's rows, columns."""

    def __init__(
        self, text: str, operation_name: str | None, path: str, max_tokens: int
    ) -> None:
        try:
            document = parse(text, no_location=True, max_tokens=max_tokens)
        except GraphQLError:
            # Let /graphql say what is wrong with it, in its own words and code.
            self.operation = None
            return
        operations = [
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        fragments = fragments_of(document)
        chosen = [
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ]
        # None chosen, or several: /graphql refuses the request itself.
        self.operation = chosen[0] if len(chosen) == 1 else None
        if self.operation is None:
            return
        if self.operation.operation is not OperationType.QUERY:
            raise ExportRefused("Only a query can be exported as CSV.", BAD_REQUEST)
        self.keys = tuple(path.split(".")) if path else ()
        if not self.keys or not all(self.keys):
            raise ExportRefused(
                "Give `path`, the dotted response keys of a connection "
                "(e.g. `countries` or `treaty.parties`).",
                BAD_EXPORT_PATH,
            )
        self.fields: list[FieldNode] = []
        selections = [self.operation.selection_set]
        for depth, key in enumerate(self.keys):
            nodes = _collect(selections, fragments).get(key)
            where = ".".join(self.keys[:depth]) or "the operation"
            if not nodes:
                raise ExportRefused(
                    f"`{path}`: {where} selects no `{key}`.", BAD_EXPORT_PATH
                )
            self.fields.append(nodes[0])
            selections = _subselections(nodes)
            if not selections:
                raise ExportRefused(
                    f"`{path}`: `{key}` is a scalar, not a connection.",
                    NOT_A_CONNECTION,
                )
        inside = _collect(selections, fragments)
        if "nodes" in inside and _subselections(inside["nodes"]):
            self.rows_key: tuple[str, ...] = ("nodes",)
            rows = _subselections(inside["nodes"])
        elif "edges" in inside and "node" in (
            edge := _collect(_subselections(inside["edges"]), fragments)
        ):
            self.rows_key = ("edges", "node")
            rows = _subselections(edge["node"])
        else:
            raise ExportRefused(
                f"`{path}` selects neither `nodes` nor `edges {{ node }}`: "
                "not a connection.",
                NOT_A_CONNECTION,
            )
        self.columns = columns(rows, fragments)

    def as_of(self, variables: dict[str, Any] | None) -> str | None:
        """The `asOf` argument nearest the connection on its path, if one is given."""
        for node in reversed(self.fields):
            for argument in node.arguments or ():
                if argument.name.value == "asOf":
                    value = value_from_ast_untyped(argument.value, variables)
                    if value is not None:
                        return str(value)
        return None

    def rows(self, data: Any) -> list[Any]:
        """The connection's items in the answer; refuses a null or a list on the way."""
        value = data
        for depth, key in enumerate(self.keys):
            value = value.get(key) if isinstance(value, dict) else None
            where = ".".join(self.keys[: depth + 1])
            if value is None:
                raise ExportRefused(
                    f"`{where}` is null in the answer.", BAD_EXPORT_PATH
                )
            if isinstance(value, list):
                raise ExportRefused(
                    f"`{where}` is a list: a path may not lead through one.",
                    BAD_EXPORT_PATH,
                )
        items = value.get(self.rows_key[0]) or []
        if len(self.rows_key) == 2:
            items = [edge.get("node") for edge in items if isinstance(edge, dict)]
        return [item for item in items if item is not None]

    def table(self, data: Any) -> Iterator[list[str]]:
        yield [".".join(column) for column in self.columns]
        for row in self.rows(data):
            yield [
                safe_cell(cell_text(_flat(_values(row, column))))
                for column in self.columns
            ]


def csv_text(comments: list[str], table: Iterable[list[str]]) -> str:
    """The comment lines, then the table (RFC 4180: CRLF line ends)."""
    out = io.StringIO()
    for comment in comments:
        # One line each: a newline inside would start a row.
        out.write("# " + " ".join(comment.split()) + "\r\n")
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return out.getvalue()


def filename(path: str, as_of: str) -> str:
    """`treaty-parties-2025-12-27.csv`: what and when, safe in any file system."""
    stem = _UNSAFE_FILENAME.sub("-", path.replace(".", "-")).strip("-") or "export"
    return f"{stem}-{_UNSAFE_FILENAME.sub('-', as_of)}.csv"


async def _params(request: Request) -> dict[str, Any]:
    """The request's fields, from the query string (GET) or a JSON object (POST)."""
    if request.method == "GET":
        settings: Settings = request.state.settings
        if settings.get_requires_preflight and not preflighted(request):
            # The same CSRF rule as a GET of /graphql (see httpapi.graphql).
            raise ExportRefused(
                "A GET needs an X-Apollo-Operation-Name or Apollo-Require-Preflight "
                "header (TREATYGRAPH_GET_REQUIRES_PREFLIGHT); or POST JSON.",
                BAD_REQUEST,
            )
        params: dict[str, Any] = dict(request.query_params)
        for name in ("variables", "extensions"):
            if isinstance(params.get(name), str):
                try:
                    params[name] = json.loads(params[name])
                except ValueError as error:
                    raise ExportRefused(
                        f"`{name}` is not JSON.", BAD_REQUEST
                    ) from error
        return params
    if "application/json" not in request.headers.get("content-type", ""):
        # As on /graphql: a form or text/plain POST, which a browser sends
        # cross-site without a preflight, runs nothing.
        raise ExportRefused(
            "A POST to /export.csv must have Content-Type: application/json.",
            "UNSUPPORTED_MEDIA_TYPE",
        )
    try:
        body = encoding.loads(await request.body())
    except ValueError as error:
        raise ExportRefused("The request body is not JSON.", BAD_REQUEST) from error
    if not isinstance(body, dict):
        raise ExportRefused("The request body must be a JSON object.", BAD_REQUEST)
    return body


async def _run_graphql(
    graphql: TreatyGraphQL, request: Request, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """POST `body` to /graphql inside this process: the same app, limits and keys."""
    headers = [
        (name, value) for name, value in request.scope["headers"] if name in _FORWARDED
    ]
    raw = encoding.dumps(body)
    scope: Scope = {
        **request.scope,
        "state": dict(request.scope.get("state", {})),
        "method": "POST",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "headers": [
            *headers,
            (b"content-type", b"application/json"),
            (b"accept", JSON.encode()),
            (b"content-length", str(len(raw)).encode()),
        ],
    }
    sent = False
    status = 500
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await graphql(scope, receive, send)
    try:
        answer = encoding.loads(b"".join(chunks))
    except ValueError:
        answer = None  # no body: the client left while it ran (408)
    if not isinstance(answer, dict):
        error = {
            "message": "Internal server error.",
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
        return max(status, 500), {"errors": [error]}
    return status, answer


def _error_status(status: int, errors: list[Any]) -> int:
    if status >= 400:
        return status
    codes = [e.get("extensions", {}).get("code") for e in errors if isinstance(e, dict)]
    return max((_SERVER_CODES.get(code, 400) for code in codes), default=400)


def export_route(graphql: TreatyGraphQL) -> Route:
    """/export.csv over the app's own GraphQL endpoint."""

    async def export_csv(request: Request) -> Response:
        media = negotiate(request.headers.get("accept", ""))
        errors_media = GRAPHQL_RESPONSE if media == GRAPHQL_RESPONSE else JSON
        try:
            params = await _params(request)
            path = params.get("path")
            if path is not None and not isinstance(path, str):
                raise ExportRefused("`path` must be a string.", BAD_EXPORT_PATH)
            body = {
                name: params[name]
                for name in (
                    "query",
                    "variables",
                    "operationName",
                    "documentId",
                    "extensions",
                )
                if params.get(name) is not None
            }
            settings: Settings = request.state.settings
            check_length(body.get("query"), settings)
            text = graphql.documents.resolve(
                body.get("query"), body.get("extensions"), body.get("documentId")
            )
            plan = (
                Plan(text, body.get("operationName"), path or "", settings.max_tokens)
                if isinstance(text, str)
                else None
            )
            status, answer = await _run_graphql(graphql, request, body)
            errors = answer.get("errors")
            if errors:
                return Response(
                    encoding.dumps({"errors": errors}),
                    status_code=_error_status(status, errors),
                    media_type=errors_media,
                )
            if plan is None or plan.operation is None:
                raise ExportRefused("The request has no query to export.", BAD_REQUEST)
            table = list(plan.table(answer.get("data")))
        except ExportRefused as error:
            return bad_request(str(error), 400, errors_media, error.code)
        except Refused as error:
            return bad_request(str(error), 400, errors_media, error.code, error.details)
        facts = answer.get("extensions", {}).get("treatygraph", {})
        version = str(facts.get("datasetVersion", "unknown"))
        given = plan.as_of(body.get("variables"))
        as_of = given or str(facts.get("asOfDefault"))
        comments = [
            f"dataset version: {version}",
            f"asOf: {as_of}" + ("" if given else " (the default: no asOf on the path)"),
            f"path: {path}",
            f"query: {strip_ignored_characters(text)}",
        ]
        if body.get("variables"):
            comments.append(f"variables: {json.dumps(body['variables'])}")
        if str(params.get("comments", "true")).lower() in {"false", "0"}:
            comments = []  # for tools that cannot skip them; the headers keep them
        return Response(
            csv_text(comments, table),
            media_type=CSV,
            headers={
                "Content-Disposition": (
                    f'attachment; filename="{filename(str(path), as_of)}"'
                ),
                "X-Dataset-Version": version,
                "X-As-Of": as_of,
                "Cache-Control": "no-store",
            },
        )

    return Route("/export.csv", export_csv, methods=["GET", "POST"])
