"""The example operations GraphiQL opens with run as they stand and give the documented answers."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from schema.examples import Example, examples

BY_NAME = {example.name.split("-", 1)[1]: example for example in examples()}


def run(gql: Any, example: Example) -> Any:
    body = gql(example.query)
    assert "errors" not in body, body["errors"]
    return body["data"]


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_every_example_runs_without_errors_and_says_what_it_asks(
    gql: Any, example: Example
) -> None:
    assert example.summary, f"{example.name} needs a leading comment"
    assert run(gql, example)


def test_hero_example_answers_the_four_states(gql: Any) -> None:
    answer = run(
        gql, BY_NAME["nato-states-bordering-russia-that-recommended-withdrawal"]
    )
    nodes = answer["countries"]["nodes"]
    assert [n["iso3"] for n in nodes] == ["EST", "LVA", "LTU", "POL"]
    # Only the Ottawa recommendations: Poland's of 7 March 2025 on the CCM is not one.
    dates = {n["iso3"]: [r["date"] for r in n["recommendations"]] for n in nodes}
    assert dates["POL"] == ["2025-03-07", "2025-03-18"]
    assert dates["LTU"] == ["2025-01-14", "2025-03-18"]


def test_country_history_example_shows_lithuanias_pending_withdrawal(gql: Any) -> None:
    country = run(gql, BY_NAME["country-treaty-history-with-sources"])["country"]
    assert country["treatyStatus"] == {
        "status": "WITHDRAWAL_PENDING",
        "partySince": "2003-11-01",
        "partyUntil": "2025-12-27",
    }
    assert all(event["sources"] for event in country["treatyEvents"])
    seimas = next(v for v in country["votes"] if v["date"] == "2025-05-08")
    assert (seimas["votesFor"], seimas["votesAgainst"], seimas["abstained"]) == (
        107,
        0,
        3,
    )


def test_parties_example_counts_three_then_none(gql: Any) -> None:
    treaty = run(gql, BY_NAME["parties-as-of-a-date"])["treaty"]
    assert (treaty["before"]["totalCount"], treaty["after"]["totalCount"]) == (3, 0)
    assert len(treaty["onNewYear2026"]["nodes"]) == 5


def test_timeline_example_is_2025_in_date_order(gql: Any) -> None:
    nodes = run(gql, BY_NAME["timeline-2025"])["timeline"]["nodes"]
    dates = [n["date"] for n in nodes]
    assert dates == sorted(dates)
    assert all(d.startswith("2025-") for d in dates)
    assert {"EST", "LVA", "LTU"} <= {n["country"]["iso3"] for n in nodes}


def test_search_example_finds_sakaliene_first(gql: Any) -> None:
    hits = run(gql, BY_NAME["search"])["search"]
    assert hits[0]["node"]["name"] == "Dovilė Šakalienė"


def test_claims_example_keeps_both_required_majorities(gql: Any) -> None:
    answer = run(gql, BY_NAME["conflicting-claims"])
    required = {(c["field"], c["value"], c["status"]) for c in answer["vote"]["claims"]}
    assert required == {("required", "85", "KEPT"), ("required", "86", "ALTERNATIVE")}
    statuses = {n["status"] for n in answer["claims"]["nodes"]}
    assert statuses
    assert statuses <= {"ALTERNATIVE", "DISPUTED"}


def test_graphiql_opens_with_the_hero_query_and_a_tab_per_example(
    client: TestClient,
) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"}).text
    tabs = json.loads(
        re.search(r"const TREATYGRAPH_TABS = (.*);\n", page).group(1)  # type: ignore[union-attr]
    )
    assert [tab["query"] for tab in tabs] == [e.query for e in examples()]
    assert "NatoStatesBorderingRussiaThatRecommendedWithdrawal" in tabs[0]["query"]
    assert "parameters.q || TREATYGRAPH_TABS[0].query" in page
    assert "defaultTabs: TREATYGRAPH_TABS" in page
