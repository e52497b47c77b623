"""The open `changes` subscriptions of this process, at most TREATYGRAPH_MAX_SUBSCRIPTIONS.

Per-process state (each API process counts its own; docs/scale-out.md): every open
subscription costs one read of Neo4j per poll, so the cap bounds that load.
"""

from __future__ import annotations

from graph.errors import LimitExceeded


class Slot:
    """One subscription's place; releasing it twice frees it once."""

    def __init__(self, gauge: Subscriptions) -> None:
        self.gauge = gauge
        self.held = True

    def release(self) -> None:
        if self.held:
            self.held = False
            self.gauge.open -= 1


class Subscriptions:
    """Counts open subscriptions (one event loop per process: no lock needed)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0

    def take(self) -> Slot:
        """A slot, or LIMIT_EXCEEDED (`limit: subscriptions`) when all are taken."""
        if self.open >= self.limit:
            raise LimitExceeded(
                f"This server process has {self.open} open subscriptions, the most "
                f"allowed (TREATYGRAPH_MAX_SUBSCRIPTIONS={self.limit}); retry later.",
                limit="subscriptions",
                max=self.limit,
            )
        self.open += 1
        return Slot(self)
