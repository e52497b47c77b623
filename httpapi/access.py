"""Request telemetry at the HTTP edge: a request id in and out, and one access line.

It also adds the security headers every response carries (httpapi.headers): it
already touches every response start, so they cost no middleware of their own.

Pure ASGI middleware (not Starlette's BaseHTTPMiddleware), so the request info
telemetry.enter_request makes current is the one the GraphQL layer below writes into.
"""

from __future__ import annotations

import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

import telemetry
from httpapi.headers import EVERY_RESPONSE

# Paths reported under their own label; anything else is `/static` or `other`.
_ROUTES = {"/", "/graphql", "/healthz", "/readyz", "/metrics", "/geo/countries.geojson"}
_REQUEST_ID = re.compile(r"[A-Za-z0-9._\-]{1,64}")


def route_label(path: str) -> str:
    """A bounded metric label for a request path."""
    if path in _ROUTES:
        return path
    return "/static" if path.startswith("/static/") else "other"


class RequestTelemetry:
    """Request id in and out, one access-log line, HTTP and GraphQL metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = (
            dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        )
        request_id = (
            incoming if _REQUEST_ID.fullmatch(incoming) else secrets.token_hex(8)
        )
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(EVERY_RESPONSE)
                message["headers"] = headers
            await send(message)

        info = telemetry.RequestInfo(request_id)
        token = telemetry.enter_request(info)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            telemetry.leave_request(token)
            path = scope.get("path", "")
            seconds = time.perf_counter() - started
            telemetry.record_request(
                info, scope.get("method", ""), path, route_label(path), status, seconds
            )
