"""The Query and Mutation types, and the schema an app builds from its Settings.

`build_schema(settings)` is called by the app (server.create_app); export tools
read the default-settings schema of schema.app.
"""

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLSchema
from strawberry.extensions import MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from execution.errors import coded_errors
from execution.limits import ValidationRules, validation_rules
from execution.operations import OnePass
from execution.plans import MAX_SEARCH_TEXT
from execution.trace import OperationName, ResponseExtensions
from graph.catalog import CATALOG, catalog_of
from graph.cypher.search import DEFAULT_HITS
from model.identity import node_types
from model.nodes import MODEL
from model.vocabulary import Model
from resolvers import changes, curation
from resolvers.curation import borders, corrections
from resolvers.dataset import dataset_info
from schema import node, objects, roots
from schema.dataset import DatasetInfo
from schema.directives import connection_field, list_field
from schema.enums import EventKind
from schema.fields import (
    REQUIRED,
    Fields,
    applied,
    argument,
    object_type,
    plain,
    resolved,
)
from schema.install import install
from schema.objects import MODEL_TYPES
from schema.registry import MAX_PAGE, Types, paging
from schema.scalars import DateScalar, DateTimeScalar
from schema.search import search_hit, search_type
from settings import Settings


def _timeline(types: Types) -> tuple[Any, Any]:
    events = types.connection("TreatyEvent")
    arguments = [
        argument("from", dt.date, "First day.", default=REQUIRED),
        argument("to", dt.date, "Last day.", default=REQUIRED),
        argument("treaty", str | None, "Treaty slug."),
        argument("country", str | None, "ISO alpha-3."),
        argument("kinds", list[EventKind] | None, "Only events of these kinds."),
        types.where("TreatyEvent"),
        types.sort("TreatyEvent"),
        *paging(),
    ]
    description = "Treaty events between two dates (inclusive), in date order."
    return events, resolved(events, arguments, description, connection_field())


_SEARCH_TEXT = (
    f"The words to find (at most {MAX_SEARCH_TEXT} characters); every word must "
    "match, whole or as the start of a word."
)
_SEARCH_FIRST = f"At most this many hits ({DEFAULT_HITS} by default; {MAX_PAGE})."


def _search(types: Types) -> tuple[Any, Any]:
    hits = applied(list, search_hit(types))
    arguments = [
        argument("text", str, _SEARCH_TEXT, default=REQUIRED),
        argument(
            "types",
            applied(list, search_type(types)) | None,
            "Only hits of these types (default: every type).",
        ),
        argument("first", int | None, _SEARCH_FIRST),
    ]
    description = (
        "Full-text search over names, aliases and titles; ignores case and "
        'diacritics ("Sakaliene" finds "Šakalienė"); best matches first.'
    )
    return hits, resolved(
        hits, arguments, description, list_field(True, int(DEFAULT_HITS))
    )


def build_query(types: Types) -> Any:
    """The Query type of one model's types: its root fields, then the hand-written
    timeline, search and dataset."""
    relay = node.fields() if _has_nodes(types) else {}
    fields: Fields = (
        roots.fields(types)
        | relay
        | {
            "timeline": _timeline(types),
            "search": _search(types),
            "dataset": (
                DatasetInfo,
                plain("Which data answers come from.", resolver=dataset_info),
            ),
        }
    )
    return object_type(
        "Query", fields, "Everything analysts and apps can ask the treaty graph."
    )


def _has_nodes(types: Types) -> bool:
    return bool(node_types(types.model))


Query = build_query(MODEL_TYPES)


class _Mutation:
    add_source = strawberry.mutation(
        resolver=curation.add_source,
        description="Add a source, to cite by id in later mutations.",
    )
    record_treaty_event = strawberry.mutation(
        resolver=curation.record_treaty_event,
        description="Add or correct one state's dated act under a treaty "
        "(signature, ratification, entry into force, withdrawal …); party status "
        "follows.",
    )
    record_vote = strawberry.mutation(
        resolver=curation.record_vote,
        description="Add a parliamentary vote with its tallies.",
    )
    record_statement = strawberry.mutation(
        resolver=curation.record_statement,
        description="Add a statement or decision with its authors and recommendations.",
    )
    record_membership = strawberry.mutation(
        resolver=curation.record_membership,
        description="Add a state's dated membership of an organization (NATO, EU).",
    )
    record_term = strawberry.mutation(
        resolver=curation.record_term,
        description="Add a person's term in an office, with its dates where known.",
    )


_Mutation.correct_border = strawberry.mutation(  # type: ignore[attr-defined]  # set before strawberry.type reads the class
    resolver=borders.correct_border,
    description="Correct a land border between two states.",
)
_Mutation.retract_border = strawberry.mutation(  # type: ignore[attr-defined]  # set before strawberry.type reads the class
    resolver=borders.retract_border,
    description="Retract a land border between two states.",
)
for _name, _field in corrections.mutations().items():
    setattr(_Mutation, _name, _field)
