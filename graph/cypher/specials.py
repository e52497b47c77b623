"""The fields graph.mapping marks Special: a state's land borders with their notes
and sources, and its status under one treaty on a date."""

from __future__ import annotations

from graph.cypher import projection, rules
from graph.cypher.fragments import entries
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Special
from graph.model import Label, Rel
from graph.selection import Leaf, Selection
from graph.statistics import BORDER_SOURCES, fanout_key

# The list of a state's event kinds under the treaty, up to the date.
_KINDS = "kinds"


def special(
    state: Compilation, field: Special, sel: Selection, v: str, asof: str
) -> str:
    """The field's expression on `v`."""
    if field.kind == "landBorders":
        return _land_borders(state, sel, v, asof)
    if field.kind == "treatyStatus":
        return _treaty_status(state, sel, v, asof)
    raise ValueError(f"unknown special field {field.kind}")  # pragma: no cover


def _land_borders(state: Compilation, sel: Selection, v: str, asof: str) -> str:
    t, r = state.var(), state.var("r")
    fields: list[tuple[str, str]] = []
    # Unlimited lists (borders, their sources) count as a full page each, at most
    # the largest fan-out of `Country.borders` (the same BORDERS) and of a border's
    # sources (graph.statistics).
    page = str(state.max_page_size)
    with state.counting(page, fanout_key(Label.COUNTRY, "borders")):
        for child in sel.children:
            if child.name == "neighbor":
                expr = _nested(state, child, "Country", t, asof, "1")
            elif child.name == "note":
                expr = f"{r}.note"
            elif child.name == "sources":
                s = state.var()
                projected = _nested(
                    state, child, "Source", s, asof, page, BORDER_SOURCES
                )
                expr = (
                    f"COLLECT {{ MATCH ({s}:`{Label.SOURCE}`) WHERE {s}.id IN {r}.sourceIds "
                    f"WITH {s} ORDER BY {s}.id RETURN {projected} }}"
                )
            else:
                continue
            fields.append((child.key, expr))
    return (
        f"COLLECT {{ MATCH ({v})-[{r}:`{Rel.BORDERS}`]-({t}:`{Label.COUNTRY}`) "
        f"WITH {t}, {r} ORDER BY {t}.name RETURN {{{entries(fields)}}} }}"
    )


def _treaty_status(state: Compilation, sel: Selection, v: str, asof: str) -> str:
    asof = rules.as_of(state, sel.args, asof)
    slug = sel.args.get("treaty")
    if not isinstance(slug, Leaf):
        raise BadUserInput("'treaty' is required", argument="treaty")
    t, e = state.var(), state.var()
    kinds = (
        f"COLLECT {{ MATCH ({v})-[:`{Rel.HAS_EVENT}`]->({e}:`{Label.TREATY_EVENT}`)"
        f"-[:`{Rel.UNDER}`]->({t}) WHERE {e}.date <= {asof} RETURN {e}.kind }}"
    )
    with state.counting("1"):
        fields = _treaty_status_fields(state, sel, v, t, asof)
    treaty = state.argument(slug, "treaty")
    return (
        f"head(COLLECT {{ MATCH ({t}:`{Label.TREATY}` {{slug: {treaty}}}) "
        f"WITH {t}, {kinds} AS {_KINDS} RETURN {{{entries(fields)}}} }})"
    )


def _treaty_status_fields(
    state: Compilation, sel: Selection, v: str, t: str, asof: str
) -> list[tuple[str, str]]:
    """The selected fields of TreatyStatus, read from `_KINDS` and the PARTY_TO."""
    r = state.var("r")
    fields: list[tuple[str, str]] = []
    for child in sel.children:
        if child.name == "status":
            expr = rules.treaty_status(_KINDS)
        elif child.name == "asOf":
            expr = f"toString({asof})"
        elif child.name == "suspensionNotified":
            expr = rules.suspended(_KINDS)
        elif child.name in ("partySince", "partyUntil"):
            bound = "since" if child.name == "partySince" else "until"
            expr = f"toString(head(COLLECT {{ MATCH ({v})-[{r}:`{Rel.PARTY_TO}`]->({t}) RETURN {r}.{bound} }}))"
        elif child.name == "treaty":
            expr = _nested(state, child, "Treaty", t, asof, "1")
        elif child.name == "events":
            ev = state.var()
            page = str(state.max_page_size)
            # A subset of the state's events: `Country.treatyEvents` bounds it.
            bound = fanout_key(Label.COUNTRY, "treatyEvents")
            projected = _nested(state, child, "TreatyEvent", ev, asof, page, bound)
            expr = (
                f"COLLECT {{ MATCH ({v})-[:`{Rel.HAS_EVENT}`]->({ev}:`{Label.TREATY_EVENT}`)"
                f"-[:`{Rel.UNDER}`]->({t}) WHERE {ev}.date IS NULL OR {ev}.date <= {asof} "
                f"WITH {ev} ORDER BY {ev}.date, {ev}.key RETURN {projected} }}"
            )
        else:
            continue
        fields.append((child.key, expr))
    return fields


def _nested(
    state: Compilation,
    sel: Selection,
    type_name: str,
    v: str,
    asof: str,
    factor: str,
    bound: str | None = None,
) -> str:
    """`sel`'s children projected on `v`, counted as up to `factor` items (at most
    the statistic `bound`)."""
    with state.counting(factor, bound):
        return projection.project(state, sel.children, state.type(type_name), v, asof)
