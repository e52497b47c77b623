"""The domain types clients select from. Values arrive already shaped by one Cypher query.

Fields with arguments have placeholder bodies: resolvers.install replaces every
resolver here with a read of the compiled result, so these bodies never run.
One module for all of them: the types refer to each other in cycles.
"""

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from schema.enums import (
    ClaimStatus,
    EventKind,
    RecommendationAction,
    SourceKind,
    StatementKind,
    TreatyStatusKind,
    UnStatus,
    VoteOutcome,
)
from schema.filters import sort_of, where_of

T = TypeVar("T")

CountryWhere = where_of("Country")
CountrySort = sort_of("Country")
MembershipWhere = where_of("Membership")
TreatyWhere = where_of("Treaty")
TreatySort = sort_of("Treaty")
TreatyEventWhere = where_of("TreatyEvent")
TreatyEventSort = sort_of("TreatyEvent")
RecommendationWhere = where_of("Recommendation")
StatementWhere = where_of("Statement")
StatementSort = sort_of("Statement")
ParliamentVoteWhere = where_of("ParliamentVote")
ParliamentVoteSort = sort_of("ParliamentVote")
PersonWhere = where_of("Person")
SourceWhere = where_of("Source")
ClaimWhere = where_of("Claim")

_AS_OF = "The date the answer holds on (YYYY-MM-DD); defaults to the request's asOf, or today."
_FIRST = "At most this many (capped by the server's maximum page size)."


def _compiled() -> Any:
    raise RuntimeError("answered by the Cypher compiler; see resolvers/install.py")


@strawberry.type(description="A source a fact was read in: a page, with its publisher.")
class Source:
    id: str = strawberry.field(description="Short stable handle of the source.")
    url: str = strawberry.field(
        description="Where the fact was read (urn: when no URL exists)."
    )
    publisher: str = strawberry.field(description="Who published it.")
    title: str | None = strawberry.field(description="Title, when known.")
    author: str | None = strawberry.field(description="Author, when known.")
    published_on: dt.date | None = strawberry.field(
        description="Publication date, when known."
    )
    kind: SourceKind = strawberry.field(description="What kind of publication it is.")
    reliability: str | None = strawberry.field(
        description="Caveats on this source's reliability."
    )
    note: str | None = strawberry.field(description="Remarks by the curators.")


@strawberry.type(
    description="What one source asserts about one fact. Where sources disagree every "
    "claim is kept, each with its sources; `status` says which value the graph keeps."
)
class Claim:
    key: str = strawberry.field(description="Stable key of the claim.")
    subject_kind: str = strawberry.field(description="Kind of fact the claim is about.")
    subject_key: str = strawberry.field(description="Key of that fact.")
    property: str = strawberry.field(description="Which field of the fact it is about.")
    value: str | None = strawberry.field(
        description="The value as the source gives it."
    )
    status: ClaimStatus = strawberry.field(description="KEPT, ALTERNATIVE or DISPUTED.")
    note: str | None = strawberry.field(description="Why, and what else is known.")
    sources: list[Source] = strawberry.field(description="Where the claim was read.")


@strawberry.type(
    description="A land border with a neighbouring state, with its sources."
)
class Border:
    neighbor: "Country" = strawberry.field(description="The state on the other side.")
    note: str | None = strawberry.field(description="Remarks (e.g. Kaliningrad).")
    sources: list[Source] = strawberry.field(
        description="Where the border is recorded."
    )


@strawberry.type(
    description="A state's status under one treaty on one date, derived from its events."
)
class TreatyStatus:
    status: TreatyStatusKind = strawberry.field(description="Status on `asOf`.")
    as_of: dt.date = strawberry.field(description="The date the status holds on.")
    suspension_notified: bool = strawberry.field(
        description="The state notified a suspension on or before `asOf` (it stays a party)."
    )
    party_since: dt.date | None = strawberry.field(
        description="Entry into force for the state."
    )
    party_until: dt.date | None = strawberry.field(
        description="Date its withdrawal took effect."
    )
    treaty: "Treaty" = strawberry.field(description="The treaty.")
    events: list["TreatyEvent"] = strawberry.field(
        description="Its events up to `asOf`."
    )


