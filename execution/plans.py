"""Answer a root field with one compiled Cypher query, and read the shaped result.

Root fields bind their selection (resolvers.binding), compile it once per query
shape (graph.cypher; cached), run it in a READ transaction and hand graphql-core
the already-shaped map. Fields below read that map by response key, so aliases of
one field with different arguments keep their own answers.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from typing import Any, assert_never

from graphql import GraphQLResolveInfo

import telemetry
from graph import driver as db
from graph.catalog import CATALOG
from graph.cypher.plan import CursorCheck, LuceneText, PageSize, Plan, SearchLabels
from graph.cypher.root import compile_root
from graph.errors import BadUserInput, LimitExceeded
from graph.mapping import ROOT_LOOKUPS
from graph.selection import Leaf, Selection
from resolvers import cursors
from resolvers.binding import Binder
from resolvers.context import Context

_CACHE_SIZE = 512
_plans: OrderedDict[tuple[str, int, int, str], Plan] = OrderedDict()
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
MAX_SEARCH_TEXT = 200


def plan_for(selection: Selection, default_page: int, max_page: int) -> Plan:
    """The compiled plan for this query shape, from the cache when seen before."""
    key = (selection.name, default_page, max_page, repr(selection))
    plan = _plans.get(key)
    if plan is not None:
        _plans.move_to_end(key)
        return plan
    plan = compile_root(selection, CATALOG, default_page, max_page)
    _plans[key] = plan
    if len(_plans) > _CACHE_SIZE:
        _plans.popitem(last=False)
    return plan


def cache_size() -> int:
    """How many query shapes are compiled and cached (for tests and metrics)."""
    return len(_plans)


def _lucene(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise BadUserInput("'text' must not be empty", argument="text")
    if len(text) > MAX_SEARCH_TEXT:
        raise BadUserInput(
            f"'text' is longer than {MAX_SEARCH_TEXT} characters", argument="text"
        )
    # Lower case: the index folds case anyway, and AND/OR/NOT would be operators.
    terms = [_LUCENE_SPECIAL.sub(r"\\\1", t.lower()) for t in text.split() if t.strip()]
    terms = [t for t in terms if t.replace("\\", "")]
    if not terms:
        raise BadUserInput("'text' has no searchable words", argument="text")
    # Every word must match, exactly (boosted) or as a prefix while typing.
    return " AND ".join(f"({t}^2 OR {t}*)" for t in terms)


def _encodable(value: Any, argument: str) -> None:
    """Neo4j takes UTF-8 only: a lone surrogate (JSON "\\ud800") is the client's error."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BadUserInput(
                    f"'{argument}' is not valid Unicode text (it has a lone surrogate)",
                    argument=argument,
                ) from None


def parameters(plan: Plan, leaves: list[Any], context: Context) -> dict[str, Any]:
    """The statement's `$p<n>` and `$today` from the bound values (may raise coded
    errors: a bad cursor, a page over the maximum, text that is not searchable)."""
    for index, value in enumerate(leaves):
        _encodable(value, plan.arguments.get(index, "argument"))
    params: dict[str, Any] = {f"p{i}": value for i, value in enumerate(leaves)}
    for index, step in plan.steps.items():
        value = leaves[index]
        argument = plan.arguments.get(index, "argument")
        match step:
            case LuceneText():
                params[f"p{index}"] = _lucene(value)
            case PageSize(maximum=limit):
                if not isinstance(value, int) or value < 0:
                    raise BadUserInput(
                        f"'{argument}' must be a non-negative integer",
                        argument=argument,
                    )
                if value > limit:
                    raise LimitExceeded(
                        f"'{argument}' may be at most {limit} (TREATYGRAPH_MAX_PAGE_SIZE)",
                        limit="pageSize",
                        argument=argument,
                        max=limit,
                    )
            case CursorCheck(signature=signature, keys=keys):
                params[f"p{index}"] = cursors.decode(value, argument, keys, signature)
            case SearchLabels(labels=labels):
                by_name = dict(labels)
                params[f"p{index}"] = [by_name[str(v)] for v in value or []]
            case _:  # pragma: no cover - every Step is matched above
                assert_never(step)
    params["today"] = context.settings.default_as_of()
    return params


