"""GraphiQL's own files (React, GraphiQL, its explorer plugin), served by the app.

Strawberry's page loads them from unpkg.com, so without internet it never gets past
"Loading...". The same files, byte for byte, are committed under
web/graphiql/assets/<package>@<version>/ and served at /graphiql/assets/ with that
same rest of the URL; the integrity hashes in Strawberry's page check every byte.
web/graphiql/package.json pins the versions; `make graphiql` (this module's main)
copies the files out of its node_modules after checking version and hash.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Final

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.http.ides import get_graphql_ide_html

from settings import REPO_ROOT

UNPKG: Final = "https://unpkg.com/"
PREFIX: Final = "/graphiql/assets/"
PACKAGE_DIR: Final = REPO_ROOT / "web" / "graphiql"
ASSET_DIR: Final = PACKAGE_DIR / "assets"
# An asset's URL names its package's version, so the bytes at a URL never change.
IMMUTABLE: Final = "public, max-age=31536000, immutable"
_MEDIA_TYPES: Final = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
# `src="https://unpkg.com/react@18.2.0/umd/react.production.min.js"` and the
# `integrity="sha384-..."` on the line after it.
_REFERENCE = re.compile(
    r'(?:src|href)="https://unpkg\.com/([^"]+)"\s+integrity="(sha384-[^"]+)"'
)
# `@graphiql/plugin-explorer@1.0.2/dist/style.css` -> package, version, file.
ASSET_PATH = re.compile(r"((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)")


@cache
def assets() -> dict[str, str]:
    """Each file Strawberry's page loads (its URL after unpkg.com/) -> its SRI hash."""
    found = dict(_REFERENCE.findall(get_graphql_ide_html("graphiql")))
    if not found or not all(ASSET_PATH.fullmatch(path) for path in found):
        raise RuntimeError("Strawberry's GraphiQL page changed: no unpkg assets found")
    return found


def integrity(data: bytes) -> str:
    """The Subresource Integrity value (sha384, as Strawberry's page uses) of data."""
    return f"sha384-{base64.b64encode(hashlib.sha384(data).digest()).decode()}"


@cache
def _gzipped(path: str) -> bytes:
    return gzip.compress((ASSET_DIR / path).read_bytes(), compresslevel=6, mtime=0)


async def graphiql_asset(request: Request) -> Response:
    """One of the page's files; anything else under the prefix is not found."""
    path: str = request.path_params["path"]
    if path not in assets():
        return PlainTextResponse("Not Found", status_code=404)
    media_type = _MEDIA_TYPES[Path(path).suffix]
    if "gzip" not in request.headers.get("accept-encoding", ""):
        return FileResponse(
            ASSET_DIR / path,
            media_type=media_type,
            headers={"Cache-Control": IMMUTABLE},
        )
    # Compressed once per process, off the event loop: GZipMiddleware would spend
    # ~400 ms of it on graphiql.min.js (3.5 MB -> 0.7 MB) for every new browser.
    # (A response with a Content-Encoding passes through that middleware as it is.)
    body = await run_in_threadpool(_gzipped, path)
    headers = {
        "Cache-Control": IMMUTABLE,
        "Content-Encoding": "gzip",
        "Vary": "Accept-Encoding",
    }
    return Response(body, media_type=media_type, headers=headers)


routes: Final[list[BaseRoute]] = [Route(PREFIX + "{path:path}", graphiql_asset)]


def vendor(node_modules: Path) -> list[Path]:
    """Replace ASSET_DIR with the page's files (and their licences) from node_modules.

    Raises:
        ValueError: an installed version or a file's hash is not the page's.
    """
    copies: dict[Path, bytes] = {}
    for path, expected in assets().items():
        match = ASSET_PATH.fullmatch(path)
        assert match is not None  # assets() checked every path
        package, version, name = match.groups()
        installed = node_modules / package
        found = json.loads((installed / "package.json").read_text())["version"]
        if found != version:
            raise ValueError(
                f"{package} {found} is installed; the page loads {version}"
            )
        data = (installed / name).read_bytes()
        if integrity(data) != expected:
            raise ValueError(f"{path}: the installed file is not the page's")
        copies[ASSET_DIR / path] = data
        # MIT: the copyright notice travels with the copy (where the package has one).
        licence = installed / "LICENSE"
        if licence.exists():
            copies[ASSET_DIR / f"{package}@{version}" / "LICENSE"] = (
                licence.read_bytes()
            )
    shutil.rmtree(ASSET_DIR, ignore_errors=True)
    for target, data in copies.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(copies)


if __name__ == "__main__":
    try:
        written = vendor(PACKAGE_DIR / "node_modules")
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI
        sys.exit(1)
    for target in written:
        print(target.relative_to(REPO_ROOT))  # noqa: T201 - CLI
