"""Every node type of the treaty graph, each declared once (a declarative table).

Adding a type: declare it here (fields, links, seeds, root fields), add its seed
file, run `make schema`. See the README's architecture section.
"""

from __future__ import annotations

from model.enums import (
    ClaimStatus,
    CurationChange,
    EventKind,
    PartyStanding,
    RecommendationAction,
    SourceKind,
    StatementKind,
    UnStatus,
    VoteOutcome,
)
from model.names import Label, Rel
from model.urls import normal_url
from model.vocabulary import (
    NOT_SEEDED,
    Computed,
    Interval,
    Link,
    Model,
    NodeType,
    Prop,
    Root,
    Search,
    Seeds,
    ValidAt,
    either,
    into,
    out,
)

ID = r"[a-z0-9][a-z0-9\-:.]*"
# A claim a correction writes is keyed `<fact key>:<field>:<API key name>:<client's
# key>` (graph.curation): fact keys hold ISO3 codes, fields are camelCase and both
# names allow `_` (resolvers.curation.writes, settings), so claims allow them too.
CLAIM_KEY = r"[A-Za-z0-9][A-Za-z0-9_.:\-]*"
ISO3 = r"[A-Z]{3}"
ISO2 = r"[A-Z]{2}"

MEMBERSHIP_DATES = Interval("since", "until")
TERM_DATES = Interval("start", "end", unknown_start_counts=True)
PARTY_DATES = Interval("since", "until")

_NOTE = "Remarks by the curators."
_AS_OF = ("asOf", "where")


def note(description: str = _NOTE) -> Prop:
    """Free-text remarks: shown, never filtered or sorted on."""
    return Prop(description, filterable=False, sortable=False)


def text(description: str, **extra: object) -> Prop:
    """Long text: filterable, not a sort key."""
    return Prop(description, sortable=False, **extra)  # type: ignore[arg-type]  # Prop's keywords


def names(description: str) -> Prop:
    """A list of strings (never a sort key)."""
    return Prop(description, "strings", nullable=False, sortable=False)


def sources(description: str = "Sources of this record.") -> Link:
    """The sources a record cites."""
    return Link("Source", description, (out(Rel.CITES),), order=("id",))


def history() -> Link:
    """The curations that wrote a record, oldest first (the audit log of one fact)."""
    return Link(
        "Curation",
        "Every accepted mutation that wrote this record, oldest first: who, when, "
        "what changed and from which sources (empty for a record only the seed files "
        "wrote).",
        (into(Rel.WROTE),),
        order=("at", "key"),
        args=("where",),
    )


def claims(description: str) -> Link:
    """Claims sources make about a record."""
    return Link(
        "Claim", description, (into(Rel.ABOUT),), order=("key",), args=("where",)
    )


def single(
    target: str, description: str, *path: object, seed: str | None = None, **kw: bool
) -> Link:
    """One related node (`nullable` when it may be missing)."""
    return Link(
        target,
        description,
        path,  # type: ignore[arg-type]  # Steps, from out()/into()
        many=False,
        seed=seed,
        required=seed is not None and not kw.get("nullable", False),
        nullable=kw.get("nullable", False),
    )


SOURCE = NodeType(
    "Source",
    Label.SOURCE,
    "id",
    "A source a fact was read in: a page, with its publisher.",
    {
        "id": Prop(
            "Short stable handle of the source.",
            nullable=False,
            required=True,
            pattern=ID,
        ),
        "url": Prop(
            "Where the fact was read (urn: when no URL exists), normalised: scheme "
            "and host lower-case, no default port, trailing `/` or fragment.",
            nullable=False,
            required=True,
            canonical=normal_url,
        ),
        "publisher": Prop("Who published it.", nullable=False, required=True),
        "title": Prop("Title, when known."),
        "author": Prop("Author, when known."),
        "publishedOn": Prop("Publication date, when known.", "date"),
        "kind": Prop(
            "What kind of publication it is.",
            "enum",
            nullable=False,
            enum=SourceKind,
            required=True,
        ),
        "reliability": text("Caveats on this source's reliability."),
        "note": note(),
        "history": history(),
    },
    root=Root("sources", "Sources.", "source", "One source by id."),
    seeds=Seeds("sources", required_file=True),
    search=Search(7, ("publisher", "author")),
    extra_unique=("url",),
    range_indexes=("publisher",),
)

