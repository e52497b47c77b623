"""The /graphql endpoint: Strawberry's ASGI app, with the compiled path in front.

A POSTed JSON query goes to execution.responses first. It answers it whole, or
hands over the answers it read as the root value for graphql-core to complete, or
declines before binding anything; Strawberry runs the rest (GET, mutations,
introspection, errors).

What the GraphQL-over-HTTP spec asks of the transport is kept here, a rule each:
the media type from `Accept` and the status it implies (httpapi.negotiation), 406
for an `Accept` it cannot serve, 415 for a POST that is not JSON (which is also
what stops a cross-site form or `text/plain` POST from running anything: browsers
send those without a preflight), 405 with `Allow: POST` for a mutation over GET,
and 400 for a document of several operations with no `operationName`. With
TREATYGRAPH_GET_REQUIRES_PREFLIGHT a GET must also carry a header a browser only
sends after a CORS preflight (Apollo's csrfPrevention rule); see README.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from strawberry import UNSET
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    SubscribeMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

import telemetry
from execution.context import Context
from execution.errors import OPERATION_NOT_ALLOWED
from execution.operations import RootAnswers
from execution.responses import CompiledResponses
from graph.errors import LimitExceeded
from httpapi import encoding
from httpapi.auth import credentials
from httpapi.caching import Freshness, etag, matches
from httpapi.graphiql import graphiql_headers, graphiql_html
from httpapi.negotiation import GRAPHQL_RESPONSE, JSON, negotiate, request_error
from httpapi.persisted import Documents, Refused
from settings import Settings

# The body is not a GraphQL request at all: not JSON, not an object, no query.
BAD_REQUEST = "BAD_REQUEST"
# The client accepts no media type we answer with (HTTP 406).
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
# A mutation over GET (HTTP 405).
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
# A POST body that is not JSON (HTTP 415).
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
# Headers only a preflighted (or non-browser) request carries: Apollo's list.
_PREFLIGHT_HEADERS = ("x-apollo-operation-name", "apollo-require-preflight")
_SIMPLE_TYPES = {
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
}


def bad_request(
    message: str,
    status: int = 400,
    media: str = JSON,
    code: str = BAD_REQUEST,
    details: dict[str, object] | None = None,
) -> Response:
    """A request that is not a GraphQL request, answered as a coded GraphQL error."""
    telemetry.record_errors([code])
    error = {"message": message, "extensions": {"code": code, **(details or {})}}
    return Response(
        encoding.dumps({"errors": [error]}),
        status_code=status,
        media_type=media,
        headers={"Allow": "POST"} if status == 405 else None,
    )


def _cache_headers(tag: str, settings: Settings) -> dict[str, str]:
    return {
        "ETag": tag,
        "Cache-Control": f"public, max-age={settings.cache_max_age}",
        "Vary": "Accept, Accept-Encoding, X-Debug",
    }


def media_of(request: Request) -> str:
    """The negotiated media type; JSON when none fits (the 406 is answered first)."""
    return negotiate(request.headers.get("accept", "")) or JSON


# A GET naming its document in any of these runs it (a persisted one has no query).
_OPERATION_PARAMS = ("query", "documentId", "extensions")


def _is_operation(request: Any) -> bool:
    """A request that runs GraphQL (not the GraphiQL page a browser asks for)."""
    return request.method == "POST" or any(
        name in request.query_params for name in _OPERATION_PARAMS
    )


def preflighted(request: Request) -> bool:
    """Apollo's csrfPrevention test: a browser sends either only after a preflight."""
    content_type = _mime_type(request.headers.get("content-type", ""))
    if content_type and content_type not in _SIMPLE_TYPES:
        return True
    return any(request.headers.get(name) for name in _PREFLIGHT_HEADERS)


def _operation_count(query: str) -> int:
    """Operations in the document (0 when it does not parse: graphql-core says so).

    Several operations are all named (an anonymous one must be alone), so a text
    with fewer than two operation keywords is never parsed here.
    """
    if sum(query.count(k) for k in ("query", "mutation", "subscription")) < 2:
        return 1
    try:
        document = parse(query, no_location=True, max_tokens=100_000)
    except GraphQLError:
        return 0
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)


def check_length(query: object, settings: Settings) -> None:
    """Refuse a query text over TREATYGRAPH_MAX_QUERY_LENGTH before anything reads it.

    The token limit stops long documents inside the parser, but one token can be
    a megabyte (an operation name): its lexing alone held the loop for 231 ms.
    """
    if isinstance(query, str) and len(query) > settings.max_query_length:
        raise Refused(
            f"The query text is {len(query)} characters; the most allowed is "
            f"{settings.max_query_length} (TREATYGRAPH_MAX_QUERY_LENGTH).",
            LimitExceeded.code,
            limit="queryLength",
            max=settings.max_query_length,
        )


