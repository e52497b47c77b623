"""The Query type and the assembled schema (`schema.root:schema`)."""

import datetime as dt
from typing import Any

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from resolvers import curation
from resolvers.dataset import dataset_info
from resolvers.errors import ErrorCodes
from resolvers.install import install
from resolvers.limits import RequestLimits
from resolvers.trace import ResponseExtensions
from schema import roots
from schema.dataset import DatasetInfo
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
from schema.objects import MODEL_TYPES
from schema.registry import Types, paging
from schema.scalars import DateScalar
from schema.search import search_hit, search_type
from telemetry import OperationName


def _timeline(types: Types) -> tuple[Any, Any]:
    events = types.connection("TreatyEvent")
    arguments = [
        argument("from", dt.date, "First day.", default=REQUIRED),
        argument("to", dt.date, "Last day.", default=REQUIRED),
        argument("treaty", str | None, "Treaty slug."),
        argument("country", str | None, "ISO alpha-3."),
        argument("kinds", list[EventKind] | None),
        types.where("TreatyEvent"),
        types.sort("TreatyEvent"),
        *paging(),
    ]
    description = "Treaty events between two dates (inclusive), in date order."
    return events, resolved(events, arguments, description)


def _search(types: Types) -> tuple[Any, Any]:
    hits = applied(list, search_hit(types))
    arguments = [
        argument("text", str, default=REQUIRED),
        argument("types", applied(list, search_type(types)) | None),
        argument("first", int | None, "At most this many (default 20)."),
    ]
    description = (
        "Full-text search over names, aliases and titles; ignores case and "
        'diacritics ("Sakaliene" finds "Šakalienė"); best matches first.'
    )
    return hits, resolved(hits, arguments, description)


def build_query(types: Types) -> Any:
    """The Query type of one model's types: its root fields, then the hand-written
    timeline, search and dataset."""
    fields: Fields = roots.fields(types) | {
        "timeline": _timeline(types),
        "search": _search(types),
        "dataset": (
            DatasetInfo,
            plain("Which data answers come from.", resolver=dataset_info),
        ),
    }
    return object_type(
        "Query", fields, "Everything analysts and apps can ask the treaty graph."
    )


Query = build_query(MODEL_TYPES)


@strawberry.type(
    description="Curation for analysts: each write needs a curator API key "
    "('Authorization: Bearer <key>'), at least one source and an idempotencyKey, "
    "and is stored in one transaction with who wrote it and when."
)
class Mutation:
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


_CACHE_SIZE = 512


class TreatySchema(strawberry.Schema):
    """Strawberry's schema, without its log line (and traceback) for every error.

    Client errors are answered, not logged, so hostile traffic cannot flood the
    log; resolvers.errors logs each internal error once, with its traceback.
    """

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


schema = TreatySchema(
    query=Query,
    mutation=Mutation,
    config=StrawberryConfig(scalar_map={dt.date: DateScalar}),  # type: ignore[dict-item]  # strawberry's own scalar() return type
    # Factories, as Strawberry asks: a fresh instance per request (each holds that
    # request's execution context); the parse and validation caches behind them are
    # module-level and shared. RequestLimits comes first: it sets the token limit
    # and validation rules that parsing and the (rule-keyed) validation cache use.
    extensions=[
        RequestLimits,
        lambda: ParserCache(maxsize=_CACHE_SIZE),
        lambda: ValidationCache(maxsize=_CACHE_SIZE),
        OperationName,
        ErrorCodes,
        ResponseExtensions,
    ],
)
install(schema)
