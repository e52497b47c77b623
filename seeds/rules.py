"""Seed fields with rules of their own, by the name `Seeds.extra` gives them.

Everything else a seed file holds is derived from the model (seeds/specs.py). These
few fields are nested records or carry several graph properties, so each rule says
how its field is checked, what keys it names and what it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Protocol

from model.names import Label, Rel
from model.vocabulary import Model, NodeType, out, snake
from seeds.values import (
    Check,
    graph_value,
    link_check,
    prop_check,
    scalar,
    strings,
    text,
)

Record = dict[str, Any]
Row = dict[str, Any]
Keys = dict[str, set[str]]  # seed kind -> the keys its records make


class Out(Protocol):
    """Where a rule writes the rows of the plan (seeds.plan.Rows)."""

    def node(
        self, node_type: NodeType, key: str, props: Row, sources: list[str]
    ) -> None: ...

    def link(self, node_type: NodeType, name: str, key: str, other: str) -> None: ...

    def rel(
        self, start: str, rel: str, end: str, a: str, b: str, props: Row
    ) -> None: ...


@dataclass(frozen=True)
class Subject:
    """The record a rule's field belongs to."""

    node_type: NodeType
    key: str
    record: Record


def _no_refs(value: Any, keys: Keys) -> list[str]:
    return []


def _no_rows(value: Any, subject: Subject, rows: Out) -> Row:
    return {}


@dataclass(frozen=True)
class Rule:
    """How one such field is checked, which keys it names and what it writes.

    `refs` returns complaints about keys that do not exist; `plan` adds rows to
    `rows` and returns the properties it sets on the record's own node. `slot`, when
    given, names what a record claims exclusively (None: nothing): two records of
    the kind with one slot are a problem, `conflict` says which.
    """

    check: Check
    refs: Callable[[Any, Keys], list[str]] = _no_refs
    plan: Callable[[Any, Subject, Out], Row] = _no_rows
    required: bool = False
    slot: Callable[[Any, Record], Hashable | None] | None = None
    conflict: str = ""


def seed_kind(model: Model, type_name: str) -> str:
    """The seed kind (file or folder name) of a declared, seeded type."""
    seeds = model[type_name].seeds
    if seeds is None:
        raise ValueError(f"{type_name} has no seed file")
    return seeds.file


def _derivation(model: Model) -> Rule:
    """`derived: {rule, from}`: a date computed by a rule, not read in a source."""

    def check(value: Any) -> str | None:
        if value is None:
            return None
        if (
            isinstance(value, dict)
            and text(value.get("rule")) is None
            and set(value) <= {"rule", "from"}
        ):
            return None
        return "must be {rule: <text>, from: <text>}"

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        derived = value or {}
        return {
            "derived": bool(derived),
            "derivationRule": derived.get("rule"),
            "derivedFrom": derived.get("from"),
        }

    return Rule(check, plan=plan)


def _recommendations(model: Model) -> Rule:
    """A statement's `recommendations: [{action, treaty, addressed_to}]`: one
    Recommendation node each, keyed `<statement>:<n>`, dated and sourced as the
    statement is."""
    made = model["Recommendation"]
    action, date = made.props()["action"], made.props()["date"]
    treaty = made.links()["treaty"]
    action_check = prop_check(action)
    treaty_check = link_check(treaty, model[treaty.target])
    treaties = seed_kind(model, treaty.target)
    countries = seed_kind(model, made.links()["addressedTo"].target)

    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        for item in value:
            if not (
                isinstance(item, dict)
                and action_check(item.get("action")) is None
                and treaty_check(item.get("treaty")) is None
                and strings(item.get("addressed_to", [])) is None
            ):
                return "items must be {action, treaty, addressed_to: [ISO3…]}"
        return None

    def refs(value: Any, keys: Keys) -> list[str]:
        problems: list[str] = []
        for item in value if isinstance(value, list) else []:
            if not isinstance(item, dict):
                continue
            if str(item.get("treaty")) not in keys[treaties]:
                problems.append(
                    f"recommendation names unknown treaty {item.get('treaty')!r}"
                )
            named = item.get("addressed_to")
            for iso3 in named if isinstance(named, list) else []:
                if str(iso3) not in keys[countries]:
                    problems.append(
                        f"recommendation addressed to unknown country {iso3!r}"
                    )
        return problems

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        record = subject.record
        for index, item in enumerate(value or [], start=1):
            key = f"{subject.key}:{index}"
            props = {
                "action": graph_value(action, item["action"]),
                "date": graph_value(date, record.get("date")),
            }
            rows.node(made, key, props, record.get("sources") or [])
            rows.link(made, "statement", key, subject.key)
            rows.link(made, "treaty", key, item["treaty"])
            for iso3 in item.get("addressed_to") or []:
                rows.link(made, "addressedTo", key, iso3)
        return {}

    return Rule(check, refs, plan)


