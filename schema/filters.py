"""`where` and `sort` inputs, generated from graph.mapping so they cannot drift from it.

For every mapped type T: `TWhere` (scalar operators per field, AND/OR/NOT, and
`some/all/none/single/count` on list relations), `TListFilter`, and `TSort`.
"""

import datetime as dt
import sys
from typing import Any, Optional

import strawberry

from graph.mapping import TYPES, Relation, Scalar
from schema.enums import ENUM_FIELDS, SortDirection


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


_MODULE = sys.modules[__name__]
_SCALAR_FILTERS: dict[str, Any] = {
    "string": StringFilter,
    "int": IntFilter,
    "date": DateFilter,
    "bool": BooleanFilter,
    "strings": StringListFilter,
}


def _input(name: str, annotations: dict[str, Any], description: str) -> Any:
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    for field_name in annotations:
        # `in` is a Python keyword: the attribute is `in_`, the GraphQL name `in`.
        namespace[field_name] = (
            strawberry.field(default=strawberry.UNSET, name="in")
            if field_name == "in_"
            else strawberry.UNSET
        )
    cls = type(name, (), namespace)
    cls = strawberry.input(cls, description=description)
    setattr(_MODULE, name, cls)
    return cls


def _enum_filter(enum_type: Any) -> Any:
    name = f"{enum_type.__name__}Filter"
    existing = getattr(_MODULE, name, None)
    if existing is not None:
        return existing
    return _input(
        name,
        {"eq": Optional[enum_type], "in_": Optional[list[enum_type]]},  # type: ignore[valid-type]  # built at import time
        f"Operators on a {enum_type.__name__} field.",
    )


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _build() -> None:
    for type_name in TYPES:
        _input(
            f"{type_name}ListFilter",
            {
                "some": Optional[f"{type_name}Where"],
                "all": Optional[f"{type_name}Where"],
                "none": Optional[f"{type_name}Where"],
                "single": Optional[f"{type_name}Where"],
                "count": Optional[IntFilter],
            },
            f"Quantifiers over related {type_name} nodes: at least one (some), every "
            "(all), no (none) or exactly one (single) matches; or how many there are.",
        )
    for type_name, type_map in TYPES.items():
        where: dict[str, Any] = {}
        sort: dict[str, Any] = {}
        for field_name, mapped in type_map.fields.items():
            attr = _snake(field_name)
            if isinstance(mapped, Scalar):
                if mapped.filterable:
                    enum_type = ENUM_FIELDS.get((type_name, field_name))
                    where[attr] = Optional[
                        _enum_filter(enum_type)
                        if enum_type is not None
                        else _SCALAR_FILTERS[mapped.kind]
                    ]
                if mapped.sortable and mapped.kind != "strings":
                    sort[attr] = Optional[SortDirection]
            elif isinstance(mapped, Relation):
                if mapped.many:
                    where[attr] = Optional[f"{mapped.target}ListFilter"]
                else:
                    where[attr] = Optional[f"{mapped.target}Where"]
                    sort[attr] = Optional[f"{mapped.target}Sort"]
        where["AND"] = Optional[list[f"{type_name}Where"]]  # type: ignore[misc]  # forward ref by name
        where["OR"] = Optional[list[f"{type_name}Where"]]  # type: ignore[misc]  # forward ref by name
        where["NOT"] = Optional[f"{type_name}Where"]
        _input(
            f"{type_name}Where",
            where,
            f"Filter for {type_name}: every field given must hold; combine with AND, "
            "OR and NOT to any depth.",
        )
        _input(
            f"{type_name}Sort",
            sort,
            f"One sort key for {type_name}: set exactly one field (or one field of a "
            "related node). Give a list of these for several keys.",
        )


_build()


def where_of(type_name: str) -> Any:
    """The generated `<Type>Where` input."""
    return getattr(_MODULE, f"{type_name}Where")


def sort_of(type_name: str) -> Any:
    """The generated `<Type>Sort` input."""
    return getattr(_MODULE, f"{type_name}Sort")
