"""The /graphql endpoint: Strawberry's ASGI app, with the compiled path in front.

A POSTed JSON query goes to execution.responses first. It answers it whole, or
hands over the answers it read as the root value for graphql-core to complete, or
declines before binding anything; Strawberry runs the rest (GET, other bodies,
mutations, introspection, errors).
"""

from __future__ import annotations

import functools
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry import UNSET
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema import BaseSchema
from strawberry.types import ExecutionResult

import telemetry
from execution.context import Context
from execution.operations import RootAnswers
from execution.responses import CompiledResponses
from httpapi import encoding
from httpapi.auth import credentials
from httpapi.graphiql import graphiql_html
from settings import Settings


@functools.lru_cache(maxsize=64)
def _mime_type(content_type: str) -> str:
    """The media type of a Content-Type header, parsed as Strawberry parses it."""
    return parse_content_type(content_type)[0]


class TreatyGraphQL(GraphQL[Context, RootAnswers | None]):
    """Strawberry's ASGI app with our per-request context and the compiled path.

    `compiled` is None when TREATYGRAPH_COMPILED_RESPONSES is off: graphql-core
    then completes every response (after the same one pass).
    """

    def __init__(
        self, schema: BaseSchema, compiled: CompiledResponses | None, **kwargs: Any
    ) -> None:
        super().__init__(schema, **kwargs)
        self.compiled = compiled

    async def run(
        self, request: Any, context: Any = UNSET, root_value: Any = UNSET
    ) -> Any:
        if (
            self.compiled is not None
            and isinstance(request, Request)
            and request.method == "POST"
            # Exactly the requests Strawberry would read as one JSON body, not a stream.
            and "application/json"
            in _mime_type(request.headers.get("content-type", ""))
            and self._get_stream_transport_from_headers(request.headers) is None
        ):
            context = await self.get_context(request)
            try:
                body = encoding.loads(await request.body())
            except ValueError:
                body = None  # Strawberry answers 400
            answered = await self.compiled.answer(body, context)
            if isinstance(answered, dict):
                telemetry.record_completion("compiled")
                return Response(
                    self.encode_json(answered), media_type="application/json"
                )
            if answered is not None:
                root_value = answered  # graphql-core completes what was read
        return await super().run(request, context, root_value)

    async def process_result(
        self, request: Any, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        telemetry.record_completion("graphql")
        return await super().process_result(request, result)

    def encode_json(self, data: object) -> bytes:
        return encoding.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return encoding.loads(data)

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql_html())

    async def get_context(self, request: Any, response: Any = None) -> Context:
        settings: Settings = request.state.settings
        asked = request.headers.get("x-debug", "").lower() in {"1", "true"}
        # TREATYGRAPH_DEBUG_HEADER=false: production ignores X-Debug.
        debug = settings.debug or (settings.debug_header and asked)
        return Context(
            driver=request.state.driver,
            settings=settings,
            debug=debug,
            credentials=credentials(settings.api_keys, request.headers),
            write_gate=request.state.write_gate,
        )
