"""The model's enumerations as GraphQL enums: model.enums wrapped, not repeated.

Strawberry marks the class itself (`schema.enums.UnStatus is model.enums.UnStatus`),
with the enum's docstring as the type's description and each member's
`description` (model.enums.Described) as the value's.
"""

import inspect
from enum import Enum
from typing import TypeVar

import strawberry
from strawberry.types.enum import StrawberryEnumDefinition

import model.enums as declared
from model.enums import (
    ClaimStatus,
    EventKind,
    RecommendationAction,
    SortDirection,
    SourceKind,
    StatementKind,
    TreatyStatusKind,
    UnStatus,
    VoteOutcome,
)

__all__ = [
    "ClaimStatus",
    "EventKind",
    "RecommendationAction",
    "SortDirection",
    "SourceKind",
    "StatementKind",
    "TreatyStatusKind",
    "UnStatus",
    "VoteOutcome",
    "wrapped",
]

E = TypeVar("E", bound=Enum)


def wrapped(enum_type: type[E]) -> type[E]:
    """The enum, made a Strawberry enum described by its docstring (once)."""
    # The class's own dict: a definition inherited from a base is not this enum's.
    if "__strawberry_definition__" not in vars(enum_type):
        doc = enum_type.__doc__
        strawberry.enum(enum_type, description=inspect.cleandoc(doc) if doc else None)
        # strawberry.enum takes a value's description only from an enum_value()
        # member, which would put Strawberry into model/: set it on its values here.
        definition: StrawberryEnumDefinition = vars(enum_type)[
            "__strawberry_definition__"
        ]
        for value in definition.values:
            value.description = getattr(enum_type(value.value), "description", None)
    return enum_type


# Every enum model.enums declares (not `Enum` itself, which it imports).
for _declared in vars(declared).values():
    if (
        isinstance(_declared, type)
        and issubclass(_declared, Enum)
        and _declared.__module__ == declared.__name__
    ):
        wrapped(_declared)
