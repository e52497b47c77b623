"""What each seed file's records hold, derived from the model's declarations.

A node type with `seeds` gives one spec: a field per seeded property (its seed
name, kind, pattern, enum), per seeded link (naming keys of the target's kind),
per `Seeds.extra` rule, plus `sources` when the type cites and `note` always.
Relationship files (borders.yaml) give one spec each from seeds.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.vocabulary import NOT_SEEDED, Model, NodeType, Prop, snake
from seeds.rules import (
    RELATIONSHIP_FILES,
    RETRACTED,
    RULES,
    RelationshipFile,
    Rule,
    citing,
    retraction,
    seed_kind,
    source_kind,
)
from seeds.values import Check, link_check, optional_text, prop_check, strings

Record = dict[str, Any]


@dataclass(frozen=True)
class FieldSpec:
    """One seed field: its check, whether records must give it, whose keys it names."""

    check: Check
    required: bool = False
    names: str | None = None  # the seed kind whose keys it must name


@dataclass(frozen=True)
class Spec:
    """One seed kind: `seeds/data/<kind>.yaml` or `seeds/data/<kind>/*.yaml`."""

    kind: str
    fields: dict[str, FieldSpec]
    key_fields: tuple[str, ...] = ()
    required_file: bool = False
    # The seed field listing the record's sources (each record lists ≥1).
    cites: str | None = None
    # Seed fields unique across the kind besides the key, and the type's name.
    unique: tuple[str, ...] = ()
    node_type: NodeType | None = None
    rules: dict[str, Rule] = field(default_factory=dict)
    pairs: RelationshipFile | None = None
    # False: a record may list no source (a curation record of a retraction).
    sourced: bool = True

    def key(self, record: Record) -> str:
        """The record's natural key (`treaty:ISO3:kind`), as problems name it."""
        if self.pairs is not None:
            return self.pairs.key(record)
        return ":".join(str(record.get(name)) for name in self.key_fields)


def seed_name(name: str, prop: Prop) -> str | None:
    """The property's field in seed files; None when no seed field sets it."""
    if prop.valid or prop.seed == NOT_SEEDED:
        return None
    return prop.seed if prop.seed is not None else snake(name)


def _node_spec(node_type: NodeType, model: Model) -> Spec:
    seeds = node_type.seeds
    assert seeds is not None  # only seeded types get a spec
    fields: dict[str, FieldSpec] = {}
    for name, prop in node_type.props().items():
        seed = seed_name(name, prop)
        if seed is not None:
            fields[seed] = FieldSpec(prop_check(prop), prop.required)
    for link in node_type.links().values():
        if link.seed is not None:
            target = model[link.target]
            check = link_check(link, target)
            kind = seed_kind(model, target.name)
            fields[link.seed] = FieldSpec(check, link.required, kind)
    rules = {seed: RULES[rule](model) for seed, rule in seeds.extra.items()}
    for seed, rule in rules.items():
        fields[seed] = FieldSpec(rule.check, rule.required)
    cites = citing(node_type)
    if cites is not None:
        fields[cites] = FieldSpec(strings, names=source_kind(model))
    fields.setdefault("note", FieldSpec(optional_text))
    if node_type.seeded:
        fields[RETRACTED] = FieldSpec(retraction)
    props = node_type.props()
    key = props[node_type.key]
    key_fields = seeds.key or (seed_name(node_type.key, key) or node_type.key,)
    unique = tuple(
        seed
        for name in node_type.extra_unique
        if (seed := seed_name(name, props[name]))
    )
    return Spec(
        seeds.file,
        fields,
        key_fields,
        seeds.required_file,
        cites,
        unique,
        node_type,
        rules,
        sourced=seeds.sourced,
    )


def _pairs_spec(pairs: RelationshipFile, model: Model) -> Spec:
    ends = model[pairs.node_type]
    fields = {
        pairs.field: FieldSpec(strings, True, seed_kind(model, ends.name)),
        "sources": FieldSpec(strings, names=source_kind(model)),
        "note": FieldSpec(optional_text),
        RETRACTED: FieldSpec(retraction),
    }
    return Spec(pairs.file, fields, cites="sources", pairs=pairs)


def specs(model: Model) -> dict[str, Spec]:
    """Every seed kind of the model, in declaration order, then relationship files."""
    found = {
        t.seeds.file: _node_spec(t, model) for t in model.types if t.seeds is not None
    }
    for pairs in RELATIONSHIP_FILES:
        if pairs.node_type in model.by_name:
            found[pairs.file] = _pairs_spec(pairs, model)
    return found
