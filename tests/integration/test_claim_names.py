"""Claims name what they dispute in API terms: the GraphQL type and field."""

from __future__ import annotations

from typing import Any

VOTE = "lva-saeima-2025-04-16-ottawa"


def test_a_claim_names_the_graphql_field_it_disputes(gql: Any) -> None:
    # Seed files spell the Saeima's tally `for`; the field is `votesFor`.
    body = gql(
        f'{{ vote(key: "{VOTE}") {{ claims {{ subjectType field property }} }} }}'
    )
    names = {
        (c["subjectType"], c["property"], c["field"])
        for c in body["data"]["vote"]["claims"]
    }
    assert ("ParliamentVote", "for", "votesFor") in names


def test_a_facts_claims_filter_by_field(gql: Any) -> None:
    body = gql(
        f'{{ vote(key: "{VOTE}") {{ claims(where: {{ field: {{ eq: "votesFor" }} }}) '
        "{ field } } }"
    )
    claims = body["data"]["vote"]["claims"]
    assert claims
    assert {c["field"] for c in claims} == {"votesFor"}


def test_every_claims_type_and_field_exist_in_the_schema(gql: Any) -> None:
    claims = gql(
        "{ claims(first: 200) { totalCount nodes { subjectType field property } } }"
    )["data"]["claims"]
    assert claims["totalCount"] <= 200, "page through them"
    fields: dict[str, set[str]] = {}
    for claim in claims["nodes"]:
        kind = claim["subjectType"]
        if kind not in fields:
            described = gql(f'{{ __type(name: "{kind}") {{ fields {{ name }} }} }}')
            assert described["data"]["__type"], kind
            fields[kind] = {f["name"] for f in described["data"]["__type"]["fields"]}
        if claim["field"] is not None:
            assert claim["field"] in fields[kind], claim
    # Those naming no field are about facts the type has no field for.
    unnamed = {c["property"] for c in claims["nodes"] if c["field"] is None}
    assert "for" not in unnamed
    assert "date" not in unnamed


def test_the_seed_spellings_are_deprecated(gql: Any) -> None:
    body = gql(
        '{ __type(name: "Claim") { fields(includeDeprecated: true) '
        "{ name isDeprecated deprecationReason } } }"
    )
    deprecated = {
        f["name"]: f["deprecationReason"]
        for f in body["data"]["__type"]["fields"]
        if f["isDeprecated"]
    }
    assert set(deprecated) == {"subjectKind", "property"}
    assert "subjectType" in deprecated["subjectKind"]
    assert "`field`" in deprecated["property"]
