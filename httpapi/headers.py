"""Security headers: `nosniff` and no framing on every response, a policy per page.

Every response says what it is (`X-Content-Type-Options: nosniff`), may not be
framed and sends no Referer. An HTML page also needs a Content-Security-Policy
naming exactly what it loads; each page sets its own (`page_headers`): both load
scripts and styles from their own origin only, GraphiQL also its inline script.
"""

from __future__ import annotations

import base64
import hashlib

# Appended to every response by httpapi.access, with the request id.
EVERY_RESPONSE = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
# What no page of ours needs: plugins, <base>, form posts, being framed.
_LOCKED = (
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def script_hash(source: str) -> str:
    """The CSP source expression allowing one inline script (or handler) text."""
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def page_headers(
    *,
    scripts: str = "'self'",
    styles: str = "'self'",
    connect: str = "'self'",
) -> dict[str, str]:
    """The headers of an HTML page that loads `scripts` and `styles` (CSP sources)."""
    policy = (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; "
        f"connect-src {connect}; img-src 'self' data:; font-src 'self' data:; "
        f"{_LOCKED}"
    )
    return {"Content-Security-Policy": policy}
