"""Strawberry types and fields assembled from tables instead of written out.

Types refer to each other in cycles and a fixture model builds its own set next to
the app's, so classes are made empty first (`shell`), then given their fields
(`declare`), with the other types as objects, never as names looked up in a module.
Every field of the compiled types is answered by schema.install's readers of the
compiled result, so a field with arguments needs only a signature Strawberry reads.
"""

import inspect
import keyword
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any

import strawberry

from model.vocabulary import snake

# A field table: GraphQL field name -> (Python annotation, Strawberry field).
Fields = dict[str, tuple[Any, Any]]
REQUIRED = inspect.Parameter.empty


def python_name(name: str) -> str:
    """The attribute holding a GraphQL field or argument: snake case, not a keyword.

    Upper-case names (the where inputs' AND, OR, NOT) stay as they are.
    """
    attr = snake(name) if name[:1].islower() else name
    return f"{attr}_" if keyword.iskeyword(attr) else attr


def applied(generic: Any, *items: Any) -> Any:
    """`generic[items]`, e.g. `list[Country]` for a type made at run time.

    mypy reads brackets as a type expression, which a variable cannot be; here
    everything is Any, so the subscript is an ordinary value.
    """
    return generic[items if len(items) > 1 else items[0]]


def argument(
    name: str,
    annotation: Any,
    description: str | None = None,
    default: Any = None,
) -> inspect.Parameter:
    """One GraphQL argument (`default=REQUIRED` for none: the argument is required)."""
    return inspect.Parameter(
        python_name(name),
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[
            annotation, strawberry.argument(name=name, description=description)
        ],
    )


def resolved(
    returns: Any,
    arguments: Iterable[inspect.Parameter],
    description: str | None,
    directives: Sequence[object] = (),
) -> Any:
    """A field with arguments, which Strawberry reads from the signature built here.

    The resolver never runs: schema.install replaces it with a reader of the
    compiled result (keyed on the type's and the field's GraphQL names).
    """

    def compiled(**values: Any) -> Any:
        raise RuntimeError("answered by the compiled query; see schema/install.py")

    signature = inspect.Signature(list(arguments), return_annotation=returns)
    compiled.__signature__ = signature  # type: ignore[attr-defined]  # inspect.signature reads it
    return strawberry.field(
        resolver=compiled, description=description, directives=directives
    )


def plain(description: str | None = None, **options: Any) -> Any:
    """A field without arguments."""
    return strawberry.field(description=description, **options)


def shell(name: str, interface: type | None = None) -> type:
    """An empty class, to be referred to before `declare` gives it its fields
    (a subclass of `interface`, which the type then implements)."""
    bases = () if interface is None else (interface,)
    return type(name, bases, {"__module__": __name__})


def declare(
    cls: type,
    fields: Fields,
    description: str | None,
    kind: Callable[..., Any] = strawberry.type,
) -> Any:
    """Give a shell its fields and make it a Strawberry type (or input)."""
    annotations: dict[str, Any] = {}
    for name, (annotation, field) in fields.items():
        attr = python_name(name)
        field.graphql_name = name
        annotations[attr] = annotation
        setattr(cls, attr, field)
    cls.__annotations__ = annotations
    return kind(cls, description=description)


def object_type(name: str, fields: Fields, description: str) -> Any:
    """A Strawberry object type from its field table."""
    return declare(shell(name), fields, description)
