import dataclasses
import datetime as dt
import re

import pytest

from settings import POOL_SIZE, REPO_ROOT, VARIABLES, Settings, SettingsError


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
        ("TREATYGRAPH_LOG_FORMAT", "xml"),
        ("TREATYGRAPH_LOG_LEVEL", "loud"),
        ("TREATYGRAPH_WRITE_QUEUE_TIMEOUT", "0"),
        ("TREATYGRAPH_API_KEYS", "alice:curator:not-a-hash"),
        ("TREATYGRAPH_MAX_DEPTH", "0"),
        ("TREATYGRAPH_MAX_TOKENS", "many"),
        ("TREATYGRAPH_MAX_ALIASES", "-1"),
        ("TREATYGRAPH_MAX_COST", "1e9"),
        ("TREATYGRAPH_MAX_BODY_BYTES", "10"),
        ("TREATYGRAPH_INTROSPECTION", "sometimes"),
        ("TREATYGRAPH_DEBUG_HEADER", "2"),
        ("TREATYGRAPH_CORS_ORIGINS", "app.example.org"),
        ("TREATYGRAPH_CORS_ORIGINS", "https://app.example.org/path"),
        ("TREATYGRAPH_CORS_CREDENTIALS", "y"),
        ("TREATYGRAPH_COMPILED_RESPONSES", "fast"),
        ("TREATYGRAPH_READS_PER_REQUEST", "0"),
        ("TREATYGRAPH_CLIENT_CONCURRENCY", "0"),
        ("TREATYGRAPH_CLIENT_ACTIVE", "0"),
        ("TREATYGRAPH_MAX_QUERY_LENGTH", "10"),
        ("TREATYGRAPH_HEADER_TIMEOUT", "0"),
        ("TREATYGRAPH_BODY_TIMEOUT", "1.5"),
        ("TREATYGRAPH_MAX_CONNECTIONS", "none"),
        ("TREATYGRAPH_CHANGES_POLL_SECONDS", "0"),
        ("TREATYGRAPH_CHANGES_POLL_SECONDS", "soon"),
        ("TREATYGRAPH_MAX_SUBSCRIPTIONS", "-1"),
    ],
)
def test_malformed_variable_fails_naming_it(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_pinned_as_of_is_the_default_date() -> None:
    settings = Settings.from_env({"TREATYGRAPH_AS_OF": "2026-11-28"})
    assert settings.default_as_of() == dt.date(2026, 11, 28)


def test_log_settings_accept_any_case() -> None:
    settings = Settings.from_env(
        {"TREATYGRAPH_LOG_FORMAT": "TEXT", "TREATYGRAPH_LOG_LEVEL": "warning"}
    )
    assert (settings.log_format, settings.log_level) == ("text", "WARNING")


def test_limits_and_switches_have_documented_defaults() -> None:
    settings = Settings.from_env({})
    assert (
        settings.max_depth,
        settings.max_tokens,
        settings.max_aliases,
        settings.max_page_size,
        settings.max_cost,
        settings.max_body_bytes,
        settings.query_timeout_seconds,
        settings.header_timeout,
        settings.body_timeout,
        settings.max_connections,
    ) == (12, 5000, 50, 200, 50_000, 1024 * 1024, 10, 10, 30, 4096)
    assert settings.introspection
    assert settings.debug_header
    assert settings.cors_origins == ()
    assert not settings.cors_credentials
    assert settings.compiled_responses
    assert not Settings.from_env(
        {"TREATYGRAPH_COMPILED_RESPONSES": "false"}
    ).compiled_responses


def test_cors_origins_are_a_comma_separated_list() -> None:
    settings = Settings.from_env(
        {"TREATYGRAPH_CORS_ORIGINS": "https://a.example.org, http://localhost:5173/"}
    )
    assert settings.cors_origins == ("https://a.example.org", "http://localhost:5173")


def test_wildcard_origin_with_credentials_is_refused() -> None:
    with pytest.raises(SettingsError, match="TREATYGRAPH_CORS_ORIGINS"):
        Settings.from_env(
            {"TREATYGRAPH_CORS_ORIGINS": "*", "TREATYGRAPH_CORS_CREDENTIALS": "true"}
        )
    wildcard = Settings.from_env({"TREATYGRAPH_CORS_ORIGINS": "*"})
    assert wildcard.cors_origins == ("*",)


def test_by_default_one_client_cannot_hold_the_whole_pool() -> None:
    defaults = Settings.from_env({})
    assert (
        defaults.client_concurrency,
        defaults.client_active,
        defaults.reads_per_request,
    ) == (8, 2, 4)
    assert defaults.client_active * defaults.reads_per_request < POOL_SIZE // 4


def test_every_field_is_read_from_exactly_one_variable() -> None:
    fields = [field.name for field in dataclasses.fields(Settings)]
    assert sorted(row[0] for row in VARIABLES) == sorted(fields)
    names = [row[1] for row in VARIABLES]
    assert len(set(names)) == len(names)


def test_the_readme_documents_every_variable_with_its_declared_default() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    documented = dict(re.findall(r"^\| `([A-Z0-9_]+)` \| ([^|]*) \|", readme, re.M))
    for _field, name, default, _reader in VARIABLES:
        assert name in documented, f"README's configuration table lacks {name}"
        cell = documented[name].strip()
        if default:
            assert cell.startswith(f"`{default}`"), (name, cell, default)
        else:
            assert not cell.startswith("`"), (name, cell)
