"""API keys: parsing TREATYGRAPH_API_KEYS, hashing, matching and the role check."""

import hashlib

import pytest

from execution.credentials import Principal, require_curator
from graph.errors import Forbidden, Unauthenticated
from httpapi import auth
from settings import ApiKey, Settings, SettingsError

KEY = "tg_unit-test-key-0123456789abcdefghijklmn"
DIGEST = hashlib.sha256(KEY.encode()).hexdigest()
OTHER = "0" * 64


def test_hash_key_is_hex_sha256() -> None:
    assert auth.hash_key("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_keys_parse_into_names_roles_and_hashes_only() -> None:
    settings = Settings.from_env(
        {
            "TREATYGRAPH_API_KEYS": f" alice:curator:{DIGEST.upper()} , bob:reader:{OTHER}"
        }
    )
    assert settings.api_keys == (
        ApiKey("alice", "curator", DIGEST),
        ApiKey("bob", "reader", OTHER),
    )
    assert DIGEST not in repr(settings.api_keys)


def test_no_keys_configured_means_none() -> None:
    assert Settings.from_env({}).api_keys == ()


@pytest.mark.parametrize(
    "value",
    [
        "alice:curator",
        f"alice:admin:{DIGEST}",
        f"alice:curator:{KEY}",
        f"alice:curator:{DIGEST[:-1]}",
        f"al ice:curator:{DIGEST}",
        f"alice:curator:{DIGEST},alice:reader:{OTHER}",
        f"alice:curator:{DIGEST},bob:reader:{DIGEST}",
    ],
    ids=[
        "two-parts",
        "unknown-role",
        "raw-key-not-hash",
        "short-hash",
        "bad-name",
        "name-twice",
        "hash-twice",
    ],
)
def test_malformed_keys_fail_naming_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="TREATYGRAPH_API_KEYS"):
        Settings.from_env({"TREATYGRAPH_API_KEYS": value})


def test_a_raw_key_in_the_error_message_is_never_echoed() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"TREATYGRAPH_API_KEYS": f"alice:curator:{KEY}"})
    assert KEY not in str(raised.value)


KEYS = (ApiKey("alice", "curator", DIGEST), ApiKey("bob", "reader", OTHER))


def test_authenticate_matches_the_hash_of_the_presented_key() -> None:
    assert auth.authenticate(KEYS, KEY) == Principal("alice", "curator")
    assert auth.authenticate(KEYS, KEY + "x") is None
    assert auth.authenticate(KEYS, DIGEST) is None  # the hash is not a key


@pytest.mark.parametrize(
    ("headers", "presented"),
    [
        ({}, None),
        ({"authorization": f"Bearer {KEY}"}, KEY),
        ({"authorization": f"bearer   {KEY} "}, KEY),
        ({"x-api-key": KEY}, KEY),
        ({"authorization": f"Basic {KEY}"}, ""),
        ({"authorization": f"Bearer {KEY}", "x-api-key": "other"}, KEY),
    ],
)
def test_presented_key_reads_bearer_then_x_api_key(
    headers: dict[str, str], presented: str | None
) -> None:
    assert auth.presented_key(headers) == presented


def test_curator_key_may_write() -> None:
    creds = auth.credentials(KEYS, {"authorization": f"Bearer {KEY}"})
    assert require_curator(creds) == Principal("alice", "curator")


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer nope"}, {"authorization": f"Token {KEY}"}],
)
def test_missing_or_wrong_key_is_unauthenticated(headers: dict[str, str]) -> None:
    with pytest.raises(Unauthenticated) as raised:
        require_curator(auth.credentials(KEYS, headers))
    assert raised.value.extensions["code"] == "UNAUTHENTICATED"


def test_reader_key_is_forbidden() -> None:
    reader_key = "tg_reader-unit-key-0123456789abcdefghij"
    keys = (ApiKey("bob", "reader", auth.hash_key(reader_key)),)
    with pytest.raises(Forbidden) as raised:
        require_curator(auth.credentials(keys, {"x-api-key": reader_key}))
    assert raised.value.extensions["code"] == "FORBIDDEN"


def test_cli_makes_a_key_whose_entry_configures_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert auth.main(["hash", "--name", "carol", "--role", "reader"]) == 0
    lines = capsys.readouterr().out.splitlines()
    key = lines[0].rsplit(" ", 1)[1]
    entry = lines[1].rsplit(" ", 1)[1]
    settings = Settings.from_env({"TREATYGRAPH_API_KEYS": entry})
    assert auth.authenticate(settings.api_keys, key) == Principal("carol", "reader")
    assert key not in entry


def test_cli_hashes_a_key_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(KEY + "\n"))
    assert auth.main(["hash", "--stdin", "--name", "alice"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"alice:curator:{DIGEST}")
