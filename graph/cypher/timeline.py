"""`timeline(from, to, treaty, country, kinds)` is `events(where: …)` in disguise."""

from __future__ import annotations

from typing import Any

_PAGING = frozenset({"first", "after", "last", "before"})


def events_args(args: dict[str, Any]) -> dict[str, Any]:
    """The arguments of the equivalent root `events` connection."""
    where: dict[str, Any] = {}
    date: dict[str, Any] = {}
    if args.get("from") is not None:
        date["gte"] = args["from"]
    if args.get("to") is not None:
        date["lte"] = args["to"]
    if date:
        where["date"] = date
    if args.get("treaty") is not None:
        where["treaty"] = {"slug": {"eq": args["treaty"]}}
    if args.get("country") is not None:
        where["country"] = {"iso3": {"eq": args["country"]}}
    if args.get("kinds") is not None:
        where["kind"] = {"in": args["kinds"]}
    out = {k: v for k, v in args.items() if k in _PAGING}
    out["where"] = {"AND": [where, args["where"]]} if args.get("where") else where
    out["sort"] = args.get("sort") or [{"date": "ASC"}, {"kind": "ASC"}]
    return out
