"""What GraphiQL and graphql-codegen show: every enum value, argument and input field
of the served schema says what it is."""

from collections.abc import Iterator
from enum import Enum

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

import model.enums as declared
from schema.app import schema as app_schema


def _undescribed(schema: GraphQLSchema) -> Iterator[str]:
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(graphql_type, GraphQLEnumType):
            for value_name, value in graphql_type.values.items():
                if not value.description:
                    yield f"enum value {name}.{value_name}"
        elif isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                for arg_name, arg in field.args.items():
                    if not arg.description:
                        yield f"argument {name}.{field_name}({arg_name})"
        elif isinstance(graphql_type, GraphQLInputObjectType):
            for field_name, input_field in graphql_type.fields.items():
                if not input_field.description:
                    yield f"input field {name}.{field_name}"


def test_every_enum_value_argument_and_input_field_is_described() -> None:
    assert list(_undescribed(app_schema.graphql_schema)) == []


def test_described_enums_keep_their_stored_spelling() -> None:
    # Values are stored in Neo4j and spelled in seed files: the description rides
    # along without changing `.value`, `.name` or lookup by value.
    enums = [
        e
        for e in vars(declared).values()
        if isinstance(e, type)
        and issubclass(e, declared.Described)
        and e is not declared.Described
    ]
    assert declared.EventKind in enums
    for enum_type in enums:
        for member in enum_type:
            assert isinstance(member, Enum)
            assert member.value == member.name
            assert enum_type(member.name) is member
            assert member.description
