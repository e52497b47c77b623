"""Give every error an `extensions.code`, and mask whatever is not ours."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    Node,
    ObjectFieldNode,
    VariableDefinitionNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from graph.errors import TreatygraphError

log = logging.getLogger("treatygraph.errors")

_TOKENS_MESSAGE = "Syntax Error: Document contains more than"
_BAD_INPUT_HINTS = (
    "Expected value of type",
    "got invalid value",
    "cannot represent",
    "Cannot represent",
    "is required, but it was not provided",
    "of required type",
    "must not be null",
)


def token_limit(error: GraphQLError) -> int | None:
    """The maximum, when graphql-core's parser stopped at TREATYGRAPH_MAX_TOKENS."""
    if not error.message.startswith(_TOKENS_MESSAGE):
        return None
    words = error.message[len(_TOKENS_MESSAGE) :].split()
    return int(words[0]) if words and words[0].isdigit() else None


def code_for(error: GraphQLError) -> str:
    """The code of an error graphql-core raised before or during execution."""
    if isinstance(error.original_error, TreatygraphError):
        return error.original_error.code
    if error.extensions and "code" in error.extensions:
        return str(error.extensions["code"])
    message = error.message
    if token_limit(error) is not None:
        return "LIMIT_EXCEEDED"
    if message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if any(hint in message for hint in _BAD_INPUT_HINTS):
        return "BAD_USER_INPUT"
    if error.original_error is not None:
        return "INTERNAL_SERVER_ERROR"
    return "GRAPHQL_VALIDATION_FAILED"


def coded(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """The error as clients see it: internal ones masked, every one with a code.

    `document` lets a BAD_USER_INPUT that graphql-core raised on a literal name the
    argument (and input field path) the literal sits in.
    """
    code = code_for(error)
    if code == "INTERNAL_SERVER_ERROR":
        log.error("internal error", exc_info=error.original_error)
        return GraphQLError(
            "Internal server error.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": code},
        )
    extensions = dict(error.extensions or {})
    extensions.setdefault("code", code)
    maximum = token_limit(error)
    if maximum is not None:
        extensions.update(limit="tokens", max=maximum)
    if code == "BAD_USER_INPUT" and not {"argument", "variable"} & extensions.keys():
        variables = [
            n.variable.name.value
            for n in error.nodes or ()
            if isinstance(n, VariableDefinitionNode)
        ]
        if variables:
            extensions["variable"] = variables[0]
        elif error.nodes:
            extensions["argument"] = _argument_name(error, document)
    error.extensions = extensions
    return error


def _argument_name(error: GraphQLError, document: DocumentNode | None) -> str | None:
    for node in error.nodes or ():
        if isinstance(node, ArgumentNode):
            return node.name.value
        if document is not None and node.loc is not None:
            finder = _ArgumentOf(node)
            visit(document, finder)
            if finder.path:
                return finder.path
    return None


class _ArgumentOf(Visitor):
    """Finds the argument (and input fields, dotted) enclosing a value node."""

    def __init__(self, target: Node) -> None:
        super().__init__()
        assert target.loc is not None
        self.start, self.end = target.loc.start, target.loc.end
        self.path: str | None = None

    def enter(self, node: Node, *args: object) -> object:
        if self.path is not None or node.loc is None:
            return self.SKIP
        if not (node.loc.start <= self.start and self.end <= node.loc.end):
            return self.SKIP  # the target is not inside this node
        if node.loc.start == self.start and node.loc.end == self.end:
            _, parent, _, ancestors = args
            assert isinstance(ancestors, list)
            names = [
                a.name.value
                for a in [*ancestors, parent, node]
                if isinstance(a, ArgumentNode | ObjectFieldNode)
            ]
            self.path = ".".join(names) or None
            return self.BREAK
        return None


class ErrorCodes(SchemaExtension):
    """Runs last around each operation and rewrites its errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        if context.pre_execution_errors:
            context.pre_execution_errors = [
                coded(e, context.graphql_document) for e in context.pre_execution_errors
            ]
        result = context.result
        if result is not None and result.errors:
            result.errors = [coded(e) for e in result.errors]
