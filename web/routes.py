"""The explorer's routes: the page at /, its scripts under /static, the map outlines.

The page is a plain client of POST /graphql; nothing here reads the database.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Final

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

WEB_DIR: Final = Path(__file__).resolve().parent
STATIC_DIR: Final = WEB_DIR / "static"
GEOJSON_FILE: Final = WEB_DIR / "geo" / "countries.geojson"


# The page loads only from its own origin; its one inline handler (the form's
# `return false`) is allowed by hash. httpapi adds nosniff, DENY and no-referrer.
_HANDLER = base64.b64encode(hashlib.sha256(b"return false").digest()).decode()
EXPLORER_POLICY: Final = (
    f"default-src 'none'; script-src 'self' 'unsafe-hashes' 'sha256-{_HANDLER}'; "
    "style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_EXPLORER_HEADERS: Final = {"Content-Security-Policy": EXPLORER_POLICY}


async def explorer(request: Request) -> Response:
    return FileResponse(
        STATIC_DIR / "index.html", media_type="text/html", headers=_EXPLORER_HEADERS
    )


async def countries_geojson(request: Request) -> Response:
    """Committed outlines (see web/geodata.py), one feature per ISO alpha-3 code."""
    return FileResponse(
        GEOJSON_FILE,
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


routes: Final[list[BaseRoute]] = [
    Route("/", explorer),
    Route("/geo/countries.geojson", countries_geojson),
    Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
]
