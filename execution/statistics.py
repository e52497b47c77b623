"""This process's copy of the cost statistics (graph.statistics), kept fresh.

Read in the app's lifespan; read again at once after a curation write in this
process, soon after a read answers with a dataset version other than theirs (a
reload), and otherwise every REFRESH_SECONDS. N stateless processes each read the
~90 small Statistic nodes every 10 s (N/10 reads a second, about 1 ms each), and
see a write made through another process within 10 s: until then they may bound a
relation one write grew by its old fan-out (a write adds a handful of links).
Until a read finds them the estimate counts full pages (never less), and each
request reads them again first (one shared read, ~1 ms): a process that started,
or refreshed, while a reset had emptied the graph would otherwise refuse answers
by full-page bounds for up to 10 s after the load ended. A graph loaded without
them has them computed (not stored) by each process instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Mapping

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

from graph import statistics

log = logging.getLogger("treatygraph")

REFRESH_SECONDS = 10.0


class Statistics:
    """The statistics one process estimates with; `current` None until known."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.current: Mapping[str, int] | None = None
        self.version: str | None = None
        self.read_at = 0.0
        self._pending: asyncio.Task[None] | None = None

    async def refresh(self) -> None:
        """Read them now; keep what was known when Neo4j does not answer."""
        try:
            facts, version = await statistics.read(self.driver, self.database)
            if not facts and version is not None:
                # Loaded by a loader that did not store them: compute them here.
                facts = await statistics.compute(self.driver, self.database)
        except (Neo4jError, DriverError) as error:
            log.warning("cost statistics not read (%s); keeping the last known", error)
            return
        self.current = facts or None
        self.version = version
        self.read_at = time.monotonic()

    def seen(self, version: str | None) -> None:
        """A read answered for `version`: another than theirs means a reload."""
        if version is None or version == self.version:
            return
        self._refresh_once()

    async def known(self) -> Mapping[str, int] | None:
        """`current`, read again first while unknown (concurrent requests share
        the one read)."""
        if self.current is None:
            await asyncio.shield(self._refresh_once())
        return self.current

    def _refresh_once(self) -> asyncio.Task[None]:
        if self._pending is None or self._pending.done():
            self._pending = asyncio.get_running_loop().create_task(self.refresh())
        return self._pending


@contextlib.asynccontextmanager
async def kept_fresh(
    driver: AsyncDriver, database: str, every: float = REFRESH_SECONDS
) -> AsyncIterator[Statistics]:
    """Statistics read now and again every `every` seconds while the block runs."""
    stats = Statistics(driver, database)
    await stats.refresh()

    async def loop() -> None:
        while True:
            await asyncio.sleep(every)
            await stats.refresh()

    task = asyncio.get_running_loop().create_task(loop())
    try:
        yield stats
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