@functools.lru_cache(maxsize=64)
def _mime_type(content_type: str) -> str:
    """The media type of a Content-Type header, parsed as Strawberry parses it."""
    return parse_content_type(content_type)[0]


class TransportWS(BaseGraphQLTransportWSHandler[Context, RootAnswers | None]):
    """graphql-transport-ws with the HTTP path's checks of a document before it is
    parsed: its length and, with TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY, its hash.
    The schema's own limits (tokens, depth, aliases, selections) run in its
    extensions, as for HTTP; the schema runs only subscriptions over it
    (schema.root.TreatySchema.stream)."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if not self.connection_acknowledged or message["id"] in self.operations:
            await super().handle_subscribe(message)  # closes the socket, as it must
            return
        payload: dict[str, Any] = dict(message["payload"])
        documents: Documents = self.view.documents  # type: ignore[attr-defined]  # always a TreatyGraphQL
        try:
            check_length(payload.get("query"), self.context.settings)
            text = documents.resolve(
                payload.get("query"),
                payload.get("extensions"),
                payload.get("documentId"),
            )
        except Refused as error:
            telemetry.record_errors([error.code])
            refusal = GraphQLError(
                str(error), extensions={"code": error.code, **error.details}
            )
            await self.send_message(
                {"id": message["id"], "type": "error", "payload": [refusal.formatted]}
            )
            return
        payload["query"] = text
        await super().handle_subscribe({**message, "payload": payload})  # type: ignore[typeddict-item]  # the payload with its resolved text


class TreatyGraphQL(GraphQL[Context, RootAnswers | None]):
    """Strawberry's ASGI app with our per-request context and the compiled path.

    `compiled` is None when TREATYGRAPH_COMPILED_RESPONSES is off: graphql-core
    then completes every response (after the same one pass).
    """

    graphql_transport_ws_handler_class = TransportWS

    def __init__(
        self,
        schema: BaseSchema,
        compiled: CompiledResponses | None,
        documents: Documents,
        **kwargs: Any,
    ) -> None:
        # graphql-transport-ws only: the legacy graphql-ws protocol has its own
        # handler, without TransportWS's checks.
        kwargs.setdefault("subscription_protocols", (GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        super().__init__(schema, **kwargs)
        self.compiled = compiled
        self.documents = documents
        self.freshness = Freshness()

    async def run(
        self, request: Any, context: Any = UNSET, root_value: Any = UNSET
    ) -> Any:
        if not isinstance(request, Request) or not _is_operation(request):
            return await super().run(request, context, root_value)
        media = negotiate(request.headers.get("accept", ""))
        if media is None:
            return bad_request(
                f"Accept allows neither {GRAPHQL_RESPONSE} nor {JSON}.",
                406,
                code=NOT_ACCEPTABLE,
            )
        if request.method == "POST" and "application/json" not in _mime_type(
            request.headers.get("content-type", "")
        ):
            return bad_request(
                "A GraphQL POST must have Content-Type: application/json.",
                415,
                media,
                UNSUPPORTED_MEDIA_TYPE,
            )
        settings: Settings = request.state.settings
        if (
            request.method == "GET"
            and settings.get_requires_preflight
            and not preflighted(request)
        ):
            return bad_request(
                "A GET needs an X-Apollo-Operation-Name or Apollo-Require-Preflight "
                "header (TREATYGRAPH_GET_REQUIRES_PREFLIGHT).",
                400,
                media,
            )
        try:
            if request.method != "GET":
                return await self._run(request, context, root_value)
            tag = await self._etag(request, media, settings)
            if tag is not None and matches(
                request.headers.get("if-none-match", ""), tag
            ):
                return Response(status_code=304, headers=_cache_headers(tag, settings))
            response = await self._run(request, context, root_value)
            if tag is not None and isinstance(response, Response):
                cacheable = (
                    response.status_code == 200 and b'"errors":' not in response.body
                )
                response.headers.update(
                    _cache_headers(tag, settings)
                    if cacheable
                    else {"Cache-Control": "no-store"}
                )
            return response
        except HTTPException as error:
            # Strawberry's refusals of a request it cannot read (plain text).
            code = METHOD_NOT_ALLOWED if error.status_code == 405 else BAD_REQUEST
            return bad_request(error.reason, error.status_code, media, code)
        except Refused as error:
            # A request error: 400 in the spec's type; 200 in JSON, as Apollo's
            # persisted-query link and older clients expect.
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return bad_request(str(error), status, media, error.code, error.details)
        except ClientDisconnect:
            # The body never came whole: the client left, or httpapi.connections
            # cut it at TREATYGRAPH_BODY_TIMEOUT and answered 408 itself. Nobody
            # reads this answer; it spares the log a traceback per slow client.
            return Response(status_code=408)

    async def _etag(
        self, request: Request, media: str, settings: Settings
    ) -> str | None:
        """The ETag of this GET's answer (httpapi.caching); None: not cacheable."""
        params = request.query_params
        extensions = params.get("extensions")
        try:
            query = self.documents.resolve(
                params.get("query"),
                json.loads(extensions) if extensions else None,
                params.get("documentId"),
            )
        except (Refused, ValueError):
            return None  # answered as the request runs
        if not isinstance(query, str):
            return None
        state = await self.freshness.current(request.state.driver, settings)
        if state is None:
            return None
        asked = request.headers.get("x-debug", "").lower() in {"1", "true"}
        shape = (
            media,
            settings.debug or (settings.debug_header and asked),
            "gzip" in request.headers.get("accept-encoding", ""),
            settings.default_as_of().isoformat(),
        )
        return etag(
            state, query, params.get("operationName"), params.get("variables"), shape
        )

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
                return bad_request(
                    "The request body is not JSON.", 400, media_of(request)
                )
            if type(body) is not dict:
                return bad_request(
                    "The request body must be a JSON object (batches are not supported).",
                    400,
                    media_of(request),
                )
            query = body.get("query")
            check_length(query, request.state.settings)
            text = self.documents.resolve(
                query, body.get("extensions"), body.get("documentId")
            )
            if text is not query:
                body = {**body, "query": text}
                # Strawberry reads the body again; execute_single takes the text.
                request.state.document = text
            if self.compiled is None:
                return await super().run(request, context, root_value)
            context = await self.get_context(request)
            answered = await self.compiled.answer(body, context)
            if isinstance(answered, dict):
                telemetry.record_completion("compiled")
                return Response(
                    self.encode_json(answered), media_type=media_of(request)
                )
            if answered is not None:
                root_value = answered  # graphql-core completes what was read
        return await super().run(request, context, root_value)

    async def execute_single(
        self,
        request: Any,
        request_adapter: Any,
        sub_response: Any,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        document = getattr(request.state, "document", None)
        check_length(request_data.query, request.state.settings)
        if document is None and request.method == "GET":
            document = self.documents.resolve(
                request_data.query,
                request_data.extensions,
                request.query_params.get("documentId"),
            )
        if document is not None and document is not request_data.query:
            request_data = dataclasses.replace(request_data, query=document)
        query = request_data.query
        if (
            request_data.operation_name is None
            and isinstance(query, str)
            and _operation_count(query) > 1
        ):
            # Strawberry would run the first one; the spec says the request fails.
            raise HTTPException(
                400, "The document has several operations: give operationName."
            )
        try:
            return await super().execute_single(
                request,
                request_adapter,
                sub_response,
                context,
                root_value,
                request_data,
            )
        except HTTPException as error:
            cause = error.__cause__
            if isinstance(cause, InvalidOperationTypeError):
                if cause.operation_type == OperationType.SUBSCRIPTION:
                    raise Refused(
                        "A subscription runs over a websocket at /graphql "
                        "(graphql-transport-ws), not over HTTP.",
                        OPERATION_NOT_ALLOWED,
                    ) from error
                raise HTTPException(405, error.reason) from error
            raise
        finally:
            if request.method == "POST":
                # It may have written (once it committed, a GET that read the
                # dataset meanwhile read it too early): the next conditional GET
                # reads it again.
                self.freshness.stale()

    async def process_result(
        self, request: Any, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        telemetry.record_completion("graphql")
        return await super().process_result(request, result)

    async def get_sub_response(self, request: Any) -> Response:
        sub_response = await super().get_sub_response(request)
        # Read back by create_response, which Strawberry gives no request.
        sub_response.media_type = (
            media_of(request) if isinstance(request, Request) else JSON
        )
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        media = sub_response.media_type or JSON
        status = 200
        if (
            media == GRAPHQL_RESPONSE
            and isinstance(response_data, dict)
            and request_error(response_data.get("errors"), response_data.get("data"))
        ):
            # It never ran: 400, and no `data` entry (the spec's request error).
            response_data = {k: v for k, v in response_data.items() if k != "data"}  # type: ignore[assignment]  # the TypedDict without its key
            status = 400
        response = Response(
            self.encode_json(response_data),
            status_code=sub_response.status_code or status,
            media_type=media,
        )
        response.headers.raw.extend(sub_response.headers.raw)
        if sub_response.background:
            response.background = sub_response.background
        return response

    def encode_json(self, data: object) -> bytes:
        return encoding.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return encoding.loads(data)

    def should_render_graphql_ide(self, request: Any) -> bool:
        # Strawberry's test looks for `query` only: a persisted GET has none.
        return super().should_render_graphql_ide(request) and not _is_operation(request)

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
            curation_rate=request.state.curation_rate,
            statistics=request.state.statistics,
            subscriptions=request.state.subscriptions,
        )
