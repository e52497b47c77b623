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


@strawberry.input(description="Operators on a text field; all given must hold.")
class StringFilter:
    eq: str | None = strawberry.UNSET
    in_: list[str] | None = strawberry.field(default=strawberry.UNSET, name="in")
    lt: str | None = strawberry.UNSET
    lte: str | None = strawberry.UNSET
    gt: str | None = strawberry.UNSET
    gte: str | None = strawberry.UNSET
    contains: str | None = strawberry.UNSET
    starts_with: str | None = strawberry.UNSET
    ends_with: str | None = strawberry.UNSET
    ignore_case: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Compare case-insensitively (eq, in, contains, startsWith, endsWith).",
    )


@strawberry.input(description="Operators on a whole-number field.")
class IntFilter:
    eq: int | None = strawberry.UNSET
    in_: list[int] | None = strawberry.field(default=strawberry.UNSET, name="in")
    lt: int | None = strawberry.UNSET
    lte: int | None = strawberry.UNSET
    gt: int | None = strawberry.UNSET
    gte: int | None = strawberry.UNSET


@strawberry.input(description="Operators on a date field (YYYY-MM-DD).")
class DateFilter:
    eq: dt.date | None = strawberry.UNSET
    in_: list[dt.date] | None = strawberry.field(default=strawberry.UNSET, name="in")
    lt: dt.date | None = strawberry.UNSET
    lte: dt.date | None = strawberry.UNSET
    gt: dt.date | None = strawberry.UNSET
    gte: dt.date | None = strawberry.UNSET


@strawberry.input(description="Operators on a true/false field.")
class BooleanFilter:
    eq: bool | None = strawberry.UNSET


@strawberry.input(description="Operators on a list-of-text field.")
class StringListFilter:
    includes: str | None = strawberry.field(
        default=strawberry.UNSET, description="The list contains this exact value."
    )


_SCALAR_FILTERS: dict[str, Any] = {
    "string": StringFilter,
    "int": IntFilter,
    "date": DateFilter,
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


def _unset() -> Any:
    return strawberry.field(default=strawberry.UNSET)


def _input(cls: type, annotations: dict[str, Any], description: str) -> Any:
    fields: Fields = {name: (value, _unset()) for name, value in annotations.items()}
    return declare(cls, fields, description, strawberry.input)


def _enum_filter(enum_type: type[Enum]) -> Any:
    if enum_type not in _ENUM_FILTERS:
        name = enum_type.__name__
        _ENUM_FILTERS[enum_type] = _input(
            shell(f"{name}Filter"),
            {"eq": wrapped(enum_type) | None, "in": applied(list, enum_type) | None},
            f"Operators on a {name} field.",
        )
    return _ENUM_FILTERS[enum_type]


def _prop_filter(prop: Prop) -> Any:
    if prop.enum is not None:
        return _enum_filter(prop.enum)
    return _SCALAR_FILTERS[prop.kind]


def _where_and_sort(
    node_type: NodeType, inputs: Inputs, lists: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    where: dict[str, Any] = {}
    sort: dict[str, Any] = {}
    for name, declared in node_type.fields.items():
        if isinstance(declared, Prop):
            if declared.filterable:
                where[name] = _prop_filter(declared) | None
            if declared.sortable and declared.kind != "strings":
                sort[name] = SortDirection | None
        elif isinstance(declared, Link):
            if declared.many:
                where[name] = lists[declared.target] | None
            else:
                where[name] = inputs.where[declared.target] | None
                sort[name] = inputs.sort[declared.target] | None
    own = inputs.where[node_type.name]
    where |= {
        "AND": applied(list, own) | None,
        "OR": applied(list, own) | None,
        "NOT": own | None,
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
        _input(
            lists[name],
            {"some": where, "all": where, "none": where, "single": where}
            | {"count": IntFilter | None},
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
