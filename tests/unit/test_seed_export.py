"""The curated overlay files `make export` writes, read without a database: laid over
the base records by key, planned as the curation wrote them, and refused with the
file and record named when bad."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from graph.model import RETRACTED_BORDER, Rel
from model import claim_values
from model.nodes import CLAIM_KEY
from seeds import export
from seeds.plan import build_plan
from seeds.rules import RULES
from seeds.validate import DATA_DIR, read_dataset

VOTE = "ltu-seimas-2024-07-ccm-motion"
VOTE_SOURCE = "newsaz-2024-07-11-ccm-motion"
AT = "2026-12-01T09:30:00.123456789+00:00"
CURATION = f"""\
- key: analyst/fix-0001
  idempotency_key: fix-0001
  operation: retractParliamentVote
  by: analyst
  at: '{AT}'
  subject_type: ParliamentVote
  subject_key: {VOTE}
  change: retracted
  fields: [date]
  reason: a duplicate
  treaties: [ccm]
  countries: [LTU]
  request_hash: abc123
  wrote:
  - {{type: ParliamentVote, key: {VOTE}}}
"""
RETRACTED_VOTE = f"""\
- key: {VOTE}
  chamber: ltu-seimas
  date: null
  treaty: ccm
  action: denounce-motion
  stage: motion
  for: 98
  sources: [newsaz-2024-07-11-ccm-motion]
  retracted: {{at: '{AT}', by: analyst, reason: a duplicate}}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds" / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "curated").mkdir()
    return copy


def _write(data: Path, name: str, text: str) -> None:
    (data / name).write_text(text, encoding="utf-8")


def test_an_overlay_record_replaces_the_base_record_with_its_key(data: Path) -> None:
    _write(data, "curated/votes.yaml", RETRACTED_VOTE)
    _write(data, "curated/curations.yaml", CURATION)
    read = read_dataset(data)
    assert read.problems == []
    votes = [v for v in read.records["votes"] if v["key"] == VOTE]
    assert [v["for"] for v in votes] == [98]
    assert len(read.records["votes"]) == len(read_dataset().records["votes"])


def test_a_retracted_record_is_written_then_relabelled_and_its_curation_wrote_it(
    data: Path,
) -> None:
    _write(data, "curated/votes.yaml", RETRACTED_VOTE)
    _write(data, "curated/curations.yaml", CURATION)
    plan = build_plan(read_dataset(data))
    (retracted,) = dict(plan.retracted)["ParliamentVote"]
    assert retracted["key"] == VOTE
    props = retracted["props"]
    assert props["retractedLabel"] == "ParliamentVote"
    assert props["retractedBy"] == "analyst"
    assert props["retractedAt"].iso_format() == AT  # to the nanosecond
    assert props["retractedAt"].tzinfo == dt.UTC  # stored as `Z`
    (curation,) = dict(plan.nodes)["Curation"]
    assert curation["props"]["subjectLabel"] == "ParliamentVote"
    assert curation["props"]["requestHash"] == "abc123"
    assert curation["props"]["change"] == "RETRACTED"
    wrote = [r for r in plan.rels if r[1] == Rel.WROTE]
    assert wrote == [
        (
            "Curation",
            Rel.WROTE,
            "ParliamentVote",
            [{"start": "analyst/fix-0001", "end": VOTE, "props": {}}],
        )
    ]


def test_a_retracted_border_is_planned_as_retracted_border(data: Path) -> None:
    _write(
        data,
        "curated/borders.yaml",
        f"- between: [LAO, MMR]\n  retracted: {{at: '{AT}', by: analyst}}\n",
    )
    plan = build_plan(read_dataset(data))
    rels = {(start, rel, end): rows for start, rel, end, rows in plan.rels}
    (row,) = rels[("Country", RETRACTED_BORDER, "Country")]
    assert (row["start"], row["end"]) == ("LAO", "MMR")
    borders = rels[("Country", Rel.BORDERS, "Country")]
    assert ("LAO", "MMR") not in {(r["start"], r["end"]) for r in borders}


