"""The words a node type is declared in: properties, links, intervals, seeds.

One `NodeType` says everything about one kind of node: its label and key, its
fields as clients see them, how each maps onto the graph, when a link holds, which
seed file and fields feed it, whether search finds it and what claims call it.
Everything else (Strawberry types, where/sort inputs, root fields, the Cypher
mapping, seed checks and the loader plan) is derived from these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

# `datetime`: a server timestamp (curation records), never a seed field.
Kind = Literal["string", "int", "date", "datetime", "bool", "enum", "strings", "float"]
Direction = Literal["out", "in", "any"]
Placement = Literal["target", "via", "rel"]

# Seed fields that are not node properties: how a declaration says "not seeded".
NOT_SEEDED = ""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SCREAMING = re.compile(r"[A-Z][A-Z0-9_]*")


def checked_name(name: str, what: str = "name") -> str:
    """A label, property or type name that may be interpolated into Cypher.

    Declarations are code, not input, but a fixture model or a typo must not be
    able to put anything but an identifier into Cypher text.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"{what} {name!r} is not an identifier")
    return name


def snake(name: str) -> str:
    """`officialName` -> `official_name`: the seed files' spelling of a field."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


@dataclass(frozen=True)
class Interval:
    """A validity interval: from `start` (inclusive) until `end` (exclusive).

    A null end means open-ended. A null start means never valid, unless
    `unknown_start_counts`: then an unknown start counts as always (terms whose
    start no source gives still count as held).
    """

    start: str
    end: str
    unknown_start_counts: bool = False


@dataclass(frozen=True)
class ValidAt:
    """A link holds at `asOf` when the interval on `on` contains it: the target
    node's own properties, the intermediate node's, or the relationship's."""

    on: Placement
    interval: Interval


@dataclass(frozen=True)
class Step:
    """One relationship of a link's path, from the node being read onwards.

    `to` is the label of the node this step reaches; None means the link's target.
    `rel_var` binds the relationship (for validity or relationship properties).
    """

    rel: str
    direction: Direction
    to: str | None = None
    rel_var: bool = False


def out(rel: str, to: str | None = None, *, rel_var: bool = False) -> Step:
    """A step along an outgoing relationship."""
    return Step(rel, "out", to, rel_var)


def into(rel: str, to: str | None = None, *, rel_var: bool = False) -> Step:
    """A step along an incoming relationship."""
    return Step(rel, "in", to, rel_var)


def either(rel: str, to: str | None = None, *, rel_var: bool = False) -> Step:
    """A step along a relationship in either direction (stored once per pair)."""
    return Step(rel, "any", to, rel_var)


@dataclass(frozen=True)
class Prop:
    """A value stored on the node (or, for `valid`, its interval checked at asOf)."""

    description: str
    kind: Kind = "string"
    nullable: bool = True
    filterable: bool = True
    sortable: bool = True
    enum: type[Enum] | None = None
    # Seed files: the field's name there (default: the field in snake_case;
    # NOT_SEEDED when the loader does not set it from a field of the same record),
    # whether a record must give it, and a regular expression text must match.
    seed: str | None = None
    required: bool = False
    pattern: str | None = None
    # How seed files spell this enum's values (`entry_into_force`, `non-member`).
    seed_separator: str = "-"
    # True: not stored but computed from the node's own interval at asOf.
    valid: bool = False
    # Why clients should stop using the field, and what to use instead.
    deprecated: str | None = None
    # The node property it reads, when not the field's own name.
    stored: str | None = None
    # The one spelling a seed or curated value is stored and compared in (a
    # source's URL: model.urls), applied after the value's checks.
    canonical: Callable[[str], str] | None = None


@dataclass(frozen=True)
class Link:
    """Related nodes reached along `path`; `target` is a declared type's name."""

    target: str
    description: str
    path: tuple[Step, ...]
    many: bool = True
    nullable: bool = False
    valid: ValidAt | None = None
    connection: bool = False
    # Default order when the query gives none (the natural key always ends it).
    order: tuple[str, ...] = ()
    # GraphQL arguments the field offers besides paging: where, sort, first, asOf.
    args: tuple[str, ...] = ()
    # The seed field naming the target's key(s); the link must be one step.
    seed: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Computed:
    """A field with its own compiler rule and result type (treaty status, borders)."""

    rule: str
    description: str
    # True when its answer depends on asOf, itself or through the nodes it nests.
    dated: bool = False


