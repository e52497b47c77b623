"""Sources in curation input: a new source's row, the citations every fact needs,
and the addSource mutation."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlparse

from graph.curation.sources import write_source
from graph.errors import BadUserInput
from graph.model import Label, search_text
from resolvers.curation import inputs
from resolvers.curation.writes import (
    INPUT,
    KeyArg,
    MutationInfo,
    Sources,
    curate,
    curator,
)
from schema.mutations import AddSourcePayload, SourceInput


def source_row(source: SourceInput, argument: str) -> dict[str, Any]:
    """A new source as the loader would store it (same properties, same search text)."""
    sid = inputs.matching(source.id, inputs.ID, f"{argument}.id", "a lowercase id")
    url = inputs.url(source.url, f"{argument}.url")
    publisher = inputs.required(source.publisher, f"{argument}.publisher")
    author = inputs.text(source.author, f"{argument}.author")
    return {
        "key": sid,
        "props": {
            "url": url,
            "publisher": publisher,
            "title": inputs.text(source.title, f"{argument}.title"),
            "author": author,
            "publishedOn": source.published_on,
            "kind": source.kind.name,
            "reliability": inputs.text(source.reliability, f"{argument}.reliability"),
            "note": inputs.text(source.note, f"{argument}.note", limit=inputs.MAX_LONG),
            "host": urlparse(url).hostname,
            "searchText": search_text(publisher, author),
        },
    }


def cited_sources(
    source_ids: list[str], new_sources: list[SourceInput], at: str = "input."
) -> Sources:
    """The stored ids and new sources a fact cites: at least one, none twice.

    `at` prefixes the arguments errors name (corrections take them at top level).
    """
    ids = inputs.keys(source_ids, inputs.ID, f"{at}sourceIds", "a source id")
    inputs.at_most(new_sources, f"{at}newSources")
    rows = [
        source_row(source, f"{at}newSources[{index}]")
        for index, source in enumerate(new_sources)
    ]
    if not ids and not rows:
        raise BadUserInput(
            f"'{at}sourceIds': every fact needs at least one source "
            "(a stored id in sourceIds, or one in newSources)",
            argument=f"{at}sourceIds",
        )
    new_ids = [row["key"] for row in rows]
    for index, sid in enumerate(new_ids):
        if sid in ids or sid in new_ids[:index]:
            raise BadUserInput(
                f"'{at}newSources[{index}].id': '{sid}' is given twice",
                argument=f"{at}newSources[{index}].id",
            )
    return ids, rows


async def add_source(
    info: MutationInfo, idempotency_key: KeyArg, input: Annotated[SourceInput, INPUT]
) -> AddSourcePayload:
    """Store a new source, to cite in later mutations by its id."""
    principal = await curator(info)
    row = source_row(input, "input")
    record, replayed, key = await curate(
        info,
        principal,
        "addSource",
        idempotency_key,
        (Label.SOURCE, row["key"]),
        ([], [row]),
        {},
        write_source,
    )
    return AddSourcePayload(replayed=replayed, subject_key=key, curation_key=record)
