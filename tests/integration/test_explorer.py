"""The explorer page and GraphiQL in a real browser (Debian's headless Chromium via
Playwright) against the seeded API served by uvicorn on a real socket, with every
request that would leave this machine aborted: both pages must work offline."""

from __future__ import annotations

import csv
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import uvicorn
from graphql.utilities import strip_ignored_characters

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
    BrowserContext,
    Page,
    Request,
    Response,
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


def confined(context: BrowserContext) -> Offline:
    """A page of `context` that reaches only this machine (see Offline)."""
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
    return offline


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield confined(context)
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
    assert "state=LTU" in page.url


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
    # An old link (the hash form) opens its view, then shows the query form.
    assert page.url == f"{base_url}/?treaty=ottawa&asOf=2025-12-27"
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


# -- views: URL state, history, exports, layout, keyboard, provenance, axe ---------

AXE = REPO_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#map[data-as-of]:not([aria-busy])", timeout=30_000)


def _query_of(page: Page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def test_the_url_names_treaty_date_and_state_and_reopens_that_view(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-27&state=LTU")
    page.wait_for_selector("#details h2:text-is('Lithuania')")

    assert page.get_attribute("#map", "data-as-of") == "2025-12-27"
    assert page.input_value("#date-input") == "2025-12-27"
    assert page.input_value("#treaty") == "ottawa"
    assert _shape(page, "LTU")["status"] == "WITHDRAWN"
    assert page.locator("#map path.selected").get_attribute("data-iso3") == "LTU"
    page.select_option("#treaty", "ccm")
    page.wait_for_function("() => location.search.includes('treaty=ccm')")
    assert _query_of(page) == {"treaty": "ccm", "asOf": "2025-12-27", "state": "LTU"}
    assert offline.errors == []
    assert offline.aborted == []


def test_back_and_forward_move_through_the_views_without_leaving_the_app(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-26")
    page.fill("#date-input", "2025-12-27")
    _wait_for_date(page, "2025-12-27")
    page.click('#map path[data-iso3="LVA"]', force=True)
    page.wait_for_selector("#details h2:text-is('Latvia')")
    assert _query_of(page) == {"treaty": "ottawa", "asOf": "2025-12-27", "state": "LVA"}

    page.go_back()
    page.wait_for_selector("#details p.none")
    assert _query_of(page) == {"treaty": "ottawa", "asOf": "2025-12-27"}
    assert page.locator("#map path.selected").count() == 0
    page.go_back()
    _wait_for_date(page, "2025-12-26")
    assert _shape(page, "LVA")["status"] == "WITHDRAWAL_PENDING"
    assert page.input_value("#date-input") == "2025-12-26"
    page.go_forward()
    _wait_for_date(page, "2025-12-27")
    page.go_forward()
    page.wait_for_selector("#details h2:text-is('Latvia')")
    assert urlsplit(page.url).path == "/"
    assert offline.errors == []
    assert offline.aborted == []


def test_an_impossible_date_in_the_url_is_named_and_the_default_date_shown(
    offline: Offline, base_url: str, pinned_today: Any
) -> None:
    page = offline.page
    _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-02-30")
    default = pinned_today.isoformat()

    message = page.locator("#message")
    assert message.get_attribute("data-kind") == "error"
    assert message.text_content().startswith(
        f"2025-02-30 is not a date: February 2025 has 28 days. Showing {default} instead."
    )
    assert page.get_attribute("#map", "data-as-of") == default
    assert _query_of(page)["asOf"] == default
    assert page.locator("#map path.country").count() > 190
    assert offline.errors == []
    assert offline.aborted == []


def test_download_csv_gives_the_states_of_the_view_from_the_same_query(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-27")
    exports: list[str] = []
    page.on(
        "request",
        lambda r: exports.append(r.method) if "/export.csv" in r.url else None,
    )
    with page.expect_download() as download:
        page.click("#download-csv")
    with page.expect_download() as timeline:
        page.click("#download-timeline-csv")
    events = Path(timeline.value.path()).read_text(encoding="utf-8").splitlines()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    map_query = page.evaluate("async () => (await import('/static/api.js')).MAP_QUERY")

    comments = [line for line in text.splitlines() if line.startswith("# ")]
    rows = list(
        csv.reader(line for line in text.splitlines() if not line.startswith("#"))
    )
    assert download.value.suggested_filename == "countries-2025-12-27.csv"
    assert "# asOf: 2025-12-27" in comments
    assert f"# query: {strip_ignored_characters(map_query)}" in comments
    assert rows[0] == [
        "iso3",
        "name",
        "treatyStatus.status",
        "treatyStatus.suspensionNotified",
    ]
    statuses = {row[0]: row[2] for row in rows[1:]}
    assert len(statuses) == page.locator("#map path.country:not(.territory)").count()
    assert [statuses[iso3] for iso3 in BALTICS] == ["WITHDRAWN"] * 3
    # POSTed (so it works where a GET needs a preflight header), the view's variables.
    assert exports == ["POST", "POST"]
    header = next(line for line in events if not line.startswith("#"))
    assert header.startswith("key,kind,date,country.iso3,country.name,sources.url")
    withdrawals = [line for line in events if line.startswith("ottawa:LTU:withdrawal")]
    assert len(withdrawals) == 2
    assert offline.errors == []
    assert offline.aborted == []


def test_open_in_graphiql_carries_the_exact_query_and_variables_of_the_view(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-27")
    map_query = page.evaluate("async () => (await import('/static/api.js')).MAP_QUERY")
    page.click("#open-graphiql")
    page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
    editors = "() => [...document.querySelectorAll('.CodeMirror')].map(e => e.CodeMirror.getValue())"
    page.wait_for_function(f"({editors})().some(v => v.includes('MapStatus'))")
    texts = page.evaluate(editors)

    assert map_query in texts
    variables = [
        json.loads(t) for t in texts if t.strip().startswith("{") and "treaty" in t
    ]
    assert variables == [
        {
            "treaty": "ottawa",
            "asOf": "2025-12-27",
            "from": "2024-12-27",
            "to": "2026-12-27",
        }
    ]
    assert offline.aborted == []


def test_a_390_px_phone_never_scrolls_sideways(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    offline = confined(context)
    page = offline.page
    try:
        _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-27&state=LVA")
        page.wait_for_selector("#details h2:text-is('Latvia')")
        width = page.evaluate("document.documentElement.scrollWidth")
        cut_off = page.evaluate(
            "() => [...document.querySelectorAll('header *, .map-tools *, #details *')]"
            ".filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            ".map(e => e.id || e.tagName)"
        )
        OUTPUT_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT_DIR / "explorer-phone-390.png"), full_page=True)
        assert width <= PHONE["width"]
        assert cut_off == []
        assert offline.errors == []
        assert offline.aborted == []
    finally:
        context.close()


def test_the_first_tab_stop_is_a_skip_link_past_the_map(page: Page) -> None:
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    landed = page.evaluate("document.activeElement.id")
    page.keyboard.press("Tab")
    after = page.evaluate(
        "document.activeElement.closest('#timeline-area') !== null"
        " && !document.activeElement.closest('#map')"
    )
    page.focus("a.skip")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")

    assert first == "Skip the map"
    assert landed == "timeline-area"
    assert after, "the Tab after the skip link is in the timeline, not on the map"
    assert second == "Skip to the details"
    assert page.evaluate("document.activeElement.id") == "details"
    assert "#" not in page.url


def test_the_side_panel_shows_each_facts_claims_and_the_recommendations(
    page: Page,
) -> None:
    page.click('#map path[data-iso3="LVA"]', force=True)
    page.wait_for_selector("#details h2:text-is('Latvia')")
    votes = page.locator(
        "#details section", has=page.locator("h3:text-is('Parliamentary votes (1)')")
    )
    claims = votes.locator(".claims > ul > li").all_inner_texts()
    recommendations = page.locator(
        "#details section", has=page.locator("h3:has-text('Recommendations')")
    )

    assert votes.locator(".claims-title").inner_text() == "2 competing claims"
    assert [c.split("\n")[0] for c in claims] == [
        "votesFor: 66 kept",
        "votesFor: 68 alternative",
    ]
    assert votes.locator(".claims a[href*='tass.com']").count() == 1
    text = recommendations.inner_text()
    assert "2025-03-18 withdraw (APMBC)" in text
    assert "Andris Sprūds" in text
    assert recommendations.locator("a[href^='http']").count() >= 1


def test_the_side_panel_lists_the_recommendations_made_by_the_views_date(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    page.goto(f"{base_url}/?treaty=ottawa&asOf=2024-06-01&state=LVA")
    page.wait_for_selector("#details h2:text-is('Latvia')")
    heading = page.locator("#details h3:has-text('Recommendations')")
    assert heading.inner_text() == "Recommendations (0)"
    page.fill("#date-input", "2025-06-01")
    _wait_for_date(page, "2025-06-01")
    page.wait_for_selector("#details h3:text-is('Recommendations (1)')")
    section = page.locator(
        "#details section", has=page.locator("h3:has-text('Recommendations')")
    )
    assert "2025-03-18 withdraw (APMBC)" in section.inner_text()
    assert offline.errors == []
    assert offline.aborted == []


def _answering(request: Request) -> Callable[[Response], bool]:
    return lambda response: response.request == request


def test_a_panel_answer_for_an_earlier_date_arriving_late_is_not_shown(
    offline: Offline, base_url: str
) -> None:
    page = offline.page
    held: list[Route] = []

    def hold_earlier(route: Route) -> None:
        body = route.request.post_data or ""
        if "CountryDetails" in body and '"2024-06-01"' in body:
            held.append(route)  # answered only once the later date's panel shows
        else:
            route.fallback()

    page.route("**/graphql", hold_earlier)
    page.goto(f"{base_url}/?treaty=ottawa&asOf=2024-06-01&state=LVA")
    _wait_for_date(page, "2024-06-01")
    page.fill("#date-input", "2025-06-01")
    _wait_for_date(page, "2025-06-01")
    page.wait_for_selector("#details h3:text-is('Recommendations (1)')")
    assert held, "the earlier date's panel request was made and held"
    for route in held:
        with page.expect_response(_answering(route.request)) as answer:
            route.fallback()
        answer.value.finished()
    # The page has read and handled each answer before it runs a later task.
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    heading = page.locator("#details h3:has-text('Recommendations')")
    assert heading.inner_text() == "Recommendations (1)"
    assert offline.errors == []


@pytest.mark.parametrize(
    "viewport", [{"width": 1400, "height": 1000}, PHONE], ids=["desktop", "phone"]
)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, base_url: str, viewport: dict[str, int]
) -> None:
    assert AXE.exists(), f"{AXE} is missing: run `make browser-tools`"
    # axe is injected as an inline script, which the page's CSP rightly refuses.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = confined(context).page
    try:
        _open(page, f"{base_url}/?treaty=ottawa&asOf=2025-12-27&state=LVA")
        page.wait_for_selector("#details h2:text-is('Latvia')")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document)).violations.map(v => ({"
            " id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"
        )
        grave = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert grave == [], grave
    finally:
        context.close()