async def resolve_root(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Resolver for every compiled root field: one Cypher statement per field.

    When resolvers.responses already ran this field's statement (and then handed the
    request to graphql-core), its answer or failure is taken from the context
    instead of being read again.
    """
    context: Context = info.context
    prefetched = context.prefetched
    if prefetched is not None and info.path.key in prefetched:
        answer = prefetched.pop(info.path.key)
        if isinstance(answer, BaseException):
            raise answer
        return answer
    binder = Binder(info)
    return await _answer(binder, binder.bind_root(), info)


async def resolve_written(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """A mutation payload's object (`event`, `vote` …), read back by the root lookup
    of the same name, so clients select from it exactly as from `Query`."""
    binder = Binder(info)
    bound = binder.bind_root()
    argument = ROOT_LOOKUPS[bound.name][1]
    binder.leaves.append(source.subject_key)
    key = Leaf(len(binder.leaves) - 1)
    selection = Selection(bound.name, bound.key, {argument: key}, bound.children)
    return await _answer(binder, selection, info)


async def _answer(
    binder: Binder, selection: Selection, info: GraphQLResolveInfo[Any]
) -> Any:
    context: Context = info.context
    settings = context.settings
    plan = plan_for(selection, settings.max_page_size, settings.max_page_size)
    params = parameters(plan, binder.leaves, context)
    rows = await fetch(context, info.field_name, plan, params)
    return answered(context, str(info.path.key), plan, params, rows)


async def fetch(
    context: Context, field: str, plan: Plan, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run a root field's one statement, timed; its rows."""
    # The plan's text is built only from graph.mapping's fixed fragments.
    started = time.perf_counter()
    rows = await db.read(context.driver, context.settings, plan.cypher, params)
    telemetry.record_cypher(field, time.perf_counter() - started)
    return rows


def answered(
    context: Context,
    key: str,
    plan: Plan,
    params: dict[str, Any],
    rows: list[dict[str, Any]],
) -> Any:
    """A root field's shaped `result` from its rows, traced under its response key."""
    if context.debug:
        context.trace.append(
            {"field": key, "cypher": plan.cypher, "params": _printable(params)}
        )
    else:
        context.trace.append({"field": key})
    if not rows:
        return None
    context.dataset_version = rows[0].get("datasetVersion")
    return rows[0]["result"]


def _printable(params: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        return str(value)

    return {k: plain(v) for k, v in params.items()}


# -- reading the shaped result ---------------------------------------------------------


def by_response_key(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Fields of Cypher-shaped maps: the compiler keyed them by alias."""
    if source is None:
        return None
    return source.get(info.path.key)


def by_name(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Fields of maps built here in Python (edges, pageInfo): keyed by field name."""
    return source.get(info.field_name)


def page_items(source: dict[str, Any]) -> list[dict[str, Any]]:
    """A connection's page: the rows asked for (Cypher fetched one more), in order."""
    page = source.get("__page") or []
    items = page[: source["__first"]]
    return list(reversed(items)) if source.get("__backward") else items


def page_edges(source: dict[str, Any]) -> list[dict[str, Any]]:
    """A connection's edges, each with its keyset cursor."""
    signature = source.get("__sig", "")
    return [
        {"cursor": cursors.encode(x["__c"], signature), "node": x}
        for x in page_items(source)
    ]


def page_info(source: dict[str, Any]) -> dict[str, Any]:
    """Relay page info from the fetched page (one row more than asked) and the cursor."""
    page = source.get("__page") or []
    more = len(page) > source["__first"]
    beyond_cursor = bool(source.get("__hasBefore"))
    backward = bool(source.get("__backward"))
    items = page_items(source)
    signature = source.get("__sig", "")
    return {
        "hasNextPage": beyond_cursor if backward else more,
        "hasPreviousPage": more if backward else beyond_cursor,
        "startCursor": cursors.encode(items[0]["__c"], signature) if items else None,
        "endCursor": cursors.encode(items[-1]["__c"], signature) if items else None,
    }


def connection_edges(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Edges of a connection, each with its keyset cursor."""
    return page_edges(source)


def connection_nodes(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Nodes of a connection, without the edge wrapper."""
    return page_items(source)


def connection_total(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Total count, computed by a COUNT {} subquery that never materialises nodes."""
    return source.get("totalCount")


def connection_page_info(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Relay page info of a connection."""
    return page_info(source)


def union_type(
    value: Any, info: GraphQLResolveInfo[Any], abstract_type: Any
) -> str | None:
    """Search hits say which type they are; the compiler put it in the map."""
    return value.get("__typename") if isinstance(value, dict) else None
