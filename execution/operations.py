"""One pass over a query: bind every root field once, read the compiled ones once.

Whatever completes the response starts from this pass. The compiled path
(execution.responses) completes its answers itself; graphql-core is handed them as
its root value (`RootAnswers`), and the compiled root fields' resolver returns them
by response key. So each root field is bound once, its cost is estimated from that
binding, and its statement is sent once, whichever path completes the response.
Mutations are not read here: their payloads bind their own selections as they run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
    get_variable_values,
)
from strawberry.extensions import SchemaExtension

from execution.binding import Binder
from execution.compiled import catalog_in
from execution.context import Context
from execution.limits import cost_error
from execution.plans import parameters, plan_for
from execution.reads import answered, fetch, fetch_in_turn
from graph.cypher.plan import Estimate, Plan
from graph.errors import TreatygraphError
from graph.selection import Selection
from settings import Settings


@dataclass(frozen=True)
class OperationScope:
    """What Binder reads from a resolve info, for a whole operation before execution."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variable_values: Any


@dataclass(frozen=True)
class BoundRoot:
    """One root field of an operation, bound (its leaves numbered from 0) and, when
    it is a compiled field, compiled."""

    key: str
    selection: Selection
    leaves: list[Any]
    # None: not a compiled field (`__typename`, `dataset` …), or one the compiler
    # refused (`refusal`, which its resolver raises).
    plan: Plan | None
    refusal: TreatygraphError | None = None


def fragments_of(document: Any) -> dict[str, FragmentDefinitionNode]:
    """A document's fragment definitions by name."""
    return {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }


def bind_operation(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
    settings: Settings,
) -> list[BoundRoot] | None:
    """Every root field, in order; None when the variables do not coerce
    (graphql-core reports that itself)."""
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), variables or {}
    )
    if isinstance(coerced, list):
        return None
    scope = OperationScope(schema, fragments, coerced)
    query_type = schema.query_type
    assert query_type is not None
    catalog = catalog_in(schema)
    roots: list[BoundRoot] = []
    grouped = Binder(scope).root_fields(operation.selection_set, query_type)
    for key, nodes in grouped.items():
        binder = Binder(scope)
        selection = binder.bind_field(nodes, query_type)
        if selection.name not in catalog.compiled_roots:
            roots.append(BoundRoot(key, selection, binder.leaves, None))
            continue
        try:
            plan = plan_for(selection, catalog, settings)
        except TreatygraphError as error:
            roots.append(BoundRoot(key, selection, binder.leaves, None, error))
            continue
        roots.append(BoundRoot(key, selection, binder.leaves, plan))
    return roots


class RootAnswers:
    """graphql-core's root value: each compiled root field's answer by response key
    (its shaped result, or the error binding or reading it raised), or the refusal
    of the whole operation (its cost) before anything was read."""

    __slots__ = ("answers", "refusal")

    def __init__(
        self, answers: dict[str, Any], refusal: GraphQLError | None = None
    ) -> None:
        self.answers = answers
        self.refusal = refusal

    def answer(self, key: str) -> Any:
        """The root field's answer; raises the error it met."""
        try:
            value = self.answers[key]
        except KeyError:
            raise RuntimeError(f"root field {key!r} was not read beforehand") from None
        if isinstance(value, BaseException):
            # A refusal cached with its bound operation is the same object every
            # time: raised as it stands, each raise would chain this request's
            # frames onto the last one's traceback, keeping every request alive
            # (24 KB each, bench.abuse finding 2).
            raise value.with_traceback(None)
        return value


async def read_roots(
    roots: Sequence[BoundRoot], context: Context, settings: Settings
) -> RootAnswers:
    """Each compiled root field's parameters and the operation's cost from the
    bound roots; unless over the cost limit, every statement sent, concurrently
    up to the request's TREATYGRAPH_READS_PER_REQUEST."""
    answers: dict[str, Any] = {}
    reads: list[tuple[BoundRoot, Plan, dict[str, Any]]] = []
    cost = Estimate()
    stats = await context.statistics.known() if context.statistics is not None else None
    for root in roots:
        plan = root.plan
        if plan is None:
            if root.refusal is not None:
                answers[root.key] = root.refusal
            elif root.selection.children:
                # `dataset`: one object, no lists, read apart.
                cost += Estimate(returned=1)
            continue
        cost += plan.estimate(root.leaves, settings.max_page_size, stats)
        try:
            reads.append((root, plan, parameters(plan, root.leaves, context)))
        except TreatygraphError as error:
            answers[root.key] = error
    context.cost = cost
    if cost.total > settings.max_cost:
        return RootAnswers({}, cost_error(cost, settings.max_cost))
    if len(reads) == 1:
        # One statement: nothing to share the request's slots with, so none taken.
        root, plan, params = reads[0]
        try:
            rows: list[Any] = [await fetch(context, root.selection.name, plan, params)]
        except Exception as error:  # its field's error, raised by whoever completes
            rows = [error]
    else:
        # Several root fields at once, as graphql-core runs a query's fields, but
        # only as many in flight as the request's slots; each error stays its own.
        rows = await asyncio.gather(
            *(
                fetch_in_turn(context, root.selection.name, plan, params)
                for root, plan, params in reads
            ),
            return_exceptions=True,
        )
    # Traced in the operation's order (graphql-core traces as reads finish).
    for (root, plan, params), read in zip(reads, rows, strict=True):
        answers[root.key] = (
            read
            if isinstance(read, BaseException)
            else answered(context, root.key, plan, params, read)
        )
    if context.statistics is not None:
        context.statistics.seen(context.dataset_version)
    return RootAnswers(answers)


class OnePass(SchemaExtension):
    """Strawberry's path: a query is bound and read before graphql-core executes it.

    A request the compiled path already read arrives with its RootAnswers as the
    root value; any other query is bound and read here. A refused operation gets
    its error as the result, so nothing executes.
    """

    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        document = ctx.graphql_document
        if isinstance(context, Context) and document is not None:
            if not isinstance(ctx.root_value, RootAnswers):
                operation = get_operation_ast(document, ctx.operation_name)
                if operation is not None and operation.operation == OperationType.QUERY:
                    roots = bind_operation(
                        self.schema,
                        operation,
                        fragments_of(document),
                        ctx.variables,
                        self.settings,
                    )
                    if roots is not None:
                        ctx.root_value = await read_roots(roots, context, self.settings)
            answers = ctx.root_value
            if isinstance(answers, RootAnswers) and answers.refusal is not None:
                ctx.result = ExecutionResult(data=None, errors=[answers.refusal])
        yield
