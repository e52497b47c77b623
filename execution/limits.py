"""Request limits read from Settings per request: tokens, depth, aliases, introspection, cost.

The schema is built once at import, but tests and deployments configure limits per
app, so one extension reads them from the request's Context instead of being built
with fixed numbers. Every refusal is a coded error: LIMIT_EXCEEDED with `limit` and
`max` (and the actual value where known), or INTROSPECTION_DISABLED.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    ValidationContext,
    ValidationRule,
    get_operation_ast,
)
from graphql.execution.values import get_variable_values
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import count_fields_with_alias
from strawberry.extensions.query_depth_limiter import determine_depth

from graph.cypher.plan import Plan
from graph.errors import LimitExceeded, TreatygraphError
from graph.selection import Selection
from resolvers.binding import Binder
from resolvers.context import Context
from resolvers.execute import plan_for
from resolvers.install import COMPILED_ROOTS
from settings import Settings

LIMIT_EXCEEDED = LimitExceeded.code


def limit_error(message: str, limit: str, maximum: int, **details: Any) -> GraphQLError:
    """A LIMIT_EXCEEDED error naming the limit and its configured maximum."""
    return GraphQLError(
        message,
        extensions={"code": LIMIT_EXCEEDED, "limit": limit, "max": maximum, **details},
    )


class _Collector:
    """Stands in for a ValidationContext so Strawberry's depth walk reports to us."""

    def __init__(self) -> None:
        self.errors: list[GraphQLError] = []

    def report_error(self, error: GraphQLError) -> None:
        self.errors.append(error)


@functools.cache
def depth_rule(max_depth: int) -> type[ValidationRule]:
    """One rule class per maximum, so the validation cache keys stay stable."""

    class MaxDepth(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            fragments = {
                d.name.value: d
                for d in definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            for operation in definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                collector = _Collector()
                name = operation.name.value if operation.name else "anonymous"
                determine_depth(
                    node=operation,
                    fragments=fragments,
                    depth_so_far=0,
                    max_depth=max_depth,
                    context=collector,  # type: ignore[arg-type]  # only report_error is used
                    operation_name=name,
                    should_ignore=None,
                )
                if collector.errors:
                    self.report_error(
                        limit_error(
                            f"Operation '{name}' is nested deeper than {max_depth} "
                            "levels (TREATYGRAPH_MAX_DEPTH).",
                            "depth",
                            max_depth,
                        )
                    )

    return MaxDepth


@functools.cache
def alias_rule(max_aliases: int) -> type[ValidationRule]:
    """One rule class per maximum, so the validation cache keys stay stable."""

    class MaxAliases(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            fragments = {
                d.name.value: d
                for d in definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            total = sum(
                count_fields_with_alias(d, fragments)
                for d in definitions
                if isinstance(d, OperationDefinitionNode)
            )
            if total > max_aliases:
                self.report_error(
                    limit_error(
                        f"The document uses {total} aliases; at most {max_aliases} "
                        "are allowed (TREATYGRAPH_MAX_ALIASES).",
                        "aliases",
                        max_aliases,
                        actual=total,
                    )
                )

    return MaxAliases


class NoIntrospection(NoSchemaIntrospectionCustomRule):
    """graphql-core's rule, with a code clients can switch on."""

    def report_error(self, error: GraphQLError) -> None:
        error.extensions = {"code": "INTROSPECTION_DISABLED"}
        super().report_error(error)


def limit_rules(settings: Settings) -> tuple[type[ValidationRule], ...]:
    """The validation rules these settings add to GraphQL's own (and Strawberry's)."""
    rules: list[type[ValidationRule]] = [
        depth_rule(settings.max_depth),
        alias_rule(settings.max_aliases),
    ]
    if not settings.introspection:
        rules.append(NoIntrospection)
    return tuple(rules)


@dataclass(frozen=True)
class OperationScope:
    """What Binder reads from a resolve info, for a whole operation before execution."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variable_values: Any


@dataclass(frozen=True)
class BoundRoot:
    """One root field of an operation, bound (its leaves numbered from 0, as
    resolve_root numbers them) and, when it is a compiled field, compiled."""

    key: str
    selection: Selection
    leaves: list[Any]
    # None: not a compiled field (`__typename`, `dataset` …), or one the compiler
    # refused (`refusal`; the resolver reports it, coded).
    plan: Plan | None
    refusal: TreatygraphError | None = None


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
    roots: list[BoundRoot] = []
    grouped = Binder(scope).root_fields(operation.selection_set, query_type)
    for key, nodes in grouped.items():
        binder = Binder(scope)
        selection = binder.bind_field(nodes, query_type)
        if selection.name not in COMPILED_ROOTS:
            roots.append(BoundRoot(key, selection, binder.leaves, None))
            continue
        try:
            plan = plan_for(selection, settings.max_page_size, settings.max_page_size)
        except TreatygraphError as error:
            roots.append(BoundRoot(key, selection, binder.leaves, None, error))
            continue
        roots.append(BoundRoot(key, selection, binder.leaves, plan))
    return roots


def estimate_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    settings: Settings,
) -> int | None:
    """Nodes the operation can return at most, from each root field's compiled plan.

    None when the request is malformed in a way execution reports itself (bad
    variables, arguments); a root field that fails to bind or compile counts 0.
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    roots = bind_operation(schema, operation, fragments, variables, settings)
    if roots is None:
        return None
    return sum(
        root.plan.estimate(root.leaves, settings.max_page_size)
        for root in roots
        if root.plan is not None
    )


class RequestLimits(SchemaExtension):
    """Applies the request's Settings limits around parsing, validation and execution."""

    def _settings(self) -> Settings | None:
        context = self.execution_context.context
        return context.settings if isinstance(context, Context) else None

    def on_operation(self) -> Iterator[None]:
        settings = self._settings()
        if settings is not None:
            ctx = self.execution_context
            ctx.parse_options["max_tokens"] = settings.max_tokens
            ctx.validation_rules = (*ctx.validation_rules, *limit_rules(settings))
        yield

    def on_execute(self) -> Iterator[None]:
        settings = self._settings()
        ctx = self.execution_context
        context = ctx.context
        if settings is not None and isinstance(context, Context):
            cost = estimate_cost(
                ctx.schema._schema,
                ctx.graphql_document,
                ctx.operation_name,
                ctx.variables,
                settings,
            )
            context.cost = cost
            if cost is not None and cost > settings.max_cost:
                # Setting the result skips execution: no Cypher is sent.
                ctx.result = ExecutionResult(
                    data=None,
                    errors=[
                        limit_error(
                            f"The query could return up to {cost} nodes; at most "
                            f"{settings.max_cost} are allowed (TREATYGRAPH_MAX_COST). "
                            "Ask for smaller pages with first/last.",
                            "cost",
                            settings.max_cost,
                            cost=cost,
                        )
                    ],
                )
        yield
