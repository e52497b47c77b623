"""The open files limit is raised for the connection cap, never lowered."""

from __future__ import annotations

import resource

import pytest

from httpapi import connections
from settings import Settings


class FakeLimits:
    """RLIMIT_NOFILE as `resource` reports it, recording what is set."""

    def __init__(self, soft: int, hard: int) -> None:
        self.limits = (soft, hard)
        self.set: list[tuple[int, int]] = []

    def getrlimit(self, which: int) -> tuple[int, int]:
        assert which == resource.RLIMIT_NOFILE
        return self.limits

    def setrlimit(self, which: int, limits: tuple[int, int]) -> None:
        assert which == resource.RLIMIT_NOFILE
        self.set.append(limits)
        self.limits = limits


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeLimits:
    limits = FakeLimits(1024, 524288)
    monkeypatch.setattr(resource, "getrlimit", limits.getrlimit)
    monkeypatch.setattr(resource, "setrlimit", limits.setrlimit)
    return limits


def test_the_soft_limit_is_raised_to_the_hard_limit(fake: FakeLimits) -> None:
    assert connections.raise_open_files_limit() == (1024, 524288)
    assert fake.set == [(524288, 524288)]


@pytest.mark.parametrize(
    "limits",
    [(4096, 4096), (resource.RLIM_INFINITY, resource.RLIM_INFINITY), (8192, 4096)],
)
def test_a_soft_limit_at_or_above_the_hard_limit_is_left_alone(
    fake: FakeLimits, limits: tuple[int, int]
) -> None:
    fake.limits = limits
    assert connections.raise_open_files_limit() == (limits[0], limits[0])
    assert fake.set == []


def test_a_refused_raise_keeps_the_limit(
    fake: FakeLimits, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(which: int, limits: tuple[int, int]) -> None:
        raise ValueError("not allowed")

    monkeypatch.setattr(resource, "setrlimit", refuse)
    assert connections.raise_open_files_limit() == (1024, 1024)


def test_raising_the_real_limit_never_lowers_it() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    before, after = connections.raise_open_files_limit()
    assert before == soft
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == (after, hard)
    assert after >= soft


def test_the_cap_is_lowered_to_what_the_descriptors_hold(fake: FakeLimits) -> None:
    fake.limits = (1024, 1024)
    limits = connections.connection_limits(Settings.from_env({}))
    # Half of what 256 reserved fds leave, the other half for refusals (they linger).
    assert limits.max_connections == (1024 - 256) // 2
    assert limits.ceiling == 1024 - 256
    assert (limits.header_timeout, limits.body_timeout) == (10, 30)


def test_a_cap_that_fits_is_kept(fake: FakeLimits) -> None:
    limits = connections.connection_limits(
        Settings.from_env({"TREATYGRAPH_MAX_CONNECTIONS": "20"})
    )
    assert (limits.max_connections, limits.ceiling) == (20, 524288 - 256)


def test_the_protocol_and_its_limits_pickle_into_workers() -> None:
    # uvicorn's Multiprocess pickles its Config, `http=` included, into each worker.
    import pickle

    limits = connections.ConnectionLimits(1, 2, 3, 4, 5)
    http = pickle.loads(pickle.dumps(connections.uvicorn_protocol(limits)))
    assert http.func is connections.GuardedHttpToolsProtocol
    assert http.keywords == {"limits": limits}
