"""The audit log records corrections; it is never corrected or retracted itself."""

from __future__ import annotations

from schema.app import schema


def test_every_seeded_fact_is_correctable_and_the_audit_log_is_not() -> None:
    mutation = schema._schema.mutation_type  # the graphql-core schema's GraphQL names
    assert mutation is not None
    names = set(mutation.fields)
    assert {"correctTreatyEvent", "retractTreatyEvent", "correctBorder"} <= names
    assert not {n for n in names if n.endswith("Curation")}