Mutation = strawberry.type(
    _Mutation,
    name="Mutation",
    description="Curation for analysts: each write needs a curator API key "
    "('Authorization: Bearer <key>'), at least one source and an idempotencyKey, "
    "and is stored in one transaction with who wrote it and when. Every fact kind "
    "can be corrected (correct<Type>) and retracted (retract<Type>).",
)


@strawberry.type(
    name="Subscription",
    description="Following the graph as curators change it (graphql-transport-ws on "
    "/graphql).",
)
class Subscription:
    changes = strawberry.subscription(
        resolver=changes.changes,
        description="Each curation as it commits, whichever API process wrote it: "
        "what changed, who, when, and the party status it left. Filtered by treaty "
        "and/or state; an unknown one is BAD_USER_INPUT, a process at "
        "TREATYGRAPH_MAX_SUBSCRIPTIONS is LIMIT_EXCEEDED.",
    )


_CACHE_SIZE = 512


class TreatySchema(strawberry.Schema):
    """Strawberry's schema, each error it returns coded once by execution.errors.

    Strawberry hands every list of errors to `process_errors` exactly once, before
    the response is built (its default logs each one, tracebacks of client errors
    included). Here each is coded; internal ones are masked and logged once, with
    their traceback. Client errors are answered, not logged, so hostile traffic
    cannot flood the log. (Strawberry's MaskErrors is not used: its masked errors
    carry no code, and the original is gone before it could be logged.)
    """

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        document = execution_context.graphql_document if execution_context else None
        errors[:] = coded_errors(errors, document)

    # Strawberry's callers name allowed_operation_types; the rest passes through.
    async def execute(
        self,
        *args: Any,
        allowed_operation_types: Iterable[OperationType] | None = None,
        **kwargs: Any,
    ) -> ExecutionResult:
        """A subscription cannot execute as one response (Strawberry's HTTP view
        allows it): refused here, it runs over the websocket (stream)."""
        allowed = set(
            allowed_operation_types or (OperationType.QUERY, OperationType.MUTATION)
        )
        kwargs["allowed_operation_types"] = allowed - {OperationType.SUBSCRIPTION}
        return await super().execute(*args, **kwargs)

    async def stream(
        self,
        *args: Any,
        allowed_operation_types: Iterable[OperationType] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Over a websocket (which names no allowed types) only subscriptions run:
        queries and mutations have the HTTP path, with its per-client limits and
        its compiled answers."""
        kwargs["allowed_operation_types"] = allowed_operation_types or (
            OperationType.SUBSCRIPTION,
        )
        return await super().stream(*args, **kwargs)

    @property
    def graphql_schema(self) -> GraphQLSchema:
        """The graphql-core schema Strawberry built (it offers only `_schema`)."""
        return self._schema


def build_schema(settings: Settings, model: Model = MODEL) -> TreatySchema:
    """The schema of an app with these settings: its limits, caches and one pass.

    Another model (a fixture with one more type) gets its own Query and catalog;
    the mutations' payloads are the application model's types, so only its schema
    has them.
    """
    own = model is MODEL
    schema = TreatySchema(
        query=Query if own else build_query(objects.build(model)),
        mutation=Mutation if own else None,
        subscription=Subscription if own else None,
        config=StrawberryConfig(
            scalar_map={dt.date: DateScalar, dt.datetime: DateTimeScalar}  # type: ignore[dict-item]  # strawberry's own scalar() return type
        ),
        # Factories, as Strawberry asks: a fresh instance per request (each holds
        # that request's execution context); the parse and validation caches behind
        # them are module-level and shared. The rules are set before validating:
        # the validation cache keys on them. Strawberry's own limiters where they do
        # the job (tokens, caches); ValidationRules instead of QueryDepthLimiter,
        # MaxAliasesLimiter and DisableIntrospection, whose errors carry no
        # code/limit/max and which the compiled path could not share; masking in
        # process_errors instead of MaskErrors, which drops the code.
        extensions=[
            functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
            functools.partial(ValidationRules, validation_rules(settings)),
            functools.partial(ParserCache, maxsize=_CACHE_SIZE),
            functools.partial(ValidationCache, maxsize=_CACHE_SIZE),
            OperationName,
            lambda: OnePass(core, settings),
            ResponseExtensions,
        ],
    )
    core = schema.graphql_schema
    install(core, CATALOG if own else catalog_of(model))
    return schema


def __getattr__(name: str) -> Any:
    # Export tools name `schema.root:schema` (the before-stop check among them): they
    # get the default-settings schema of schema.app, built only when asked for.
    if name == "schema":
        from schema.app import schema

        return schema
    raise AttributeError(name)
