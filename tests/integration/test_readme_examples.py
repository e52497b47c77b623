"""Every example in README.md runs as written, against the seeded API on a real port.

The README's fenced blocks are read in order, and each one is either run or named in
NOT_RUN with the reason: a new example cannot slip by untested. GraphQL blocks are
POSTed; shell blocks run in bash, one script per block, with the README's address
swapped for the test server's. A command's expected output is written in the README
as a comment after it, on its line or the next: `# {...}` (a JSON object the answer
must contain), `# HTTP/1.1 304 Not Modified` (the status line it prints) or `# 400`
(the status). A command with none must succeed and answer no `errors`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
from neo4j import Driver

from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port

README = REPO_ROOT / "README.md"
KEY_IDS = "MATCH (k:ApiKey) RETURN k.id AS id"
ADDRESS = "http://127.0.0.1:8000"
# Blocks that are not examples to run here, by their first line, with the reason.
NOT_RUN = {
    "make run": "set-up: `make test` itself is this suite's runner",
    "NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=... make run": (
        "needs an Aura instance"
    ),
    "cd examples/typescript && npm ci && npm run codegen && npm run typecheck \\": (
        "tests/integration/test_typescript_client.py runs these steps (npm ci only when"
        " node_modules is not the lock file's)"
    ),
    "curl -s http://127.0.0.1:8000/graphql -H 'Content-Type: application/json' \\": (
        "the mutation template: its <…> values are the curator's to fill in"
    ),
}


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    line: int

    @property
    def first_line(self) -> str:
        return self.text.strip().splitlines()[0].strip()


def blocks() -> list[Block]:
    found = []
    lines = README.read_text().splitlines()
    opened: tuple[str, int, int] | None = None
    for number, line in enumerate(lines, start=1):
        fence = re.match(r"^(\s*)```(\w*)\s*$", line)
        if not fence:
            continue
        if opened is None:
            opened = (fence.group(2), number, len(fence.group(1)))
            continue
        language, start, indent = opened
        body = "\n".join(text[indent:] for text in lines[start : number - 1])
        found.append(Block(language, body, start))
        opened = None
    return found


def ids(selected: list[Block]) -> list[str]:
    return [f"line {b.line}: {b.first_line[:40]}" for b in selected]


def of(*languages: str) -> list[Block]:
    return [b for b in blocks() if b.language in languages]


@pytest.fixture(scope="module")
def api(neo4j: Settings, seeded: dict[str, Any], db: Driver) -> Iterator[str]:
    port = free_port()
    log = REPO_ROOT / "test-output" / "readme-api.log"
    # The README's key commands make real keys (alice, bob …): delete what they made,
    # or the next run's `create --name alice` meets a live alice.
    before, _, _ = db.execute_query(KEY_IDS)
    with api_server(port, {}, log):
        yield f"http://127.0.0.1:{port}"
    db.execute_query(
        "MATCH (k:ApiKey) WHERE NOT k.id IN $kept DELETE k",
        kept=[row["id"] for row in before],
    )


def post(api: str, query: str) -> dict[str, Any]:
    response = httpx2.post(f"{api}/graphql", json={"query": query}, timeout=30)
    body: dict[str, Any] = response.json()
    return body


def test_every_block_is_run_or_named_with_a_reason() -> None:
    languages = {b.language for b in blocks()}
    assert languages <= {"sh", "graphql", "python", "json", "nginx", ""}, languages
    skipped = [b.first_line for b in of("sh") if b.first_line in NOT_RUN]
    assert sorted(set(skipped)) == sorted(NOT_RUN), "NOT_RUN names a block gone"


@pytest.mark.parametrize("block", of("graphql"), ids=ids(of("graphql")))
def test_graphql_example_answers_without_errors(api: str, block: Block) -> None:
    body = post(api, block.text)
    assert "errors" not in body, body.get("errors")
    assert body["data"]


def test_the_hero_example_gives_the_answer_the_readme_states(api: str) -> None:
    hero = next(b for b in of("graphql") if "RecommendedWithdrawal" in b.text)
    countries = post(api, hero.text)["data"]["countries"]
    assert [c["iso3"] for c in countries["nodes"]] == ["EST", "LVA", "LTU", "POL"]
    assert countries["totalCount"] == 4
    for country in countries["nodes"]:
        assert any(r["date"] == "2025-03-18" for r in country["recommendations"])


def test_the_baltic_example_counts_three_then_none(api: str) -> None:
    block = next(b for b in of("graphql") if "before: parties" in b.text)
    treaty = post(api, block.text)["data"]["treaty"]
    assert (treaty["before"]["totalCount"], treaty["after"]["totalCount"]) == (3, 0)


def test_the_response_extensions_example_has_the_fields_a_response_has(
    api: str,
) -> None:
    (example,) = of("json")
    shown = json.loads(example.text)
    real = post(api, '{ country(iso3: "LTU") { name } }')["extensions"]["treatygraph"]
    assert set(shown) == set(real)
    assert shown["asOfDefault"] == real["asOfDefault"]


def test_the_python_example_prints_what_its_comment_says(api: str) -> None:
    (example,) = of("python")
    expected = re.search(r"\)\)\s+# (\d+)", example.text)
    assert expected is not None
    script = example.text.replace(ADDRESS, api)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected.group(1)


def test_the_production_settings_are_accepted() -> None:
    block = next(b for b in of("sh") if b.first_line.startswith("TREATYGRAPH_"))
    assignments = dict(
        line.split("#")[0].strip().split("=", 1)
        for line in block.text.splitlines()
        if line.strip()
    )
    settings = Settings.from_env(assignments)
    assert not settings.introspection
    assert not settings.debug_header


# -- shell blocks --------------------------------------------------------------------


def expectation(comment: str | None) -> bool:
    """A comment that says what the command prints: JSON, a status line or code."""
    return bool(comment) and (comment[0] in "{H" or comment.isdigit())


@dataclass(frozen=True)
class Command:
    text: str
    expect: str | None


def commands(block: Block) -> list[Command]:
    """The block's commands (continuations and heredocs joined), each with the
    expected output its comment gives."""
    result: list[Command] = []
    pending: list[str] = []
    heredoc: str | None = None
    for line in block.text.splitlines():
        if heredoc is not None:
            pending.append(line)
            if line.strip() == heredoc:
                heredoc = None
                result.append(Command("\n".join(pending), None))
                pending = []
            continue
        stripped = line.strip()
        if not pending and stripped.startswith("#"):
            if result and not expectation(result[-1].expect):
                result[-1] = Command(result[-1].text, stripped[1:].strip())
            continue
        if not stripped:
            continue
        pending.append(line)
        marker = re.search(r"<<'?(\w+)'?", line)
        if marker:
            heredoc = marker.group(1)
            continue
        if line.endswith("\\"):
            continue
        text = "\n".join(pending)
        pending = []
        inline = re.search(r"\s{2,}#\s*(.+)$", text)
        result.append(Command(text, inline.group(1).strip() if inline else None))
    return result


RUNNABLE = [
    b
    for b in of("sh")
    if b.first_line not in NOT_RUN and not b.first_line.startswith("TREATYGRAPH_")
]


def _contains(actual: Any, expected: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _contains(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_contains(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return bool(actual == expected)


def check(command: Command, output: str, status: int) -> None:
    assert status == 0, f"{command.text}\nexited {status}:\n{output}"
    expect = command.expect
    if expect is None or not expectation(expect):
        assert '"errors"' not in output, f"{command.text}\nanswered:\n{output}"
        return
    if expect.startswith("{"):
        assert _contains(json.loads(output), json.loads(expect)), (command.text, output)
    elif expect.startswith("HTTP/"):
        assert output.splitlines()[0].strip() == expect, (command.text, output)
    else:
        status_line = output.splitlines()[0]
        assert status_line.split()[1] == expect, (command.text, output)


@pytest.mark.parametrize("block", RUNNABLE, ids=ids(RUNNABLE))
def test_shell_example_runs_as_written(api: str, block: Block) -> None:
    steps = commands(block)
    assert steps, block.text
    script = ["set -o pipefail"]
    for number, step in enumerate(steps):
        script += [
            f"echo '::begin {number}'",
            step.text.replace(ADDRESS, api),
            f'echo "::end {number} $?"',
        ]
    env = {**os.environ, "EXISTING_KEY": "tg_an-existing-key-for-the-readme-test"}
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    outputs = re.findall(
        r"::begin (\d+)\n(.*?)\n?::end \1 (\d+)", done.stdout, re.DOTALL
    )
    assert len(outputs) == len(steps), (done.stdout, done.stderr)
    for index, ((number, output, status), step) in enumerate(
        zip(outputs, steps, strict=True)
    ):
        assert int(number) == index
        check(step, output, int(status))
