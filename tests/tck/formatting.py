"""A deterministic, lossless layout of compiled Cypher, so snapshots can be read.

The compiler writes one line. `layout` only turns some single spaces into a line
break plus indentation (never inside a quoted name or string), so `flatten` gives
the compiled text back byte for byte: a snapshot pins the exact statement.
"""

from __future__ import annotations

from dataclasses import dataclass

INDENT = "  "
# Maps longer than this (or holding a subquery) get one entry per line.
MAP_WIDTH = 60
CLAUSES = (
    "OPTIONAL MATCH",
    "MATCH",
    "WHERE",
    "WITH",
    "ORDER BY",
    "LIMIT",
    "RETURN",
    "CALL",
    "YIELD",
    "UNWIND",
)
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_QUOTES = "'\"`"


@dataclass
class _Open:
    char: str
    broken: bool  # its contents are laid out over several lines
    block: bool  # a subquery: `COLLECT { MATCH … }`, `EXISTS { … }`
    inner: int = 0  # the indentation of its contents: one more than its line's


def _skip_quoted(text: str, i: int) -> int:
    """The index just past the quoted name or string starting at `i`."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        if text[j] == "\\" and quote != "`":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        j += 1
    raise ValueError(f"unterminated {quote} at {i}")


def _starts_clause(text: str, i: int) -> str | None:
    for clause in CLAUSES:
        end = i + len(clause)
        if text.startswith(clause, i) and (end == len(text) or text[end] in " ("):
            return clause
    return None


def _brackets(text: str) -> dict[int, _Open]:
    """Every opening bracket outside quotes, by index, classified."""
    opened: dict[int, _Open] = {}
    stack: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _QUOTES:
            i = _skip_quoted(text, i)
            continue
        if char in _OPENERS:
            block = (
                char == "{"
                and text[i + 1 : i + 2] == " "
                and bool(_starts_clause(text, i + 2))
            )
            opened[i] = _Open(char, block, block)
            stack.append(i)
        elif char in _OPENERS.values():
            start = stack.pop()
            if _OPENERS[text[start]] != char:
                raise ValueError(f"unbalanced {char} at {i}")
            bracket = opened[start]
            if bracket.char == "{" and not bracket.block:
                inner = (opened[j] for j in opened if start < j < i)
                bracket.broken = i - start > MAP_WIDTH or any(o.block for o in inner)
        i += 1
    if stack:
        raise ValueError("unbalanced brackets")
    return opened


def layout(cypher: str) -> str:
    """The statement over several lines: clauses, subqueries and long maps."""
    if "\n" in cypher or "  " in cypher:
        raise ValueError("layout expects one line with single spaces")
    opened = _brackets(cypher)
    out: list[str] = []
    stack: list[_Open] = []
    line = 0  # the indentation of the line being written
    i = 0
    while i < len(cypher):
        char = cypher[i]
        if char in _QUOTES:
            end = _skip_quoted(cypher, i)
            out.append(cypher[i:end])
            i = end
            continue
        if char in _OPENERS:
            opened[i].inner = line + 1 if opened[i].broken else line
            stack.append(opened[i])
        elif char in _OPENERS.values():
            stack.pop()
        elif char == " ":
            indent = _break(cypher, i, stack[-1] if stack else None)
            if indent is None:
                out.append(" ")
            else:
                out.append("\n" + INDENT * indent)
                line = indent
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _break(text: str, i: int, top: _Open | None) -> int | None:
    """The indentation of the line the space at `i` starts, or None to keep it."""
    if text.endswith("OPTIONAL", 0, i):
        return None
    inner = top.inner if top is not None else 0
    if top is None or top.block:
        if text[i - 1] == "{" or _starts_clause(text, i + 1):
            return inner
        if text[i + 1] == "}":
            return inner - 1
        if text.startswith("AND ", i + 1):
            return inner + 1
    elif top.broken:
        if text[i - 1] == ",":
            return inner
        if text.startswith("WHEN ", i + 1):
            return inner + 1
    return None


def flatten(laid_out: str) -> str:
    """The one-line statement `layout` was given."""
    return " ".join(line.lstrip(" ") for line in laid_out.split("\n"))
