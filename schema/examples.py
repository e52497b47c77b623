"""The example operations GraphiQL opens with; the integration tests run each one.

Each `schema/examples/NN-name.graphql` holds one operation. Its leading `#` lines say
what it asks; variables, when any, have defaults in the operation itself, so every
example runs as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str  # the file's stem, e.g. "01-nato-states-bordering-russia-…"
    summary: str  # its leading comment, joined into one line
    query: str


@cache
def examples() -> tuple[Example, ...]:
    """The examples in file order; the first is the hero query."""
    found = []
    for path in sorted(EXAMPLES_DIR.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").strip())
        found.append(Example(path.stem, " ".join(comments), text))
    return tuple(found)
