"""docker-compose.yml and the Dockerfile, checked without a Docker engine.

There is no Docker here, so these tests read the files and check what can be checked:
the Neo4j image matches the version the local launcher runs, the API waits for a
healthy Neo4j and publishes 8000, every variable the API is given is one that
settings.py reads (and accepts), and GraphiQL's committed files reach the image.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from fnmatch import fnmatch
from typing import Any

import pytest
import yaml

from graph.launcher import neo4j_version
from httpapi.graphiql_assets import ASSET_DIR, assets
from settings import REPO_ROOT, Settings

COMPOSE = REPO_ROOT / "docker-compose.yml"
DOCKERFILE = REPO_ROOT / "Dockerfile"
DOCKERIGNORE = REPO_ROOT / ".dockerignore"

_INTERPOLATION = re.compile(
    r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?-)(?P<default>[^}]*))?\}"
)


def interpolate(value: Any, host_env: Mapping[str, str]) -> str:
    """What Compose makes of `${VAR}`, `${VAR-default}` and `${VAR:-default}`."""

    def replace(match: re.Match[str]) -> str:
        name, op, default = match["name"], match["op"], match["default"] or ""
        if op == ":-":
            return host_env.get(name) or default
        if op == "-":
            return host_env.get(name, default)
        return host_env.get(name, "")

    return _INTERPOLATION.sub(replace, str(value))


def environment(service: Mapping[str, Any]) -> dict[str, Any]:
    """A service's `environment:`, in either the mapping or the list form."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return dict(env)


