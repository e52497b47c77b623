"""The compiler reads the catalog it is given, and writes the treaty-status rules
from graph.model's table. No database (the Cypher itself is pinned in tests/tck)."""

from __future__ import annotations

import dataclasses

import pytest

from graph.catalog import CATALOG, Catalog
from graph.cypher import rules
from graph.cypher.plan import SearchLabels
from graph.cypher.root import compile_root
from graph.mapping import Scalar, TypeMap
from graph.model import TREATY_STATUS_OTHERWISE, TREATY_STATUS_RULES, Label
from graph.selection import Leaf, Selection
from model.enums import TreatyStatusKind

THINGS = Catalog(
    types={"Thing": TypeMap(Label.SOURCE, "id", {"id": Scalar("{v}.`id`")})},
    root_lists={"things": "Thing"},
    root_lookups={"thing": ("Thing", "id")},
    searchable={},
)


def test_the_compiler_reads_the_catalog_it_is_given() -> None:
    thing = Selection("thing", "thing", {"id": Leaf(0)}, [Selection("id", "id")])
    cypher = compile_root(thing, THINGS, 200, 200).cypher
    assert cypher.startswith(
        "CYPHER 5 OPTIONAL MATCH (this1:`Source` {`id`: $p0}) "
        "WITH this1 {`id`: this1.`id`} AS result"
    )
    things = Selection("things", "things", {}, [Selection("totalCount", "totalCount")])
    assert "COUNT { MATCH (n1:`Source`) WHERE true }" in (
        compile_root(things, THINGS, 200, 200).cypher
    )


def test_a_root_field_outside_the_catalog_is_not_compiled() -> None:
    country = Selection("country", "country", {"iso3": Leaf(0)}, [])
    compile_root(country, CATALOG, 200, 200)
    with pytest.raises(ValueError, match="no compiler for root field country"):
        compile_root(country, THINGS, 200, 200)


def test_search_projects_the_catalogs_searchable_types() -> None:
    node = Selection("node", "node", {}, [Selection("id", "id")])
    search = Selection("search", "search", {"text": Leaf(0), "types": Leaf(1)}, [node])
    catalog = dataclasses.replace(THINGS, searchable={Label.SOURCE: "Thing"})
    compiled = compile_root(search, catalog, 200, 200)
    assert (
        "CASE WHEN node:`Source` THEN node {`id`: node.`id`, __typename: 'Thing'} END"
        in compiled.cypher
    )
    assert compiled.steps[1] == SearchLabels((("THING", "Source"),))


def test_the_status_case_follows_the_table_in_order() -> None:
    assert rules.treaty_status("kinds") == (
        "CASE WHEN 'WITHDRAWAL_EFFECTIVE' IN kinds THEN 'WITHDRAWN' "
        "WHEN 'WITHDRAWAL_DEPOSITED' IN kinds THEN 'WITHDRAWAL_PENDING' "
        "WHEN 'ENTRY_INTO_FORCE' IN kinds THEN 'PARTY' "
        "WHEN any(k IN kinds WHERE k IN ['RATIFICATION', 'ACCESSION', 'SUCCESSION', "
        "'ACCEPTANCE', 'APPROVAL']) THEN 'CONSENTED' "
        "WHEN 'SIGNATURE' IN kinds THEN 'SIGNATORY' ELSE 'NOT_PARTY' END"
    )
    assert rules.suspended("kinds") == "'SUSPENSION_NOTIFIED' IN kinds"


def test_every_status_comes_from_one_rule_or_is_the_otherwise() -> None:
    statuses = [rule.status for rule in TREATY_STATUS_RULES] + [TREATY_STATUS_OTHERWISE]
    assert len(statuses) == len(set(statuses)) == len(TreatyStatusKind)
