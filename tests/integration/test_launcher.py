"""The local Neo4j launcher: one JVM per home, clear failures."""

import socket
import time
from pathlib import Path

import pytest

from graph import launcher
from settings import Settings


def test_start_when_running_says_already_running(neo4j: Settings) -> None:
    if not neo4j.uses_local_neo4j:
        pytest.skip("NEO4J_URI names an external server; nothing local to start")
    instance = launcher.LocalNeo4j.from_settings(neo4j)
    pid = launcher.status(instance)
    assert launcher.start(instance) is False
    assert launcher.status(instance) == pid


def test_start_with_port_taken_fails_fast_naming_the_port(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        instance = launcher.LocalNeo4j(
            home=tmp_path, port=port, heap="256m", password=None
        )
        began = time.monotonic()
        with pytest.raises(launcher.LauncherError, match=str(port)):
            launcher.start(instance)
        assert time.monotonic() - began < 30
