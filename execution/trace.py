"""What a response tells about its request: `extensions.treatygraph`, and the
operation telemetry counts it under."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

import telemetry
from execution.context import Context


def treatygraph_extensions(context: Context) -> dict[str, Any]:
    """`extensions.treatygraph` of a response (execution.responses builds it too)."""
    out: dict[str, Any] = {
        "datasetVersion": context.dataset_version,
        "asOfDefault": context.settings.default_as_of().isoformat(),
        "cypherStatements": len(context.trace),
        "cost": None if context.cost is None else context.cost.total,
        "costParts": None
        if context.cost is None
        else {"returned": context.cost.returned, "walked": context.cost.walked},
    }
    if context.debug:
        out["cypher"] = context.trace
    return out


class ResponseExtensions(SchemaExtension):
    """Adds `extensions.treatygraph` to every response."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            return {}
        return {"treatygraph": treatygraph_extensions(context)}


class OperationName(SchemaExtension):
    """Tells the request's telemetry which operation ran (after parsing picked it)."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        try:
            operation_type: str | None = context.operation_type.value
        except Exception:  # no operation to run (parse error, unknown name): unset
            operation_type = None
        telemetry.record_operation(context.operation_name, operation_type)
