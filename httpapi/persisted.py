"""Persisted operations: a request names its document by hash instead of sending it.

Two conventions, resolved to the document text before anything parses it:

- **Apollo's APQ**: `extensions.persistedQuery = {version: 1, sha256Hash}`. A hash
  this process has not seen is answered `PERSISTED_QUERY_NOT_FOUND` (message
  `PersistedQueryNotFound`, which Apollo's link also matches), and the client
  sends it again with its `query`, which registers it once the hash is checked.
- **Trusted documents**: `documentId: "sha256:<hex>"` (the GraphQL-over-HTTP
  proposal; graphql-codegen's client preset writes the manifest), looked up in the
  manifest file TREATYGRAPH_TRUSTED_DOCUMENTS: a JSON object from hash (with or
  without its `sha256:` prefix) to document. With TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY
  only those run: any other document, sent whole or by APQ hash, is refused
  `PERSISTED_QUERY_REQUIRED`.

The APQ store is per process and bounded (TREATYGRAPH_APQ_ENTRIES documents, and
at most 64 MiB of text; least recently used go first). With N API processes a
client may register on one and be asked again by another: that costs it one
round trip, never a wrong answer, because a hash names one text.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from settings import Settings, SettingsError

# Bytes of document text the APQ store holds at most, whatever the entry count.
_STORE_CHARS = 64 * 1024 * 1024
_PREFIX = "sha256:"


class Refused(Exception):
    """A persisted-operation request that cannot run; `code` is its GraphQL code."""

    def __init__(self, message: str, code: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ManifestError(SettingsError):
    """The trusted-documents manifest is not what it must be (raised at start-up,
    reported like any bad setting)."""


def digest(text: str) -> str:
    """The document's SHA-256, lower-case hex, as APQ and the manifest write it."""
    return hashlib.sha256(text.encode()).hexdigest()


def read_manifest(path: Path) -> dict[str, str]:
    """hex digest -> document, every entry checked against its own hash."""
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ManifestError(f"TREATYGRAPH_TRUSTED_DOCUMENTS {path}: {error}") from None
    if not isinstance(raw, dict):
        raise ManifestError(f"{path}: must be a JSON object of hash -> document")
    documents: dict[str, str] = {}
    for key, text in raw.items():
        if not isinstance(text, str):
            raise ManifestError(f"{path}: {key!r} is not a document text")
        hex_digest = key.removeprefix(_PREFIX).lower()
        if digest(text) != hex_digest:
            raise ManifestError(f"{path}: {key!r} is not the SHA-256 of its document")
        documents[hex_digest] = text
    return documents


class Documents:
    """Resolves a request's document text from its hash, and keeps the APQ store."""

    def __init__(
        self, trusted: dict[str, str], trusted_only: bool, apq_entries: int
    ) -> None:
        self.trusted = trusted
        self.trusted_only = trusted_only
        self.apq_entries = apq_entries
        self.store: OrderedDict[str, str] = OrderedDict()
        self.store_chars = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> Documents:
        """The store for these settings, with the manifest read and checked."""
        path = settings.trusted_documents
        trusted = read_manifest(path) if path is not None else {}
        return cls(trusted, settings.trusted_documents_only, settings.apq_entries)

    def resolve(self, query: Any, extensions: Any, document_id: Any = None) -> Any:
        """The text to run (the request's own `query` when it names no hash);
        raises Refused. Nothing here parses the text."""
        if document_id is not None:
            return self._by_id(document_id)
        persisted = (
            extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        )
        if persisted is None:
            if self.trusted_only and not (
                isinstance(query, str) and digest(query) in self.trusted
            ):
                raise Refused(
                    "Only trusted documents run here: send a documentId "
                    "(TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY).",
                    "PERSISTED_QUERY_REQUIRED",
                )
            return query
        return self._by_apq(query, persisted)

    def _by_id(self, document_id: Any) -> str:
        if not isinstance(document_id, str):
            raise Refused("documentId must be a string 'sha256:<hex>'.", "BAD_REQUEST")
        text = self.trusted.get(document_id.removeprefix(_PREFIX).lower())
        if text is None:
            raise Refused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        return text

    def _by_apq(self, query: Any, persisted: Any) -> str:
        if (
            not isinstance(persisted, dict)
            or persisted.get("version") != 1
            or not isinstance(persisted.get("sha256Hash"), str)
        ):
            raise Refused(
                "extensions.persistedQuery must be {version: 1, sha256Hash}.",
                "BAD_REQUEST",
            )
        wanted = persisted["sha256Hash"].lower()
        trusted = self.trusted.get(wanted)
        if trusted is not None:
            return trusted
        if self.trusted_only:
            raise Refused(
                "Only trusted documents run here (TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY).",
                "PERSISTED_QUERY_REQUIRED",
            )
        if self.apq_entries == 0:
            raise Refused("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
        if query is None:
            text = self.store.get(wanted)
            if text is None:
                raise Refused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            self.store.move_to_end(wanted)
            return text
        if not isinstance(query, str) or digest(query) != wanted:
            raise Refused("provided sha does not match query", "BAD_REQUEST")
        self._register(wanted, query)
        return query

    def _register(self, key: str, text: str) -> None:
        if key in self.store:
            self.store.move_to_end(key)
            return
        self.store[key] = text
        self.store_chars += len(text)
        while len(self.store) > self.apq_entries or self.store_chars > _STORE_CHARS:
            _, gone = self.store.popitem(last=False)
            self.store_chars -= len(gone)
