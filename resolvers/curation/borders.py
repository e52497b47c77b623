"""The correctBorder and retractBorder mutations: a border named by its two states.

No `from __future__ import annotations`: Strawberry reads the annotations.
"""

from typing import Annotated, Any

import strawberry

from graph.curation import borders as store
from graph.errors import BadUserInput
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import KeyArg, MutationInfo, curate, curator
from schema.corrections import BorderCorrection, CorrectBorderPayload, RetractPayload
from schema.mutations import SourceInput

Between = Annotated[
    list[str], strawberry.argument(description="ISO alpha-3 of the two states.")
]


def _pair(between: list[str]) -> tuple[str, str]:
    codes = inputs.iso3s(between, "between")
    if len(codes) != 2:
        raise BadUserInput(
            "'between' must name two different states", argument="between"
        )
    a, b = sorted(codes)
    return a, b


async def correct_border(
    info: MutationInfo,
    idempotency_key: KeyArg,
    between: Between,
    values: Annotated[
        BorderCorrection,
        strawberry.argument(name="set", description="New values."),
    ],
    source_ids: Annotated[
        list[str] | None, strawberry.argument(description="Stored sources.")
    ] = None,
    new_sources: Annotated[
        list[SourceInput] | None,
        strawberry.argument(description="Sources to add with it."),
    ] = None,
    reason: Annotated[str | None, strawberry.argument(description="Why.")] = None,
) -> CorrectBorderPayload:
    """Correct a land border's note; the prior note is kept as a claim."""
    principal = await curator(info)
    a, b = _pair(between)
    checked: dict[str, Any] = {
        name: inputs.text(value, f"set.{name}", limit=inputs.MAX_LONG)
        for name, value in vars(values).items()
        if value is not strawberry.UNSET
    }
    if not checked:
        raise BadUserInput("'set': give at least one field to change", argument="set")
    why = inputs.text(reason, "reason", limit=inputs.MAX_LONG)
    sources = cited_sources(source_ids or [], new_sources or [], at="")
    record, replayed, _ = await curate(
        info,
        principal,
        "correctBorder",
        idempotency_key,
        (store.BORDER, store.border_key(a, b)),
        sources,
        {"between": [a, b], "set": checked, "reason": why},
        store.border_correction(a, b, checked),
        reason=why,
    )
    return CorrectBorderPayload(replayed=replayed, curation_key=record, subject_key=a)


async def retract_border(
    info: MutationInfo,
    idempotency_key: KeyArg,
    between: Between,
    reason: Annotated[str, strawberry.argument(description="Why (required).")],
) -> RetractPayload:
    """Retract a land border (kept as RETRACTED_BORDER with who, when and why)."""
    principal = await curator(info)
    a, b = _pair(between)
    why = inputs.required(reason, "reason", limit=inputs.MAX_LONG)
    record, replayed, _ = await curate(
        info,
        principal,
        "retractBorder",
        idempotency_key,
        (store.BORDER, store.border_key(a, b)),
        ([], []),
        {"between": [a, b], "reason": why},
        store.border_retraction(a, b),
        reason=why,
    )
    return RetractPayload(replayed=replayed, curation_key=record)
