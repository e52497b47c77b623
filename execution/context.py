"""What every resolver of one request can reach."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from execution.credentials import Credentials
from execution.rates import CurationRate
from execution.statistics import Statistics
from execution.subscriptions import Subscriptions
from graph.cypher.plan import Estimate
from settings import Settings


# Slots: nothing else can be hung on a request's context. The answers read before
# graphql-core executes reach it as the root value (execution.operations).
@dataclass(slots=True)
class Context:
    """Per request: the shared driver and settings, the caller, and a trace of its Cypher."""

    driver: AsyncDriver
    settings: Settings
    debug: bool = False
    # The API key the request presented, if any (mutations check it; reads ignore it).
    credentials: Credentials = field(default_factory=Credentials)
    # Bounds concurrent curation writes (one per app, made in the app's lifespan).
    write_gate: asyncio.Semaphore | None = None
    # Each API key's writes per second (one per app, made in the app's lifespan).
    curation_rate: CurationRate | None = None
    # One entry per Cypher statement sent: {"field", "cypher", "params"}.
    trace: list[dict[str, Any]] = field(default_factory=list)
    dataset_version: str | None = None
    # The request's TREATYGRAPH_READS_PER_REQUEST slots (execution.reads.read_slots),
    # made when a second statement may run beside the first.
    reads: asyncio.Semaphore | None = None
    # The process's cost statistics (made in the app's lifespan); None: full pages.
    statistics: Statistics | None = None
    # What the request can return and walk at most (execution.operations).
    cost: Estimate | None = None
    # The process's open subscriptions (made in the app's lifespan); None: none allowed.
    subscriptions: Subscriptions | None = None