CLAIM = NodeType(
    "Claim",
    Label.CLAIM,
    "key",
    "What one source asserts about one fact. Where sources disagree every claim is "
    "kept, each with its sources; `status` says which value the graph keeps.",
    {
        "key": Prop(
            "Stable key of the claim.",
            nullable=False,
            required=True,
            pattern=CLAIM_KEY,
        ),
        "subjectType": Prop(
            "The GraphQL type of the fact the claim is about (e.g. `TreatyEvent`).",
            nullable=False,
            seed=NOT_SEEDED,
        ),
        "subjectKey": Prop("Key of that fact.", nullable=False, seed=NOT_SEEDED),
        "field": Prop(
            "The GraphQL field of that fact the claim disputes (e.g. `votesFor`), "
            "as the type names it; null when the claim is about no single field.",
            seed=NOT_SEEDED,
        ),
        "subjectKind": Prop(
            "Kind of fact the claim is about, as seed files spell it (`treaty_event`).",
            nullable=False,
            seed=NOT_SEEDED,
            deprecated="Seed-file spelling; use `subjectType`, the GraphQL type name.",
        ),
        "property": Prop(
            "Which field of the fact it is about, as seed files spell it (`for`).",
            nullable=False,
            required=True,
            deprecated="Seed-file spelling; use `field`, the GraphQL field name.",
        ),
        "value": Prop(
            "The value as the source gives it, as text (a list as JSON).",
            seed=NOT_SEEDED,
        ),
        "status": Prop(
            "KEPT, ALTERNATIVE or DISPUTED.",
            "enum",
            nullable=False,
            enum=ClaimStatus,
            required=True,
        ),
        "note": note("Why, and what else is known."),
        "sources": sources("Where the claim was read."),
        "history": history(),
    },
    root=Root(
        "claims", "Claims, including conflicting ones.", "claim", "One claim by key."
    ),
    seeds=Seeds("claims", extra={"about": "claim-subject", "value": "claim-value"}),
)

COUNTRY = NodeType(
    "Country",
    Label.COUNTRY,
    "iso3",
    "A sovereign state (UN member or observer, or a treaty party).",
    {
        "iso3": Prop(
            "ISO 3166-1 alpha-3 code.", nullable=False, required=True, pattern=ISO3
        ),
        "iso2": Prop(
            "ISO 3166-1 alpha-2 code.", nullable=False, required=True, pattern=ISO2
        ),
        "name": Prop("Common English name.", nullable=False, required=True),
        "officialName": Prop("Official name, when known."),
        "nativeNames": names("Names in the state's languages."),
        "aliases": names("Other spellings analysts use."),
        "region": Prop("Region."),
        "subregion": Prop("Subregion."),
        "unStatus": Prop(
            "Standing at the UN.",
            "enum",
            nullable=False,
            enum=UnStatus,
            required=True,
        ),
        "note": note(),
        "borders": Link(
            "Country",
            "States sharing a land border with this one.",
            (either(Rel.BORDERS, rel_var=True),),
            order=("name", "iso3"),
            args=("where", "sort", "first"),
        ),
        "landBorders": Computed(
            "landBorders", "Land borders, each with sources.", dated=True
        ),
        "memberships": Link(
            "Membership",
            "Memberships in force on `asOf` (NATO, EU …).",
            (out(Rel.HAS_MEMBERSHIP),),
            valid=ValidAt("target", MEMBERSHIP_DATES),
            order=("key",),
            args=_AS_OF,
        ),
        "membershipHistory": Link(
            "Membership",
            "Every membership, past and present.",
            (out(Rel.HAS_MEMBERSHIP),),
            order=("since", "key"),
            args=("where",),
        ),
        "treatyEvents": Link(
            "TreatyEvent",
            "The state's dated acts under treaties.",
            (out(Rel.HAS_EVENT),),
            order=("date", "key"),
            args=("where", "sort", "first"),
        ),
        "partyTo": Link(
            "Treaty",
            "Treaties the state is a party to on `asOf`.",
            (out(Rel.PARTY_TO, rel_var=True),),
            valid=ValidAt("rel", PARTY_DATES),
            order=("slug",),
            args=_AS_OF,
        ),
        "treatyStatus": Computed(
            "treatyStatus",
            "Status under one treaty on `asOf`; null for an unknown treaty.",
            dated=True,
        ),
        "recommendations": Link(
            "Recommendation",
            "Recommendations addressed to this state's government, made on or before "
            "`asOf`.",
            (into(Rel.ADDRESSED_TO),),
            order=("date", "key"),
            args=("where",),
        ),
        "statements": Link(
            "Statement",
            "Statements and decisions made on this state's behalf.",
            (into(Rel.ON_BEHALF_OF),),
            order=("date", "key"),
            args=("where", "sort"),
        ),
        "chambers": Link(
            "Chamber",
            "Chambers of the state's parliament.",
            (into(Rel.OF_COUNTRY),),
            order=("key",),
        ),
        "votes": Link(
            "ParliamentVote",
            "Votes in the state's parliament.",
            (into(Rel.OF_COUNTRY, Label.CHAMBER), into(Rel.IN_CHAMBER)),
            order=("date", "key"),
            args=("where", "sort"),
        ),
        "people": Link(
            "Person",
            "People of this state in the graph.",
            (into(Rel.OF_COUNTRY),),
            order=("name", "key"),
            args=("where",),
        ),
        "stockpiles": Link(
            "Stockpile",
            "Stockpile figures, each dated and sourced.",
            (out(Rel.HAS_STOCKPILE),),
            order=("key",),
        ),
        "sources": sources(),
        "claims": claims("Claims sources make about this state."),
    },
    root=Root(
        "countries",
        "States, filtered, sorted and paginated.",
        "country",
        "One state by ISO alpha-3 code; null if unknown.",
    ),
    seeds=Seeds("countries", required_file=True),
    search=Search(1, ("official_name", "native_names", "aliases", "iso3")),
    claim_kind="country",
    extra_unique=("iso2",),
    range_indexes=("name",),
)

