"""The /graphql endpoint: Strawberry's ASGI app, with the compiled path in front.

A POSTed JSON query goes to execution.responses first. It answers it whole, or
hands over the answers it read as the root value for graphql-core to complete, or
declines before binding anything; Strawberry runs the rest (GET, other bodies,
mutations, introspection, errors).
"""

from __future__ import annotations

import functools
from typing import Any

from cross_web import HTTPException
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
from httpapi.graphiql import graphiql_headers, graphiql_html
from settings import Settings

# The body is not a GraphQL request at all: not JSON, not an object, no query.
BAD_REQUEST = "BAD_REQUEST"


def bad_request(message: str, status: int = 400) -> Response:
    """A request that is not a GraphQL request, answered as a coded GraphQL error."""
    telemetry.record_errors([BAD_REQUEST])
    error = {"message": message, "extensions": {"code": BAD_REQUEST}}
    return Response(
        encoding.dumps({"errors": [error]}),
        status_code=status,
        media_type="application/json",
    )


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
        try:
            return await self._run(request, context, root_value)
        except HTTPException as error:
            # Strawberry's refusals of a request it cannot read (plain text).
            return bad_request(error.reason, error.status_code)

    async def _run(self, request: Any, context: Any, root_value: Any) -> Any:
        if (
            isinstance(request, Request)
            and request.method == "POST"
            # Exactly the requests Strawberry would read as one JSON body, not a stream.
            and "application/json"
            in _mime_type(request.headers.get("content-type", ""))
            and self._get_stream_transport_from_headers(request.headers) is None
        ):
            try:
                body = encoding.loads(await request.body())
            except ValueError:
                return bad_request("The request body is not JSON.")
            if type(body) is not dict:
                return bad_request("The request body must be a JSON object.")
            if self.compiled is None:
                return await super().run(request, context, root_value)
            context = await self.get_context(request)
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
        return HTMLResponse(graphiql_html(), headers=graphiql_headers())

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
