"""Atom feeds (RFC 4287) of the committed changes about one treaty or one state.

`/feeds/treaties/{slug}.atom` and `/feeds/countries/{iso3}.atom` list the newest
curations (graph.feed), each with who wrote it, when, what changed and links to
its sources. Built with xml.etree, so every value is escaped by construction.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from graph import feed
from graph.errors import TreatygraphError

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def entry_id(key: str) -> str:
    """A curation's stable id: its key never changes, whichever process serves it."""
    return f"urn:treatygraph:curation:{quote(key, safe='/:')}"


def title(change: feed.Change) -> str:
    return (
        f"{change.operation}: {change.change or 'CHANGED'} {change.type} "
        f"{change.subject_key}"
    )


def summary(change: feed.Change) -> str:
    fields = ", ".join(change.fields) or "none listed"
    parts = [f"{change.change or 'Changed'} by {change.by}; fields: {fields}."]
    if change.party_status is not None:
        status = f"Party status now {change.party_status}"
        if change.party_since is not None:
            status += f" since {change.party_since.isoformat()}"
        if change.party_until is not None:
            status += f" until {change.party_until.isoformat()}"
        parts.append(status + ".")
    if change.reason:
        parts.append(f"Reason: {change.reason}")
    return " ".join(parts)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def atom(
    feed_id: str, feed_title: str, self_url: str, changes: list[feed.Change]
) -> bytes:
    """The Atom document of `changes` (newest first)."""
    root = ET.Element("feed", {"xmlns": ATOM})
    _text(root, "id", feed_id)
    _text(root, "title", feed_title)
    # A feed with no entry still needs `updated`: the epoch says "nothing yet".
    newest = changes[0].at if changes else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    _text(root, "updated", _stamp(newest))
    ET.SubElement(root, "link", {"rel": "self", "href": self_url})
    author = ET.SubElement(root, "author")
    _text(author, "name", "treatygraph")
    for change in changes:
        entry = ET.SubElement(root, "entry")
        _text(entry, "id", entry_id(change.key))
        _text(entry, "title", title(change))
        _text(entry, "updated", _stamp(change.at))
        _text(ET.SubElement(entry, "author"), "name", change.by)
        _text(entry, "summary", summary(change))
        ET.SubElement(entry, "category", {"term": change.change or "CHANGED"})
        for source in change.sources:
            attrs = {"rel": "related", "href": source.url}
            if source.title:
                attrs["title"] = source.title
            ET.SubElement(entry, "link", attrs)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + document


async def _feed(request: Request, kind: str, key: str, label: str) -> Response:
    driver, settings = request.state.driver, request.state.settings
    try:
        name = await feed.subject_name(driver, settings, kind, key)
        if name is None:
            return PlainTextResponse(f"No {label} {key!r}.", status_code=404)
        changes = await feed.recent(
            driver,
            settings,
            treaty=key if kind == "treaty" else None,
            country=key if kind == "country" else None,
        )
    except TreatygraphError as error:
        return PlainTextResponse(error.code, status_code=503)
    body = atom(
        f"urn:treatygraph:feed:{kind}:{quote(key)}",
        f"Changes to {name}",
        str(request.url),
        changes,
    )
    return Response(body, media_type=MEDIA_TYPE)


async def treaty_feed(request: Request) -> Response:
    return await _feed(request, "treaty", request.path_params["slug"], "treaty")


async def country_feed(request: Request) -> Response:
    return await _feed(request, "country", request.path_params["iso3"], "country")


routes = [
    Route("/feeds/treaties/{slug}.atom", treaty_feed),
    Route("/feeds/countries/{iso3}.atom", country_feed),
]
