"""Read and rewrite the Markdown cases: `## title`, then fenced blocks.

A case gives ```graphql, optionally ```json variables, then the expected
```cypher and ```json (the statement's parameters). Prose may sit between the
heading and the first block. TCK_UPDATE=1 rewrites the expected blocks in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
_EXPECTED = ("cypher", "json")


@dataclass
class Block:
    info: str  # the fence's info string: "graphql", "json variables" …
    text: str


@dataclass
class Case:
    path: Path
    title: str
    line: int  # of the heading, for the test id and failure messages
    prose: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def block(self, info: str) -> str | None:
        return next((b.text for b in self.blocks if b.info == info), None)

    @property
    def id(self) -> str:
        return f"{self.path.stem}: {self.title}"


@dataclass
class Document:
    path: Path
    preamble: list[str]
    cases: list[Case]


def read(path: Path) -> Document:
    preamble: list[str] = []
    cases: list[Case] = []
    lines = path.read_text().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            cases.append(Case(path, line[3:].strip(), i + 1))
        elif line.startswith("```"):
            if not cases:
                raise ValueError(f"{path}:{i + 1}: a block before the first case")
            end = lines.index("```", i + 1)
            cases[-1].blocks.append(
                Block(line[3:].strip(), "\n".join(lines[i + 1 : end]))
            )
            i = end
        elif cases and not cases[-1].blocks:
            cases[-1].prose.append(line)
        elif cases and line.strip():
            # A rewrite keeps only the prose above the blocks: refuse to lose any.
            raise ValueError(f"{path}:{i + 1}: prose goes above a case's blocks")
        elif not cases:
            preamble.append(line)
        i += 1
    return Document(path, preamble, cases)


def documents() -> list[Document]:
    return [read(path) for path in sorted(HERE.glob("*.md"))]


def write(document: Document) -> None:
    """The document again, each case's expected blocks as they are now."""
    out = list(document.preamble)
    for case in document.cases:
        out.append(f"## {case.title}")
        out.extend(case.prose)
        inputs = [b for b in case.blocks if b.info not in _EXPECTED]
        expected = [b for b in case.blocks if b.info in _EXPECTED]
        for block in [*inputs, *expected]:
            out.extend([f"```{block.info}", block.text, "```", ""])
    document.path.write_text("\n".join(out).rstrip("\n") + "\n")