ORGANIZATION = NodeType(
    "Organization",
    Label.ORGANIZATION,
    "code",
    "An alliance or union of states.",
    {
        "code": Prop(
            "Short code: NATO, EU.",
            nullable=False,
            required=True,
            pattern=r"[A-Z][A-Z0-9]+",
        ),
        "name": Prop("Full name.", nullable=False, required=True),
        "kind": Prop("military-alliance, political-union …"),
        "foundedOn": Prop("Founding date (see note).", "date"),
        "note": note(),
        "members": Link(
            "Country",
            "Member states on `asOf`, as a connection.",
            (into(Rel.OF_ORGANIZATION, Label.MEMBERSHIP), into(Rel.HAS_MEMBERSHIP)),
            valid=ValidAt("via", MEMBERSHIP_DATES),
            connection=True,
            order=("name", "iso3"),
            args=("asOf", "where", "sort"),
        ),
        "memberships": Link(
            "Membership",
            "Every membership, past and present.",
            (into(Rel.OF_ORGANIZATION),),
            order=("since", "key"),
            args=("where",),
        ),
        "sources": sources(),
        "claims": claims("Claims about it."),
    },
    root=Root(
        "organizations",
        "Organizations.",
        "organization",
        "One organization by code (NATO, EU).",
    ),
    seeds=Seeds("organizations"),
    search=Search(4, ("code",)),
    claim_kind="organization",
)

MEMBERSHIP = NodeType(
    "Membership",
    Label.MEMBERSHIP,
    "key",
    "A state's dated membership of an organization.",
    {
        "key": Prop("ORG:ISO3.", nullable=False, seed=NOT_SEEDED),
        "since": Prop("First day of membership.", "date"),
        "until": Prop("First day no longer a member.", "date"),
        "note": note(),
        "active": Prop(
            "In force on the request's asOf date.",
            "bool",
            nullable=False,
            sortable=False,
            seed=NOT_SEEDED,
            valid=True,
        ),
        "organization": single(
            "Organization",
            "The organization.",
            out(Rel.OF_ORGANIZATION),
            seed="organization",
        ),
        "country": single(
            "Country", "The member state.", into(Rel.HAS_MEMBERSHIP), seed="country"
        ),
        "sources": sources("Where the dates were read."),
        "claims": claims("Competing claims about it."),
        "history": history(),
    },
    root=Root(
        "memberships",
        "Memberships of organizations, past and present.",
        "membership",
        "One membership by key (ORG:ISO3).",
    ),
    seeds=Seeds("memberships", key=("organization", "country")),
    claim_kind="membership",
    interval=MEMBERSHIP_DATES,
)

