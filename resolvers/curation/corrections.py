"""The generic correct<Type> and retract<Type> mutations, one pair per model type.

No `from __future__ import annotations`: Strawberry reads each generated
resolver's annotations, which name the type's own Correction input.
"""

import re
from typing import Annotated, Any

import strawberry

from graph.curation import corrections as store
from graph.curation.correctable import CORRECTABLE, correctable
from graph.errors import BadUserInput
from model.vocabulary import NodeType, Prop
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import KeyArg, MutationInfo, curate, curator
from schema.corrections import CORRECTIONS, PAYLOADS, RetractPayload
from schema.fields import python_name
from schema.mutations import SourceInput

_REASON = "Why: kept on the curation record (required for a retraction)."


def _checked(name: str, prop: Prop, value: Any) -> Any:
    """One `set` field validated by its Prop: kind, pattern, not-null."""
    argument = f"set.{name}"
    if value is not None and prop.enum is not None:
        value = value.name
    elif isinstance(value, str):
        value = inputs.text(value, argument, limit=inputs.MAX_LONG)
        if name == "url" and value is not None:
            value = inputs.url(value, argument)
        if value is not None and prop.pattern and not re.fullmatch(prop.pattern, value):
            raise BadUserInput(
                f"'{argument}' must match {prop.pattern}", argument=argument
            )
    elif isinstance(value, list):
        inputs.at_most(value, argument)
        value = [
            inputs.required(v, f"{argument}[{i}]", limit=inputs.MAX_LONG)
            for i, v in enumerate(value)
        ]
    elif isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise BadUserInput(f"'{argument}' must not be negative", argument=argument)
    if value is None and not prop.nullable:
        raise BadUserInput(f"'{argument}' must not be null", argument=argument)
    return value


def _values(t: NodeType, given: Any) -> dict[str, Any]:
    values = {
        name: _checked(name, prop, getattr(given, strawberry_name))
        for name, prop in correctable(t).items()
        if (strawberry_name := _attr(name))
        and getattr(given, strawberry_name) is not strawberry.UNSET
    }
    if not values:
        raise BadUserInput("'set': give at least one field to change", argument="set")
    return values


def _attr(name: str) -> str:
    return python_name(name)


def _key(value: str) -> str:
    return inputs.required(value, "key", limit=200)


def correct_resolver(t: NodeType) -> Any:
    """correct<Type>: new values for one fact, its prior ones kept as claims."""
    correction = CORRECTIONS[t.name]
    payload = PAYLOADS[t.name]

    async def resolve(
        info: MutationInfo,
        idempotency_key: KeyArg,
        key: Annotated[
            str, strawberry.argument(description=f"The {t.name}'s {t.key}.")
        ],
        values: Annotated[
            correction, strawberry.argument(name="set", description="New values.")  # type: ignore[valid-type]  # a type made from the model
        ],
        source_ids: Annotated[
            list[str] | None,
            strawberry.argument(description="Stored sources of the new values."),
        ] = None,
        new_sources: Annotated[
            list[SourceInput] | None,
            strawberry.argument(description="Sources to add with it."),
        ] = None,
        reason: Annotated[str | None, strawberry.argument(description=_REASON)] = None,
    ) -> payload:  # type: ignore[valid-type]  # a type made from the model
        principal = await curator(info)
        subject = _key(key)
        checked = _values(t, values)
        why = inputs.text(reason, "reason", limit=inputs.MAX_LONG)
        sources = cited_sources(source_ids or [], new_sources or [], at="")
        op = store.operation("correct", t)
        record, replayed, written = await curate(
            info,
            principal,
            op,
            idempotency_key,
            (t.label, subject),
            sources,
            {"key": subject, "set": checked, "reason": why},
            store.correction_fact(store.Correction(t, checked)),
            reason=why,
        )
        return payload(replayed=replayed, curation_key=record, subject_key=written)  # type: ignore[no-any-return]  # a type made from the model

    return resolve


def retract_resolver(t: NodeType) -> Any:
    """retract<Type>: hide one fact from every answer, keeping it with the why."""

    async def resolve(
        info: MutationInfo,
        idempotency_key: KeyArg,
        key: Annotated[
            str, strawberry.argument(description=f"The {t.name}'s {t.key}.")
        ],
        reason: Annotated[str, strawberry.argument(description=_REASON)],
    ) -> RetractPayload:
        principal = await curator(info)
        subject = _key(key)
        why = inputs.required(reason, "reason", limit=inputs.MAX_LONG)
        record, replayed, _ = await curate(
            info,
            principal,
            store.operation("retract", t),
            idempotency_key,
            (t.label, subject),
            ([], []),
            {"key": subject, "reason": why},
            store.retraction_fact(t),
            reason=why,
        )
        return RetractPayload(replayed=replayed, curation_key=record)

    return resolve


def mutations() -> dict[str, Any]:
    """Every generated mutation field, by its Python attribute name."""
    fields: dict[str, Any] = {}
    for t in CORRECTABLE:
        for verb, make, what in (
            ("correct", correct_resolver, "Correct fields of one"),
            ("retract", retract_resolver, "Retract (hide, keeping it) one"),
        ):
            name = store.operation(verb, t)
            field = strawberry.mutation(
                resolver=make(t), description=f"{what} {t.name}."
            )
            field.graphql_name = name
            fields[_attr(name)] = field
    return fields
