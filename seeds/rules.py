"""Seed fields with rules of their own, by the name `Seeds.extra` gives them.

Everything else a seed file holds is derived from the model (seeds/specs.py). These
few fields are nested records or carry several graph properties, so each rule says
how its field is checked, what keys it names and what it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Protocol

from model import claim_values
from model.names import Label, Rel
from model.vocabulary import Model, NodeType, out, snake
from seeds.values import (
    Check,
    as_datetime,
    date,
    graph_value,
    link_check,
    prop_check,
    scalar,
    strings,
    text,
    timestamp,
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

    def retract(self, node_type: NodeType, key: str, retracted: Any) -> None: ...


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


# A type seeded inside its owner's records, keyed `<owner's key>:<n>` by the rule
# that makes it (a statement's `recommendations`): claims and curation records name
# it by that key.
NESTED = {"Recommendation": "Statement"}
# What a recommendation item may carry besides {action, treaty, addressed_to}: a
# correction's own date and sources (else the statement's) and a retraction.
_ITEM_OWN = ("date", "sources", "retracted")


def nested_known(model: Model, type_name: str, key: str, keys: Keys) -> bool:
    """Whether `key` names a nested record of an existing owner."""
    owner = seed_kind(model, NESTED[type_name])
    return key.rsplit(":", 1)[0] in keys[owner]


def _recommendations(model: Model) -> Rule:
    """A statement's `recommendations: [{action, treaty, addressed_to}]`: one
    Recommendation node each, keyed `<statement>:<n>`, dated and sourced as the
    statement is unless the item gives its own `date` or `sources` (a corrected
    one, as `make export` writes it); `retracted` as on any record."""
    made = model["Recommendation"]
    action, date_prop = made.props()["action"], made.props()["date"]
    treaty = made.links()["treaty"]
    action_check = prop_check(action)
    treaty_check = link_check(treaty, model[treaty.target])
    treaties = seed_kind(model, treaty.target)
    countries = seed_kind(model, made.links()["addressedTo"].target)
    cited = source_kind(model)

    def item_check(item: Any) -> bool:
        return (
            isinstance(item, dict)
            and set(item) <= {"action", "treaty", "addressed_to", *_ITEM_OWN}
            and action_check(item.get("action")) is None
            and treaty_check(item.get("treaty")) is None
            and strings(item.get("addressed_to", [])) is None
            and (item.get("date") is None or date(item["date"]) is None)
            and strings(item.get("sources", [])) is None
            and retraction(item.get(RETRACTED)) is None
        )

    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        if all(item_check(item) for item in value):
            return None
        return (
            "items must be {action, treaty, addressed_to: [ISO3…]} and may give "
            "their own date, sources: [id…] and retracted: {at, by, reason}"
        )

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
            sources = item.get("sources")
            for source in sources if isinstance(sources, list) else []:
                if str(source) not in keys[cited]:
                    problems.append(f"recommendation cites unknown source {source!r}")
        return problems

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        record = subject.record
        for index, item in enumerate(value or [], start=1):
            key = f"{subject.key}:{index}"
            own = item.get("date") if "date" in item else record.get("date")
            props = {
                "action": graph_value(action, item["action"]),
                "date": graph_value(date_prop, own),
            }
            sources = item.get("sources", record.get("sources")) or []
            rows.node(made, key, props, sources)
            if item.get(RETRACTED):
                rows.retract(made, key, item[RETRACTED])
            rows.link(made, "statement", key, subject.key)
            rows.link(made, "treaty", key, item["treaty"])
            for iso3 in item.get("addressed_to") or []:
                rows.link(made, "addressedTo", key, iso3)
        return {}

    return Rule(check, refs, plan)


def _claim_subject(model: Model) -> Rule:
    """A claim's `about: {kind, key}`: kinds are the model's claim kinds, and the
    key must exist in that kind's seed file."""
    # A correction's claim about a type with no claim kind (a source) names it by
    # its subject_kind (graph.curation.corrections).
    subjects = {
        t.subject_kind: t
        for t in model.types
        if t.claim_kind is not None
        or (t.seeded and t.seeds is not None)
        or t.name in NESTED
    }
    # A claim about a relationship (a corrected border's prior note) is ABOUT its ends.
    pairs = {
        p.claim_kind: p
        for p in RELATIONSHIP_FILES
        if p.claim_kind is not None and p.node_type in model.by_name
    }
    kinds = sorted([*subjects, *pairs])
    shape = f"must be {{kind: one of {', '.join(kinds)}, key: <key>}}"

    def check(value: Any) -> str | None:
        if kind_of(value) is not None and isinstance(value.get("key"), str):
            return None
        return shape

    def kind_of(value: Any) -> str | None:
        kind = value.get("kind") if isinstance(value, dict) else None
        known = isinstance(kind, str) and (kind in subjects or kind in pairs)
        return kind if known else None

    def refs(value: Any, keys: Keys) -> list[str]:
        if kind_of(value) is None:
            return []
        kind, key = value["kind"], str(value.get("key"))
        if kind in pairs:
            known = key in keys[pairs[kind].file]
        elif subjects[kind].name in NESTED:
            known = nested_known(model, subjects[kind].name, key, keys)
        else:
            known = key in keys[seed_kind(model, subjects[kind].name)]
        if known:
            return []
        return [f"'about' names unknown {kind} {key!r}"]

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        label = subject.node_type.label
        if value["kind"] in pairs:
            about_pair = pairs[value["kind"]]
            ends = model[about_pair.node_type].label
            return _about_pair(about_pair, ends, value, subject, rows)
        about = subjects[value["kind"]]
        rows.rel(label, Rel.ABOUT, about.label, subject.key, value["key"], {})
        return {
            "subjectKind": value["kind"],
            "subjectType": about.name,
            "subjectKey": value["key"],
            "field": api_field(about, str(subject.record.get("property"))),
        }

    def listed(kind: str, field: str) -> bool:
        if kind in pairs:
            return False
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


