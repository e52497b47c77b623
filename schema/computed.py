"""Computed fields (model.vocabulary.Computed), by rule: the field and the type it returns.

Their values come from rules of their own in graph.cypher.specials, so their result types
are written here by hand, once per model (they name the model's node types).
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from model.vocabulary import Computed
from schema.enums import TreatyStatusKind
from schema.fields import REQUIRED, applied, argument, object_type, plain, resolved
from schema.registry import Types, as_of


def _border(types: Types) -> Any:
    return object_type(
        "Border",
        {
            "neighbor": (types["Country"], plain("The state on the other side.")),
            "note": (str | None, plain("Remarks (e.g. Kaliningrad).")),
            "sources": (
                applied(list, types["Source"]),
                plain("Where the border is recorded."),
            ),
        },
        "A land border with a neighbouring state, with its sources.",
    )


def _treaty_status(types: Types) -> Any:
    return object_type(
        "TreatyStatus",
        {
            "status": (TreatyStatusKind, plain("Status on `asOf`.")),
            "asOf": (dt.date, plain("The date the status holds on.")),
            "suspensionNotified": (
                bool,
                plain(
                    "The state notified a suspension on or before `asOf` (it stays "
                    "a party)."
                ),
            ),
            "partySince": (dt.date | None, plain("Entry into force for the state.")),
            "partyUntil": (
                dt.date | None,
                plain("Date its withdrawal took effect."),
            ),
            "treaty": (types["Treaty"], plain("The treaty.")),
            "events": (
                applied(list, types["TreatyEvent"]),
                plain("Its events up to `asOf`."),
            ),
        },
        "A state's status under one treaty on one date, derived from its events.",
    )


def land_borders(types: Types, computed: Computed) -> tuple[Any, Any]:
    """`landBorders: [Border!]!`."""
    value = applied(list, types.made("Border", _border))
    return value, plain(computed.description)


def treaty_status(types: Types, computed: Computed) -> tuple[Any, Any]:
    """`treatyStatus(treaty: String!, asOf: Date): TreatyStatus`."""
    value = types.made("TreatyStatus", _treaty_status) | None
    slug = argument("treaty", str, "Treaty slug, e.g. ottawa or ccm.", default=REQUIRED)
    return value, resolved(value, [slug, as_of()], computed.description)


# Computed.rule -> the builder of its field: (annotation, Strawberry field).
SPECIAL: dict[str, Callable[[Types, Computed], tuple[Any, Any]]] = {
    "landBorders": land_borders,
    "treatyStatus": treaty_status,
}
