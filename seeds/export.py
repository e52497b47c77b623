"""`make export`: write the curated state back into seed files, so that the seed
files alone give the same graph after `make seed SEED_ARGS=--reset`.

The reverse of seeds/plan.py, derived from the same declarations: every node a
curation record WROTE becomes one record of its kind (every seeded property under
its seed name, every seeded link as the target's keys, its sources, what the
`Seeds.extra` rules read, reversed in `_EXTRA`, and `retracted: {at, by, reason}`
when retracted); a curated recommendation exports its statement; every curation
record becomes a `curations` record (what it WROTE and CITES, its `at` to the
nanosecond), and each border a curation names a `borders` record.

Records go to the overlay files seeds/validate.py lays over the base files by key:
`<kind>/curated.yaml` for folder kinds (claims, sources), `curated/<kind>.yaml`
otherwise; the base files and their comments stay as they are. Each run rewrites
the overlays from the graph alone, sorted by key, so exporting an unchanged graph
again changes no byte.

`python -m seeds.export [--into DIR]` (DIR defaults to seeds/data).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from neo4j import Driver, GraphDatabase

from graph import exporting
from graph.exporting import Node
from graph.model import RETRACTED_BORDER, Label, Rel, node_keys
from model import claim_values
from model.enums import seed_spelling
from model.nodes import MODEL
from model.vocabulary import Model, Prop
from seeds.rules import RELATIONSHIP_FILES, RETRACTED, RETRACTION_FIELDS, Record, citing
from seeds.specs import Spec, seed_name, specs
from seeds.validate import DATA_DIR, OVERLAY, overlay_path
from settings import Settings, SettingsError

HEADER = (
    "# Written by `make export` (seeds/export.py) from the curated graph; commit it.\n"
    "# seeds/validate.py lays these records over the base files' by key.\n"
)


class ExportError(RuntimeError):
    """The graph cannot be exported (it was never loaded)."""


def seed_value(prop: Prop, value: Any) -> Any:
    """The reverse of seeds.values.graph_value: None for what a record may omit."""
    if value is None or value == []:
        return None
    if prop.enum is not None:
        return seed_spelling(prop.enum[str(value)], prop.seed_separator)
    if prop.kind == "datetime":
        return str(value.iso_format())  # to the nanosecond, quoted by YAML
    if hasattr(value, "to_native"):
        return value.to_native()  # a neo4j Date: a YAML date
    return value


def _linked(node: Node, rel: str, direction: str, label: str) -> list[str]:
    found = (
        key
        for r, d, lab, key in node["links"]
        if (r, d, lab) == (rel, direction, label)
    )
    return sorted(str(k) for k in found)


Extra = Callable[[Node, Model, dict[str, Node]], Any]


def _derivation(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    props = node["props"]
    if not props.get("derived"):
        return None
    derived = {"rule": props.get("derivationRule"), "from": props.get("derivedFrom")}
    return {k: v for k, v in derived.items() if v is not None}


def _recommendations(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    made = model["Recommendation"]
    action, date = made.props()["action"], made.props()["date"]
    keys = _linked(node, Rel.MAKES, "out", made.label)
    items = []
    # Keyed `<statement>:<n>`: the list's order is the index's.
    for key in sorted(keys, key=lambda k: int(k.rsplit(":", 1)[1])):
        rec = nested[key]
        item: Record = {"action": seed_value(action, rec["props"].get("action"))}
        (item["treaty"],) = _linked(rec, Rel.CONCERNS, "out", Label.TREATY)
        addressed = _linked(rec, Rel.ADDRESSED_TO, "out", Label.COUNTRY)
        if addressed:
            item["addressed_to"] = addressed
        # A correction's own date and sources, where they differ from the statement's.
        own = rec["props"].get("date")
        if own != node["props"].get("date"):
            item["date"] = seed_value(date, own)
        sources = _linked(rec, Rel.CITES, "out", Label.SOURCE)
        if sources != _linked(node, Rel.CITES, "out", Label.SOURCE):
            item["sources"] = sources
        if rec["retracted"]:
            item[RETRACTED] = _retracted(rec["props"])
        items.append(item)
    return items or None


def _claim_subject(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    props = node["props"]
    return {"kind": props["subjectKind"], "key": props["subjectKey"]}


def _claim_value(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    props = node["props"]
    return claim_values.decode(props.get("value"), props.get("valueType"))


def _request_hash(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    return node["props"].get("requestHash")


def _wrote(node: Node, model: Model, nested: dict[str, Node]) -> Any:
    names = {t.label: t.name for t in model.types}
    found = {
        (names[label], str(key))
        for rel, direction, label, key in node["links"]
        if (rel, direction) == (Rel.WROTE, "out") and label in names
    }
    return [{"type": name, "key": key} for name, key in sorted(found)] or None


# The reverse of each seeds.rules.RULES entry, by the same name.
_EXTRA: dict[str, Extra] = {
    "derivation": _derivation,
    "recommendations": _recommendations,
    "claim-subject": _claim_subject,
    "claim-value": _claim_value,
    "request-hash": _request_hash,
    "wrote": _wrote,
}


def _retracted(props: dict[str, Any]) -> Record:
    """`retracted: {at, by, reason}` from the retraction's properties."""
    values = {
        "at": props["retractedAt"].iso_format(),
        "by": props.get("retractedBy"),
        "reason": props.get("retractedReason"),
    }
    return {k: values[k] for k in RETRACTION_FIELDS if values[k] is not None}


