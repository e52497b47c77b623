"""How each GraphQL type and field maps onto the graph: the compiler's only input.

Templates use `{v}` for the node being projected, `{t}` for a related node, `{r}`
for the relationship and `{asof}` for the point-in-time parameter. Everything here
is fixed text; user input only ever reaches Cypher as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graph.model import Label, Rel

ScalarKind = Literal["string", "int", "date", "bool", "enum", "strings", "float"]


@dataclass(frozen=True)
class Scalar:
    """A value computed from the node: a property or a small expression."""

    expr: str
    kind: ScalarKind = "string"
    sortable: bool = True
    filterable: bool = True


@dataclass(frozen=True)
class Relation:
    """Related nodes reached by a pattern from `{v}` to `{t}`."""

    pattern: str
    target: str  # GraphQL type name of the related nodes
    many: bool = True
    # Validity at a date, for fields whose answer depends on `asOf`.
    valid: str | None = None
    connection: bool = False
    # Default order when the query gives none (also the keyset tie-break).
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Special:
    """A field compiled by a dedicated function in graph.compiler."""

    kind: str


Field = Scalar | Relation | Special


@dataclass(frozen=True)
class TypeMap:
    """One GraphQL object type backed by one label."""

    label: Label
    key: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def key_expr(self) -> str:
        return "{v}.`" + self.key + "`"


def _prop(name: str, kind: ScalarKind = "string", **extra: bool) -> Scalar:
    if kind == "date":
        return Scalar("toString({v}.`" + name + "`)", "date", **extra)
    return Scalar("{v}.`" + name + "`", kind, **extra)


def _sources() -> Relation:
    return Relation(
        f"({{v}})-[:`{Rel.CITES}`]->({{t}}:`{Label.SOURCE}`)", "Source", order=("id",)
    )


def _claims() -> Relation:
    return Relation(
        f"({{v}})<-[:`{Rel.ABOUT}`]-({{t}}:`{Label.CLAIM}`)", "Claim", order=("key",)
    )


_MEMBERSHIP_VALID = "{t}.since <= {asof} AND ({t}.until IS NULL OR {t}.until > {asof})"
_PARTY_VALID = "{r}.since <= {asof} AND ({r}.until IS NULL OR {r}.until > {asof})"
_TERM_VALID = "({t}.start IS NULL OR {t}.start <= {asof}) AND ({t}.end IS NULL OR {t}.end > {asof})"

TYPES: dict[str, TypeMap] = {
    "Country": TypeMap(
        Label.COUNTRY,
        "iso3",
        {
            "iso3": _prop("iso3"),
            "iso2": _prop("iso2"),
            "name": _prop("name"),
            "officialName": _prop("officialName"),
            "nativeNames": _prop("nativeNames", "strings", sortable=False),
            "aliases": _prop("aliases", "strings", sortable=False),
            "region": _prop("region"),
            "subregion": _prop("subregion"),
            "unStatus": _prop("unStatus", "enum"),
            "note": _prop("note", filterable=False, sortable=False),
            "borders": Relation(
                f"({{v}})-[{{r}}:`{Rel.BORDERS}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                order=("name", "iso3"),
            ),
            "landBorders": Special("landBorders"),
            "memberships": Relation(
                f"({{v}})-[:`{Rel.HAS_MEMBERSHIP}`]->({{t}}:`{Label.MEMBERSHIP}`)",
                "Membership",
                valid=_MEMBERSHIP_VALID,
                order=("key",),
            ),
            "membershipHistory": Relation(
                f"({{v}})-[:`{Rel.HAS_MEMBERSHIP}`]->({{t}}:`{Label.MEMBERSHIP}`)",
                "Membership",
                order=("since", "key"),
            ),
            "treatyEvents": Relation(
                f"({{v}})-[:`{Rel.HAS_EVENT}`]->({{t}}:`{Label.TREATY_EVENT}`)",
                "TreatyEvent",
                order=("date", "key"),
            ),
            "partyTo": Relation(
                f"({{v}})-[{{r}}:`{Rel.PARTY_TO}`]->({{t}}:`{Label.TREATY}`)",
                "Treaty",
                valid=_PARTY_VALID,
                order=("slug",),
            ),
            "treatyStatus": Special("treatyStatus"),
            "recommendations": Relation(
                f"({{v}})<-[:`{Rel.ADDRESSED_TO}`]-({{t}}:`{Label.RECOMMENDATION}`)",
                "Recommendation",
                order=("date", "key"),
            ),
            "statements": Relation(
                f"({{v}})<-[:`{Rel.ON_BEHALF_OF}`]-({{t}}:`{Label.STATEMENT}`)",
                "Statement",
                order=("date", "key"),
            ),
            "chambers": Relation(
                f"({{v}})<-[:`{Rel.OF_COUNTRY}`]-({{t}}:`{Label.CHAMBER}`)",
                "Chamber",
                order=("key",),
            ),
            "votes": Relation(
                f"({{v}})<-[:`{Rel.OF_COUNTRY}`]-(:`{Label.CHAMBER}`)"
                f"<-[:`{Rel.IN_CHAMBER}`]-({{t}}:`{Label.VOTE}`)",
                "ParliamentVote",
                order=("date", "key"),
            ),
            "people": Relation(
                f"({{v}})<-[:`{Rel.OF_COUNTRY}`]-({{t}}:`{Label.PERSON}`)",
                "Person",
                order=("name", "key"),
            ),
            "stockpiles": Relation(
                f"({{v}})-[:`{Rel.HAS_STOCKPILE}`]->({{t}}:`{Label.STOCKPILE}`)",
                "Stockpile",
                order=("key",),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Organization": TypeMap(
        Label.ORGANIZATION,
        "code",
        {
            "code": _prop("code"),
            "name": _prop("name"),
            "kind": _prop("kind"),
            "foundedOn": _prop("foundedOn", "date"),
            "note": _prop("note", filterable=False, sortable=False),
            "members": Relation(
                f"({{v}})<-[:`{Rel.OF_ORGANIZATION}`]-({{m}}:`{Label.MEMBERSHIP}`)"
                f"<-[:`{Rel.HAS_MEMBERSHIP}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                valid=_MEMBERSHIP_VALID.replace("{t}", "{m}"),
                connection=True,
                order=("name", "iso3"),
            ),
            "memberships": Relation(
                f"({{v}})<-[:`{Rel.OF_ORGANIZATION}`]-({{t}}:`{Label.MEMBERSHIP}`)",
                "Membership",
                order=("since", "key"),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Membership": TypeMap(
        Label.MEMBERSHIP,
        "key",
        {
            "key": _prop("key"),
            "since": _prop("since", "date"),
            "until": _prop("until", "date"),
            "note": _prop("note", filterable=False, sortable=False),
            "active": Scalar(
                "(" + _MEMBERSHIP_VALID.replace("{t}", "{v}") + ")",
                "bool",
                sortable=False,
            ),
            "organization": Relation(
                f"({{v}})-[:`{Rel.OF_ORGANIZATION}`]->({{t}}:`{Label.ORGANIZATION}`)",
                "Organization",
                many=False,
            ),
            "country": Relation(
                f"({{v}})<-[:`{Rel.HAS_MEMBERSHIP}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Treaty": TypeMap(
        Label.TREATY,
        "slug",
        {
            "slug": _prop("slug"),
            "name": _prop("name"),
            "shortName": _prop("shortName"),
            "aliases": _prop("aliases", "strings", sortable=False),
            "fullTitle": _prop("fullTitle"),
            "adoptedOn": _prop("adoptedOn", "date"),
            "adoptedAt": _prop("adoptedAt"),
            "openedForSignatureOn": _prop("openedForSignatureOn", "date"),
            "entryIntoForceOn": _prop("entryIntoForceOn", "date"),
            "depositary": _prop("depositary"),
            "signatoryCount": _prop("signatoryCount", "int"),
            "entryIntoForceRule": _prop("entryIntoForceRule", sortable=False),
            "withdrawalNoticeMonths": _prop("withdrawalNoticeMonths", "int"),
            "withdrawalRule": _prop("withdrawalRule", sortable=False),
            "obligations": _prop("obligations", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
            "parties": Relation(
                f"({{v}})<-[{{r}}:`{Rel.PARTY_TO}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                valid=_PARTY_VALID,
                connection=True,
                order=("name", "iso3"),
            ),
            "events": Relation(
                f"({{v}})<-[:`{Rel.UNDER}`]-({{t}}:`{Label.TREATY_EVENT}`)",
                "TreatyEvent",
                connection=True,
                order=("date", "key"),
            ),
            "votes": Relation(
                f"({{v}})<-[:`{Rel.ON_TREATY}`]-({{t}}:`{Label.VOTE}`)",
                "ParliamentVote",
                order=("date", "key"),
            ),
            "recommendations": Relation(
                f"({{v}})<-[:`{Rel.CONCERNS}`]-({{t}}:`{Label.RECOMMENDATION}`)",
                "Recommendation",
                order=("date", "key"),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "TreatyEvent": TypeMap(
        Label.TREATY_EVENT,
        "key",
        {
            "key": _prop("key"),
            "kind": _prop("kind", "enum"),
            "date": _prop("date", "date"),
            "derived": _prop("derived", "bool"),
            "derivationRule": _prop("derivationRule", sortable=False),
            "derivedFrom": _prop("derivedFrom", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
            "country": Relation(
                f"({{v}})<-[:`{Rel.HAS_EVENT}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "treaty": Relation(
                f"({{v}})-[:`{Rel.UNDER}`]->({{t}}:`{Label.TREATY}`)",
                "Treaty",
                many=False,
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Chamber": TypeMap(
        Label.CHAMBER,
        "key",
        {
            "key": _prop("key"),
            "name": _prop("name"),
            "nativeName": _prop("nativeName"),
            "seats": _prop("seats", "int"),
            "note": _prop("note", filterable=False, sortable=False),
            "country": Relation(
                f"({{v}})-[:`{Rel.OF_COUNTRY}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "votes": Relation(
                f"({{v}})<-[:`{Rel.IN_CHAMBER}`]-({{t}}:`{Label.VOTE}`)",
                "ParliamentVote",
                order=("date", "key"),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "ParliamentVote": TypeMap(
        Label.VOTE,
        "key",
        {
            "key": _prop("key"),
            "date": _prop("date", "date"),
            "dateText": _prop("dateText", sortable=False),
            "action": _prop("action"),
            "stage": _prop("stage"),
            "subject": _prop("subject", sortable=False),
            "votesFor": _prop("votesFor", "int"),
            "votesAgainst": _prop("votesAgainst", "int"),
            "abstained": _prop("abstained", "int"),
            "absent": _prop("absent", "int"),
            "notVoting": _prop("notVoting", "int"),
            "required": _prop("required", "int"),
            "outcome": _prop("outcome", "enum"),
            "note": _prop("note", filterable=False, sortable=False),
            "chamber": Relation(
                f"({{v}})-[:`{Rel.IN_CHAMBER}`]->({{t}}:`{Label.CHAMBER}`)",
                "Chamber",
                many=False,
            ),
            "country": Relation(
                f"({{v}})-[:`{Rel.IN_CHAMBER}`]->(:`{Label.CHAMBER}`)"
                f"-[:`{Rel.OF_COUNTRY}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "treaty": Relation(
                f"({{v}})-[:`{Rel.ON_TREATY}`]->({{t}}:`{Label.TREATY}`)",
                "Treaty",
                many=False,
            ),
            "abstainers": Relation(
                f"({{v}})<-[:`{Rel.ABSTAINED_IN}`]-({{t}}:`{Label.PERSON}`)",
                "Person",
                order=("name", "key"),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Person": TypeMap(
        Label.PERSON,
        "key",
        {
            "key": _prop("key"),
            "name": _prop("name"),
            "aliases": _prop("aliases", "strings", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
            "country": Relation(
                f"({{v}})-[:`{Rel.OF_COUNTRY}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "terms": Relation(
                f"({{v}})-[:`{Rel.HELD}`]->({{t}}:`{Label.TERM}`)",
                "Term",
                order=("start", "key"),
            ),
            "offices": Relation(
                f"({{v}})-[:`{Rel.HELD}`]->({{m}}:`{Label.TERM}`)"
                f"-[:`{Rel.OF_OFFICE}`]->({{t}}:`{Label.OFFICE}`)",
                "Office",
                valid=_TERM_VALID.replace("{t}", "{m}"),
                order=("title", "key"),
            ),
            "statements": Relation(
                f"({{v}})-[:`{Rel.AUTHORED}`]->({{t}}:`{Label.STATEMENT}`)",
                "Statement",
                order=("date", "key"),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Office": TypeMap(
        Label.OFFICE,
        "key",
        {
            "key": _prop("key"),
            "title": _prop("title"),
            "kind": _prop("kind"),
            "note": _prop("note", filterable=False, sortable=False),
            "country": Relation(
                f"({{v}})-[:`{Rel.OF_COUNTRY}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "terms": Relation(
                f"({{v}})<-[:`{Rel.OF_OFFICE}`]-({{t}}:`{Label.TERM}`)",
                "Term",
                order=("start", "key"),
            ),
            "sources": _sources(),
        },
    ),
    "Term": TypeMap(
        Label.TERM,
        "key",
        {
            "key": _prop("key"),
            "start": _prop("start", "date"),
            "end": _prop("end", "date"),
            "note": _prop("note", filterable=False, sortable=False),
            "person": Relation(
                f"({{v}})<-[:`{Rel.HELD}`]-({{t}}:`{Label.PERSON}`)",
                "Person",
                many=False,
            ),
            "office": Relation(
                f"({{v}})-[:`{Rel.OF_OFFICE}`]->({{t}}:`{Label.OFFICE}`)",
                "Office",
                many=False,
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Statement": TypeMap(
        Label.STATEMENT,
        "key",
        {
            "key": _prop("key"),
            "date": _prop("date", "date"),
            "dateText": _prop("dateText", sortable=False),
            "kind": _prop("kind", "enum"),
            "title": _prop("title"),
            "summary": _prop("summary", sortable=False),
            "quotes": _prop("quotes", "strings", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
            "authors": Relation(
                f"({{v}})<-[:`{Rel.AUTHORED}`]-({{t}}:`{Label.PERSON}`)",
                "Person",
                order=("name", "key"),
            ),
            "countries": Relation(
                f"({{v}})-[:`{Rel.ON_BEHALF_OF}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                order=("name", "iso3"),
            ),
            "recommendations": Relation(
                f"({{v}})-[:`{Rel.MAKES}`]->({{t}}:`{Label.RECOMMENDATION}`)",
                "Recommendation",
                order=("key",),
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Recommendation": TypeMap(
        Label.RECOMMENDATION,
        "key",
        {
            "key": _prop("key"),
            "action": _prop("action", "enum"),
            "date": _prop("date", "date"),
            "treaty": Relation(
                f"({{v}})-[:`{Rel.CONCERNS}`]->({{t}}:`{Label.TREATY}`)",
                "Treaty",
                many=False,
            ),
            "statement": Relation(
                f"({{v}})<-[:`{Rel.MAKES}`]-({{t}}:`{Label.STATEMENT}`)",
                "Statement",
                many=False,
            ),
            "authors": Relation(
                f"({{v}})<-[:`{Rel.MAKES}`]-(:`{Label.STATEMENT}`)"
                f"<-[:`{Rel.AUTHORED}`]-({{t}}:`{Label.PERSON}`)",
                "Person",
                order=("name", "key"),
            ),
            "addressedTo": Relation(
                f"({{v}})-[:`{Rel.ADDRESSED_TO}`]->({{t}}:`{Label.COUNTRY}`)",
                "Country",
                order=("name", "iso3"),
            ),
            "sources": _sources(),
        },
    ),
    "Stockpile": TypeMap(
        Label.STOCKPILE,
        "key",
        {
            "key": _prop("key"),
            "weapon": _prop("weapon"),
            "count": _prop("count", "int"),
            "countLow": _prop("countLow", "int"),
            "countHigh": _prop("countHigh", "int"),
            "asOf": _prop("asOf", "date"),
            "asOfText": _prop("asOfText", sortable=False),
            "rank": _prop("rank", "int"),
            "rankContext": _prop("rankContext", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
            "country": Relation(
                f"({{v}})<-[:`{Rel.HAS_STOCKPILE}`]-({{t}}:`{Label.COUNTRY}`)",
                "Country",
                many=False,
            ),
            "sources": _sources(),
            "claims": _claims(),
        },
    ),
    "Source": TypeMap(
        Label.SOURCE,
        "id",
        {
            "id": _prop("id"),
            "url": _prop("url"),
            "publisher": _prop("publisher"),
            "title": _prop("title"),
            "author": _prop("author"),
            "publishedOn": _prop("publishedOn", "date"),
            "kind": _prop("kind", "enum"),
            "reliability": _prop("reliability", sortable=False),
            "note": _prop("note", filterable=False, sortable=False),
        },
    ),
    "Claim": TypeMap(
        Label.CLAIM,
        "key",
        {
            "key": _prop("key"),
            "subjectKind": _prop("subjectKind"),
            "subjectKey": _prop("subjectKey"),
            "property": _prop("property"),
            "value": _prop("value"),
            "status": _prop("status", "enum"),
            "note": _prop("note", filterable=False, sortable=False),
            "sources": _sources(),
        },
    ),
}

# Root connection fields: GraphQL field name -> GraphQL type it lists.
ROOT_LISTS: dict[str, str] = {
    "countries": "Country",
    "organizations": "Organization",
    "treaties": "Treaty",
    "events": "TreatyEvent",
    "chambers": "Chamber",
    "votes": "ParliamentVote",
    "people": "Person",
    "offices": "Office",
    "statements": "Statement",
    "recommendations": "Recommendation",
    "stockpiles": "Stockpile",
    "sources": "Source",
    "claims": "Claim",
}

# Root single lookups: GraphQL field name -> (type, argument naming the key).
ROOT_LOOKUPS: dict[str, tuple[str, str]] = {
    "country": ("Country", "iso3"),
    "organization": ("Organization", "code"),
    "treaty": ("Treaty", "slug"),
    "event": ("TreatyEvent", "key"),
    "chamber": ("Chamber", "key"),
    "vote": ("ParliamentVote", "key"),
    "person": ("Person", "key"),
    "office": ("Office", "key"),
    "statement": ("Statement", "key"),
    "stockpile": ("Stockpile", "key"),
    "source": ("Source", "id"),
    "claim": ("Claim", "key"),
}

# Search hits may be any of these; the union's members in the schema.
SEARCHABLE: dict[Label, str] = {
    Label.COUNTRY: "Country",
    Label.PERSON: "Person",
    Label.TREATY: "Treaty",
    Label.ORGANIZATION: "Organization",
    Label.STATEMENT: "Statement",
    Label.CHAMBER: "Chamber",
    Label.SOURCE: "Source",
}
