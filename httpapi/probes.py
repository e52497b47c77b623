"""Operations endpoints: liveness, readiness (Neo4j answers, data loaded), metrics."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import telemetry
from graph import driver as db
from graph import queries
from graph.errors import TreatygraphError


async def healthz(request: Request) -> Response:
    """The process is up (says nothing about Neo4j)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Neo4j answers and the dataset is loaded."""
    try:
        rows = await db.read(
            request.state.driver, request.state.settings, queries.DATASET, {}
        )
    except TreatygraphError as error:
        return JSONResponse(
            {"status": "unavailable", "code": error.code}, status_code=503
        )
    version = rows[0]["version"] if rows else None
    if version is None:
        return JSONResponse({"status": "not seeded", "database": "ok"}, status_code=503)
    return JSONResponse(
        {"status": "ready", "database": "ok", "datasetVersion": version}
    )


async def metrics(request: Request) -> Response:
    """Prometheus text format; with PROMETHEUS_MULTIPROC_DIR, summed over workers."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(telemetry.REGISTRY), media_type=CONTENT_TYPE_LATEST)