def published_container_ports(service: Mapping[str, Any]) -> set[int]:
    """Container ports a service publishes on the host (short or long syntax)."""
    ports: set[int] = set()
    for port in service.get("ports") or []:
        if isinstance(port, Mapping):
            ports.add(int(port["target"]))
        else:
            ports.add(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    return ports


class RecordingEnviron(dict[str, str]):
    """An environ that remembers every name looked up in it."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)
        self.asked: set[str] = set()

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.asked.add(key)
        return super().__contains__(key)

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict), "docker-compose.yml is not a YAML mapping"
    return data


@pytest.fixture(scope="module")
def neo4j_service(compose: dict[str, Any]) -> dict[str, Any]:
    assert "neo4j" in compose.get("services", {}), "no `neo4j` service"
    service: dict[str, Any] = compose["services"]["neo4j"]
    return service


@pytest.fixture(scope="module")
def api_service(compose: dict[str, Any]) -> dict[str, Any]:
    assert "api" in compose.get("services", {}), "no `api` service"
    service: dict[str, Any] = compose["services"]["api"]
    return service


@pytest.fixture(scope="module")
def api_env(api_service: dict[str, Any]) -> dict[str, str]:
    """The API's environment as Compose resolves it with nothing set on the host."""
    return {
        name: interpolate(value, {}) for name, value in environment(api_service).items()
    }


def names_settings_reads(environ: Mapping[str, str]) -> set[str]:
    recording = RecordingEnviron(environ)
    Settings.from_env(recording)
    return recording.asked


def test_interpolate_applies_compose_defaults_and_host_values() -> None:
    assert interpolate("${A:-x}", {}) == "x"
    assert interpolate("${A:-x}", {"A": ""}) == "x"
    assert interpolate("${A-x}", {"A": ""}) == ""
    assert interpolate("neo4j/${A:-x}", {"A": "secret"}) == "neo4j/secret"
    assert interpolate("${A}", {}) == ""


def test_neo4j_image_has_the_same_major_minor_as_the_launcher_pom(
    neo4j_service: dict[str, Any],
) -> None:
    image = str(neo4j_service["image"])
    match = re.fullmatch(r"neo4j:(\d+)\.(\d+)(?:\.\d+)?(?:-(\w+))?", image)
    assert match, f"neo4j image {image!r} is not neo4j:<major>.<minor>[-edition]"
    pom_major_minor = tuple(neo4j_version().split(".")[:2])
    assert (match[1], match[2]) == pom_major_minor, (
        f"{image} vs <neo4j.version>{neo4j_version()}</neo4j.version> in graph/neo4j/pom.xml"
    )


def test_neo4j_image_is_the_community_edition_the_launcher_runs(
    neo4j_service: dict[str, Any],
) -> None:
    assert str(neo4j_service["image"]).endswith("-community")


def test_neo4j_healthcheck_runs_return_1_with_cypher_shell(
    neo4j_service: dict[str, Any],
) -> None:
    healthcheck = neo4j_service.get("healthcheck")
    assert healthcheck, "neo4j has no healthcheck, so service_healthy would never hold"
    assert not healthcheck.get("disable", False)
    test = healthcheck["test"]
    command = " ".join(test) if isinstance(test, list) else str(test)
    assert "cypher-shell" in command
    assert "RETURN 1" in command


# Compose fills `${…}` from the shell (or .env): both sides must follow the same value.
HOST_ENVS = [
    pytest.param({}, id="defaults"),
    pytest.param({"NEO4J_PASSWORD": "another-secret-9"}, id="password-from-host"),
]


@pytest.mark.parametrize("host_env", HOST_ENVS)
def test_neo4j_healthcheck_logs_in_with_the_password_neo4j_auth_sets(
    neo4j_service: dict[str, Any], host_env: dict[str, str]
) -> None:
    auth = interpolate(environment(neo4j_service).get("NEO4J_AUTH", "none"), host_env)
    command = interpolate(" ".join(neo4j_service["healthcheck"]["test"]), host_env)
    if auth == "none":
        assert " -p " not in command
    else:
        user, password = auth.split("/", 1)
        assert f"-u {user}" in command
        assert password in command


def test_neo4j_checks_for_timed_out_transactions_as_often_as_the_launcher(
    neo4j_service: dict[str, Any],
) -> None:
    launcher = (REPO_ROOT / "graph" / "neo4j" / "Neo4jLauncher.java").read_text()
    found = re.search(
        r"transaction_monitor_check_interval, Duration\.ofMillis\((\d+)\)", launcher
    )
    assert found is not None
    interval = environment(neo4j_service)["NEO4J_db_transaction_monitor_check_interval"]
    assert interval == f"{found.group(1)}ms"


def test_neo4j_publishes_bolt_and_http(neo4j_service: dict[str, Any]) -> None:
    assert {7474, 7687} <= published_container_ports(neo4j_service)


def test_api_starts_only_after_neo4j_is_healthy(api_service: dict[str, Any]) -> None:
    depends_on = api_service.get("depends_on")
    assert isinstance(depends_on, dict), (
        "depends_on needs the long form to set a condition"
    )
    assert depends_on.get("neo4j", {}).get("condition") == "service_healthy"


def test_api_publishes_port_8000_where_it_listens(
    api_service: dict[str, Any], api_env: dict[str, str]
) -> None:
    assert 8000 in published_container_ports(api_service)
    assert api_env.get("API_PORT", "8000") == "8000"
    assert api_env.get("API_HOST") == "0.0.0.0", (
        "inside a container 127.0.0.1 is unreachable"
    )


def test_api_is_built_from_the_repository_dockerfile(
    api_service: dict[str, Any],
) -> None:
    build = api_service.get("build")
    context = build if isinstance(build, str) else (build or {}).get("context")
    dockerfile = (
        "Dockerfile"
        if isinstance(build, str)
        else (build or {}).get("dockerfile", "Dockerfile")
    )
    assert context in {".", "./"}
    assert (REPO_ROOT / dockerfile).is_file()


def test_every_api_environment_variable_is_one_settings_reads(
    api_env: dict[str, str],
) -> None:
    read = names_settings_reads(api_env)
    unknown = sorted(set(api_env) - read)
    assert not unknown, f"settings.py never reads {unknown}"


def test_recording_environ_sees_the_names_settings_reads() -> None:
    read = names_settings_reads({})
    assert {"NEO4J_URI", "NEO4J_PASSWORD", "API_PORT", "TREATYGRAPH_AS_OF"} <= read
    assert "NEO4J_PASSWD" not in read


@pytest.mark.parametrize("host_env", HOST_ENVS)
def test_api_environment_is_accepted_by_settings_and_targets_the_neo4j_service(
    api_service: dict[str, Any], neo4j_service: dict[str, Any], host_env: dict[str, str]
) -> None:
    env = {
        name: interpolate(value, host_env)
        for name, value in environment(api_service).items()
    }
    settings = Settings.from_env(env)
    assert not settings.uses_local_neo4j, "the API would start its own Neo4j"
    assert settings.bolt_uri == "bolt://neo4j:7687"
    assert settings.api_port == 8000
    auth = interpolate(environment(neo4j_service).get("NEO4J_AUTH", "none"), host_env)
    if auth == "none":
        assert settings.neo4j_password is None
    else:
        user, password = auth.split("/", 1)
        assert settings.neo4j_user == user
        assert settings.neo4j_password is not None
        assert str(settings.neo4j_password) == password


def test_a_pinned_as_of_on_the_host_reaches_the_api(
    api_service: dict[str, Any],
) -> None:
    raw = environment(api_service)
    assert "TREATYGRAPH_AS_OF" in raw, "the API does not pass TREATYGRAPH_AS_OF through"
    host = {"TREATYGRAPH_AS_OF": "2025-12-27"}
    env = {name: interpolate(value, host) for name, value in raw.items()}
    assert Settings.from_env(env).default_as_of().isoformat() == "2025-12-27"


def dockerfile_instructions() -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, arguments) per Dockerfile instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            instruction, _, arguments = stripped.partition(" ")
            yield instruction.upper(), arguments.strip()


