"""Read one seed file's records without ever raising for bad data.

PyYAML's SafeLoader turns an unquoted `2025-13-45` into a timestamp and fails while
constructing it, with no file or record named. Here such a scalar becomes an
`Unconstructed` value, so the record check names file, record and field; anything
else the file cannot give is one problem line naming the file (and line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Unconstructed:
    """A scalar YAML resolved to a type it cannot build (a timestamp like 2025-02-30)."""

    text: str
    line: int
    reason: str

    def __str__(self) -> str:
        return self.text

    def complaint(self) -> str:
        """What the record check says after the field's name."""
        return f"{self.text!r} (line {self.line}) is not a valid date: {self.reason}"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose timestamps that fail to construct stay as `Unconstructed`."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as error:
        return Unconstructed(str(node.value), node.start_mark.line + 1, str(error))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def unconstructed(value: Any) -> Unconstructed | None:
    """The first scalar in `value` (nested lists and mappings too) that failed."""
    if isinstance(value, Unconstructed):
        return value
    items = value.values() if isinstance(value, dict) else value
    if isinstance(items, list) or isinstance(value, dict):
        for item in items:
            if (found := unconstructed(item)) is not None:
                return found
    return None


def _where(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    return "" if mark is None else f"line {mark.line + 1}: "


def read_records(path: Path, label: str, problems: list[str]) -> list[object]:
    """The file's records; a file that cannot be read adds a problem instead."""
    try:
        # _Loader is a SafeLoader: it builds plain data only.
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or error
        problems.append(f"{label}: not valid YAML: {_where(error)}{problem}")
        return []
    except UnicodeDecodeError as error:
        problems.append(f"{label}: not UTF-8 text (byte {error.start}: {error.reason})")
        return []
    except (ValueError, TypeError, OverflowError) as error:
        # A value of another type that fails to construct; the record is unknown.
        problems.append(f"{label}: not valid YAML: {error}")
        return []
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        problems.append(f"{label}: must be a list of records")
        return []
    return loaded
