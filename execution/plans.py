"""A bound root field's compiled plan (cached per query shape) and its parameters.

A root field's selection (execution.binding) compiles once per query shape
(graph.cypher); each request then turns its bound values into the statement's
parameters, refusing the ones Cypher must never see (a foreign cursor, a page over
the maximum, text with nothing to search).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any, assert_never

from execution import cursors, ids
from execution.context import Context
from graph.catalog import Catalog
from graph.cypher.plan import (
    CursorCheck,
    LuceneText,
    NodeRefs,
    PageSize,
    Plan,
    SearchLabels,
)
from graph.cypher.root import compile_root
from graph.errors import BadUserInput, LimitExceeded
from graph.selection import Selection
from settings import Settings

_CACHE_SIZE = 512
_plans: OrderedDict[tuple[Catalog, str, int, int, str], Plan] = OrderedDict()
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
MAX_SEARCH_TEXT = 200


def plan_for(selection: Selection, catalog: Catalog, settings: Settings) -> Plan:
    """The compiled plan for this query shape and these limits (the page size, also
    the default one, and the filter depth), from the cache when seen before."""
    page, depth = settings.max_page_size, settings.max_filter_depth
    key = (catalog, selection.name, page, depth, repr(selection))
    plan = _plans.get(key)
    if plan is not None:
        _plans.move_to_end(key)
        return plan
    plan = compile_root(selection, catalog, page, page, depth)
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


def _node_refs(step: NodeRefs, value: Any, argument: str) -> Any:
    """The decoded ids of `node(id:)`/`nodes(ids:)`, at most a page of them."""
    types = dict(step.types)
    if not step.many:
        return ids.decode(value, types, argument)
    if len(value) > step.maximum:
        raise LimitExceeded(
            f"'{argument}' may hold at most {step.maximum} ids "
            "(TREATYGRAPH_MAX_PAGE_SIZE)",
            limit="pageSize",
            argument=argument,
            max=step.maximum,
            actual=len(value),
        )
    return [ids.decode(item, types, argument) for item in value]


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
            case NodeRefs():
                params[f"p{index}"] = _node_refs(step, value, argument)
            case _:  # pragma: no cover - every Step is matched above
                assert_never(step)
    params["today"] = context.settings.default_as_of()
    return params
