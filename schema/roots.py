"""The Query fields every declared type's `Root` gives: a lookup by key and a listing.

`country(iso3:, asOf:)` answers one node or null; `countries(where, sort, first,
after, last, before, asOf)` a keyset-paginated connection.
"""

from schema.directives import connection_field
from schema.fields import REQUIRED, Fields, argument, resolved
from schema.registry import Types, as_of, paging

AS_OF = (
    "The date time-dependent fields below answer for (memberships, party lists, "
    "statuses), unless they give their own; defaults to the deployment's asOf, or today."
)

KEY = "The {name} to find, by its `{key}`: {description}"


def fields(types: Types) -> Fields:
    """Lookups first, then listings, each in declaration order."""
    lookups: Fields = {}
    listings: Fields = {}
    for node_type in types.model.types:
        root, name = node_type.root, node_type.name
        if root is None:
            continue
        if root.lookup is not None:
            found = types[name] | None
            key = argument(
                node_type.key,
                str,
                KEY.format(
                    name=name,
                    key=node_type.key,
                    description=node_type.fields[node_type.key].description,
                ),
                default=REQUIRED,
            )
            lookups[root.lookup] = (
                found,
                resolved(found, [key, as_of(AS_OF)], root.lookup_description),
            )
        page = types.connection(name)
        arguments = [types.where(name), types.sort(name), *paging(), as_of(AS_OF)]
        listings[root.listing] = (
            page,
            resolved(page, arguments, root.listing_description, connection_field()),
        )
    return lookups | listings
