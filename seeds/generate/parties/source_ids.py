"""One source id per url: hand-set, reused from another sources/*.yaml file, or
made from the url; the sources/parties.yaml records of the ids it made.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import yaml

from seeds.generate.parties.files import OWN_SOURCES_FILE, SEED_ARTICLE
from seeds.generate.parties.hosts import HOSTS
from seeds.generate.parties.shapes import Host, Meta
from seeds.generate.parties.source_meta import SOURCE_META


def _slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _host(url: str) -> Host:
    parts = urlsplit(url)
    where = (parts.netloc + parts.path).lower()
    for host in HOSTS:
        if host.match in where:
            return host
    return Host(parts.netloc, parts.netloc, "reference", _slug(parts.netloc))


MONITOR_PAGES: Final = {
    "mine-ban-policy": "mbp",
    "cluster-munition-ban-policy": "cmbp",
    "view-all": "all",
    "status-of-the-convention": "status",
}


def _auto_id(url: str, host: Host) -> str:
    decoded = unquote(url)
    if host.prefix == "lm":
        if m := re.search(r"/reports/(\d{4})/([^/]+)/([^/?#]+?)\.aspx", decoded):
            page = MONITOR_PAGES.get(m[3], m[3])
            return f"lm-{m[1]}-{_slug(m[2], 40)}-{_slug(page, 30)}"
        if m := re.search(r"url=lm/(\d{4})/(?:countries/)?([^/.]+)", decoded):
            return f"lm-{m[1]}-{_slug(m[2], 40)}-report"
        if m := re.search(r"(print_profile|print_theme|theme)/(\d+)", decoded):
            return f"lm-archive-{_slug(m[1])}-{m[2]}"
    path = urlsplit(decoded).path
    segments = [s for s in path.split("/") if s]
    tail = re.sub(r"\.(html?|aspx|xml|php)$", "", segments[-1]) if segments else ""
    tail = _slug(tail, 50)
    if not tail:
        return host.prefix
    return tail if tail.startswith(host.prefix + "-") else f"{host.prefix}-{tail}"


class Sources:
    """Assigns one id per url; reuses ids that other sources/*.yaml files define."""

    def __init__(self, external: dict[str, str]) -> None:
        self.external = external
        self.taken: set[str] = set(external.values()) | {SEED_ARTICLE}
        self.ids: dict[str, str] = {}
        self.records: list[dict[str, Any]] = []

    def cite(self, url: str) -> str:
        if url in self.ids:
            return self.ids[url]
        if url in self.external:
            self.ids[url] = self.external[url]
            return self.ids[url]
        host = _host(url)
        meta = SOURCE_META.get(url, Meta())
        base = meta.id or _auto_id(url, host)
        sid, n = base, 2
        while sid in self.taken:
            sid, n = f"{base}-{n}", n + 1
        self.taken.add(sid)
        self.ids[url] = sid
        record: dict[str, Any] = {
            "id": sid,
            "url": url,
            "publisher": host.publisher,
            "title": meta.title,
            "author": None,
            "published_on": meta.published_on,
            "kind": host.kind,
            "reliability": meta.reliability or host.reliability,
        }
        if meta.note:
            record["note"] = meta.note
        self.records.append(record)
        return sid


def load_external_sources(sources_dir: Path) -> dict[str, str]:
    """url -> id for every source defined by the other sources/*.yaml files."""
    found: dict[str, str] = {}
    for path in sorted(sources_dir.glob("*.yaml")):
        if path.name == OWN_SOURCES_FILE:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for record in data:
            if isinstance(record, dict) and "url" in record and "id" in record:
                found[str(record["url"])] = str(record["id"])
    return found
