"""Check every seed file against the model (seeds/FORMAT.md) before anything is written.

All problems are collected, each naming file, record and field, so one run shows
everything that needs fixing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.nodes import MODEL
from model.vocabulary import Model
from seeds.reading import read_records, unconstructed
from seeds.rules import Keys, Record
from seeds.specs import Spec, specs

DATA_DIR = Path(__file__).resolve().parent / "data"

Where = tuple[str, int]  # file label, record number


@dataclass
class Dataset:
    """Every record of every kind, read and checked; `problems` empty means loadable."""

    records: dict[str, list[Record]]
    files: dict[str, list[Path]]
    problems: list[str]


# `make export` (seeds/export.py) writes curated records to `<kind>/curated.yaml`
# (folder kinds) or `curated/<kind>.yaml`: read last, each replaces the base record
# with its key.
OVERLAY = "curated"


def overlay_path(data_dir: Path, kind: str) -> Path:
    """Where the curated records of `kind` live."""
    if (data_dir / kind).is_dir():
        return data_dir / kind / f"{OVERLAY}.yaml"
    return data_dir / OVERLAY / f"{kind}.yaml"


def _files_for(data_dir: Path, kind: str) -> list[Path]:
    folder = data_dir / kind
    overlay = overlay_path(data_dir, kind)
    if folder.is_dir():
        found = [p for p in sorted(folder.glob("*.yaml")) if p != overlay]
    else:
        single = data_dir / f"{kind}.yaml"
        found = [single] if single.exists() else []
    return [*found, overlay] if overlay.exists() else found


def _overlaid(
    spec: Spec, records: list[Record], where: list[Where], overlay: str
) -> None:
    """Drop each base record the overlay file (label `overlay`) replaces by key;
    duplicates within the base files, or within the overlay, stay for the
    uniqueness check to name."""
    over = {spec.key(r) for r, w in zip(records, where, strict=True) if w[0] == overlay}
    kept = [
        i
        for i, (r, w) in enumerate(zip(records, where, strict=True))
        if w[0] == overlay or spec.key(r) not in over
    ]
    records[:] = [records[i] for i in kept]
    where[:] = [where[i] for i in kept]


def _label(path: Path, data_dir: Path) -> str:
    try:
        return str(path.relative_to(data_dir.parent.parent))
    except ValueError:
        return str(path)


def read_dataset(data_dir: Path = DATA_DIR, model: Model = MODEL) -> Dataset:
    """Read every file the model seeds and check every record; never raises for bad data."""
    kinds = specs(model)
    records: dict[str, list[Record]] = {}
    files: dict[str, list[Path]] = {}
    problems: list[str] = []
    where: dict[str, list[Where]] = {}
    for kind, spec in kinds.items():
        records[kind], where[kind] = [], []
        files[kind] = _files_for(data_dir, kind)
        if not files[kind] and spec.required_file:
            label = _label(data_dir / f"{kind}.yaml", data_dir)
            problems.append(f"{label}: missing file")
        for path in files[kind]:
            label = _label(path, data_dir)
            for index, record in enumerate(
                read_records(path, label, problems), start=1
            ):
                if not isinstance(record, dict):
                    problems.append(f"{label}: record {index}: must be a mapping")
                    continue
                name = f"{label}: record {index} ({spec.key(record)})"
                problems.extend(_check_record(spec, record, name))
                records[kind].append(record)
                where[kind].append((label, index))
        _overlaid(
            spec,
            records[kind],
            where[kind],
            _label(overlay_path(data_dir, kind), data_dir),
        )
    keys = {kind: {spec.key(r) for r in records[kind]} for kind, spec in kinds.items()}
    for kind, spec in kinds.items():
        problems.extend(_check_unique(spec, records[kind], where[kind]))
    for kind, spec in kinds.items():
        problems.extend(_check_refs(spec, records[kind], where[kind], keys))
        problems.extend(_check_conflicts(spec, records[kind], where[kind]))
    return Dataset(records, files, problems)


def _check_record(spec: Spec, record: Record, name: str) -> list[str]:
    problems = []
    if spec.cites is not None and spec.sourced and not record.get(spec.cites):
        problems.append(f"{name}: '{spec.cites}' must list at least one source id")
    # A scalar YAML could not construct gets that complaint and no other check.
    bad = {key: found for key in record if (found := unconstructed(record[key]))}
    problems.extend(
        f"{name}: '{key}' {found.complaint()}" for key, found in bad.items()
    )
    checked = set(record) - set(bad)
    for key, required in spec.fields.items():
        if not required.required:
            continue
        if key not in record:
            problems.append(f"{name}: missing '{key}'")
        elif key in checked and (complaint := required.check(record[key])):
            problems.append(f"{name}: '{key}' {complaint}")
    for key, value in record.items():
        if (given := spec.fields.get(key)) is None:
            problems.append(f"{name}: unknown field '{key}'")
        elif given.required or key not in checked:
            continue
        elif (complaint := given.check(value)) is not None:
            problems.append(f"{name}: '{key}' {complaint}")
    return problems


def _check_unique(spec: Spec, records: list[Record], where: list[Where]) -> list[str]:
    """Keys unique in their kind, and the type's other unique fields (a source's url)."""
    problems = []
    seen: dict[str, Where] = {}
    for record, (label, index) in zip(records, where, strict=True):
        key = spec.key(record)
        if key in seen:
            first = seen[key]
            problems.append(
                f"{label}: record {index} ({key}): duplicate key, "
                f"first at {first[0]} record {first[1]}"
            )
        seen[key] = (label, index)
        if spec.pairs is not None and (problem := spec.pairs.pair_problem(record)):
            problems.append(f"{label}: record {index}: {problem}")
    for unique in spec.unique:
        owner = spec.node_type.name.lower() if spec.node_type else spec.kind
        prop = spec.node_type.props().get(unique) if spec.node_type else None
        canonical = prop.canonical if prop is not None else None
        used: dict[object, str] = {}
        for record, (label, index) in zip(records, where, strict=True):
            value = record.get(unique)
            if not isinstance(value, str | int):
                continue
            # Compared as stored: two spellings of one URL are one source.
            if canonical is not None and isinstance(value, str):
                value = canonical(value)
            if value in used:
                same = "" if value == record.get(unique) else f" (as {value})"
                problems.append(
                    f"{label}: record {index} ({spec.key(record)}): '{unique}'{same} "
                    f"already used by {owner} {used[value]}"
                )
            used[value] = spec.key(record)
    return problems


def _check_refs(
    spec: Spec, records: list[Record], where: list[Where], keys: Keys
) -> list[str]:
    """Every key a record names exists in its kind."""
    problems = []
    named = {key: field.names for key, field in spec.fields.items() if field.names}
    for record, (label, index) in zip(records, where, strict=True):
        name = f"{label}: record {index} ({spec.key(record)})"
        for key, target in named.items():
            value = record.get(key)
            for item in value if isinstance(value, list) else [value]:
                if item is not None and str(item) not in keys[target]:
                    problems.append(
                        f"{name}: '{key}' names unknown {target} key {item!r}"
                    )
        for key, rule in spec.rules.items():
            for problem in rule.refs(record.get(key), keys):
                problems.append(f"{name}: {problem}")
    return problems


def _check_conflicts(
    spec: Spec, records: list[Record], where: list[Where]
) -> list[str]:
    """Records a rule says may not coexist (two kept claims on one field), both named."""
    problems = []
    for key, rule in spec.rules.items():
        if rule.slot is None:
            continue
        taken: dict[object, tuple[Where, str]] = {}
        for record, (label, index) in zip(records, where, strict=True):
            slot = rule.slot(record.get(key), record)
            if slot is None:
                continue
            if slot in taken:
                (first, first_index), first_key = taken[slot]
                problems.append(
                    f"{label}: record {index} ({spec.key(record)}): {rule.conflict}, "
                    f"as {first} record {first_index} ({first_key})"
                )
            else:
                taken[slot] = ((label, index), spec.key(record))
    return problems
