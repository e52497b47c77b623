"""The GraphiQL page: Strawberry's, opening with one tab per example operation.

We patch Strawberry's page rather than ship our own copy so that upgrades keep its
pinned, integrity-checked assets, which we serve ourselves (httpapi.graphiql_assets)
so the page works without internet; each anchor is checked, so a Strawberry release
that changes the page fails loudly (and the test of the page) instead of silently
dropping the examples.
"""

from __future__ import annotations

import json
import re
from functools import cache

from strawberry.http.ides import get_graphql_ide_html

from httpapi.graphiql_assets import PREFIX, UNPKG
from httpapi.headers import page_headers, script_hash
from schema.examples import examples

_PATCHES = (
    ("<title>Strawberry GraphiQL</title>", "<title>treatygraph · GraphiQL</title>"),
    # Open on the hero query unless the URL carries one (shared links still work).
    ("parameters.q || EXAMPLE_QUERY", "parameters.q || TREATYGRAPH_TABS[0].query"),
    # One tab per example. GraphiQL keeps the user's own tabs in localStorage and
    # only falls back to these on a first visit.
    (
        "fetcher: fetcher,",
        "fetcher: fetcher,\n          defaultTabs: TREATYGRAPH_TABS,",
    ),
    (
        "const EXAMPLE_QUERY =",
        "const TREATYGRAPH_TABS = __TABS__;\n      const EXAMPLE_QUERY =",
    ),
    # An Authorization or X-Api-Key typed into the headers editor must not outlive
    # the tab in localStorage, where any script on this origin could read it.
    ("shouldPersistHeaders: true,", "shouldPersistHeaders: false,"),
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@cache
def graphiql_html() -> str:
    """The page, with the examples embedded as GraphiQL's default tabs."""
    html = get_graphql_ide_html("graphiql")
    for anchor, replacement in _PATCHES:
        if anchor not in html:
            raise RuntimeError(
                f"Strawberry's GraphiQL page changed: {anchor!r} not found"
            )
        html = html.replace(anchor, replacement, 1)
    if UNPKG not in html:
        raise RuntimeError(f"Strawberry's GraphiQL page changed: {UNPKG} not found")
    # The same files from our origin; their integrity attributes stay as they are.
    html = html.replace(UNPKG, PREFIX)
    tabs = [{"query": example.query} for example in examples()]
    # `</` inside a <script> would end it early; JSON allows escaping the slash.
    return html.replace("__TABS__", json.dumps(tabs).replace("</", "<\\/"), 1)


@cache
def graphiql_headers() -> dict[str, str]:
    """The page's Content-Security-Policy: scripts and styles from our own origin
    only, and its inline script by hash. Styles also allow 'unsafe-inline':
    GraphiQL's own <style> block and the style attributes its editors write (CSS
    runs no script)."""
    inline = [script_hash(text) for text in _INLINE_SCRIPT.findall(graphiql_html())]
    return page_headers(
        scripts=" ".join(["'self'", *inline]),
        styles="'self' 'unsafe-inline'",
    )
