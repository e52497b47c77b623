"""Give every error an `extensions.code`, and mask whatever is not ours."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
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


def coded(error: GraphQLError) -> GraphQLError:
    """The error as clients see it: internal ones masked, every one with a code."""
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
    if code == "BAD_USER_INPUT" and "argument" not in extensions and error.nodes:
        extensions["argument"] = _argument_name(error)
    error.extensions = extensions
    return error


def _argument_name(error: GraphQLError) -> str | None:
    for node in error.nodes or ():
        name = getattr(getattr(node, "name", None), "value", None)
        if name:
            return str(name)
    return None


class ErrorCodes(SchemaExtension):
    """Runs last around each operation and rewrites its errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        if context.pre_execution_errors:
            context.pre_execution_errors = [
                coded(e) for e in context.pre_execution_errors
            ]
        result = context.result
        if result is not None and result.errors:
            result.errors = [coded(e) for e in result.errors]
