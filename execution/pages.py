"""A compiled connection's page map, read as Relay's `nodes`, `edges` and `pageInfo`.

The Cypher returns one row more than asked (`__page`), with the page size
(`__first`), the direction and whether rows precede the cursor; both the
completers (execution.shapes) and graphql-core's resolvers read it here.
"""

from __future__ import annotations

from typing import Any

from execution import cursors


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
