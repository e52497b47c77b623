"""The explorer page in a real browser (Debian's headless Chromium via Playwright)
against the seeded API served by uvicorn on a real socket."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from settings import REPO_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT_DIR = REPO_ROOT / "test-output"
BALTICS = ("EST", "LVA", "LTU")

if not CHROMIUM.exists():
    pytest.skip(
        f"Chromium is not installed at {CHROMIUM}: `apt-get install chromium` "
        "(make test does it when run as root)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


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


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh page on the explorer; fails the test on any script error, and on
    anything its Content-Security-Policy refused (Chromium reports it on the console)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def refused(message: Any) -> None:
        if "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", refused)
    page.goto(f"{base_url}/")
    page.wait_for_selector("#map[data-as-of]:not([aria-busy])", timeout=30_000)
    yield page
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


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