def _about_pair(
    pairs: RelationshipFile, label: str, value: Any, subject: Subject, rows: Out
) -> Row:
    """A claim about one relationship of a relationship file: ABOUT both its ends
    (nodes of `label`), its field the relationship property the record names."""
    for end in pairs.ends(value["key"]):
        rows.rel(subject.node_type.label, Rel.ABOUT, label, subject.key, end, {})
    return {
        "subjectKind": value["kind"],
        "subjectType": pairs.subject_type,
        "subjectKey": value["key"],
        "field": subject.record.get("property"),
    }


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
    """A claim's `value`: any scalar, or a list of texts (a corrected list field's
    prior value), stored as model.claim_values encodes it."""

    def check(value: Any) -> str | None:
        if scalar(value) is None or strings(value) is None:
            return None
        return "must be a scalar or a list of strings"

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        return claim_values.props(value)

    return Rule(check, plan=plan)


def _request_hash(model: Model) -> Rule:
    """A curation record's `request_hash`: what a replay of its key must match."""

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        return {"requestHash": value}

    return Rule(text, plan=plan, required=True)


def _wrote(model: Model) -> Rule:
    """A curation record's `wrote: [{type, key}]`: what it created or changed (its
    WROTE links), each by GraphQL type and key; a retracted record by its own type.
    A NESTED type (a recommendation) is keyed `<owner's key>:<n>`."""
    types = {t.name: t for t in model.types if t.seeded}
    shape = f"must be a list of {{type: one of {', '.join(types)}, key: <key>}}"

    def check(value: Any) -> str | None:
        ok = isinstance(value, list) and all(
            isinstance(item, dict)
            and set(item) == {"type", "key"}
            and item["type"] in types
            and isinstance(item["key"], str)
            for item in value
        )
        return None if ok else shape

    def refs(value: Any, keys: Keys) -> list[str]:
        problems = []
        for item in value if check(value) is None else []:
            target = types[item["type"]]
            key = str(item["key"])
            if target.name in NESTED:
                known = nested_known(model, target.name, key, keys)
            else:
                known = key in keys[seed_kind(model, target.name)]
            if not known:
                problems.append(f"'wrote' names unknown {target.name} {key!r}")
        return problems

    def plan(value: Any, subject: Subject, rows: Out) -> Row:
        label = subject.node_type.label
        for item in value or []:
            target = types[item["type"]].label
            rows.rel(label, Rel.WROTE, target, subject.key, item["key"], {})
        return {}

    return Rule(check, refs, plan)


RULES: dict[str, Callable[[Model], Rule]] = {
    "derivation": _derivation,
    "recommendations": _recommendations,
    "claim-subject": _claim_subject,
    "claim-value": _claim_value,
    "request-hash": _request_hash,
    "wrote": _wrote,
}

# The field every fact's record may carry: a curator retracted it (who, when, why).
RETRACTED = "retracted"
RETRACTION_FIELDS = ("at", "by", "reason")


def retraction(value: Any) -> str | None:
    """A record's `retracted: {at, by, reason}`: a curator hid it (soft retraction),
    when (a quoted ISO date-time with offset), who and why."""
    if value is None:
        return None
    if (
        isinstance(value, dict)
        and set(value) <= set(RETRACTION_FIELDS)
        and timestamp(value.get("at")) is None
        and text(value.get("by")) is None
        and (value.get("reason") is None or text(value.get("reason")) is None)
    ):
        return None
    return "must be {at: '<ISO date-time with offset>', by: <text>, reason: <text>}"


def retracted_props(value: Any) -> Row:
    """The graph properties a retraction adds (graph.curation.corrections)."""
    return {
        "retractedAt": as_datetime(value.get("at")),
        "retractedBy": value.get("by"),
        "retractedReason": value.get("reason"),
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
    # What claims about one of these call it (`about: {kind: border, key: LTU-POL}`),
    # and the type name they store (graph.curation.borders).
    claim_kind: str | None = None
    subject_type: str | None = None

    def key(self, record: Record) -> str:
        """`LTU-POL`: how problems name a record."""
        pair = record.get(self.field)
        return "-".join(map(str, pair)) if isinstance(pair, list) else str(pair)

    def ends(self, key: str) -> list[str]:
        """The two keys of `LTU-POL`."""
        return key.split("-")

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
        claim_kind="border",
        subject_type="Border",
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
