"""What the generic corrections may change, derived from model.nodes' declarations.

A correctable field is a stored, seeded scalar Prop that is not the natural key,
not part of the seed key (a TreatyEvent's kind, a Term's start: changing those
makes another fact), and not deprecated. What a fact concerns (treaties,
countries) follows its links to Treaty and Country nodes.
"""

from __future__ import annotations

from typing import LiteralString

from model.names import Label
from model.nodes import MODEL
from model.vocabulary import NOT_SEEDED, Link, NodeType, Prop, Step, snake

# The facts: every type the seeds hold. The audit log (Curation) is not a fact
# and is never corrected or retracted.
CORRECTABLE: tuple[NodeType, ...] = tuple(t for t in MODEL.types if t.seeded)


def seed_name(name: str, prop: Prop) -> str:
    """How seed files (and a claim's `property`) spell the field."""
    return prop.seed or snake(name)


def correctable(node_type: NodeType) -> dict[str, Prop]:
    """The fields a correction of `node_type` may set, in declaration order."""
    seed_key = set(node_type.seeds.key) if node_type.seeds else set()
    return {
        name: prop
        for name, prop in node_type.props().items()
        if name != node_type.key
        and not prop.valid
        and prop.seed != NOT_SEEDED
        and prop.deprecated is None
        and seed_name(name, prop) not in seed_key
    }


def cites(node_type: NodeType) -> bool:
    """Whether the type's records cite sources (sources themselves do not)."""
    return any(link.target == "Source" for link in node_type.links().values())


def _pattern(steps: tuple[Step, ...], label: str) -> str:
    text = "(n)"
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        node = f"(m:`{label}`)" if last else f"(:`{step.to}`)" if step.to else "()"
        left, right = ("<-", "-") if step.direction == "in" else ("-", "->")
        if step.direction == "any":
            right = "-"
        text += f"{left}[:`{step.rel}`]{right}{node}"
    return text


def _concern_links(node_type: NodeType, target: str) -> list[tuple[Step, ...]]:
    """Paths from the type to `target` nodes: its own links, and one level through
    the recommendations it makes (a statement concerns what they concern)."""
    paths: list[tuple[Step, ...]] = []
    for link in node_type.links().values():
        if link.connection or link.target == node_type.name:
            continue
        if link.target == target:
            paths.append(link.path)
        elif link.target == "Recommendation" and node_type.name != target:
            inner: Link
            for inner in MODEL["Recommendation"].links().values():
                if inner.target == target:
                    paths.append(link.path + inner.path)
    return paths


def concerns_query(node_type: NodeType) -> LiteralString:
    """The treaty slugs and ISO3 codes a node of `node_type` (bound as n) concerns."""

    def listed(target: str, label: str, key: str) -> str:
        if node_type.name == target:
            return f"[n.`{key}`]"
        parts = [
            f"[{_pattern(path, label)} | m.`{key}`]"
            for path in _concern_links(node_type, target)
        ]
        return " + ".join(parts) if parts else "[]"

    return (
        f"MATCH (n:`{node_type.label}` {{`{node_type.key}`: $key}}) "
        f"RETURN {listed('Treaty', Label.TREATY, 'slug')} AS treaties, "
        f"{listed('Country', Label.COUNTRY, 'iso3')} AS countries"
    )