Field = Prop | Link | Computed


@dataclass(frozen=True)
class Search:
    """Full-text search finds this type; `text` lists the seed fields whose words
    the index sees besides name and title; `rank` orders the search union."""

    rank: int
    text: tuple[str, ...] = ()


@dataclass(frozen=True)
class Root:
    """The type's root fields: a lookup by natural key and a connection."""

    listing: str
    listing_description: str
    lookup: str | None = None
    lookup_description: str = ""
    # The listing's order when the query gives no `sort` (the key always ends it).
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seeds:
    """Where the type's records come from.

    `file` is the seed kind (`seeds/data/<file>.yaml` or `seeds/data/<file>/*.yaml`);
    `key` lists the seed fields whose values, joined by ':', make the natural key
    (default: the key field itself).
    """

    file: str
    key: tuple[str, ...] = ()
    required_file: bool = False
    # Seed fields with a rule of their own in seeds/ (nested records, derivations),
    # by the rule's name.
    extra: dict[str, str] = field(default_factory=dict)
    # Whether each record must list at least one source (when the type cites).
    sourced: bool = True


@dataclass(frozen=True)
class NodeType:
    """One GraphQL object type backed by one label."""

    name: str
    label: str
    key: str
    description: str
    fields: dict[str, Field]
    root: Root | None = None
    seeds: Seeds | None = None
    search: Search | None = None
    # What claims files call this type in `about.kind` (None: only a correction's
    # claims are about it, named by `subject_kind`).
    claim_kind: str | None = None
    # The type's own validity interval (memberships, terms), for `valid` props.
    interval: Interval | None = None
    # The date property from which a node exists: a view dated before it (every
    # list, root or linked, and node(id:)) does not show it. None, or a node whose
    # date is unknown: always shown.
    begins: str | None = None
    extra_unique: tuple[str, ...] = ()
    range_indexes: tuple[str, ...] = ()
    # False: only the API writes it (curation records): the loader never writes,
    # prunes or digests its nodes, nor the relationships reaching them.
    seeded: bool = True

    def __post_init__(self) -> None:
        checked_name(self.name, "type")
        checked_name(self.label, "label")
        for name, declared in self.fields.items():
            checked_name(name, "field")
            if isinstance(declared, Prop) and declared.stored is not None:
                checked_name(declared.stored, "property")
            if (
                isinstance(declared, Prop)
                and declared.kind == "datetime"
                and self.seeded
                and declared.seed != NOT_SEEDED
            ):
                raise ValueError(f"{self.name}.{name}: a datetime is never seeded")
        if self.key not in self.fields:
            raise ValueError(f"{self.name}: key {self.key!r} is not a field")

    @property
    def subject_kind(self) -> str:
        """What a claim about this type names it (`about.kind`, `subjectKind`): its
        claim kind, else its name in snake_case (`Source` is `source`)."""
        return self.claim_kind or snake(self.name[:1].lower() + self.name[1:])

    def props(self) -> dict[str, Prop]:
        """The stored and computed scalar fields, in declaration order."""
        return {n: f for n, f in self.fields.items() if isinstance(f, Prop)}

    def links(self) -> dict[str, Link]:
        """The relation fields, in declaration order."""
        return {n: f for n, f in self.fields.items() if isinstance(f, Link)}


@dataclass(frozen=True)
class Model:
    """Every declared node type; the one input all derivations read."""

    types: tuple[NodeType, ...]
    by_name: dict[str, NodeType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {t.name: t for t in self.types}
        object.__setattr__(self, "by_name", by_name)
        for node_type in self.types:
            for name, link in node_type.links().items():
                if link.target not in by_name:
                    raise ValueError(
                        f"{node_type.name}.{name}: unknown target {link.target!r}"
                    )
                if link.seed is not None and len(link.path) != 1:
                    raise ValueError(
                        f"{node_type.name}.{name}: a seeded link is one step"
                    )
                for step in link.path:
                    if not _SCREAMING.fullmatch(step.rel):
                        raise ValueError(f"{node_type.name}.{name}: bad {step.rel!r}")
                    if step.to is not None:
                        checked_name(step.to, "label")

    def __getitem__(self, name: str) -> NodeType:
        return self.by_name[name]

    def searchable(self) -> list[NodeType]:
        """Types full-text search finds, in the search union's order."""
        found = [t for t in self.types if t.search is not None]
        return sorted(found, key=lambda t: t.search.rank if t.search else 0)
