"""TREATYGRAPH_CURATION_RATE writes/s per API key, with bursts of up to
TREATYGRAPH_CURATION_BURST: a token bucket per key name.

The buckets are per process: with N API processes a key may write N x the rate.
A refusal is RATE_LIMITED with `retryAfter`, the seconds until the next token.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from graph.errors import RateLimited


class CurationRate:
    """One bucket per key name; a full bucket is forgotten, so the table holds
    only keys that wrote in the last burst / rate seconds."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}  # name: (tokens, at)

    def take(self, name: str) -> None:
        """Spend one write of `name`'s, or raise RATE_LIMITED."""
        now = self.clock()
        tokens, at = self.buckets.get(name, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - at) * self.rate)
        if tokens < 1:
            self.buckets[name] = (tokens, now)
            raise RateLimited(
                f"The API key '{name}' may write {self.rate:g} times a second "
                f"(bursts of {self.burst}; TREATYGRAPH_CURATION_RATE); retry later.",
                limit="curationRate",
                max=self.rate,
                retryAfter=math.ceil((1 - tokens) / self.rate),
            )
        self.buckets[name] = (tokens - 1, now)
        self._forget(now)

    def _forget(self, now: float) -> None:
        if len(self.buckets) > 1024:  # the full ones: they start full anyway
            full = self.burst / self.rate
            for key in [k for k, (_, at) in self.buckets.items() if now - at > full]:
                del self.buckets[key]
