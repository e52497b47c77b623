"""Source URLs have one spelling: seeds and curation store and compare it alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.urls import normal_url
from resolvers.curation import inputs
from seeds import loader
from seeds.validate import DATA_DIR


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://Example.org/a/", "https://example.org/a"),
        ("HTTPS://EXAMPLE.ORG:443/a//", "https://example.org/a"),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org/", "https://example.org/"),
        (
            "https://example.org:8443/a/?q=1&B=2#top",
            "https://example.org:8443/a?q=1&B=2",
        ),
        ("https://User@Example.org/a/", "https://User@example.org/a"),
        ("https://[::1]:443/x/", "https://[::1]/x"),
        ("urn:isbn:0451450523", "urn:isbn:0451450523"),
        ("  https://example.org/a  ", "https://example.org/a"),
    ],
)
def test_a_url_is_stored_in_its_normal_spelling(given: str, stored: str) -> None:
    assert normal_url(given) == stored
    assert normal_url(stored) == stored


def test_a_curated_source_url_is_normalised_like_a_seed_url() -> None:
    assert inputs.url("https://Example.org/a/#p2", "input.url") == (
        "https://example.org/a"
    )


def test_a_seed_url_normalising_into_another_is_named_by_file_and_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "seeds" / "data"
    shutil.copytree(DATA_DIR, data)
    geo = data / "sources" / "geo.yaml"
    text = geo.read_text(encoding="utf-8")
    research = "  url: https://research.un.org/en/unmembers\n"
    assert text.count(research) == 1
    geo.write_text(
        text.replace(
            "  url: https://research.un.org/en/unmembers/observers\n",
            "  url: HTTPS://Research.UN.org/en/unmembers/\n",
        ),
        encoding="utf-8",
    )
    assert loader.main(["--check", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert (
        "seeds/data/sources/geo.yaml: record 3 (un-library-observers): 'url' (as "
        "https://research.un.org/en/unmembers) already used by source "
        "un-library-unmembers"
    ) in out
