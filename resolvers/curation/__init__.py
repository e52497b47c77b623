"""The curation mutations, one module per kind of fact; schema.root binds these."""

from resolvers.curation.events import record_treaty_event
from resolvers.curation.memberships import record_membership
from resolvers.curation.sources import add_source
from resolvers.curation.statements import record_statement
from resolvers.curation.terms import record_term
from resolvers.curation.votes import record_vote

__all__ = [
    "add_source",
    "record_membership",
    "record_statement",
    "record_term",
    "record_treaty_event",
    "record_vote",
]
