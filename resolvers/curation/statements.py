"""The recordStatement mutation."""

from __future__ import annotations

from typing import Annotated

from graph.curation import statements as store
from graph.errors import BadUserInput
from graph.model import Label, search_text
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import INPUT, KeyArg, MutationInfo, curate, curator
from schema.mutations import RecommendationInput, RecordStatementPayload, StatementInput


def _recommendation(
    rec: RecommendationInput, argument: str
) -> store.RecommendationInput:
    return store.RecommendationInput(
        action=rec.action.name,
        treaty=inputs.matching(
            rec.treaty, inputs.SLUG, f"{argument}.treaty", "a treaty slug"
        ),
        addressed_to=inputs.iso3s(rec.addressed_to, f"{argument}.addressedTo"),
    )


async def record_statement(
    info: MutationInfo, idempotency_key: KeyArg, input: Annotated[StatementInput, INPUT]
) -> RecordStatementPayload:
    """Add a statement with its authors (people) and the states it speaks for."""
    principal = await curator(info)
    key = inputs.matching(input.key, inputs.ID, "input.key", "a lowercase id")
    date_text = inputs.text(input.date_text, "input.dateText")
    inputs.dated(input.date, date_text, "input.date", "input.dateText")
    authors = inputs.keys(input.authors, inputs.ID, "input.authors", "a person key")
    countries = inputs.iso3s(input.countries, "input.countries")
    if not authors and not countries:
        raise BadUserInput(
            "'input.authors': name the people who made it, or the states it speaks "
            "for in 'countries'",
            argument="input.authors",
        )
    inputs.at_most(input.quotes, "input.quotes")
    quotes = [
        inputs.required(quote, f"input.quotes[{index}]", limit=inputs.MAX_LONG)
        for index, quote in enumerate(input.quotes)
    ]
    recommendations = [
        _recommendation(rec, f"input.recommendations[{index}]")
        for index, rec in enumerate(input.recommendations)
    ]
    summary = inputs.text(input.summary, "input.summary", limit=inputs.MAX_LONG)
    props = {
        "date": input.date,
        "dateText": date_text,
        "kind": input.kind.name,
        "title": inputs.required(input.title, "input.title"),
        "summary": summary,
        "quotes": quotes,
        "note": inputs.text(input.note, "input.note", limit=inputs.MAX_LONG),
        "searchText": search_text(summary),
    }
    sources = cited_sources(input.source_ids, input.new_sources)
    statement = store.StatementInput(
        authors=authors,
        countries=countries,
        recommendations=recommendations,
        props=props,
    )
    record, replayed, subject = await curate(
        info,
        principal,
        "recordStatement",
        idempotency_key,
        (Label.STATEMENT, key),
        sources,
        {
            "authors": authors,
            "countries": countries,
            "recommendations": [vars(r) for r in recommendations],
            **props,
        },
        store.statement_fact(statement),
        concerns=(
            [rec.treaty for rec in recommendations],
            [*countries, *(c for rec in recommendations for c in rec.addressed_to)],
        ),
    )
    return RecordStatementPayload(
        replayed=replayed, subject_key=subject, curation_key=record
    )
