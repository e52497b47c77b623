"""The request body size limit, enforced before the body reaches GraphQL parsing."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import LimitExceeded
from httpapi.refusals import refuse


class BodySizeLimit:
    """ASGI middleware: a body over `max_bytes` gets 413 with a coded GraphQL error.

    A declared Content-Length over the limit is refused before reading; a chunked
    body is read up to the limit and refused as soon as it passes it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit():
            if int(declared) > self.max_bytes:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)
            return
        # No (usable) length: buffer up to the limit, then replay to the app.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole: Message = {"type": "http.request", "body": b"".join(chunks)}
        await self.app(scope, _replay([whole], then=receive), send)

    async def _refuse(self, send: Send) -> None:
        error = LimitExceeded(
            f"The request body is larger than {self.max_bytes} bytes "
            "(TREATYGRAPH_MAX_BODY_BYTES).",
            limit="bodySize",
            max=self.max_bytes,
        )
        # The rest of the body is never read, so the connection cannot be reused.
        await refuse(send, 413, error, ((b"connection", b"close"),))


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    """A receive() that hands out `messages`, then defers to `then` (disconnects)."""
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive
