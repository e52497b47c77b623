"""The TypeScript client in examples/typescript runs against the API over HTTP.

It is Apollo Client with types from graphql-codegen's client preset (issue 16,
item 7): this test installs its locked dependencies (`npm ci`, skipped while
node_modules matches package-lock.json), generates its types from schema.graphql,
type-checks it (`tsc --noEmit`, strict) and runs it (tsx) against a uvicorn over the
seeded test Neo4j. The client's own checks (answers, cache normalisation, one cache
holding Finland on two dates, fetchMore paging through edges and nodes) exit 1 on a
failure. Each step's seconds go to test-output/typescript-client.json, its output to
typescript-client.log.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from settings import REPO_ROOT

CLIENT = REPO_ROOT / "examples" / "typescript"
BIN = CLIENT / "node_modules" / ".bin"
# Written after a successful `npm ci`: the lock file's hash it installed.
STAMP = CLIENT / "node_modules" / ".treatygraph-lock-sha256"
# Every step's output, the client's "ok - ..." lines included.
LOG = REPO_ROOT / "test-output" / "typescript-client.log"


def run_step(argv: list[str], env: dict[str, str], timeout: float) -> float:
    """Runs one step in the client's directory; fails the test with its output."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            argv,
            cwd=CLIENT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        pytest.fail(
            f"{' '.join(argv)} took over {timeout} s:\n{expired.stdout}\n{expired.stderr}"
        )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
        )
    with LOG.open("a") as log:
        log.write(f"$ {' '.join(argv)}\n{done.stdout}{done.stderr}")
    return time.monotonic() - started


def lock_hash() -> str:
    return hashlib.sha256((CLIENT / "package-lock.json").read_bytes()).hexdigest()


def test_typescript_client_type_checks_and_passes_its_checks_against_the_api(
    live_api: str,
) -> None:
    npm = shutil.which("npm")
    assert npm, "npm (node 20) is needed for the TypeScript client"
    # The whole environment: npm needs its proxy and CA settings where a machine has them.
    env = {
        **os.environ,
        "PATH": f"{BIN}:{Path(npm).parent}:{os.environ.get('PATH', '')}",
    }
    seconds: dict[str, float] = {}
    LOG.parent.mkdir(parents=True, exist_ok=True)
    LOG.write_text("")
    if not (STAMP.is_file() and STAMP.read_text() == lock_hash()):
        # --prefer-offline: npm's cache answers when it has the locked tarballs.
        argv = [
            npm,
            "ci",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            "--loglevel=error",
        ]
        seconds["npm ci"] = run_step(argv, env, timeout=600)
        STAMP.write_text(lock_hash())
    seconds["codegen"] = run_step(
        [str(BIN / "graphql-codegen"), "--config", "codegen.ts"], env, 120
    )
    seconds["tsc --noEmit"] = run_step([str(BIN / "tsc"), "--noEmit"], env, 120)
    run_env = {**env, "TREATYGRAPH_URL": f"{live_api}/graphql"}
    seconds["run"] = run_step([str(BIN / "tsx"), "src/main.ts"], run_env, 120)
    out = REPO_ROOT / "test-output" / "typescript-client.json"
    out.write_text(
        json.dumps({k: round(v, 2) for k, v in seconds.items()}, indent=2) + "\n"
    )
