"""Cypher in graph/ names labels and relationship types only through Label/Rel.

The scan reads each module's string literals, including the literal parts of
f-strings but not what they interpolate, so `f"(:`{Label.SOURCE}`)"` passes and
`"(:Source)"` fails. Docstrings are prose and are skipped.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graph.model import Label, Rel

GRAPH = Path(__file__).resolve().parents[2] / "graph"
_NAMES = "|".join(sorted({*map(str, Label), *map(str, Rel)}, key=len, reverse=True))
# A label or type after `:` or `|` (patterns, label expressions), or quoted as a
# value (`labelsOrTypes = ['Curation']`, `type(r) = 'CITES'`).
_LITERAL_NAME = re.compile(rf"(?:[:|]\s*`?|')(?:{_NAMES})(?![\w])")


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string nodes that are docstrings."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
            ):
                found.add(id(body[0].value))
    return found


def literal_names(source: str) -> list[tuple[int, str]]:
    """(line, text) of every label or type spelled out in a string literal."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    hits: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        ):
            hits.extend(
                (node.lineno, match.group())
                for match in _LITERAL_NAME.finditer(node.value)
            )
    return hits


def _modules() -> list[Path]:
    return sorted(GRAPH.rglob("*.py"))


def test_the_scan_covers_the_curation_modules() -> None:
    names = {path.relative_to(GRAPH).as_posix() for path in _modules()}
    assert {"curation/transaction.py", "curation/statements.py"} <= names


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('Q = "MATCH (s:Source {id: $id})"', [":Source"]),
        ('Q = "MERGE (n)-[:`CITES`]->(s)"', [":`CITES"]),
        ('Q = f"MATCH (n:{x}) -[:HAS_EVENT|UNDER]->(m)"', [":HAS_EVENT", "|UNDER"]),
        ("Q = \"WHERE labelsOrTypes = ['Curation']\"", ["'Curation"]),
        ('Q = f"MATCH (s:`{Label.SOURCE}`)-[:`{Rel.CITES}`]->()"', []),
        ('def f():\n    """Writes (:Source) nodes."""', []),
        ('Q = "MATCH (s:Sources)"', []),
    ],
)
def test_the_scan_finds_literal_names_only(source: str, found: list[str]) -> None:
    assert [text for _, text in literal_names(source)] == found


@pytest.mark.parametrize(
    "path", _modules(), ids=lambda path: path.relative_to(GRAPH).as_posix()
)
def test_graph_module_spells_no_label_or_type_literally(path: Path) -> None:
    hits = literal_names(path.read_text(encoding="utf-8"))
    assert not hits, f"{path.name}: use Label/Rel instead of {hits}"
