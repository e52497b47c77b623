"""Every command refuses a malformed variable with one line naming it, before any work."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from settings import REPO_ROOT

COMMANDS = {
    "make run (python -m server)": [sys.executable, "-m", "server"],
    "uvicorn server:app": [
        sys.executable,
        "-m",
        "uvicorn",
        "server:app",
        "--port",
        "1",  # never reached: the settings fail first
    ],
    "python -m seeds.loader": [sys.executable, "-m", "seeds.loader"],
    "python -m graph.launcher": [sys.executable, "-m", "graph.launcher", "status"],
}
BAD = [
    ("TREATYGRAPH_MAX_DEPTH", "deep"),
    ("TREATYGRAPH_CORS_ORIGINS", "*"),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("variable", "value"), BAD)
def test_bad_variable_stops_the_command_naming_it(
    command: str, variable: str, value: str
) -> None:
    env = {**os.environ, variable: value}
    if variable == "TREATYGRAPH_CORS_ORIGINS":
        env["TREATYGRAPH_CORS_CREDENTIALS"] = "true"
    result = subprocess.run(
        COMMANDS[command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert variable in result.stderr
    assert "Traceback" not in result.stderr