@strawberry.type(
    description="A sovereign state (UN member or observer, or a treaty party)."
)
class Country:
    iso3: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    iso2: str = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    name: str = strawberry.field(description="Common English name.")
    official_name: str | None = strawberry.field(
        description="Official name, when known."
    )
    native_names: list[str] = strawberry.field(
        description="Names in the state's languages."
    )
    aliases: list[str] = strawberry.field(description="Other spellings analysts use.")
    region: str | None = strawberry.field(description="Region.")
    subregion: str | None = strawberry.field(description="Subregion.")
    un_status: UnStatus = strawberry.field(description="Standing at the UN.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    land_borders: list[Border] = strawberry.field(
        description="Land borders, each with sources."
    )
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(
        description="Claims sources make about this state."
    )

    @strawberry.field(description="States sharing a land border with this one.")
    def borders(
        self,
        where: CountryWhere | None = None,
        sort: list[CountrySort] | None = None,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = None,
    ) -> list["Country"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Memberships in force on `asOf` (NATO, EU …).")
    def memberships(
        self,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
        where: MembershipWhere | None = None,
    ) -> list["Membership"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Every membership, past and present.")
    def membership_history(
        self, where: MembershipWhere | None = None
    ) -> list["Membership"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="The state's dated acts under treaties.")
    def treaty_events(
        self,
        where: TreatyEventWhere | None = None,
        sort: list[TreatyEventSort] | None = None,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = None,
    ) -> list["TreatyEvent"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Treaties the state is a party to on `asOf`.")
    def party_to(
        self,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
        where: TreatyWhere | None = None,
    ) -> list["Treaty"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(
        description="Status under one treaty on `asOf`; null for an unknown treaty."
    )
    def treaty_status(
        self,
        treaty: Annotated[
            str, strawberry.argument(description="Treaty slug, e.g. ottawa or ccm.")
        ],
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
    ) -> TreatyStatus | None:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(
        description="Recommendations addressed to this state's government."
    )
    def recommendations(
        self, where: RecommendationWhere | None = None
    ) -> list["Recommendation"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(
        description="Statements and decisions made on this state's behalf."
    )
    def statements(
        self,
        where: StatementWhere | None = None,
        sort: list[StatementSort] | None = None,
    ) -> list["Statement"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Chambers of the state's parliament.")
    def chambers(self) -> list["Chamber"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Votes in the state's parliament.")
    def votes(
        self,
        where: ParliamentVoteWhere | None = None,
        sort: list[ParliamentVoteSort] | None = None,
    ) -> list["ParliamentVote"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="People of this state in the graph.")
    def people(self, where: PersonWhere | None = None) -> list["Person"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Stockpile figures, each dated and sourced.")
    def stockpiles(self) -> list["Stockpile"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(description="An alliance or union of states.")
class Organization:
    code: str = strawberry.field(description="Short code: NATO, EU.")
    name: str = strawberry.field(description="Full name.")
    kind: str | None = strawberry.field(
        description="military-alliance, political-union …"
    )
    founded_on: dt.date | None = strawberry.field(
        description="Founding date (see note)."
    )
    note: str | None = strawberry.field(description="Remarks by the curators.")
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(description="Claims about it.")

    @strawberry.field(description="Member states on `asOf`, as a connection.")
    def members(
        self,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
        where: CountryWhere | None = None,
        sort: list[CountrySort] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> "Connection[Country]":
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Every membership, past and present.")
    def memberships(self, where: MembershipWhere | None = None) -> list["Membership"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(description="A state's dated membership of an organization.")
class Membership:
    key: str = strawberry.field(description="ORG:ISO3.")
    since: dt.date | None = strawberry.field(description="First day of membership.")
    until: dt.date | None = strawberry.field(
        description="First day no longer a member."
    )
    active: bool = strawberry.field(description="In force on the request's asOf date.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    organization: Organization = strawberry.field(description="The organization.")
    country: Country = strawberry.field(description="The member state.")
    sources: list[Source] = strawberry.field(description="Where the dates were read.")
    claims: list[Claim] = strawberry.field(description="Competing claims about it.")


@strawberry.type(description="An arms-control treaty.")
class Treaty:
    slug: str = strawberry.field(description="Stable handle: ottawa, ccm.")
    name: str = strawberry.field(description="Name.")
    short_name: str | None = strawberry.field(description="Short name.")
    aliases: list[str] = strawberry.field(description="Other names.")
    full_title: str | None = strawberry.field(description="Full title.")
    adopted_on: dt.date | None = strawberry.field(description="Adoption date.")
    adopted_at: str | None = strawberry.field(description="Where it was adopted.")
    opened_for_signature_on: dt.date | None = strawberry.field(
        description="Opened for signature."
    )
    entry_into_force_on: dt.date | None = strawberry.field(
        description="Entry into force."
    )
    depositary: str | None = strawberry.field(description="Depositary.")
    signatory_count: int | None = strawberry.field(
        description="States that signed (see claims)."
    )
    entry_into_force_rule: str | None = strawberry.field(
        description="When it binds a new party."
    )
    withdrawal_notice_months: int | None = strawberry.field(
        description="Notice before withdrawal takes effect."
    )
    withdrawal_rule: str | None = strawberry.field(description="The withdrawal rule.")
    obligations: str | None = strawberry.field(description="What parties undertake.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(
        description="Claims about it (e.g. signatory counts)."
    )

    @strawberry.field(
        description="States parties on `asOf`: from entry into force until withdrawal takes effect."
    )
    def parties(
        self,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
        where: CountryWhere | None = None,
        sort: list[CountrySort] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> "Connection[Country]":
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Every state's dated acts under this treaty.")
    def events(
        self,
        where: TreatyEventWhere | None = None,
        sort: list[TreatyEventSort] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> "Connection[TreatyEvent]":
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Parliamentary votes about this treaty.")
    def votes(self, where: ParliamentVoteWhere | None = None) -> list["ParliamentVote"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Recommendations about this treaty.")
    def recommendations(
        self, where: RecommendationWhere | None = None
    ) -> list["Recommendation"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(
    description="One state's dated act under one treaty (signature, ratification …)."
)
class TreatyEvent:
    key: str = strawberry.field(description="treaty:ISO3:kind.")
    kind: EventKind = strawberry.field(description="What happened.")
    date: dt.date | None = strawberry.field(
        description="When; null when no source gives it."
    )
    derived: bool = strawberry.field(
        description="True when the date was computed by a rule."
    )
    derivation_rule: str | None = strawberry.field(
        description="The rule, when derived."
    )
    derived_from: str | None = strawberry.field(
        description="What it was computed from."
    )
    note: str | None = strawberry.field(description="Remarks by the curators.")
    country: Country = strawberry.field(description="The state.")
    treaty: Treaty = strawberry.field(description="The treaty.")
    sources: list[Source] = strawberry.field(
        description="Where the date was read (or the rule's source)."
    )
    claims: list[Claim] = strawberry.field(
        description="Competing claims about this event."
    )


@strawberry.type(description="A chamber of a national parliament.")
class Chamber:
    key: str = strawberry.field(description="Stable handle, e.g. ltu-seimas.")
    name: str = strawberry.field(description="English name.")
    native_name: str | None = strawberry.field(
        description="Name in the state's language."
    )
    seats: int | None = strawberry.field(description="Number of seats.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    country: Country = strawberry.field(description="The state.")
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(description="Claims about it.")

    @strawberry.field(description="Votes held in this chamber.")
    def votes(self, where: ParliamentVoteWhere | None = None) -> list["ParliamentVote"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(description="A recorded vote in a parliament, with its tallies.")
class ParliamentVote:
    key: str = strawberry.field(description="Stable handle.")
    date: dt.date | None = strawberry.field(description="Date of the vote.")
    date_text: str | None = strawberry.field(
        description="The date as sources give it, when partial."
    )
    action: str = strawberry.field(description="withdraw, ratify, suspend …")
    stage: str | None = strawberry.field(description="final, first-reading, motion …")
    subject: str | None = strawberry.field(description="What was decided.")
    votes_for: int | None = strawberry.field(
        description="Votes in favour (see claims)."
    )
    votes_against: int | None = strawberry.field(description="Votes against.")
    abstained: int | None = strawberry.field(description="Abstentions.")
    absent: int | None = strawberry.field(description="Members absent.")
    not_voting: int | None = strawberry.field(description="Present but not voting.")
    required: int | None = strawberry.field(description="Votes required to pass.")
    outcome: VoteOutcome | None = strawberry.field(description="Passed or failed.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    chamber: Chamber = strawberry.field(description="Where it was held.")
    country: Country = strawberry.field(description="The chamber's state.")
    treaty: Treaty | None = strawberry.field(description="The treaty it concerned.")
    sources: list[Source] = strawberry.field(description="Where the tallies were read.")
    claims: list[Claim] = strawberry.field(description="Competing tallies and dates.")

    @strawberry.field(description="Members named as abstaining.")
    def abstainers(self) -> list["Person"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(
    description="A person: minister, head of state or government, member of parliament."
)
class Person:
    key: str = strawberry.field(description="Stable handle.")
    name: str = strawberry.field(description="Name, with diacritics.")
    aliases: list[str] = strawberry.field(
        description="Other spellings (e.g. without diacritics)."
    )
    note: str | None = strawberry.field(description="Remarks by the curators.")
    country: Country | None = strawberry.field(description="The person's state.")
    terms: list["Term"] = strawberry.field(
        description="Offices held, with dates where known."
    )
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(description="Claims about the person.")

    @strawberry.field(
        description="Offices held on `asOf` (terms with unknown dates count)."
    )
    def offices(
        self,
        as_of: Annotated[
            dt.date | None, strawberry.argument(description=_AS_OF)
        ] = None,
    ) -> list["Office"]:
        return _compiled()  # type: ignore[no-any-return]

    @strawberry.field(description="Statements the person authored or signed.")
    def statements(self, where: StatementWhere | None = None) -> list["Statement"]:
        return _compiled()  # type: ignore[no-any-return]


@strawberry.type(description="A public office of a state.")
class Office:
    key: str = strawberry.field(description="Stable handle.")
    title: str = strawberry.field(description="Title of the office.")
    kind: str | None = strawberry.field(
        description="defence-minister, head-of-government …"
    )
    note: str | None = strawberry.field(description="Remarks by the curators.")
    country: Country = strawberry.field(description="The state.")
    terms: list["Term"] = strawberry.field(description="Who held it and when.")
    sources: list[Source] = strawberry.field(description="Sources of this record.")


@strawberry.type(
    description="A person's time in an office; dates null where no source gives them."
)
class Term:
    key: str = strawberry.field(description="person:office:start.")
    start: dt.date | None = strawberry.field(description="First day in office.")
    end: dt.date | None = strawberry.field(description="First day out of office.")
    note: str | None = strawberry.field(description="What is known when dates are not.")
    person: Person = strawberry.field(description="Who.")
    office: Office = strawberry.field(description="Which office.")
    sources: list[Source] = strawberry.field(description="Sources of this record.")
    claims: list[Claim] = strawberry.field(description="Claims about it.")


@strawberry.type(
    description="A statement, proposal or decision, with its authors and quotes."
)
class Statement:
    key: str = strawberry.field(description="Stable handle.")
    date: dt.date | None = strawberry.field(description="Date, when known.")
    date_text: str | None = strawberry.field(description="The date as sources give it.")
    kind: StatementKind = strawberry.field(description="What kind of statement.")
    title: str = strawberry.field(description="Short title.")
    summary: str | None = strawberry.field(description="What it says.")
    quotes: list[str] = strawberry.field(description="Verbatim quotes.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    authors: list[Person] = strawberry.field(description="Who made or signed it.")
    countries: list[Country] = strawberry.field(description="On whose behalf.")
    recommendations: list["Recommendation"] = strawberry.field(
        description="What it recommends."
    )
    sources: list[Source] = strawberry.field(description="Where it was read.")
    claims: list[Claim] = strawberry.field(description="Competing claims about it.")


@strawberry.type(
    description="A recommendation to governments about a treaty, made in a statement."
)
class Recommendation:
    key: str = strawberry.field(description="statement:n.")
    action: RecommendationAction = strawberry.field(description="What it recommends.")
    date: dt.date | None = strawberry.field(description="Date of the statement.")
    treaty: Treaty = strawberry.field(description="The treaty concerned.")
    statement: Statement = strawberry.field(description="The statement that makes it.")
    authors: list[Person] = strawberry.field(description="The statement's authors.")
    addressed_to: list[Country] = strawberry.field(
        description="States whose governments it addresses."
    )
    sources: list[Source] = strawberry.field(description="The statement's sources.")


@strawberry.type(description="A stockpile figure for a state, dated and sourced.")
class Stockpile:
    key: str = strawberry.field(description="Stable handle.")
    weapon: str = strawberry.field(
        description="anti-personnel-mines, cluster-munitions."
    )
    count: int | None = strawberry.field(
        description="Number, when a single figure is given."
    )
    count_low: int | None = strawberry.field(description="Low end of a range.")
    count_high: int | None = strawberry.field(description="High end of a range.")
    as_of: dt.date | None = strawberry.field(description="Date of the figure.")
    as_of_text: str | None = strawberry.field(
        description="The date as the source gives it."
    )
    rank: int | None = strawberry.field(
        description="World rank, when a source gives one."
    )
    rank_context: str | None = strawberry.field(description="The rank's context.")
    note: str | None = strawberry.field(description="Remarks by the curators.")
    country: Country = strawberry.field(description="The state.")
    sources: list[Source] = strawberry.field(description="Where the figure was read.")
    claims: list[Claim] = strawberry.field(description="Competing figures.")


@strawberry.type(description="Pagination state of a connection.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items after this page.")
    has_previous_page: bool = strawberry.field(
        description="More items before this page."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item.")


@strawberry.type(description="One item of a connection and its keyset cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque keyset cursor; stable under inserts."
    )
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of items with keyset cursors and the total count.")
class Connection(Generic[T]):
    total_count: int = strawberry.field(
        description="All matching items (not only this page)."
    )
    edges: list[Edge[T]] = strawberry.field(description="Items with cursors.")
    nodes: list[T] = strawberry.field(description="Items without cursors.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")


SearchResult = Annotated[
    Country | Person | Treaty | Organization | Statement | Chamber | Source,
    strawberry.union("SearchResult", description="Anything search can find."),
]


@strawberry.type(description="A search hit and its relevance score.")
class SearchHit:
    score: float = strawberry.field(description="Relevance; higher is better.")
    node: SearchResult = strawberry.field(description="What was found.")


@strawberry.type(description="Which data answers come from.")
class DatasetInfo:
    version: str | None = strawberry.field(description="Hash of the seed files loaded.")
    as_of_default: dt.date = strawberry.field(
        description="What asOf means when omitted."
    )
    party_rule: str = strawberry.field(
        description="How party status is derived from events."
    )
