"""Response `extensions`: the dataset version always; the Cypher sent when debugging."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension

from resolvers.context import Context


def treatygraph_extensions(context: Context) -> dict[str, Any]:
    """`extensions.treatygraph` of a response (resolvers.responses builds it too)."""
    out: dict[str, Any] = {
        "datasetVersion": context.dataset_version,
        "asOfDefault": context.settings.default_as_of().isoformat(),
        "cypherStatements": len(context.trace),
        "cost": context.cost,
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