TREATY = NodeType(
    "Treaty",
    Label.TREATY,
    "slug",
    "An arms-control treaty.",
    {
        "slug": Prop(
            "Stable handle: ottawa, ccm.", nullable=False, required=True, pattern=ID
        ),
        "name": Prop("Name.", nullable=False, required=True),
        "shortName": Prop("Short name."),
        "aliases": names("Other names."),
        "fullTitle": Prop("Full title."),
        "adoptedOn": Prop("Adoption date.", "date"),
        "adoptedAt": Prop("Where it was adopted."),
        "openedForSignatureOn": Prop("Opened for signature.", "date"),
        "entryIntoForceOn": Prop("Entry into force.", "date"),
        "depositary": Prop("Depositary."),
        "signatoryCount": Prop("States that signed (see claims).", "int"),
        "entryIntoForceRule": text("When it binds a new party."),
        "withdrawalNoticeMonths": Prop("Notice before withdrawal takes effect.", "int"),
        "withdrawalRule": text("The withdrawal rule."),
        "obligations": text("What parties undertake."),
        "note": note(),
        "parties": Link(
            "Country",
            "States parties on `asOf`: from entry into force until withdrawal "
            "takes effect.",
            (into(Rel.PARTY_TO, rel_var=True),),
            valid=ValidAt("rel", PARTY_DATES),
            connection=True,
            order=("name", "iso3"),
            args=("asOf", "where", "sort"),
        ),
        "events": Link(
            "TreatyEvent",
            "Every state's dated acts under this treaty.",
            (into(Rel.UNDER),),
            connection=True,
            order=("date", "key"),
            args=("where", "sort"),
        ),
        "votes": Link(
            "ParliamentVote",
            "Parliamentary votes about this treaty.",
            (into(Rel.ON_TREATY),),
            order=("date", "key"),
            args=("where",),
        ),
        "recommendations": Link(
            "Recommendation",
            "Recommendations about this treaty, made on or before `asOf`.",
            (into(Rel.CONCERNS),),
            order=("date", "key"),
            args=("where",),
        ),
        "sources": sources(),
        "claims": claims("Claims about it (e.g. signatory counts)."),
    },
    root=Root("treaties", "Treaties.", "treaty", "One treaty by slug (ottawa, ccm)."),
    seeds=Seeds("treaties", required_file=True),
    search=Search(3, ("short_name", "full_title", "aliases")),
    claim_kind="treaty",
)

TREATY_EVENT = NodeType(
    "TreatyEvent",
    Label.TREATY_EVENT,
    "key",
    "One state's dated act under one treaty (signature, ratification …).",
    {
        "key": Prop("treaty:ISO3:kind.", nullable=False, seed=NOT_SEEDED),
        "kind": Prop(
            "What happened.",
            "enum",
            nullable=False,
            enum=EventKind,
            required=True,
            seed_separator="_",
        ),
        "date": Prop("When; null when no source gives it.", "date"),
        "derived": Prop(
            "True when the date was computed by a rule.",
            "bool",
            nullable=False,
            seed=NOT_SEEDED,
        ),
        "derivationRule": text("The rule, when derived.", seed=NOT_SEEDED),
        "derivedFrom": text("What it was computed from.", seed=NOT_SEEDED),
        "note": note(),
        "country": single("Country", "The state.", into(Rel.HAS_EVENT), seed="country"),
        "treaty": single("Treaty", "The treaty.", out(Rel.UNDER), seed="treaty"),
        "sources": sources("Where the date was read (or the rule's source)."),
        "claims": claims("Competing claims about this event."),
        "history": history(),
    },
    root=Root(
        "events", "Treaty events of every state.", "event", "One treaty event by key."
    ),
    seeds=Seeds(
        "treaty_events",
        key=("treaty", "country", "kind"),
        extra={"derived": "derivation"},
    ),
    claim_kind="treaty_event",
    range_indexes=("date", "kind"),
)

