import datetime as dt

import pytest

from settings import Settings, SettingsError


def test_defaults_use_the_local_launcher() -> None:
    settings = Settings.from_env({})
    assert settings.uses_local_neo4j
    assert settings.bolt_uri == "bolt://127.0.0.1:7687"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEO4J_LOCAL_PORT", "seventy"),
        ("API_PORT", "0"),
        ("API_WORKERS", "0"),
        ("NEO4J_URI", "http://example.com"),
        ("TREATYGRAPH_AS_OF", "2026-02-30"),
        ("TREATYGRAPH_DEBUG", "maybe"),
        ("NEO4J_LOCAL_HEAP", "lots"),
        ("NEO4J_DATABASE", "bad name;"),
    ],
)
def test_malformed_variable_fails_naming_it(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_pinned_as_of_is_the_default_date() -> None:
    settings = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
    assert settings.default_as_of() == dt.date(2026, 11, 28)
