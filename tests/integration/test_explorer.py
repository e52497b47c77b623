"""The explorer page and GraphiQL in a real browser (Debian's headless Chromium via
Playwright) against the seeded API served by uvicorn on a real socket, with every
request that would leave this machine aborted: both pages must work offline."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from schema.examples import examples
from settings import REPO_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT_DIR = REPO_ROOT / "test-output"
BALTICS = ("EST", "LVA", "LTU")
THIS_MACHINE = {"127.0.0.1", "localhost"}

if not CHROMIUM.exists():
    pytest.skip(
        f"Chromium is not installed at {CHROMIUM}: `apt-get install chromium` "
        "(make test does it when run as root)",
        allow_module_level=True,
    )

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Route,
    sync_playwright,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[str]:
    """The whole app under uvicorn in a thread (the browser needs a real socket)."""
    from server import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(neo4j), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@dataclass
class Offline:
    """A fresh page that reaches only this machine: each request to another host is
    aborted and its URL kept in `aborted`; script and console errors (a refusal by
    the Content-Security-Policy, a failed load) go to `errors`."""

    page: Page
    aborted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    offline = Offline(context.new_page())

    def confine(route: Route) -> None:
        if urlsplit(route.request.url).hostname in THIS_MACHINE:
            route.continue_()
        else:
            offline.aborted.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", confine)
    offline.page.on("pageerror", lambda error: offline.errors.append(str(error)))
    offline.page.on(
        "console",
        lambda message: (
            offline.errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield offline
    context.close()


@pytest.fixture
def page(offline: Offline, base_url: str) -> Iterator[Page]:
    """The explorer, offline; fails the test on any script or console error, and
    on any request that tried to leave this machine."""
    page = offline.page
    page.goto(f"{base_url}/")
    page.wait_for_selector("#map[data-as-of]:not([aria-busy])", timeout=30_000)
    yield page
    assert offline.errors == [], f"errors on the page: {offline.errors}"
    assert offline.aborted == [], f"requests that left the machine: {offline.aborted}"


def _wait_for_date(page: Page, day: str) -> None:
    page.wait_for_selector(
        f'#map[data-as-of="{day}"]:not([aria-busy])', state="attached", timeout=15_000
    )


def _shape(page: Page, iso3: str) -> dict[str, str]:
    path = page.locator(f'#map path[data-iso3="{iso3}"]')
    return {
        "status": path.get_attribute("data-status") or "",
        "title": path.locator("title").text_content() or "",
    }


def test_baltic_states_turn_from_withdrawal_pending_to_withdrawn_on_2025_12_27(
    page: Page, capsys: pytest.CaptureFixture[str]
) -> None:
    page.select_option("#treaty", "ottawa")
    page.fill("#date-input", "2025-12-26")
    _wait_for_date(page, "2025-12-26")
    before = {iso3: _shape(page, iso3) for iso3 in (*BALTICS, "POL")}

    # One step of the slider moves the date a day.
    page.focus("#date-slider")
    page.keyboard.press("ArrowRight")
    _wait_for_date(page, "2025-12-27")
    after = {iso3: _shape(page, iso3) for iso3 in (*BALTICS, "POL")}

    for iso3 in BALTICS:
        assert before[iso3]["status"] == "WITHDRAWAL_PENDING", iso3
        assert "withdrawal pending" in before[iso3]["title"], before[iso3]
        assert after[iso3]["status"] == "WITHDRAWN", iso3
        assert ": withdrawn" in after[iso3]["title"], after[iso3]
    # Poland's notice was deposited later: still pending on both days.
    assert before["POL"]["status"] == after["POL"]["status"] == "WITHDRAWAL_PENDING"
    assert page.input_value("#date-input") == "2025-12-27"

    page.click("#zoom-europe")
    OUTPUT_DIR.mkdir(exist_ok=True)
    shot = OUTPUT_DIR / "explorer-ottawa-2025-12-27.png"
    page.screenshot(path=str(shot), full_page=True)
    with capsys.disabled():
        print(f"\nexplorer screenshot: {shot}")  # noqa: T201 - where to look


def test_a_date_change_costs_one_graphql_request(page: Page) -> None:
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" else None,
    )
    page.fill("#date-input", "2025-06-27")
    _wait_for_date(page, "2025-06-27")
    assert [url.rsplit("/", 1)[-1] for url in posts] == ["graphql"]


def test_legend_counts_match_the_states_on_the_map(page: Page) -> None:
    page.fill("#date-input", "2025-12-27")
    _wait_for_date(page, "2025-12-27")
    counted = page.eval_on_selector_all(
        "#map path.country:not(.territory)",
        "paths => paths.filter(p => p.dataset.status === 'WITHDRAWN').length",
    )
    legend = page.locator('#legend li[data-status="WITHDRAWN"] .count').text_content()
    assert counted == 3
    assert legend == "3"


def test_clicking_a_country_lists_its_events_votes_and_statements_with_sources(
    page: Page,
) -> None:
    page.fill("#date-input", "2025-12-27")
    _wait_for_date(page, "2025-12-27")
    page.click('#map path[data-iso3="LTU"]', force=True)
    page.wait_for_selector("#details h2:text-is('Lithuania')")

    details = page.locator("#details")
    status = details.locator(".status-line").text_content()
    assert status == "APMBC: withdrawn on 2025-12-27"
    text = details.inner_text()
    assert "withdrawal effective" in text
    assert "Seimas: withdraw" in text
    assert "Statements and decisions" in text
    links = details.locator("a[href^='http']")
    assert links.count() > 5
    assert "country=LTU" in page.url


def test_timeline_lists_the_withdrawals_taking_effect(page: Page) -> None:
    page.fill("#date-input", "2025-12-27")
    _wait_for_date(page, "2025-12-27")
    rows = page.locator('#timeline tr[data-date="2025-12-27"]').all_inner_texts()
    cells = [row.split("\t") for row in rows]
    assert {cell[1] for cell in cells} == {"Estonia", "Latvia", "Lithuania"}
    assert all(cell[2].strip() == "withdrawal effective" for cell in cells), cells


def test_the_explorer_renders_its_map_and_answers_with_the_network_cut_off(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    page.goto(f"{base_url}/#treaty=ottawa&date=2025-12-27")
    assert offline.aborted == []
    _wait_for_date(page, "2025-12-27")
    lithuania = _shape(page, "LTU")

    assert lithuania["status"] == "WITHDRAWN"
    assert lithuania["title"].startswith("Lithuania")
    assert offline.aborted == []
    assert offline.errors == []


def test_graphiql_runs_the_hero_query_with_the_network_cut_off(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    page.goto(f"{base_url}/graphql")
    # Strawberry's page loaded these from unpkg.com and stayed on "Loading...".
    assert offline.aborted == []
    page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
    tabs = page.locator(".graphiql-tab").all_inner_texts()
    page.click(".graphiql-execute-button")
    result = ".result-window .CodeMirror"
    page.wait_for_function(
        f"() => document.querySelector({result!r})?.CodeMirror.getValue()"
        " .includes('totalCount')",
        timeout=30_000,
    )
    # Read from CodeMirror itself: it renders only the lines in view.
    answer = json.loads(
        page.evaluate(f"document.querySelector({result!r}).CodeMirror.getValue()")
    )
    # The Docs pane still lists the schema GraphiQL read by introspection.
    page.click('[aria-label="Show Documentation Explorer"]')
    page.wait_for_selector(".graphiql-doc-explorer :text('Query')")
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "graphiql-offline.png"))

    assert tabs[0].strip() == "NatoStatesBorderingRussiaThatRecommendedWithdrawal"
    assert len(tabs) == len(examples())
    names = [node["name"] for node in answer["data"]["countries"]["nodes"]]
    assert names == ["Estonia", "Latvia", "Lithuania", "Poland"]
    assert offline.aborted == []
    assert offline.errors == []