CHAMBER = NodeType(
    "Chamber",
    Label.CHAMBER,
    "key",
    "A chamber of a national parliament.",
    {
        "key": Prop(
            "Stable handle, e.g. ltu-seimas.", nullable=False, required=True, pattern=ID
        ),
        "name": Prop("English name.", nullable=False, required=True),
        "nativeName": Prop("Name in the state's language."),
        "seats": Prop("Number of seats.", "int"),
        "note": note(),
        "country": single("Country", "The state.", out(Rel.OF_COUNTRY), seed="country"),
        "votes": Link(
            "ParliamentVote",
            "Votes held in this chamber.",
            (into(Rel.IN_CHAMBER),),
            order=("date", "key"),
            args=("where",),
        ),
        "sources": sources(),
        "claims": claims("Claims about it."),
    },
    root=Root(
        "chambers",
        "Parliamentary chambers.",
        "chamber",
        "One parliamentary chamber by key.",
    ),
    seeds=Seeds("chambers"),
    search=Search(6, ("native_name",)),
    claim_kind="chamber",
)

VOTE = NodeType(
    "ParliamentVote",
    Label.VOTE,
    "key",
    "A recorded vote in a parliament, with its tallies.",
    {
        "key": Prop("Stable handle.", nullable=False, required=True, pattern=ID),
        "date": Prop("Date of the vote.", "date", required=True),
        "dateText": text("The date as sources give it, when partial."),
        "action": Prop("withdraw, ratify, suspend …", nullable=False, required=True),
        "stage": Prop("final, first-reading, motion …"),
        "subject": text("What was decided."),
        "votesFor": Prop("Votes in favour (see claims).", "int", seed="for"),
        "votesAgainst": Prop("Votes against.", "int", seed="against"),
        "abstained": Prop("Abstentions.", "int"),
        "absent": Prop("Members absent.", "int"),
        "notVoting": Prop("Present but not voting.", "int"),
        "required": Prop("Votes required to pass.", "int"),
        "outcome": Prop("Passed or failed.", "enum", enum=VoteOutcome),
        "note": note(),
        "chamber": single(
            "Chamber", "Where it was held.", out(Rel.IN_CHAMBER), seed="chamber"
        ),
        "country": single(
            "Country",
            "The chamber's state.",
            out(Rel.IN_CHAMBER, Label.CHAMBER),
            out(Rel.OF_COUNTRY),
        ),
        "treaty": single(
            "Treaty",
            "The treaty it concerned.",
            out(Rel.ON_TREATY),
            seed="treaty",
            nullable=True,
        ),
        "abstainers": Link(
            "Person",
            "Members named as abstaining.",
            (into(Rel.ABSTAINED_IN),),
            order=("name", "key"),
            seed="abstainers",
        ),
        "sources": sources("Where the tallies were read."),
        "claims": claims("Competing tallies and dates."),
        "history": history(),
    },
    root=Root("votes", "Parliamentary votes.", "vote", "One vote by key."),
    seeds=Seeds("votes"),
    claim_kind="vote",
    range_indexes=("date",),
)

PERSON = NodeType(
    "Person",
    Label.PERSON,
    "key",
    "A person: minister, head of state or government, member of parliament.",
    {
        "key": Prop("Stable handle.", nullable=False, required=True, pattern=ID),
        "name": Prop("Name, with diacritics.", nullable=False, required=True),
        "aliases": names("Other spellings (e.g. without diacritics)."),
        "note": note(),
        "country": single(
            "Country",
            "The person's state.",
            out(Rel.OF_COUNTRY),
            seed="country",
            nullable=True,
        ),
        "terms": Link(
            "Term",
            "Offices held, with dates where known.",
            (out(Rel.HELD),),
            order=("start", "key"),
        ),
        "offices": Link(
            "Office",
            "Offices held on `asOf` (terms with unknown dates count).",
            (out(Rel.HELD, Label.TERM), out(Rel.OF_OFFICE)),
            valid=ValidAt("via", TERM_DATES),
            order=("title", "key"),
            args=("asOf",),
        ),
        "statements": Link(
            "Statement",
            "Statements the person authored or signed.",
            (out(Rel.AUTHORED),),
            order=("date", "key"),
            args=("where",),
        ),
        "sources": sources(),
        "claims": claims("Claims about the person."),
    },
    root=Root("people", "People.", "person", "One person by key."),
    seeds=Seeds("people"),
    search=Search(2, ("aliases",)),
    claim_kind="person",
    range_indexes=("name",),
)

