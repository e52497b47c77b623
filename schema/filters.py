"""`where` and `sort` inputs, generated from the model so they cannot drift from it.

For every declared type T: `TWhere` (scalar operators per field, AND/OR/NOT, and
`some/all/none/single/count` on list relations), `TListFilter`, and `TSort`.
"""

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry

from model.vocabulary import Link, Model, NodeType, Prop
from schema.enums import SortDirection, wrapped
from schema.fields import Fields, applied, declare, shell

# One description per operator, whichever filter offers it. Null compares with
# nothing, so only `eq: null` matches a missing value (graph.cypher.filters).
OPERATORS = {
    "eq": "Equal to this value (null: the field has no value).",
    "in": "Equal to one of these values.",
    "lt": "Less than this value (earlier, for dates; before it in text order).",
    "lte": "At most this value (on or before, for dates).",
    "gt": "Greater than this value (later, for dates; after it in text order).",
    "gte": "At least this value (on or after, for dates).",
    "contains": "Contains this text.",
    "startsWith": "Starts with this text.",
    "endsWith": "Ends with this text.",
}


def _operator(name: str) -> Any:
    return strawberry.field(
        default=strawberry.UNSET, name=name, description=OPERATORS[name]
    )


@strawberry.input(description="Operators on a text field; all given must hold.")
class StringFilter:
    eq: str | None = _operator("eq")
    in_: list[str] | None = _operator("in")
    lt: str | None = _operator("lt")
    lte: str | None = _operator("lte")
    gt: str | None = _operator("gt")
    gte: str | None = _operator("gte")
    contains: str | None = _operator("contains")
    starts_with: str | None = _operator("startsWith")
    ends_with: str | None = _operator("endsWith")
    ignore_case: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Compare case-insensitively (eq, in, contains, startsWith, endsWith).",
    )


@strawberry.input(description="Operators on a whole-number field.")
class IntFilter:
    eq: int | None = _operator("eq")
    in_: list[int] | None = _operator("in")
    lt: int | None = _operator("lt")
    lte: int | None = _operator("lte")
    gt: int | None = _operator("gt")
    gte: int | None = _operator("gte")


@strawberry.input(description="Operators on a date field (YYYY-MM-DD).")
class DateFilter:
    eq: dt.date | None = _operator("eq")
    in_: list[dt.date] | None = _operator("in")
    lt: dt.date | None = _operator("lt")
    lte: dt.date | None = _operator("lte")
    gt: dt.date | None = _operator("gt")
    gte: dt.date | None = _operator("gte")


@strawberry.input(
    description="Operators on a date-and-time field (ISO 8601 with an offset, e.g. "
    "2026-12-03T14:00:00Z; a bare date means its midnight UTC)."
)
class DateTimeFilter:
    eq: dt.datetime | None = _operator("eq")
    in_: list[dt.datetime] | None = _operator("in")
    lt: dt.datetime | None = _operator("lt")
    lte: dt.datetime | None = _operator("lte")
    gt: dt.datetime | None = _operator("gt")
    gte: dt.datetime | None = _operator("gte")


@strawberry.input(description="Operators on a true/false field.")
class BooleanFilter:
    eq: bool | None = _operator("eq")


@strawberry.input(description="Operators on a list-of-text field.")
class StringListFilter:
    includes: str | None = strawberry.field(
        default=strawberry.UNSET, description="The list contains this exact value."
    )


_SCALAR_FILTERS: dict[str, Any] = {
    "string": StringFilter,
    "int": IntFilter,
    "date": DateFilter,
    "datetime": DateTimeFilter,
    "bool": BooleanFilter,
    "strings": StringListFilter,
}
# One filter per enum, shared by every model's inputs (the enums are shared too).
_ENUM_FILTERS: dict[type[Enum], Any] = {}


@dataclass(frozen=True)
class Inputs:
    """The generated inputs of one model, by the type they filter or sort."""

    where: dict[str, Any]
    sort: dict[str, Any]