def record(node: Node, spec: Spec, model: Model, nested: dict[str, Node]) -> Record:
    """One seed record from a node, its fields in the spec's (declaration) order."""
    node_type = spec.node_type
    assert node_type is not None
    assert node_type.seeds is not None
    props = node["props"]
    values: Record = {}
    for name, prop in node_type.props().items():
        seed = seed_name(name, prop)
        if seed is not None:
            values[seed] = seed_value(prop, props.get(prop.stored or name))
    for link in node_type.links().values():
        if link.seed is None:
            continue
        (step,) = link.path
        keys = _linked(node, step.rel, step.direction, model[link.target].label)
        values[link.seed] = keys if link.many else (keys[0] if keys else None)
    for seed, rule in node_type.seeds.extra.items():
        values[seed] = _EXTRA[rule](node, model, nested)
    cites = citing(node_type)
    if cites is not None:
        values[cites] = _linked(node, Rel.CITES, "out", Label.SOURCE)
    if node["retracted"]:
        values[RETRACTED] = _retracted(props)
    # A field records must give stays, null or not (a vote's unknown `date: null`).
    return {
        f: values.get(f)
        for f, given in spec.fields.items()
        if given.required or values.get(f) not in (None, [])
    }


def _nested(driver: Driver, db: str, nodes: list[Node], model: Model) -> list[Node]:
    """A curated recommendation exports as its statement's record (seeds nest
    them): the statements to add, and every recommendation those statements make."""
    keys = node_keys(model)
    made = model["Recommendation"].label
    owner = model["Statement"].label
    have = {(n["label"], str(n["props"][keys[n["label"]]])) for n in nodes}
    wanted = {
        (owner, key)
        for n in nodes
        if n["label"] == made
        for key in _linked(n, Rel.MAKES, "in", owner)
    }
    nodes = nodes + exporting.by_key(driver, db, sorted(wanted - have), keys)
    recs = {
        (made, key)
        for n in nodes
        if n["label"] == owner
        for key in _linked(n, Rel.MAKES, "out", made)
    }
    return nodes + exporting.by_key(driver, db, sorted(recs), keys)


def _border(row: Node) -> Record:
    props = row["props"]
    found: Record = {"between": sorted(row["pair"])}
    if props.get("sourceIds"):
        found["sources"] = list(props["sourceIds"])
    if props.get("note") is not None:
        found["note"] = props["note"]
    if row["type"] == RETRACTED_BORDER:
        found[RETRACTED] = _retracted(props)
    return found


def collect(settings: Settings, model: Model = MODEL) -> dict[str, list[Record]]:
    """The curated records by seed kind, each kind's sorted by key."""
    kinds: dict[str, tuple[str, Spec]] = {
        s.node_type.label: (k, s) for k, s in specs(model).items() if s.node_type
    }
    keys = node_keys(model)
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    db = settings.neo4j_database
    with GraphDatabase.driver(settings.bolt_uri, auth=auth) as driver:
        if not exporting.loaded(driver, db):
            raise ExportError(
                f"{settings.bolt_uri} was never loaded (no Dataset node): exporting "
                "it would empty the curated seed files; run `make seed` first."
            )
        nodes = _nested(driver, db, exporting.curated(driver, db, keys), model)
        nodes += exporting.curations(driver, db, keys)
        borders = [
            (pairs.file, exporting.curated_borders(driver, db, pairs.subject_type))
            for pairs in RELATIONSHIP_FILES
            if pairs.subject_type is not None and pairs.node_type in model.by_name
        ]
    nested = {str(n["props"][keys[n["label"]]]): n for n in nodes}
    found: dict[str, dict[str, Record]] = {}
    for node in nodes:
        if node["label"] not in kinds:
            continue  # a recommendation: in its statement's record
        kind, spec = kinds[node["label"]]
        made = record(node, spec, model, nested)
        found.setdefault(kind, {})[spec.key(made)] = made
    for kind, rows in borders:
        for row in rows:
            made = _border(row)
            found.setdefault(kind, {})[specs(model)[kind].key(made)] = made
    return {kind: [made[k] for k in sorted(made)] for kind, made in found.items()}


def _dump(records: list[Record]) -> str:
    body = yaml.safe_dump(
        records, sort_keys=False, allow_unicode=True, width=88, default_flow_style=None
    )
    return HEADER + body


def write(
    found: dict[str, list[Record]], data_dir: Path, model: Model = MODEL
) -> list[Path]:
    """Rewrite every kind's overlay file from `found` (removing those of kinds with
    nothing curated); returns the files written."""
    written = []
    for kind in specs(model):
        path = overlay_path(data_dir, kind)
        if not found.get(kind):
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _dump(found[kind])
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    folder = data_dir / OVERLAY
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return written


def main(argv: list[str] | None = None) -> int:
    """CLI: export into seeds/data (or --into DIR), listing the files written."""
    parser = argparse.ArgumentParser(prog="python -m seeds.export")
    parser.add_argument("--into", type=Path, default=DATA_DIR, help="seed data folder")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        began = time.monotonic()
        found = collect(settings)
    except (SettingsError, ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    paths = write(found, args.into)
    total = sum(len(r) for r in found.values())
    print(f"Exported {total} curated records in {time.monotonic() - began:.2f} s:")
    for path in paths:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
