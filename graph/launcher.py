"""Run a real Neo4j Community 5.26 locally, without Docker: fetched by Maven, Bolt on loopback.

`python -m graph.launcher start|stop|status` (behind `make neo4j-start` …). When
NEO4J_URI names a running server, every command says so and starts nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from settings import REPO_ROOT, Settings, SettingsError

NEO4J_DIR = REPO_ROOT / "graph" / "neo4j"
POM = NEO4J_DIR / "pom.xml"
LAUNCHER_SOURCE = NEO4J_DIR / "Neo4jLauncher.java"
START_TIMEOUT_SECONDS = 180
STOP_TIMEOUT_SECONDS = 60
# The JVMs this process started: each is meant to outlive its Popen handle, and a
# handle collected while its JVM runs makes Python warn, at whatever moment the
# collector picks (one surfaced as an error in an unrelated test's setup).
_STARTED: list[subprocess.Popen[bytes]] = []


@atexit.register
def _leave_running() -> None:
    """Reap the JVMs that stopped; the ones still running are meant to outlive us."""
    for process in _STARTED:
        process.poll()
    warnings.filterwarnings("ignore", "subprocess .* is still running", ResourceWarning)


class LauncherError(RuntimeError):
    """The local Neo4j could not be fetched, started or stopped; the message says why."""


@dataclass(frozen=True)
class LocalNeo4j:
    """Files of one local instance; `make run` and `make test` use separate homes."""

    home: Path
    port: int
    heap: str
    password: str | None

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "launcher.log"

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        password = settings.neo4j_password
        return cls(
            home=settings.local_neo4j_home,
            port=settings.local_neo4j_port,
            heap=settings.local_neo4j_heap,
            password=str(password) if password is not None else None,
        )


def neo4j_version() -> str:
    """The Neo4j version the pom pins (docker-compose.yml must use the same minor)."""
    text = POM.read_text()
    start = text.index("<neo4j.version>") + len("<neo4j.version>")
    return text[start : text.index("</neo4j.version>", start)]


def classpath() -> str:
    """Resolve Neo4j's runtime classpath with Maven; cached until the pom changes."""
    cache = REPO_ROOT / ".neo4j" / f"classpath-{neo4j_version()}.txt"
    if cache.exists() and cache.stat().st_mtime >= POM.stat().st_mtime:
        return cache.read_text().strip()
    if shutil.which("mvn") is None:
        raise LauncherError("Maven (mvn) is not on PATH; install Maven 3 and Java 17.")
    cache.parent.mkdir(parents=True, exist_ok=True)
    print(f"Fetching Neo4j {neo4j_version()} from Maven Central (first run only)...")
    result = subprocess.run(
        [
            "mvn",
            "-q",
            "-B",
            "-f",
            str(POM),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={cache}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not cache.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-20:]
        raise LauncherError("Maven could not fetch Neo4j:\n" + "\n".join(tail))
    return cache.read_text().strip()


def _pid(instance: LocalNeo4j) -> int | None:
    try:
        pid = int(instance.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def bolt_answers(uri: str, auth: tuple[str, str] | None, database: str) -> bool:
    """True when Neo4j at `uri` runs `RETURN 1`."""
    try:
        with (
            GraphDatabase.driver(uri, auth=auth, connection_timeout=2) as driver,
            driver.session(database=database) as session,
        ):
            # session.run, not execute_query: a probe must not retry for 30 s.
            record = session.run("RETURN 1 AS ok").single()
            return record is not None and record["ok"] == 1
    except AuthError:
        raise
    except (DriverError, Neo4jError, OSError):
        return False


def _log_tail(instance: LocalNeo4j, lines: int = 25) -> str:
    try:
        text = instance.log_file.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log written)"
    return "\n".join(text.strip().splitlines()[-lines:])


def _auth(instance: LocalNeo4j) -> tuple[str, str] | None:
    return ("neo4j", instance.password) if instance.password else None


def status(instance: LocalNeo4j) -> int | None:
    """The pid of this instance's running JVM, or None."""
    return _pid(instance)


def start(instance: LocalNeo4j) -> bool:
    """Start the instance and wait until Bolt answers; False if it was already running."""
    uri = f"bolt://127.0.0.1:{instance.port}"
    pid = _pid(instance)
    if pid is not None:
        if bolt_answers(uri, _auth(instance), "neo4j"):
            return False
        raise LauncherError(
            f"Neo4j (pid {pid}) from {instance.home} is running but Bolt on port "
            f"{instance.port} does not answer; run `make neo4j-stop` and start again.\n"
            + _log_tail(instance)
        )
    if _port_in_use(instance.port):
        raise LauncherError(
            f"Port {instance.port} is already in use by another process; stop it or "
            f"set NEO4J_LOCAL_PORT to a free port."
        )
    if shutil.which("java") is None:
        raise LauncherError("Java is not on PATH; install a Java 17 JDK.")
    cp = classpath()
    instance.home.mkdir(parents=True, exist_ok=True)
    args = [str(instance.home), str(instance.port), "256m"]
    if instance.password:
        password_file = instance.home / "password"
        password_file.write_text(instance.password)
        password_file.chmod(0o600)
        args.append(str(password_file))
    command = [
        "java",
        f"-Xmx{instance.heap}",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-cp",
        cp,
        str(LAUNCHER_SOURCE),
        *args,
    ]
    with instance.log_file.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal must not kill it mid-write
        )
    _STARTED.append(process)
    instance.pid_file.write_text(str(process.pid))
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            instance.pid_file.unlink(missing_ok=True)
            raise LauncherError(
                f"Neo4j exited with code {process.returncode} while starting "
                f"(port {instance.port}, home {instance.home}). Log tail:\n"
                + _log_tail(instance)
            )
        if bolt_answers(uri, _auth(instance), "neo4j"):
            return True
        time.sleep(0.5)
    stop(instance)
    raise LauncherError(
        f"Neo4j did not answer on port {instance.port} within {START_TIMEOUT_SECONDS} s."
        " Log tail:\n" + _log_tail(instance)
    )


