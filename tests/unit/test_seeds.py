"""Seed checks and the load plan, derived from the model: the real one and a fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.seeding import LoadPlan
from model.nodes import MODEL
from seeds.plan import build_plan
from seeds.validate import read_dataset
from tests.reservations import FIXTURE_MODEL, fixture_data

FILE = "seeds/data/reservations.yaml"


def _nodes(plan: LoadPlan, label: str) -> dict[str, dict[str, object]]:
    rows = dict(plan.nodes).get(label, [])
    return {row["key"]: row for row in rows}


def _rels(plan: LoadPlan, rel: str) -> list[tuple[str, str, str, str]]:
    return [
        (start, end, row["start"], row["end"])
        for start, kind, end, rows in plan.rels
        if kind == rel
        for row in rows
    ]


@pytest.fixture(scope="module")
def real_plan() -> LoadPlan:
    data = read_dataset()
    assert data.problems == []
    return build_plan(data)


def test_seeded_links_become_relationships_along_their_one_step(
    real_plan: LoadPlan,
) -> None:
    # Membership.country is into(HAS_MEMBERSHIP): the country is the start.
    memberships = _rels(real_plan, "HAS_MEMBERSHIP")
    assert ("Country", "Membership", "LTU", "NATO:LTU") in memberships
    assert ("Membership", "Organization", "NATO:LTU", "NATO") in _rels(
        real_plan, "OF_ORGANIZATION"
    )
    # A many link (ParliamentVote.abstainers) gives one row per key it names.
    abstained = _rels(real_plan, "ABSTAINED_IN")
    assert abstained
    assert {(start, end) for start, end, _, _ in abstained} == {
        ("Person", "ParliamentVote")
    }


def test_node_rows_store_fields_under_their_graph_names(real_plan: LoadPlan) -> None:
    vote = _nodes(real_plan, "ParliamentVote")["ltu-seimas-2025-05-08-ottawa"]
    props = vote["props"]
    assert isinstance(props, dict)
    assert props["votesFor"] == 107  # seeded as `for`
    assert isinstance(props["date"], dt.date)
    assert "key" not in props  # MERGE sets the key
    source = _nodes(real_plan, "Source")["seed-article"]["props"]
    assert isinstance(source, dict)
    assert source["kind"] == "ARTICLE"
    assert "host" in source
    assert source["searchText"]
    event = _nodes(real_plan, "TreatyEvent")["ottawa:AFG:accession"]["props"]
    assert isinstance(event, dict)
    assert event["kind"] == "ACCESSION"
    assert event["derived"] is False


def test_a_fixture_type_validates_and_plans_with_no_other_edit(
    tmp_path: Path,
) -> None:
    data = read_dataset(fixture_data(tmp_path), FIXTURE_MODEL)
    assert data.problems == []
    plan = build_plan(data, FIXTURE_MODEL)
    reservations = _nodes(plan, "Reservation")
    assert reservations["res-ccm-one"]["props"] == {
        "text": "Article 21 does not bind us.",
        "madeOn": dt.date(2010, 8, 1),
        "note": None,
    }
    assert reservations["res-ottawa-two"]["props"] == {
        "text": None,
        "madeOn": None,
        "note": "Date unknown.",
    }
    assert sorted(_rels(plan, "RESERVES")) == [
        ("Reservation", "Treaty", "res-ccm-one", "ccm"),
        ("Reservation", "Treaty", "res-ottawa-two", "ottawa"),
    ]
    cited = dict(plan.cites)["Reservation"]
    assert [row["sources"] for row in cited] == [["seed-article"], ["seed-article"]]
    assert plan.keys["Reservation"] == "key"


def test_the_real_model_ignores_the_fixture_file(tmp_path: Path) -> None:
    data = read_dataset(fixture_data(tmp_path), MODEL)
    assert data.problems == []
    assert "reservations" not in data.records
    assert "Reservation" not in dict(build_plan(data).nodes)


def test_bad_fixture_records_are_named_by_file_record_and_field(
    tmp_path: Path,
) -> None:
    bad = """\
- key: Res-Upper
  treaty: ccm
  sources: [seed-article]
- key: res-no-treaty
  made_on: soon
  sources: []
- key: res-unknown-treaty
  treaty: nope
  colour: red
  sources: [nope]
- key: res-unknown-treaty
  treaty: [ccm]
  sources: [seed-article]
"""
    problems = read_dataset(fixture_data(tmp_path, bad), FIXTURE_MODEL).problems
    assert sorted(problems) == sorted(
        [
            f"{FILE}: record 1 (Res-Upper): 'key' must match res-[a-z0-9-]+",
            f"{FILE}: record 2 (res-no-treaty): 'sources' must list at least one "
            "source id",
            f"{FILE}: record 2 (res-no-treaty): missing 'treaty'",
            f"{FILE}: record 2 (res-no-treaty): 'made_on' must be a date YYYY-MM-DD",
            f"{FILE}: record 3 (res-unknown-treaty): unknown field 'colour'",
            f"{FILE}: record 4 (res-unknown-treaty): 'treaty' must match "
            r"[a-z0-9][a-z0-9\-:.]*",
            f"{FILE}: record 4 (res-unknown-treaty): duplicate key, first at {FILE} "
            "record 3",
            f"{FILE}: record 3 (res-unknown-treaty): 'treaty' names unknown "
            "treaties key 'nope'",
            f"{FILE}: record 3 (res-unknown-treaty): 'sources' names unknown "
            "sources key 'nope'",
        ]
    )


def test_enum_fields_accept_the_models_values_in_their_seed_spelling(
    tmp_path: Path,
) -> None:
    data = fixture_data(tmp_path)
    sources = data / "sources" / "events2025.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            "  kind: article\n", "  kind: treaty_text\n", 1
        ),
        encoding="utf-8",
    )
    problems = read_dataset(data, FIXTURE_MODEL).problems
    assert len(problems) == 1
    assert problems[0].endswith(
        "(seed-article): 'kind' must be one of aggregator, article, dataset, "
        "depositary, news, ngo, official, reference, treaty-text"
    )