OFFICE = NodeType(
    "Office",
    Label.OFFICE,
    "key",
    "A public office of a state.",
    {
        "key": Prop("Stable handle.", nullable=False, required=True, pattern=ID),
        "title": Prop("Title of the office.", nullable=False, required=True),
        "kind": Prop("defence-minister, head-of-government …"),
        "note": note(),
        "country": single("Country", "The state.", out(Rel.OF_COUNTRY), seed="country"),
        "terms": Link(
            "Term",
            "Who held it and when.",
            (into(Rel.OF_OFFICE),),
            order=("start", "key"),
        ),
        "sources": sources(),
    },
    root=Root("offices", "Offices.", "office", "One office by key."),
    seeds=Seeds("offices"),
    claim_kind="office",
)

TERM = NodeType(
    "Term",
    Label.TERM,
    "key",
    "A person's time in an office; dates null where no source gives them.",
    {
        "key": Prop("person:office:start.", nullable=False, seed=NOT_SEEDED),
        "start": Prop("First day in office.", "date", seed="from"),
        "end": Prop("First day out of office.", "date", seed="until"),
        "note": note("What is known when dates are not."),
        "person": single("Person", "Who.", into(Rel.HELD), seed="person"),
        "office": single("Office", "Which office.", out(Rel.OF_OFFICE), seed="office"),
        "sources": sources(),
        "claims": claims("Claims about it."),
        "history": history(),
    },
    root=Root(
        "terms",
        "Terms in office, with dates where known.",
        "term",
        "One term by key (person:office:start).",
    ),
    seeds=Seeds("terms", key=("person", "office", "from")),
    claim_kind="term",
    interval=TERM_DATES,
)

STATEMENT = NodeType(
    "Statement",
    Label.STATEMENT,
    "key",
    "A statement, proposal or decision, with its authors and quotes.",
    {
        "key": Prop("Stable handle.", nullable=False, required=True, pattern=ID),
        "date": Prop("Date, when known.", "date"),
        "dateText": text("The date as sources give it."),
        "kind": Prop(
            "What kind of statement.",
            "enum",
            nullable=False,
            enum=StatementKind,
            required=True,
        ),
        "title": Prop("Short title.", nullable=False, required=True),
        "summary": text("What it says."),
        "quotes": names("Verbatim quotes."),
        "note": note(),
        "authors": Link(
            "Person",
            "Who made or signed it.",
            (into(Rel.AUTHORED),),
            order=("name", "key"),
            seed="authors",
        ),
        "countries": Link(
            "Country",
            "On whose behalf.",
            (out(Rel.ON_BEHALF_OF),),
            order=("name", "iso3"),
            seed="countries",
        ),
        "recommendations": Link(
            "Recommendation",
            "What it recommends (nothing as of a date before the statement's).",
            (out(Rel.MAKES),),
            order=("key",),
        ),
        "sources": sources("Where it was read."),
        "claims": claims("Competing claims about it."),
        "history": history(),
    },
    root=Root(
        "statements", "Statements and decisions.", "statement", "One statement by key."
    ),
    seeds=Seeds("statements", extra={"recommendations": "recommendations"}),
    search=Search(5, ("summary",)),
    claim_kind="statement",
    range_indexes=("date",),
)

RECOMMENDATION = NodeType(
    "Recommendation",
    Label.RECOMMENDATION,
    "key",
    "A recommendation to governments about a treaty, made in a statement.",
    {
        "key": Prop("statement:n.", nullable=False),
        "action": Prop(
            "What it recommends.", "enum", nullable=False, enum=RecommendationAction
        ),
        "date": Prop("Date of the statement.", "date"),
        "treaty": single("Treaty", "The treaty concerned.", out(Rel.CONCERNS)),
        "statement": single(
            "Statement", "The statement that makes it.", into(Rel.MAKES)
        ),
        "authors": Link(
            "Person",
            "The statement's authors.",
            (into(Rel.MAKES, Label.STATEMENT), into(Rel.AUTHORED)),
            order=("name", "key"),
        ),
        "addressedTo": Link(
            "Country",
            "States whose governments it addresses.",
            (out(Rel.ADDRESSED_TO),),
            order=("name", "iso3"),
        ),
        "sources": sources("The statement's sources."),
        "history": history(),
    },
    # Seeded inside statements.yaml (a statement's `recommendations`).
    root=Root("recommendations", "Recommendations made on or before `asOf`."),
    begins="date",
)