def test_a_claim_about_a_border_is_about_both_states(data: Path) -> None:
    _write(
        data,
        "claims/curated.yaml",
        "- key: MMR-THA:note:analyst:fix-0002\n  property: note\n"
        "  status: alternative\n  about: {kind: border, key: MMR-THA}\n"
        "  sources: [countryinfo-1-0-1]\n",
    )
    read = read_dataset(data)
    assert read.problems == []
    about = [
        (row["start"], row["end"])
        for start, rel, end, rows in build_plan(read).rels
        if rel == Rel.ABOUT and end == "Country"
        for row in rows
    ]
    assert ("MMR-THA:note:analyst:fix-0002", "MMR") in about
    assert ("MMR-THA:note:analyst:fix-0002", "THA") in about


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (
            "curated/curations.yaml",
            CURATION.replace(f"'{AT}'", "2026-12-01"),
            "seeds/data/curated/curations.yaml: record 1 (analyst/fix-0001): 'at' "
            "must be a quoted ISO date-time",
        ),
        (
            "curated/curations.yaml",
            CURATION.replace("type: ParliamentVote", "type: Curation"),
            "seeds/data/curated/curations.yaml: record 1 (analyst/fix-0001): 'wrote' "
            "must be a list of {type: one of",
        ),
        (
            "curated/curations.yaml",
            CURATION.replace(f"key: {VOTE}}}", "key: no-such-vote}"),
            "seeds/data/curated/curations.yaml: record 1 (analyst/fix-0001): 'wrote' "
            "names unknown ParliamentVote 'no-such-vote'",
        ),
        (
            "curated/curations.yaml",
            CURATION.replace("  request_hash: abc123\n", ""),
            "seeds/data/curated/curations.yaml: record 1 (analyst/fix-0001): "
            "missing 'request_hash'",
        ),
        (
            "curated/votes.yaml",
            RETRACTED_VOTE.replace("by: analyst, ", ""),
            f"seeds/data/curated/votes.yaml: record 1 ({VOTE}): 'retracted' must be",
        ),
        (
            "curated/votes.yaml",
            RETRACTED_VOTE.replace("chamber: ltu-seimas", "chamber: nowhere"),
            f"seeds/data/curated/votes.yaml: record 1 ({VOTE}): 'chamber' names "
            "unknown chambers key 'nowhere'",
        ),
        (
            "curated/votes.yaml",
            RETRACTED_VOTE + RETRACTED_VOTE,
            f"seeds/data/curated/votes.yaml: record 2 ({VOTE}): duplicate key, first "
            "at seeds/data/curated/votes.yaml record 1",
        ),
    ],
    ids=["at", "wrote-type", "wrote-key", "request-hash", "retracted", "ref", "dup"],
)
def test_bad_overlay_records_are_named_by_file_and_record(
    data: Path, name: str, text: str, problem: str
) -> None:
    _write(data, name, text)
    problems = read_dataset(data).problems
    assert any(p.startswith(problem) for p in problems), problems


@pytest.mark.parametrize(
    "key",
    [
        # graph.curation.corrections: <fact key>:<field>:<API key name>:<client key>
        "ccm:MMR:signature:date:test-curator:Fix_2026.12:01",
        "NATO:LTU:since:analyst_1:k-0001",
        "ltu-seimas-2025-05-08-ottawa:votesFor:analyst:k-0001",
        # graph.curation.borders: <pair>:<field>:…
        "MMR-THA:note:analyst:k-0001",
        # graph.curation.events: <event key>:date:<curation key, '/' as ':'>
        "ccm:MMR:signature:date:analyst:k-0001",
    ],
)
def test_claim_keys_corrections_make_pass_the_seed_pattern(key: str) -> None:
    assert re.fullmatch(CLAIM_KEY, key)


def test_export_reverses_every_seed_rule() -> None:
    assert set(export._EXTRA) == set(RULES)


