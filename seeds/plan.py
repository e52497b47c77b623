"""The load plan from validated records, derived from the model's declarations.

A record becomes one node row: each seeded property under its field name (dates as
dates, enums by name), `searchText` from `Search.text`, and what its rules add. Each
seeded link becomes relationship rows along the link's one step.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from graph.model import (
    PARTY_RULE,
    RETRACTED_BORDER,
    Label,
    Rel,
    node_keys,
    party_interval,
    search_text,
)
from graph.seeding import LoadPlan
from model.nodes import MODEL
from model.vocabulary import Model, NodeType
from seeds.rules import (
    RETRACTED,
    Record,
    RelationshipFile,
    Row,
    Subject,
    citing,
    retracted_props,
)
from seeds.specs import Spec, seed_name, specs
from seeds.validate import Dataset
from seeds.values import graph_value

# Graph properties the loader computes from a record, by type (not model fields).
_COMPUTED: dict[str, dict[str, Callable[[Record], Any]]] = {
    "Source": {"host": lambda record: urlparse(record["url"]).hostname},
}


class Rows:
    """The plan's rows as they are built: nodes by label, relationships by
    (start label, type, end label)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.nodes: dict[str, list[Row]] = defaultdict(list)
        self.rels: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
        self.retracted: dict[str, list[Row]] = defaultdict(list)

    def node(
        self, node_type: NodeType, key: str, props: Row, sources: list[str]
    ) -> None:
        """One node, MERGEd on its key, citing `sources`."""
        row = {"key": key, "props": props, "sources": sources}
        self.nodes[node_type.label].append(row)

    def link(self, node_type: NodeType, name: str, key: str, other: str) -> None:
        """The relationship of the declared link `name` from node `key` to `other`."""
        link = node_type.links()[name]
        (step,) = link.path
        target = self.model[link.target].label
        if step.direction == "out":
            self.rel(node_type.label, step.rel, target, key, other, {})
        elif step.direction == "in":
            self.rel(target, step.rel, node_type.label, other, key, {})
        else:
            raise ValueError(f"{node_type.name}.{name}: a seeded link has a direction")

    def rel(self, start: str, rel: str, end: str, a: str, b: str, props: Row) -> None:
        """One relationship (start label, key a)-[rel]->(end label, key b)."""
        self.rels[(start, rel, end)].append({"start": a, "end": b, "props": props})

    def retract(self, node_type: NodeType, key: str, retracted: Any) -> None:
        """Node `key`, once written and linked, is relabelled Retracted."""
        props = {"retractedLabel": node_type.label, **retracted_props(retracted)}
        self.retracted[node_type.label].append({"key": key, "props": props})


def dataset_version(data: Dataset) -> str:
    """A short hash of every seed file's bytes, stored as the Dataset's `filesHash`.

    Not the version: that is the digest of what the graph holds after the load
    (graph.seeding), so files that load the same graph share it."""
    digest = hashlib.sha256()
    for kind in sorted(data.files):
        for path in data.files[kind]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _node_rows(spec: Spec, node_type: NodeType, record: Record, rows: Rows) -> None:
    key = spec.key(record)
    props: Row = {}
    for name, prop in node_type.props().items():
        seed = seed_name(name, prop)
        if name != node_type.key and seed is not None:
            props[prop.stored or name] = graph_value(prop, record.get(seed))
    search = node_type.search
    if search is not None and search.text:
        props["searchText"] = search_text(*(record.get(f) for f in search.text))
    for name, compute in _COMPUTED.get(node_type.name, {}).items():
        props[name] = compute(record)
    sources = (record.get(spec.cites) or []) if spec.cites else []
    rows.node(node_type, key, props, sources)
    if record.get(RETRACTED):
        rows.retract(node_type, key, record[RETRACTED])
    subject = Subject(node_type, key, record)
    for seed, rule in spec.rules.items():
        props.update(rule.plan(record.get(seed), subject, rows))
    for name, link in node_type.links().items():
        if link.seed is None:
            continue
        value = record.get(link.seed)
        for other in (value or []) if link.many else [value]:
            if other is not None:
                rows.link(node_type, name, key, other)


def _pair_rows(pairs: RelationshipFile, record: Record, rows: Rows) -> None:
    ends = rows.model[pairs.node_type]
    (step,) = ends.links()[pairs.link].path
    a, b = record[pairs.field]
    props = pairs.rel_props(record)
    if record.get(RETRACTED):
        # Kept with who, when and why, as graph.curation.borders retracts one.
        props |= retracted_props(record[RETRACTED])
        rows.rel(ends.label, RETRACTED_BORDER, ends.label, a, b, props)
        return
    rows.rel(ends.label, step.rel, ends.label, a, b, props)


def _party_to(data: Dataset, model: Model, rows: Rows) -> None:
    """PARTY_TO by PARTY_RULE from the treaty events, so `parties(asOf:)` is one
    indexed range check."""
    events = next((t for t in model.types if t.label == Label.TREATY_EVENT), None)
    if events is None or events.seeds is None:
        return
    props, links = events.props(), events.links()
    country, treaty = (links[name].seed or name for name in ("country", "treaty"))
    by_state: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for event in data.records.get(events.seeds.file, []):
        if event.get(RETRACTED):
            continue  # a retracted event counts no more (graph.curation.party)
        kind = graph_value(props["kind"], event["kind"])
        date = graph_value(props["date"], event.get("date"))
        by_state[(event[country], event[treaty])][kind] = date
    for (iso3, slug), kinds in by_state.items():
        interval = party_interval(kinds)
        if interval is not None:
            since, until = interval
            party = {
                "since": since,
                "until": until,
                "derived": True,
                "rule": PARTY_RULE,
            }
            rows.rel(Label.COUNTRY, Rel.PARTY_TO, Label.TREATY, iso3, slug, party)


def build_plan(data: Dataset, model: Model = MODEL) -> LoadPlan:
    """Turn validated records into node, relationship and citation rows."""
    rows = Rows(model)
    for kind, spec in specs(model).items():
        for record in data.records.get(kind, []):
            if spec.node_type is not None:
                _node_rows(spec, spec.node_type, record, rows)
            elif spec.pairs is not None:
                _pair_rows(spec.pairs, record, rows)
    _party_to(data, model, rows)
    cited = {t.label for t in model.types if citing(t) is not None}
    # Order matters only for MATCHes: every node exists before any relationship.
    return LoadPlan(
        nodes=list(rows.nodes.items()),
        rels=[(a, k, b, r) for (a, k, b), r in rows.rels.items()],
        cites=[
            (label, [row for row in r if row["sources"]])
            for label, r in rows.nodes.items()
            if label in cited
        ],
        retracted=list(rows.retracted.items()),
        dataset={"filesHash": dataset_version(data), "partyRule": PARTY_RULE},
        keys=node_keys(model),
        labels=tuple(t.label for t in model.types if t.seeded),
        rel_types=seeded_rels(model),
    )


def seeded_rels(model: Model) -> tuple[str, ...]:
    """Every relationship type of the model's one-step links between seeded types:
    those the loader writes (and removes when the files no longer hold them)."""
    seeded = {t.name for t in model.types if t.seeded}
    rels = {
        str(link.path[0].rel)
        for t in model.types
        for link in t.links().values()
        if len(link.path) == 1 and t.name in seeded and link.target in seeded
    }
    return tuple(sorted(rels))
