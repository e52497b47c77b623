"""A type declared once in the model gets its whole schema, with no other edit."""

import datetime as dt

import strawberry
from graphql import (
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
)
from strawberry.schema.config import StrawberryConfig

from schema import objects
from schema.app import schema as app_schema
from schema.root import build_query
from schema.scalars import DateScalar
from tests.reservations import FIXTURE_MODEL


def _printed_schema() -> GraphQLSchema:
    query = build_query(objects.build(FIXTURE_MODEL))
    built = strawberry.Schema(
        query=query, config=StrawberryConfig(scalar_map={dt.date: DateScalar})
    )
    return build_schema(built.as_str())


def _fields(gql: GraphQLSchema, name: str) -> dict[str, str]:
    gtype = gql.type_map[name]
    assert isinstance(gtype, GraphQLObjectType | GraphQLInputObjectType)
    return {field_name: str(f.type) for field_name, f in gtype.fields.items()}


def test_a_declared_type_gets_its_object_type_inputs_and_root_fields() -> None:
    gql = _printed_schema()
    reservation = gql.type_map["Reservation"]
    assert isinstance(reservation, GraphQLObjectType)
    assert [i.name for i in reservation.interfaces] == ["Node"]
    assert _fields(gql, "Reservation") == {
        "id": "ID!",
        "key": "String!",
        "text": "String",
        "madeOn": "Date",
        "note": "String",
        "treaty": "Treaty!",
        "sources": "[Source!]!",
        "claims": "[Claim!]!",
    }
    where = _fields(gql, "ReservationWhere")
    assert where["treaty"] == "TreatyWhere"
    assert where["madeOn"] == "DateFilter"
    assert {"AND", "OR", "NOT"} <= set(where)
    assert _fields(gql, "ReservationSort") == {
        "key": "SortDirection",
        "madeOn": "SortDirection",
        "treaty": "TreatySort",
    }
    assert _fields(gql, "ReservationConnection") == {
        "totalCount": "Int!",
        "edges": "[ReservationEdge!]!",
        "nodes": "[Reservation!]!",
        "pageInfo": "PageInfo!",
    }
    query = gql.query_type
    assert query is not None
    lookup = query.fields["reservation"]
    assert str(lookup.type) == "Reservation"
    assert {n: str(a.type) for n, a in lookup.args.items()} == {
        "key": "String!",
        "asOf": "Date",
    }
    listing = query.fields["reservations"]
    assert str(listing.type) == "ReservationConnection!"
    assert {n: str(a.type) for n, a in listing.args.items()} == {
        "where": "ReservationWhere",
        "sort": "[ReservationSort!]",
        "first": "Int",
        "after": "String",
        "last": "Int",
        "before": "String",
        "asOf": "Date",
    }


def test_a_fixture_model_leaves_the_app_schema_alone() -> None:
    _printed_schema()
    assert "Reservation" not in app_schema._schema.type_map
    assert "reservations" not in app_schema.as_str()