NESTED_STATEMENT = f"""\
- key: test-statement
  date: 2025-06-04
  kind: announcement
  title: A fixture
  countries: [MMR]
  quotes: [First.]
  sources: [countryinfo-1-0-1]
  recommendations:
  - {{action: suspend, treaty: ccm, date: 2025-06-05, sources: [{VOTE_SOURCE}]}}
  - {{action: join, treaty: ottawa, retracted: {{at: '{AT}', by: analyst}}}}
"""
NESTED_CLAIMS = """\
- key: test-statement:1:action:analyst:fix-0003
  about: {kind: recommendation, key: 'test-statement:1'}
  property: action
  value: join
  status: alternative
  sources: [countryinfo-1-0-1]
- key: test-statement:quotes:analyst:fix-0004
  about: {kind: statement, key: test-statement}
  property: quotes
  value: [First., Second.]
  status: alternative
  sources: [countryinfo-1-0-1]
"""


def _plan_rows(data: Path) -> tuple[dict[str, dict[str, Any]], list[Any]]:
    read = read_dataset(data)
    assert read.problems == []
    plan = build_plan(read)
    nodes = {row["key"]: row for _, rows in plan.nodes for row in rows}
    return nodes, plan.rels


def test_a_recommendation_item_keeps_its_own_date_sources_and_retraction(
    data: Path,
) -> None:
    _write(data, "curated/statements.yaml", NESTED_STATEMENT)
    nodes, _ = _plan_rows(data)
    own, plain = nodes["test-statement:1"], nodes["test-statement:2"]
    assert (own["props"]["date"], own["sources"]) == (
        dt.date(2025, 6, 5),
        [VOTE_SOURCE],
    )
    assert (plain["props"]["date"], plain["sources"]) == (
        dt.date(2025, 6, 4),
        ["countryinfo-1-0-1"],
    )
    plan = build_plan(read_dataset(data))
    (retracted,) = dict(plan.retracted)["Recommendation"]
    assert retracted["key"] == "test-statement:2"


def test_a_claim_is_about_a_recommendation_and_keeps_a_list_value_as_json(
    data: Path,
) -> None:
    _write(data, "curated/statements.yaml", NESTED_STATEMENT)
    _write(data, "claims/curated.yaml", NESTED_CLAIMS)
    nodes, rels = _plan_rows(data)
    quotes = nodes["test-statement:quotes:analyst:fix-0004"]["props"]
    assert (quotes["value"], quotes["valueType"]) == ('["First.", "Second."]', "list")
    about = {
        (row["start"], end, row["end"])
        for _, rel, end, rows in rels
        if rel == Rel.ABOUT
        for row in rows
    }
    assert (
        "test-statement:1:action:analyst:fix-0003",
        "Recommendation",
        "test-statement:1",
    ) in about


def test_a_claim_about_a_recommendation_of_no_statement_is_a_problem(
    data: Path,
) -> None:
    _write(
        data, "claims/curated.yaml", NESTED_CLAIMS.split("- key: test-statement:q")[0]
    )
    problems = read_dataset(data).problems
    assert any(
        "'about' names unknown recommendation 'test-statement:1'" in p for p in problems
    ), problems


@pytest.mark.parametrize(
    "item",
    [
        "{action: join, treaty: ccm, date: 2025-02-30}",
        "{action: join, treaty: ccm, sources: [no-such-source]}",
        "{action: join, treaty: ccm, colour: red}",
    ],
    ids=["date", "source", "unknown-field"],
)
def test_a_bad_recommendation_item_is_named_by_file_and_record(
    data: Path, item: str
) -> None:
    text = NESTED_STATEMENT.split("  recommendations:")[0]
    _write(data, "curated/statements.yaml", f"{text}  recommendations:\n  - {item}\n")
    problems = read_dataset(data).problems
    assert any(
        p.startswith(
            "seeds/data/curated/statements.yaml: record 1 (test-statement): "
            "'recommendations'"
        )
        or "recommendation cites unknown source 'no-such-source'" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (["First.", "Zweite — ü"], "strings"),
        (dt.date(2025, 3, 1), "date"),
        (101, "int"),
        (True, "bool"),
        ("A note.", "string"),
    ],
)
def test_a_claim_value_reads_back_as_it_was_stored(value: Any, kind: str) -> None:
    assert claim_values.decode(*claim_values.encode(value)) == value
    assert claim_values.encode(value, kind) == claim_values.encode(value)
