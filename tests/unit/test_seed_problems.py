"""Every problem in a seed file is a line naming file and record, never a traceback;
contradictory kept claims are one of them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from model.nodes import MODEL
from seeds import loader
from seeds.specs import specs
from seeds.validate import DATA_DIR, read_dataset
from tests.reservations import FIXTURE_MODEL, fixture_data

FILE = "seeds/data/reservations.yaml"
CLAIMS = "seeds/data/claims.yaml"


def test_dates_yaml_cannot_construct_are_named_by_file_record_and_field(
    tmp_path: Path,
) -> None:
    bad = """\
- key: res-month
  treaty: ccm
  made_on: 2025-13-45
  sources: [seed-article]
- key: res-day
  treaty: ccm
  made_on: 2025-02-30
  sources: [seed-article]
"""
    problems = read_dataset(fixture_data(tmp_path, bad), FIXTURE_MODEL).problems
    assert problems == [
        f"{FILE}: record 1 (res-month): 'made_on' '2025-13-45' (line 3) is not a "
        "valid date: month must be in 1..12",
        f"{FILE}: record 2 (res-day): 'made_on' '2025-02-30' (line 7) is not a "
        "valid date: day is out of range for month",
    ]


def test_check_names_a_bad_date_in_the_real_files_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "seeds" / "data"
    shutil.copytree(DATA_DIR, data)
    events = data / "treaty_events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "  date: 1997-12-03\n" in text
    events.write_text(text.replace("  date: 1997-12-03\n", "  date: 2025-13-45\n", 1))
    assert loader.main(["--check", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "seeds/data/treaty_events.yaml: record " in out
    assert "): 'date' '2025-13-45' (line " in out


def test_a_file_yaml_cannot_parse_names_its_line(tmp_path: Path) -> None:
    data = fixture_data(tmp_path, "- key: res-one\n  treaty: [ccm\n")
    (problem,) = read_dataset(data, FIXTURE_MODEL).problems
    assert problem.startswith(f"{FILE}: not valid YAML: line 3: ")


ODD: list[Any] = [
    *(None, 7, 1.5, True, "x", "", [], [7], [[]], {}, {"a": [7]}, "BAD", ["BAD"]),
    {"kind": [7], "key": {}},
    {"kind": "treaty", "key": "BAD"},
    [{"treaty": [7], "addressed_to": 7, "action": {}}],
    [{"treaty": "ccm", "addressed_to": [[7]], "action": "withdraw"}],
]


def test_no_value_of_any_type_in_any_field_makes_the_checks_raise(
    tmp_path: Path,
) -> None:
    """Every field of one record of every kind, set to values of every type."""
    data = tmp_path / "seeds" / "data"
    shutil.copytree(DATA_DIR, data)
    real = read_dataset(DATA_DIR)
    for kind, spec in specs(MODEL).items():
        if not real.records[kind]:
            continue  # curations: only `make export` writes them (test_seed_export)
        (first, *_) = real.records[kind]
        odd = [
            {**first, field: value}
            for field in [*spec.fields, "about"]
            for value in ODD
        ]
        text = yaml.safe_dump(odd, allow_unicode=True, default_flow_style=False)
        folder = data / kind
        target = folder / "odd.yaml" if folder.is_dir() else data / f"{kind}.yaml"
        existing = "" if folder.is_dir() else target.read_text(encoding="utf-8")
        target.write_text(existing + text.replace("BAD", "2025-13-45"), "utf-8")
    problems = read_dataset(data).problems
    assert problems
    assert all(problem.startswith("seeds/data/") for problem in problems)
    assert any("'2025-13-45' (line " in problem for problem in problems)


def _claims(status: str, value: str, other: str = "alternative") -> str:
    return "".join(
        f"""\
- key: claim-res-{n}
  about: {{kind: reservation, key: res-ccm-one}}
  property: made_on
  value: {v}
  status: {s}
  sources: [seed-article]
"""
        for n, s, v in ((1, "kept", "2010-08-01"), (2, status, value), (3, other, "x"))
    )


@pytest.mark.parametrize("value", ["2010-07-30", "2010-08-01"])
def test_two_kept_claims_on_one_field_are_a_problem_naming_both(
    tmp_path: Path, value: str
) -> None:
    data = fixture_data(tmp_path)
    (data / "claims.yaml").write_text(_claims("kept", value), encoding="utf-8")
    assert read_dataset(data, FIXTURE_MODEL).problems == [
        f"{CLAIMS}: record 2 (claim-res-2): a second 'kept' claim on the same "
        f"subject and property, as {CLAIMS} record 1 (claim-res-1)"
    ]


def test_kept_beside_alternative_and_disputed_claims_is_fine(tmp_path: Path) -> None:
    data = fixture_data(tmp_path)
    claims = _claims("alternative", "2010-07-30", other="disputed")
    (data / "claims.yaml").write_text(claims, encoding="utf-8")
    assert read_dataset(data, FIXTURE_MODEL).problems == []


def test_a_list_field_has_one_kept_claim_per_item(tmp_path: Path) -> None:
    data = tmp_path / "seeds" / "data"
    shutil.copytree(DATA_DIR, data)
    about = "{kind: statement, key: joint-statement-2025-03-18}"
    extra = "".join(
        f"""\
- key: claim-quote-{n}
  about: {about}
  property: quotes
  value: "{quote}"
  status: kept
  sources: [seed-article]
"""
        for n, quote in ((1, "one"), (2, "two"), (3, "one"))
    )
    (data / "claims" / "extra.yaml").write_text(extra, encoding="utf-8")
    assert read_dataset(data).problems == [
        "seeds/data/claims/extra.yaml: record 3 (claim-quote-3): a second 'kept' "
        "claim on the same subject and property, as seeds/data/claims/extra.yaml "
        "record 1 (claim-quote-1)"
    ]
