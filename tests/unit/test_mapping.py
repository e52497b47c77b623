"""The Strawberry schema and graph.mapping describe the same fields."""

from graphql import GraphQLObjectType

from graph.catalog import CATALOG
from schema.app import schema


def test_every_schema_field_of_a_mapped_type_has_a_mapping_and_back() -> None:
    gql = schema._schema
    for type_name, type_map in CATALOG.types.items():
        gtype = gql.type_map[type_name]
        assert isinstance(gtype, GraphQLObjectType)
        assert set(gtype.fields) == set(type_map.fields), type_name


def test_schema_file_is_what_the_code_exports() -> None:
    from pathlib import Path

    exported = Path(__file__).resolve().parents[2] / "schema.graphql"
    assert exported.read_text().strip() == schema.as_str().strip()