def _claim_subject(model: Model) -> Rule:
    """A claim's `about: {kind, key}`: kinds are the model's claim kinds, and the
    key must exist in that kind's seed file."""
    subjects = {t.claim_kind: t for t in model.types if t.claim_kind is not None}
    shape = f"must be {{kind: one of {', '.join(sorted(subjects))}, key: <key>}}"

    def check(value: Any) -> str | None:
        if kind_of(value) is not None and isinstance(value.get("key"), str):
            return None
        return shape

    def kind_of(value: Any) -> str | None:
        kind = value.get("kind") if isinstance(value, dict) else None
        return kind if isinstance(kind, str) and kind in subjects else None

    def refs(value: Any, keys: Keys) -> list[str]:
        if kind_of(value) is None:
            return []
        kind, key = value["kind"], value.get("key")
        if str(key) in keys[seed_kind(model, subjects[kind].name)]:
            return []
        return [f"'about' names unknown {kind} {key!r}"]

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        about = subjects[value["kind"]]
        label = subject.node_type.label
        rows.rel(label, Rel.ABOUT, about.label, subject.key, value["key"], {})
        return {
            "subjectKind": value["kind"],
            "subjectType": about.name,
            "subjectKey": value["key"],
            "field": api_field(about, str(subject.record.get("property"))),
        }

    def listed(kind: str, field: str) -> bool:
        props = subjects[kind].props().items()
        return any(
            p.kind == "strings" and (p.seed or snake(name)) == field
            for name, p in props
        )

    def slot(value: Any, record: Record) -> Hashable | None:
        # A single-valued field has one kept value, the one the record carries; a
        # list field one kept claim per item (seeds/FORMAT.md).
        kind = kind_of(value)
        if record.get("status") != "kept" or kind is None:
            return None
        field = str(record.get("property"))
        subject = (kind, str(value.get("key")), field)
        return (*subject, str(record.get("value"))) if listed(kind, field) else subject

    conflict = "a second 'kept' claim on the same subject and property"
    return Rule(check, refs, plan, required=True, slot=slot, conflict=conflict)


def api_field(node_type: NodeType, seed_name: str) -> str | None:
    """The GraphQL field a seed file's field name stands for (`for` is `votesFor`);
    None when the type has no such field (a claim about no single field)."""
    for name, declared in node_type.fields.items():
        spelled = getattr(declared, "seed", None)
        if isinstance(spelled, str) and spelled == seed_name:
            return name
        if spelled is None and snake(name) == seed_name:
            return name
    return None


def _claim_value(model: Model) -> Rule:
    """A claim's `value`: any scalar, stored as text with the name of its type."""

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        if value is None:
            return {"value": None, "valueType": None}
        return {"value": str(value), "valueType": type(value).__name__}

    return Rule(scalar, plan=plan)


RULES: dict[str, Callable[[Model], Rule]] = {
    "derivation": _derivation,
    "recommendations": _recommendations,
    "claim-subject": _claim_subject,
    "claim-value": _claim_value,
}


@dataclass(frozen=True)
class RelationshipFile:
    """A seed file of relationships with properties, not of nodes (borders.yaml).

    Each record seeds `link` of `node_type` between the two keys in `field` (sorted,
    each pair once); `props` maps relationship properties to seed fields.
    """

    file: str
    node_type: str
    link: str
    field: str
    props: dict[str, str]

    def key(self, record: Record) -> str:
        """`LTU-POL`: how problems name a record."""
        pair = record.get(self.field)
        return "-".join(map(str, pair)) if isinstance(pair, list) else str(pair)

    def pair_problem(self, record: Record) -> str | None:
        """The pair must be two different keys, in order."""
        pair = record.get(self.field)
        if not isinstance(pair, list) or not all(isinstance(p, str) for p in pair):
            return None  # the field's own check complains
        if len(pair) != 2 or pair[0] >= pair[1]:
            return f"'{self.field}' must be two different sorted codes"
        return None

    def rel_props(self, record: Record) -> Row:
        """The relationship's properties from the record."""
        return {prop: record.get(seed) for prop, seed in self.props.items()}


RELATIONSHIP_FILES: tuple[RelationshipFile, ...] = (
    RelationshipFile(
        "borders",
        "Country",
        "borders",
        "between",
        {"sourceIds": "sources", "note": "note"},
    ),
)


def citing(node_type: NodeType) -> str | None:
    """The seed field listing a record's sources: its link to sources along CITES
    (None for a type that cites nothing, e.g. sources themselves)."""
    for name, link in node_type.links().items():
        if link.path == (out(Rel.CITES),):
            return snake(name)
    return None


def source_kind(model: Model) -> str:
    """The seed kind every citation names."""
    return next(
        t.seeds.file for t in model.types if t.label == Label.SOURCE and t.seeds
    )
