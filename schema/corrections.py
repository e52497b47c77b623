"""The inputs and payloads of the generic corrections, derived from model.nodes.

`<Type>Correction` has one optional field per correctable Prop
(graph.curation.correctable): left out, a field stays as stored; an explicit null
clears it (refused where the Prop is not nullable).
"""

from typing import Any

import strawberry

from graph.curation.correctable import CORRECTABLE, correctable
from model.vocabulary import NodeType
from schema import objects
from schema.enums import wrapped
from schema.fields import declare, resolved, shell
from schema.mutations import curation_field
from schema.objects import MODEL_TYPES
from seeds.rules import RELATIONSHIP_FILES

# The same Python types as the object fields (schema.objects).
_SCALARS = objects._SCALARS  # one table, read where it is kept


def _correction(t: NodeType) -> Any:
    fields: dict[str, tuple[Any, Any]] = {}
    for name, prop in correctable(t).items():
        value = wrapped(prop.enum) if prop.enum is not None else _SCALARS[prop.kind]
        fields[name] = (
            value | None,
            strawberry.field(default=strawberry.UNSET, description=prop.description),
        )
    return declare(
        shell(f"{t.name}Correction"),
        fields,
        f"New values for a {t.name}: a field left out is unchanged, null clears it.",
        kind=strawberry.input,
    )


def _payload(t: NodeType) -> Any:
    cls = shell(f"Correct{t.name}Payload")
    annotations: dict[str, Any] = {
        "replayed": bool,
        "subject_key": strawberry.Private[str],
        "curation_key": strawberry.Private[str],
    }
    cls.replayed = strawberry.field(  # type: ignore[attr-defined]  # a shell's field
        description="True when this idempotencyKey had already been stored."
    )
    cls.curation = curation_field()  # type: ignore[attr-defined]  # a shell's field
    if t.root is not None and t.root.lookup is not None:
        setattr(
            cls,
            t.root.lookup,
            resolved(MODEL_TYPES[t.name], (), f"The {t.name} as stored now."),
        )
    cls.__annotations__ = annotations
    return strawberry.type(cls, description=f"The result of correct{t.name}.")


@strawberry.type(description="The result of a retraction.")
class RetractPayload:
    replayed: bool = strawberry.field(
        description="True when this idempotencyKey had already been stored."
    )
    curation = curation_field()
    curation_key: strawberry.Private[str]


def _border_correction() -> Any:
    """BorderCorrection: the border's properties of seeds/data/borders.yaml, but
    its sources (given as the mutation's sourceIds/newSources)."""
    spec = next(f for f in RELATIONSHIP_FILES if f.file == "borders")
    fields = {
        name: (
            str | None,
            strawberry.field(default=strawberry.UNSET, description=f"The {seed}."),
        )
        for name, seed in spec.props.items()
        if name != "sourceIds"
    }
    return declare(
        shell("BorderCorrection"),
        fields,
        "New values for a land border: a field left out is unchanged, null clears it.",
        kind=strawberry.input,
    )


@strawberry.type(description="The result of correctBorder.")
class CorrectBorderPayload:
    replayed: bool = strawberry.field(
        description="True when this idempotencyKey had already been stored."
    )
    curation = curation_field()
    curation_key: strawberry.Private[str]
    country = resolved(
        MODEL_TYPES["Country"], (), "The first state of the pair, with its borders."
    )
    subject_key: strawberry.Private[str]


BorderCorrection = _border_correction()
CORRECTIONS: dict[str, Any] = {t.name: _correction(t) for t in CORRECTABLE}
PAYLOADS: dict[str, Any] = {t.name: _payload(t) for t in CORRECTABLE}
