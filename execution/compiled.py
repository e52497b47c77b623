"""Which catalog a graphql-core schema was built from: what its compiler answers.

The app's schema carries the Catalog of the model it was generated from, so every
step that binds, compiles or completes reads the schema it is given and a fixture
model's app compiles against its own types (schema.install attaches it).
"""

from __future__ import annotations

from graphql import GraphQLSchema

from graph.catalog import CATALOG, Catalog

_KEY = "treatygraph.catalog"


def attach(schema: GraphQLSchema, catalog: Catalog) -> None:
    """Record the catalog a schema's compiled fields are answered from."""
    schema.extensions = {**(schema.extensions or {}), _KEY: catalog}


def catalog_in(schema: GraphQLSchema) -> Catalog:
    """The catalog attached to the schema (the app's own when none is)."""
    catalog = (schema.extensions or {}).get(_KEY)
    return catalog if isinstance(catalog, Catalog) else CATALOG
