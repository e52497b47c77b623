"""Answer a read request from its compiled Cypher, without graphql-core's executor.

Most requests are queries whose root fields are all compiled (resolvers.execute):
each root field is one Cypher statement that returns its answer already shaped,
so what graphql-core would add is a walk over every field of that answer. Such a
request is answered here: the document is parsed and validated once per text
(with the rules the Strawberry path uses), each root field is bound and compiled
as resolve_root would, its statement runs, and resolvers.shapes completes the
rows into the response.

Anything else returns None before any Cypher is sent, and Strawberry answers as
before: mutations, introspection, `dataset`, documents that do not parse or
validate, bad variables, values that binding or compiling refuses, a cost over the
limit. A failure after a statement was sent (the database, or a value a shape
cannot complete exactly) also returns None, with the answers already read left in
`Context.prefetched`: graphql-core then completes those, so no statement is sent
twice and every error is the one graphql-core gives.
"""

from __future__ import annotations

import asyncio
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
    specified_rules,
)
from strawberry.schema.schema import validate_document

import telemetry
from graph.cypher.plan import Plan
from graph.errors import TreatygraphError
from graph.selection import Selection
from resolvers import execute
from resolvers.context import Context
from resolvers.install import COMPILED_ROOTS
from resolvers.limits import BoundRoot, bind_operation, limit_rules
from resolvers.shapes import Complete, Unshaped, shape
from resolvers.trace import treatygraph_extensions
from settings import Settings

_CACHE_SIZE = 512
# Longer texts are prepared per request rather than kept: 512 of them at the 1 MiB
# body limit would hold half a gigabyte.
_CACHED_QUERY_CHARS = 16_384
_SHAPE = "shape"


@dataclass
class Prepared:
    """A document that parsed and validated, and the one query operation it runs."""

    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    # The name telemetry reports: the one asked for, else the document's first.
    name: str | None
    # An operation without variables binds the same way every time: bound once.
    bound: list[_Field] | None = None


@dataclass(frozen=True)
class _Field:
    """A root field bound and compiled, and its completer (None: `__typename`)."""

    root: BoundRoot
    complete: Complete | None


# (query text, operation name, the settings validation and compiling depend on) ->
# Prepared, or None for a document this module leaves to Strawberry.
_prepared: OrderedDict[tuple[Any, ...], Prepared | None] = OrderedDict()


def prepare(
    schema: GraphQLSchema, query: str, operation_name: str | None, settings: Settings
) -> Prepared | None:
    """The parsed, validated operation, from the cache when this text was seen."""
    key = (
        query,
        operation_name,
        settings.max_tokens,
        settings.max_depth,
        settings.max_aliases,
        settings.introspection,
        settings.max_page_size,
    )
    if key in _prepared:
        _prepared.move_to_end(key)
        return _prepared[key]
    prepared = _prepare(schema, query, operation_name, settings)
    if len(query) > _CACHED_QUERY_CHARS:
        return prepared
    _prepared[key] = prepared
    if len(_prepared) > _CACHE_SIZE:
        _prepared.popitem(last=False)
    return prepared


def _prepare(
    schema: GraphQLSchema, query: str, operation_name: str | None, settings: Settings
) -> Prepared | None:
    try:
        document = parse(query, max_tokens=settings.max_tokens)
    except GraphQLError:
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    rules = (*specified_rules, *limit_rules(settings))
    if validate_document(schema, document, rules):
        return None
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    query_type = schema.query_type
    if query_type is None or not _compiled_roots(
        operation.selection_set, fragments, set()
    ):
        return None
    if _abstract_conditions(document, schema):
        return None
    if operation_name is None:
        first = next(
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        )
        operation_name = first.name.value if first.name else None
    return Prepared(operation, fragments, operation_name)


def _compiled_roots(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen: set[str],
) -> bool:
    """Every root field (whatever @skip/@include say) is compiled, or `__typename`."""
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            if (
                node.name.value not in COMPILED_ROOTS
                and node.name.value != "__typename"
            ):
                return False
        elif isinstance(node, InlineFragmentNode):
            if not _compiled_roots(node.selection_set, fragments, seen):
                return False
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            seen.add(node.name.value)
            fragment = fragments[node.name.value]
            if not _compiled_roots(fragment.selection_set, fragments, seen):
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


