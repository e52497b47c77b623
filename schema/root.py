"""The Query and Mutation types, and the schema an app builds from its Settings.

`build_schema(settings)` is called by the app (server.create_app); export tools
read the default-settings schema of schema.app.
"""

import datetime as dt
import functools
import inspect
from typing import Annotated, Any, Optional

import strawberry
from graphql import GraphQLError, GraphQLSchema
from strawberry.extensions import MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from execution.errors import coded_errors
from execution.limits import ValidationRules, validation_rules
from execution.operations import OnePass
from execution.trace import OperationName, ResponseExtensions
from resolvers import curation
from resolvers.dataset import dataset_info
from schema.enums import EventKind, SearchType
from schema.filters import sort_of, where_of
from schema.install import install
from schema.scalars import DateScalar
from schema.types import (
    Chamber,
    Claim,
    Connection,
    Country,
    DatasetInfo,
    Office,
    Organization,
    ParliamentVote,
    Person,
    Recommendation,
    SearchHit,
    Source,
    Statement,
    Stockpile,
    Treaty,
    TreatyEvent,
    TreatyEventSort,
    TreatyEventWhere,
)
from settings import Settings

_AS_OF = (
    "The date time-dependent fields below answer for (memberships, party lists, "
    "statuses), unless they give their own; defaults to the deployment's asOf, or today."
)


def _compiled() -> Any:
    raise RuntimeError("answered by the Cypher compiler; see resolvers/install.py")


def _lookup(type_: Any, key: str, description: str) -> Any:
    def resolver(**kwargs: Any) -> Any:
        return _compiled()

    # The key argument's name differs per type (iso3, slug, code …): build the
    # signature Strawberry reads instead of writing twelve identical functions.
    keyword = inspect.Parameter.KEYWORD_ONLY
    resolver.__signature__ = inspect.Signature(  # type: ignore[attr-defined]  # read by strawberry
        [
            inspect.Parameter(key, keyword, annotation=str),
            inspect.Parameter(
                "as_of",
                keyword,
                annotation=Annotated[
                    dt.date | None, strawberry.argument(description=_AS_OF)
                ],
                default=None,
            ),
        ],
        return_annotation=Optional[type_],
    )
    resolver.__annotations__ = {
        key: str,
        "as_of": Optional[dt.date],
        "return": Optional[type_],
    }
    return strawberry.field(resolver=resolver, description=description)


def _list(type_: Any, name: str, description: str) -> Any:
    where, sort = where_of(name), sort_of(name)

    def resolver(
        where: where | None = None,  # type: ignore[valid-type]  # generated input
        sort: list[sort] | None = None,  # type: ignore[valid-type]  # generated input
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
    ) -> Connection[type_]:  # type: ignore[valid-type]  # parametrised at import
        return _compiled()  # type: ignore[no-any-return]

    return strawberry.field(resolver=resolver, description=description)


@strawberry.type(description="Everything analysts and apps can ask the treaty graph.")
class Query:
    country: Country | None = _lookup(
        Country, "iso3", "One state by ISO alpha-3 code; null if unknown."
    )
    organization: Organization | None = _lookup(
        Organization, "code", "One organization by code (NATO, EU)."
    )
    treaty: Treaty | None = _lookup(Treaty, "slug", "One treaty by slug (ottawa, ccm).")
    event: TreatyEvent | None = _lookup(TreatyEvent, "key", "One treaty event by key.")
    chamber: Chamber | None = _lookup(
        Chamber, "key", "One parliamentary chamber by key."
    )
    vote: ParliamentVote | None = _lookup(ParliamentVote, "key", "One vote by key.")
    person: Person | None = _lookup(Person, "key", "One person by key.")
    office: Office | None = _lookup(Office, "key", "One office by key.")
    statement: Statement | None = _lookup(Statement, "key", "One statement by key.")
    stockpile: Stockpile | None = _lookup(
        Stockpile, "key", "One stockpile figure by key."
    )
    source: Source | None = _lookup(Source, "id", "One source by id.")
    claim: Claim | None = _lookup(Claim, "key", "One claim by key.")

    countries: Connection[Country] = _list(
        Country, "Country", "States, filtered, sorted and paginated."
    )
    organizations: Connection[Organization] = _list(
        Organization, "Organization", "Organizations."
    )
    treaties: Connection[Treaty] = _list(Treaty, "Treaty", "Treaties.")
    events: Connection[TreatyEvent] = _list(
        TreatyEvent, "TreatyEvent", "Treaty events of every state."
    )
    chambers: Connection[Chamber] = _list(Chamber, "Chamber", "Parliamentary chambers.")
    votes: Connection[ParliamentVote] = _list(
        ParliamentVote, "ParliamentVote", "Parliamentary votes."
    )
    people: Connection[Person] = _list(Person, "Person", "People.")
    offices: Connection[Office] = _list(Office, "Office", "Offices.")
    statements: Connection[Statement] = _list(
        Statement, "Statement", "Statements and decisions."
    )
    recommendations: Connection[Recommendation] = _list(
        Recommendation, "Recommendation", "Recommendations."
    )
    stockpiles: Connection[Stockpile] = _list(
        Stockpile, "Stockpile", "Stockpile figures."
    )
    sources: Connection[Source] = _list(Source, "Source", "Sources.")
    claims: Connection[Claim] = _list(
        Claim, "Claim", "Claims, including conflicting ones."
    )

    @strawberry.field(
        description="Treaty events between two dates (inclusive), in date order."
    )
    def timeline(
        self,
        from_: Annotated[
            dt.date, strawberry.argument(name="from", description="First day.")
        ],
        to: Annotated[dt.date, strawberry.argument(description="Last day.")],
        treaty: Annotated[
            str | None, strawberry.argument(description="Treaty slug.")
        ] = None,
        country: Annotated[
            str | None, strawberry.argument(description="ISO alpha-3.")
        ] = None,
        kinds: list[EventKind] | None = None,
        where: TreatyEventWhere | None = None,
        sort: list[TreatyEventSort] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[TreatyEvent]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(
        description="Full-text search over names, aliases and titles; ignores case and "
        'diacritics ("Sakaliene" finds "Šakalienė"); best matches first.'
    )
    def search(
        self,
        text: str,
        types: list[SearchType] | None = None,
        first: Annotated[
            int | None,
            strawberry.argument(description="At most this many (default 20)."),
        ] = None,
    ) -> list[SearchHit]:
        return _compiled()  # type: ignore[no-any-return]

    dataset: DatasetInfo = strawberry.field(
        resolver=dataset_info, description="Which data answers come from."
    )


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

    @property
    def graphql_schema(self) -> GraphQLSchema:
        """The graphql-core schema Strawberry built (it offers only `_schema`)."""
        return self._schema


def build_schema(settings: Settings) -> TreatySchema:
    """The schema of an app with these settings: its limits, caches and one pass."""
    schema = TreatySchema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(scalar_map={dt.date: DateScalar}),  # type: ignore[dict-item]  # strawberry's own scalar() return type
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
    install(core)
    return schema
