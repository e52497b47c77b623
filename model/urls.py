"""The one spelling of a source's URL, so seeds and curation store and compare alike.

`https://Example.org:443/a/#top` and `https://example.org/a` are one page: the
scheme and host are lower-cased, the default port, a trailing `/` of the path
(not the root `/`, which an empty path becomes) and the fragment are dropped;
the query is kept as given. Anything but an http(s) URL with a host (a `urn:`) is
only trimmed.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normal_url(text: str) -> str:
    """The URL as it is stored and compared (see the module's docstring)."""
    given = text.strip()
    parts = urlsplit(given)
    scheme = parts.scheme.lower()
    try:
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number: left for the caller to refuse
        return given
    if scheme not in DEFAULT_PORTS or not host:
        return given
    if ":" in host:
        host = f"[{host}]"  # IPv6, whose brackets hostname drops
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))