def stop(instance: LocalNeo4j) -> bool:
    """Stop the instance cleanly (SIGTERM runs Neo4j's shutdown); False if not running."""
    pid = _pid(instance)
    if pid is None:
        instance.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if _pid(instance) is None or _is_zombie(pid):
            instance.pid_file.unlink(missing_ok=True)
            return True
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    instance.pid_file.unlink(missing_ok=True)
    return True


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (FileNotFoundError, IndexError):
        return False


@contextlib.contextmanager
def running(settings: Settings) -> Iterator[None]:
    """Make sure Neo4j answers for the block; stop it after only if this block started it."""
    if not settings.uses_local_neo4j:
        yield
        return
    instance = LocalNeo4j.from_settings(settings)
    started = start(instance)
    try:
        yield
    finally:
        if started:
            stop(instance)


def main(argv: list[str]) -> int:
    """CLI entry point: start, stop or status."""
    if len(argv) != 1 or argv[0] not in {"start", "stop", "status"}:
        print("usage: python -m graph.launcher start|stop|status", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    if not settings.uses_local_neo4j:
        print(
            f"NEO4J_URI is set ({settings.neo4j_uri}): using it, nothing local to {argv[0]}."
        )
        return 0
    instance = LocalNeo4j.from_settings(settings)
    try:
        if argv[0] == "start":
            began = time.monotonic()
            if start(instance):
                print(
                    f"Neo4j {neo4j_version()} started on bolt://127.0.0.1:{instance.port}"
                    f" (pid {_pid(instance)}, {time.monotonic() - began:.1f} s, "
                    f"data in {instance.home})"
                )
            else:
                print(
                    f"Neo4j is already running on bolt://127.0.0.1:{instance.port} "
                    f"(pid {_pid(instance)})"
                )
        elif argv[0] == "stop":
            print("Neo4j stopped." if stop(instance) else "Neo4j was not running.")
        else:
            pid = status(instance)
            if pid is None:
                print(f"Neo4j is not running (home {instance.home}).")
                return 3
            print(f"Neo4j is running on bolt://127.0.0.1:{instance.port} (pid {pid}).")
    except (LauncherError, AuthError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