def _bind(
    schema: GraphQLSchema,
    prepared: Prepared,
    variables: dict[str, Any] | None,
    context: Context,
) -> list[tuple[_Field, dict[str, Any]]] | None:
    """Each root field bound, compiled and shaped, with this request's parameters;
    None when Strawberry should answer."""
    settings = context.settings
    fields = prepared.bound
    if fields is None:
        fields = _fields(schema, prepared, variables, settings)
        if fields is None:
            return None
        if not prepared.operation.variable_definitions:
            prepared.bound = fields
    roots: list[tuple[_Field, dict[str, Any]]] = []
    cost = 0
    for field in fields:
        plan, leaves = field.root.plan, field.root.leaves
        if plan is None:
            roots.append((field, {}))
            continue
        try:
            roots.append((field, execute.parameters(plan, leaves, context)))
        except TreatygraphError:
            return None  # graphql-core reports it, coded, for this field
        cost += plan.estimate(leaves, settings.max_page_size)
    context.cost = cost
    if cost > settings.max_cost:
        return None  # resolvers.limits refuses it, before any Cypher
    return roots


def _fields(
    schema: GraphQLSchema,
    prepared: Prepared,
    variables: dict[str, Any] | None,
    settings: Settings,
) -> list[_Field] | None:
    roots = bind_operation(
        schema, prepared.operation, prepared.fragments, variables, settings
    )
    if roots is None:
        return None  # graphql-core names the bad variables
    fields: list[_Field] = []
    for root in roots:
        if root.selection.name == "__typename":
            fields.append(_Field(root, None))
            continue
        if root.plan is None:
            return None  # refused by the compiler: graphql-core reports it, coded
        try:
            fields.append(_Field(root, _completer(root.plan, root.selection, schema)))
        except Unshaped:
            return None
    return fields


def _completer(plan: Plan, selection: Selection, schema: GraphQLSchema) -> Complete:
    """The plan's completer, built once; Unshaped (also remembered) if it has none."""
    memo = plan.memo.get(_SHAPE)
    if memo is None:
        try:
            memo = shape(selection, schema)
        except Unshaped as error:
            memo = error
        plan.memo[_SHAPE] = memo
    if isinstance(memo, Unshaped):
        raise memo
    return memo


async def answer(
    schema: GraphQLSchema, body: Any, context: Context
) -> dict[str, Any] | None:
    """The whole response to a POSTed request, or None for Strawberry to answer."""
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
    prepared = prepare(schema, query, operation_name, context.settings)
    if prepared is None:
        return None
    roots = _bind(schema, prepared, variables, context)
    if roots is None:
        return None
    telemetry.record_operation(prepared.name, OperationType.QUERY.value)
    answers = await _read(roots, context)
    data: dict[str, Any] = {}
    try:
        for (field, _), result in zip(roots, answers, strict=True):
            if field.complete is None:
                data[field.root.key] = schema.query_type.name  # type: ignore[union-attr]
                continue
            if isinstance(result, BaseException):
                raise Unshaped("the statement failed")
            data[field.root.key] = field.complete(result)
    except Exception:
        # Unshaped, or a reader that failed on rows it did not expect: graphql-core
        # completes (or reports) the answers already read.
        context.prefetched = {
            field.root.key: result
            for (field, _), result in zip(roots, answers, strict=True)
            if field.root.plan is not None
        }
        return None
    return {
        "data": data,
        "extensions": {"treatygraph": treatygraph_extensions(context)},
    }


async def _read(
    roots: list[tuple[_Field, dict[str, Any]]], context: Context
) -> list[Any]:
    """Each root field's shaped result (or the error reading it raised), in order;
    several root fields run at once, as graphql-core runs a query's fields."""
    compiled = [
        (field.root, field.root.plan, params)
        for field, params in roots
        if field.root.plan is not None
    ]
    reads = [
        execute.fetch(context, root.selection.name, plan, params)
        for root, plan, params in compiled
    ]
    if len(reads) == 1:
        try:
            rows: list[Any] = [await reads[0]]
        except Exception as error:
            rows = [error]
    else:
        rows = await asyncio.gather(*reads, return_exceptions=True)
    # Traced in the operation's order (graphql-core traces as reads finish).
    by_key: dict[str, Any] = {}
    for (root, plan, params), read in zip(compiled, rows, strict=True):
        by_key[root.key] = (
            read
            if isinstance(read, BaseException)
            else execute.answered(context, root.key, plan, params, read)
        )
    return [by_key.get(field.root.key) for field, _ in roots]
