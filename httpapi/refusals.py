"""One coded GraphQL error as a whole HTTP answer, for middleware that refuses a
request before the app sees it (a body too large, a client over its limit)."""

from __future__ import annotations

from starlette.types import Send

import telemetry
from graph.errors import TreatygraphError
from httpapi import encoding


async def refuse(
    send: Send,
    status: int,
    error: TreatygraphError,
    headers: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    """Send `{"errors": [error]}` with `status`; its code is counted like any other."""
    telemetry.record_errors([error.code])
    body = encoding.dumps(
        {"errors": [{"message": str(error), "extensions": error.extensions}]}
    )
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
