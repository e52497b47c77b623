"""What every resolver of one request can reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from settings import Settings


@dataclass
class Context:
    """Per request: the shared driver and settings, plus a trace of the Cypher it ran."""

    driver: AsyncDriver
    settings: Settings
    debug: bool = False
    # One entry per Cypher statement sent: {"field", "cypher", "params"}.
    trace: list[dict[str, Any]] = field(default_factory=list)
    dataset_version: str | None = None
    # Nodes the request can return at most (resolvers.limits), once estimated.
    cost: int | None = None
