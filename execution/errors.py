"""Every error of a response is coded here, once; internal ones are masked and logged.

A code comes from where the error arose, never from its wording where that can be
helped: our TreatygraphError subclasses carry theirs, validation rules stamp theirs
(execution.limits), graphql-core's parser raises GraphQLSyntaxError, and its
coercion of a variable or an argument raises about that input's node. Anything else
is internal: answered "Internal server error." and logged once, with its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    Node,
    ObjectFieldNode,
    ValueNode,
    VariableDefinitionNode,
    Visitor,
    visit,
)
from strawberry.schema.exceptions import InvalidOperationTypeError

import telemetry
from graph.errors import BadUserInput, LimitExceeded, TreatygraphError

log = logging.getLogger("treatygraph.errors")

INTERNAL = "INTERNAL_SERVER_ERROR"
OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED"
# graphql-core's syntax error says why only in its message: the token limit is told
# from that text (with the maximum it names).
_TOKENS_MESSAGE = "Syntax Error: Document contains more than"


def token_limit(error: GraphQLError) -> int | None:
    """The maximum, when graphql-core's parser stopped at TREATYGRAPH_MAX_TOKENS."""
    if not isinstance(error, GraphQLSyntaxError):
        return None
    if not error.message.startswith(_TOKENS_MESSAGE):
        return None
    words = error.message[len(_TOKENS_MESSAGE) :].split()
    return int(words[0]) if words and words[0].isdigit() else None


def code_of(error: GraphQLError) -> str:
    """The code of an error, from where it arose."""
    original = error.original_error
    if isinstance(original, TreatygraphError):
        return original.code
    if error.extensions and "code" in error.extensions:
        return str(error.extensions["code"])
    if isinstance(error, GraphQLSyntaxError):
        if token_limit(error) is not None:
            return LimitExceeded.code
        return "GRAPHQL_PARSE_FAILED"
    if isinstance(original, InvalidOperationTypeError):
        # A query or mutation over the websocket, which runs only subscriptions.
        return OPERATION_NOT_ALLOWED
    if original is None:
        # Reported by a validation rule that stamps no code of its own: a rule on the
        # document's shape (graphql-core's, or Strawberry's two).
        return "GRAPHQL_VALIDATION_FAILED"
    if isinstance(original, GraphQLError) and any(
        isinstance(node, VariableDefinitionNode | ValueNode)
        for node in error.nodes or ()
    ):
        return (
            BadUserInput.code
        )  # graphql-core refused a variable's or argument's value
    return INTERNAL


def coded_errors(
    errors: Sequence[GraphQLError], document: DocumentNode | None
) -> list[GraphQLError]:
    """The errors as clients see them, each coded once (and counted by its code)."""
    out = [coded(error, document) for error in errors]
    telemetry.record_errors([str((e.extensions or {})["code"]) for e in out])
    return out


def coded(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """The error as clients see it: internal ones masked, every one with a code.

    `document` lets a BAD_USER_INPUT that graphql-core raised on a literal name the
    argument (and input field path) the literal sits in.
    """
    code = code_of(error)
    if code == INTERNAL:
        # The message may echo a client's text: the log keeps a bounded part of it.
        message = telemetry.clipped(error.message, 500)
        log.error("internal error: %s", message, exc_info=error.original_error)
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
    if code == BadUserInput.code and not {"argument", "variable"} & extensions.keys():
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
