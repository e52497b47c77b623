"""Answer a read request from its compiled Cypher, without graphql-core's executor.

Most requests are queries whose root fields are all compiled: each root field is
one Cypher statement that returns its answer already shaped, so what graphql-core
would add is a walk over every field of that answer. Such a request is answered
here: the document is parsed and validated once per text (with the rules
Strawberry's path uses), its root fields are bound and read in the one pass of
execution.operations, and execution.shapes completes the rows into the response.

A request that needs graphql-core before anything is bound (mutations,
introspection, `dataset`, fragments on unions, a document that does not parse or
validate, variables that do not coerce) is declined: `answer` returns None and
Strawberry runs it, in the same one pass. Once bound, a request is never declined:
when the operation is refused (its cost), a root field met an error, or a
completer cannot give exactly graphql-core's answer, `answer` returns the
RootAnswers for graphql-core to complete, so nothing is bound or sent twice.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    is_abstract_type,
    parse,
    validate,
)

import telemetry
from execution.compiled import catalog_in
from execution.context import Context
from execution.limits import validation_rules
from execution.operations import (
    BoundRoot,
    RootAnswers,
    bind_operation,
    fragments_of,
    read_roots,
)
from execution.shapes import Complete, Unshaped, shape
from execution.trace import treatygraph_extensions
from graph.cypher.plan import Plan
from graph.selection import Selection
from settings import Settings

_CACHE_SIZE = 512
# Longer texts are prepared per request rather than kept: 512 of them at the 1 MiB
# body limit would hold half a gigabyte.
_CACHED_QUERY_CHARS = 16_384
_SHAPE = "shape"


@dataclass(frozen=True)
class Bound:
    """An operation's root fields, bound, and each one's completer (None:
    `__typename`)."""

    roots: list[BoundRoot]
    completers: list[tuple[str, Complete | None]]


@dataclass
class Prepared:
    """A document that parsed and validated, and the one query operation it runs."""

    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    # The name telemetry reports: the one asked for, else the document's first.
    name: str | None
    # An operation without variables binds the same way every time: bound once.
    bound: Bound | None = None


class CompiledResponses:
    """The compiled path of one app: its schema, its settings, its prepared texts."""

    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.rules = validation_rules(settings)
        query_type = schema.query_type
        assert query_type is not None
        self.typename = query_type.name
        # (query text, operation name) -> Prepared, or None when Strawberry answers.
        self.prepared: OrderedDict[tuple[str, str | None], Prepared | None] = (
            OrderedDict()
        )

    def prepare(self, query: str, operation_name: str | None) -> Prepared | None:
        """The parsed, validated operation, from the cache when this text was seen."""
        key = (query, operation_name)
        if key in self.prepared:
            self.prepared.move_to_end(key)
            return self.prepared[key]
        prepared = self._prepare(query, operation_name)
        if len(query) > _CACHED_QUERY_CHARS:
            return prepared
        self.prepared[key] = prepared
        if len(self.prepared) > _CACHE_SIZE:
            self.prepared.popitem(last=False)
        return prepared

    def _prepare(self, query: str, operation_name: str | None) -> Prepared | None:
        try:
            document = parse(query, max_tokens=self.settings.max_tokens)
        except GraphQLError:
            return None
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        fragments = fragments_of(document)
        roots = catalog_in(self.schema).compiled_roots
        if not _compiled_roots(operation.selection_set, fragments, roots, set()):
            return None
        if _abstract_conditions(document, self.schema):
            return None
        # Strawberry adds two rules of its own (Maybe, @oneOf inputs): this schema
        # has neither, so they have nothing to refuse.
        if validate(self.schema, document, self.rules):
            return None
        if operation_name is None:
            first = next(
                d
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode)
            )
            operation_name = first.name.value if first.name else None
        return Prepared(operation, fragments, operation_name)

    def bind(
        self, prepared: Prepared, variables: dict[str, Any] | None
    ) -> Bound | None:
        """Every root field bound once (and, without variables, once per text)."""
        if prepared.bound is not None:
            return prepared.bound
        roots = bind_operation(
            self.schema,
            prepared.operation,
            prepared.fragments,
            variables,
            self.settings,
        )
        if roots is None:
            return None  # graphql-core names the bad variables
        completers: list[tuple[str, Complete | None]] = []
        for root in roots:
            if root.selection.name == "__typename":
                completers.append((root.key, None))
            elif root.plan is not None:
                completers.append(
                    (root.key, self._completer(root.plan, root.selection))
                )
            else:
                # Refused by the compiler: its answer is that error, raised first.
                completers.append((root.key, _unshaped(Unshaped("refused"))))
        bound = Bound(roots, completers)
        if not prepared.operation.variable_definitions:
            prepared.bound = bound
        return bound

    def _completer(self, plan: Plan, selection: Selection) -> Complete:
        """The plan's completer, built once; one that raises Unshaped (also
        remembered) when the selection has none."""
        memo = plan.memo.get(_SHAPE)
        if memo is None:
            try:
                memo = shape(selection, self.schema)
            except Unshaped as error:
                memo = _unshaped(error)
            plan.memo[_SHAPE] = memo
        complete: Complete = memo
        return complete

    async def answer(
        self, body: Any, context: Context
    ) -> dict[str, Any] | RootAnswers | None:
        """The whole response to a POSTed request; or the answers read, for
        graphql-core to complete; or None for Strawberry to run it all."""
        if type(body) is not dict:
            return None
        query = body.get("query")
        variables = body.get("variables")
        operation_name = body.get("operationName")
        extensions = body.get("extensions")
        if (
            type(query) is not str
            or not (variables is None or type(variables) is dict)
            or not (operation_name is None or type(operation_name) is str)
            or not (extensions is None or type(extensions) is dict)
        ):
            return None
        prepared = self.prepare(query, operation_name)
        if prepared is None:
            return None
        bound = self.bind(prepared, variables)
        if bound is None:
            return None
        telemetry.record_operation(prepared.name, OperationType.QUERY.value)
        answers = await read_roots(bound.roots, context, self.settings)
        if answers.refusal is not None:
            return answers
        data: dict[str, Any] = {}
        try:
            for key, complete in bound.completers:
                data[key] = (
                    self.typename if complete is None else complete(answers.answer(key))
                )
        except Exception:
            # An error read, Unshaped, or a completer that met rows it did not
            # expect: graphql-core completes (or reports) the same answers.
            return answers
        return {
            "data": data,
            "extensions": {"treatygraph": treatygraph_extensions(context)},
        }


def _unshaped(error: Unshaped) -> Complete:
    def complete(value: Any) -> Any:
        # One error for every request of this shape: a fresh traceback each time
        # (RootAnswers.answer says why).
        raise error.with_traceback(None)

    return complete


def _compiled_roots(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    compiled: frozenset[str],
    seen: set[str],
) -> bool:
    """Every root field (whatever @skip/@include say) is compiled, or `__typename`."""
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            if node.name.value not in compiled and node.name.value != "__typename":
                return False
        elif isinstance(node, InlineFragmentNode):
            if not _compiled_roots(node.selection_set, fragments, compiled, seen):
                return False
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            seen.add(node.name.value)
            fragment = fragments.get(node.name.value)
            if fragment is None or not _compiled_roots(
                fragment.selection_set, fragments, compiled, seen
            ):
                return False
    return True


def _abstract_conditions(document: DocumentNode, schema: GraphQLSchema) -> bool:
    """Whether a fragment is conditioned on a union: binding reads those only as
    members' fragments inside the union, so graphql-core answers such documents."""
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        condition = getattr(node, "type_condition", None)
        if condition is not None and is_abstract_type(
            schema.get_type(condition.name.value)
        ):
            return True
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return False