def test_dockerfile_builds_on_python_3_11() -> None:
    assert DOCKERFILE.is_file(), "no Dockerfile at the repository root"
    bases = [
        args for instruction, args in dockerfile_instructions() if instruction == "FROM"
    ]
    assert bases, "the Dockerfile has no FROM"
    assert re.match(r"(docker\.io/)?(library/)?python:3\.11([.-]|$)", bases[-1]), bases[
        -1
    ]


def test_dockerfile_installs_dependencies_from_pyproject() -> None:
    runs = " ".join(
        args for instruction, args in dockerfile_instructions() if instruction == "RUN"
    )
    copies = " ".join(
        args for instruction, args in dockerfile_instructions() if instruction == "COPY"
    )
    assert "pyproject.toml" in copies or copies.startswith(". ")
    assert "pip install" in runs
    assert "pyproject.toml" in runs or re.search(r"pip install[^&]*\s\.(\s|$)", runs)


def test_dockerfile_seeds_the_database_before_serving_the_api() -> None:
    commands = [
        args for instruction, args in dockerfile_instructions() if instruction == "CMD"
    ]
    assert commands, "the Dockerfile has no CMD"
    command = commands[-1]
    assert "seeds.loader" in command
    # The server's own entry point: uvicorn with httpapi.connections' protocol.
    assert "python -m server serve" in command
    assert command.index("seeds.loader") < command.index("server serve")
    assert "&&" in command.split("seeds.loader", 1)[1], (
        "serve only when seeding succeeded"
    )


def dockerignore_patterns() -> set[str]:
    return {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }


def test_dockerignore_keeps_local_state_out_of_the_image() -> None:
    assert {".venv", ".neo4j", ".git"} <= dockerignore_patterns()


def test_the_image_gets_graphiqls_committed_files() -> None:
    copies = [
        args for instruction, args in dockerfile_instructions() if instruction == "COPY"
    ]
    assert any(args.split()[0] == "." for args in copies)
    for path in assets():
        file = (ASSET_DIR / path).relative_to(REPO_ROOT).as_posix()
        parts = file.split("/")
        # A pattern that matches a file's folder leaves the file out too.
        leading = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
        for pattern in dockerignore_patterns():
            assert not any(fnmatch(part, pattern) for part in leading), (pattern, file)