STOCKPILE = NodeType(
    "Stockpile",
    Label.STOCKPILE,
    "key",
    "A stockpile figure for a state, dated and sourced.",
    {
        "key": Prop("Stable handle.", nullable=False, required=True, pattern=ID),
        "weapon": Prop(
            "anti-personnel-mines, cluster-munitions.", nullable=False, required=True
        ),
        "count": Prop("Number, when a single figure is given.", "int"),
        "countLow": Prop("Low end of a range.", "int"),
        "countHigh": Prop("High end of a range.", "int"),
        "asOf": Prop("Date of the figure.", "date"),
        "asOfText": text("The date as the source gives it."),
        "rank": Prop("World rank, when a source gives one.", "int"),
        "rankContext": text("The rank's context."),
        "note": note(),
        "country": single(
            "Country", "The state.", into(Rel.HAS_STOCKPILE), seed="country"
        ),
        "sources": sources("Where the figure was read."),
        "claims": claims("Competing figures."),
        "history": history(),
    },
    root=Root(
        "stockpiles", "Stockpile figures.", "stockpile", "One stockpile figure by key."
    ),
    seeds=Seeds("stockpiles"),
    claim_kind="stockpile",
)

CURATION = NodeType(
    "Curation",
    Label.CURATION,
    "key",
    "Who wrote what, and when: the record of one accepted mutation, written in its "
    "transaction. `curations` lists them (the audit log); a fact's `history` lists "
    "its own.",
    {
        "key": Prop(
            "Unique key of the record (the curator's and the client's keys).",
            nullable=False,
        ),
        "idempotencyKey": Prop("The client's key, as sent.", nullable=False),
        "operation": Prop("Which mutation (recordTreatyEvent …).", nullable=False),
        "by": Prop("Name of the API key that wrote it.", nullable=False),
        "at": Prop("Server time of the write (UTC).", "datetime", nullable=False),
        "subjectType": Prop(
            "The GraphQL type of the written fact (TreatyEvent …).",
            nullable=False,
            # Labels are the types' names (model.names).
            stored="subjectLabel",
        ),
        "subjectKey": Prop("Key of the written fact.", nullable=False),
        "change": Prop("ADDED, CORRECTED or RETRACTED.", "enum", enum=CurationChange),
        "fields": Prop(
            "The GraphQL fields of the fact it set or changed.",
            "strings",
            sortable=False,
        ),
        "before": Prop(
            "Those fields' prior values, as JSON text (null when ADDED).",
            filterable=False,
            sortable=False,
        ),
        "after": Prop(
            "Their new values, as JSON text (null when RETRACTED).",
            filterable=False,
            sortable=False,
        ),
        "reason": text("The curator's why (always given for a retraction)."),
        "treaties": Prop(
            "Slugs of the treaties the fact concerns.", "strings", sortable=False
        ),
        "countries": Prop(
            "ISO alpha-3 codes of the states it concerns.", "strings", sortable=False
        ),
        "partyStatus": Prop(
            "For a write to a treaty event: the state's PARTY_TO under that treaty "
            "right after it.",
            "enum",
            enum=PartyStanding,
        ),
        "partySince": Prop("Its first day, then.", "date"),
        "partyUntil": Prop("Its end, then (null: open).", "date"),
        "sources": sources("The sources the write cited."),
    },
    root=Root(
        "curations",
        "The audit log: every accepted mutation, oldest first unless sorted.",
        "curation",
        "One curation record by key.",
        order=("at",),
    ),
    # Only `make export` writes these records (seeds/data/curated/curations.yaml),
    # so a reset keeps the audit log; a retraction may cite no source.
    seeds=Seeds(
        "curations",
        extra={"request_hash": "request-hash", "wrote": "wrote"},
        sourced=False,
    ),
    seeded=False,
    range_indexes=("at", "by", "subjectKey"),
)

# Declaration order is the order of where/sort fields, root fields and seed kinds.
MODEL = Model(
    (
        COUNTRY,
        ORGANIZATION,
        MEMBERSHIP,
        TREATY,
        TREATY_EVENT,
        CHAMBER,
        VOTE,
        PERSON,
        OFFICE,
        TERM,
        STATEMENT,
        RECOMMENDATION,
        STOCKPILE,
        SOURCE,
        CLAIM,
        CURATION,
    )
)