# What each generated input field says: quantifiers, boolean combinators, and the
# per-field lines derived from the model's own description of the field.
QUANTIFIERS = {
    "some": "At least one related node matches.",
    "all": "Every related node matches (true when there are none).",
    "none": "No related node matches.",
    "single": "Exactly one related node matches.",
    "count": "How many related nodes there are (matching or not).",
}
COMBINATORS = {
    "AND": "Every one of these filters holds (an empty list always does).",
    "OR": "At least one of these filters holds (an empty list never does).",
    "NOT": "This filter does not hold.",
}
WHERE_FIELD = "Conditions on `{name}`: {description}"
SORT_FIELD = "Sort by `{name}`: {description}"
SORT_LINK = "Sort by a field of `{name}`: {description}"

# A generated input's field table: name -> (annotation, description).
InputTable = dict[str, tuple[Any, str]]


def _input(cls: type, annotations: InputTable, description: str) -> Any:
    fields: Fields = {
        name: (value, strawberry.field(default=strawberry.UNSET, description=text))
        for name, (value, text) in annotations.items()
    }
    return declare(cls, fields, description, strawberry.input)


def _enum_filter(enum_type: type[Enum]) -> Any:
    if enum_type not in _ENUM_FILTERS:
        name = enum_type.__name__
        _ENUM_FILTERS[enum_type] = _input(
            shell(f"{name}Filter"),
            {
                "eq": (wrapped(enum_type) | None, OPERATORS["eq"]),
                "in": (applied(list, enum_type) | None, OPERATORS["in"]),
            },
            f"Operators on a {name} field.",
        )
    return _ENUM_FILTERS[enum_type]


def _prop_filter(prop: Prop) -> Any:
    if prop.enum is not None:
        return _enum_filter(prop.enum)
    return _SCALAR_FILTERS[prop.kind]


def _where_and_sort(
    node_type: NodeType, inputs: Inputs, lists: dict[str, Any]
) -> tuple[InputTable, InputTable]:
    where: InputTable = {}
    sort: InputTable = {}
    for name, declared in node_type.fields.items():
        said = {"name": name, "description": getattr(declared, "description", "")}
        if isinstance(declared, Prop):
            if declared.filterable:
                where[name] = (
                    _prop_filter(declared) | None,
                    WHERE_FIELD.format(**said),
                )
            if declared.sortable and declared.kind != "strings":
                sort[name] = (SortDirection | None, SORT_FIELD.format(**said))
        elif isinstance(declared, Link):
            if declared.many:
                where[name] = (
                    lists[declared.target] | None,
                    WHERE_FIELD.format(**said),
                )
            else:
                target = declared.target
                where[name] = (inputs.where[target] | None, WHERE_FIELD.format(**said))
                sort[name] = (inputs.sort[target] | None, SORT_LINK.format(**said))
    own = inputs.where[node_type.name]
    where |= {
        "AND": (applied(list, own) | None, COMBINATORS["AND"]),
        "OR": (applied(list, own) | None, COMBINATORS["OR"]),
        "NOT": (own | None, COMBINATORS["NOT"]),
    }
    return where, sort


def build(model: Model) -> Inputs:
    """Every declared type's `Where`, `ListFilter` and `Sort` inputs."""
    names = [t.name for t in model.types]
    inputs = Inputs(
        {n: shell(f"{n}Where") for n in names}, {n: shell(f"{n}Sort") for n in names}
    )
    lists = {n: shell(f"{n}ListFilter") for n in names}
    for name in names:
        where = inputs.where[name] | None
        quantified: InputTable = {
            q: (IntFilter | None if q == "count" else where, text)
            for q, text in QUANTIFIERS.items()
        }
        _input(
            lists[name],
            quantified,
            f"Quantifiers over related {name} nodes: at least one (some), every "
            "(all), no (none) or exactly one (single) matches; or how many there are.",
        )
    for node_type in model.types:
        name = node_type.name
        where_fields, sort_fields = _where_and_sort(node_type, inputs, lists)
        _input(
            inputs.where[name],
            where_fields,
            f"Filter for {name}: every field given must hold; combine with AND, "
            "OR and NOT to any depth.",
        )
        _input(
            inputs.sort[name],
            sort_fields,
            f"One sort key for {name}: set exactly one field (or one field of a "
            "related node). Give a list of these for several keys.",
        )
    return inputs
