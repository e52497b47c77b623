"""Which declared types have a Relay id, and which ids carry their view's date.

Every type whose fields do not already name an `id` implements `Node`. A type is
dated when some field answers for `asOf` (a link valid at a date or taking `asOf`,
a `valid` property, a dated computed field, a link to a type that `begins` on a
date) or links to a dated type: a normalised client cache stores a link as a
reference to the target's id, so an undated parent pointing at Finland-as-of-2020
would be repointed by a 2026 query. The id of a dated type names its view's date.
"""

from __future__ import annotations

from model.vocabulary import Computed, Link, Model, NodeType, Prop

# The field every Node type answers with its global id, and the id's plain text
# before encoding: `Country:FIN@2020-01-01` (type, natural key, view date).
ID_FIELD = "id"
TYPE_SEPARATOR = ":"
DATE_SEPARATOR = "@"


def node_types(model: Model) -> list[NodeType]:
    """Types implementing `Node`: those whose own fields leave `id` free (Source's
    natural key is its `id`, a plain handle kept as clients know it)."""
    return [t for t in model.types if ID_FIELD not in t.fields]


def _answers_for_date(node_type: NodeType, model: Model) -> bool:
    for declared in node_type.fields.values():
        if isinstance(declared, Prop) and declared.valid:
            return True
        if isinstance(declared, Computed) and declared.dated:
            return True
        if isinstance(declared, Link) and (
            declared.valid is not None
            or "asOf" in declared.args
            or model[declared.target].begins is not None
        ):
            return True
    return False


def dated_types(model: Model) -> frozenset[str]:
    """Names of the types whose ids carry a date (see the module's docstring)."""
    dated = {t.name for t in model.types if _answers_for_date(t, model)}
    grown = True
    while grown:
        grown = False
        for node_type in model.types:
            if node_type.name in dated:
                continue
            if any(link.target in dated for link in node_type.links().values()):
                dated.add(node_type.name)
                grown = True
    return frozenset(dated)
