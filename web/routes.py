"""The explorer's routes: the page at /, its scripts under /static, the map outlines.

The page is a plain client of POST /graphql; nothing here reads the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

WEB_DIR: Final = Path(__file__).resolve().parent
STATIC_DIR: Final = WEB_DIR / "static"
GEOJSON_FILE: Final = WEB_DIR / "geo" / "countries.geojson"


async def explorer(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


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
