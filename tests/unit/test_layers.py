"""Each application module imports only from its own layer and the layers below it.

LAYERS lists them bottom to top; a module belongs to the row with the longest
prefix of its dotted name, so a row may name a package or single modules of one.
server.py, the composition root, may import anything and is not listed; bench/ and
tests/ are not application code.
"""

from __future__ import annotations

import ast
from pathlib import Path

from settings import REPO_ROOT

LAYERS: list[tuple[str, ...]] = [
    ("settings",),
    ("model",),
    ("graph",),
    ("seeds",),
    ("telemetry",),
    ("execution",),
    # The schema's types (generated from the model, and the hand-written ones the
    # resolvers return): declared before anything resolves.
    ("schema",),
    ("resolvers",),
    # The schema assembled from its types and resolvers.
    ("schema.root", "schema.install", "schema.app"),
    ("web",),
    ("httpapi",),
]


def layer_of(module: str) -> int | None:
    """The row of the longest prefix of `module` (by dotted parts), or None."""
    best: tuple[int, int] | None = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                length = prefix.count(".") + 1
                if best is None or length > best[0]:
                    best = (length, rank)
    return None if best is None else best[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> set[str]:
    """Every module an `import` names, wherever it stands (functions included); for
    `from a import b`, `a.b` too, in case `b` is a module of its own row."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def application_modules() -> list[Path]:
    tops = {prefix.split(".")[0] for row in LAYERS for prefix in row}
    paths: list[Path] = []
    for top in sorted(tops):
        if (REPO_ROOT / f"{top}.py").exists():
            paths.append(REPO_ROOT / f"{top}.py")
        paths.extend(sorted((REPO_ROOT / top).rglob("*.py")))
    return paths


def test_the_table_covers_every_package_of_the_repository() -> None:
    listed = {prefix.split(".")[0] for row in LAYERS for prefix in row}
    packages = {
        path.parent.name
        for path in REPO_ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }
    assert packages <= listed, f"add {sorted(packages - listed)} to LAYERS"


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    wrong: list[str] = []
    for path in application_modules():
        module = module_name(path)
        own = layer_of(module)
        assert own is not None, module
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in sorted(imported(tree)):
            target = layer_of(name)
            if target is not None and target > own:
                wrong.append(f"{module} imports {name} ({LAYERS[target][0]} is above)")
    assert not wrong, "\n".join(wrong)


def test_a_module_belongs_to_its_longest_prefix() -> None:
    ranks = [
        layer_of(m) for m in ("schema.objects", "resolvers.compiled", "schema.root")
    ]
    assert None not in ranks
    assert ranks == sorted(set(ranks)), ranks  # three rows, in this order
    assert layer_of("schema") == layer_of("schema.objects")
    assert layer_of("strawberry.schema") is None
