"""Read the curated state back for `make export` (seeds/export.py): every node a
curation record WROTE, every curation record, the borders curations touched.

Each node comes with its label (a retracted node's former one), its properties and
every neighbour as [type, direction, label, key], so seeds/export.py can rebuild
seed records from the model's declarations with three queries, not one per type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import Driver

from graph.model import RETRACTED, RETRACTED_BORDER, Label, Rel

Node = dict[str, Any]

# A retracted node answers for its former label, so links name it as seeds do.
_LABEL = "coalesce({v}.retractedLabel, head(labels({v})))"
_NEIGHBOURS = (
    f"COLLECT {{ MATCH (n)-[r]->(m) RETURN [type(r), 'out', {_LABEL.format(v='m')}, "
    f"m[$keys[{_LABEL.format(v='m')}]]] AS x }} + "
    f"COLLECT {{ MATCH (n)<-[r]-(m) WHERE NOT m:`{Label.CURATION}` "
    f"RETURN [type(r), 'in', {_LABEL.format(v='m')}, "
    f"m[$keys[{_LABEL.format(v='m')}]]] AS x }} AS links"
)
_DESCRIBED = (
    f"RETURN {_LABEL.format(v='n')} AS label, n:`{RETRACTED}` AS retracted, "
    f"properties(n) AS props, {_NEIGHBOURS}"
)
CURATED: LiteralString = (
    f"MATCH (n) WHERE EXISTS {{ (:`{Label.CURATION}`)-[:`{Rel.WROTE}`]->(n) }} "
    + _DESCRIBED
)
CURATIONS: LiteralString = f"MATCH (n:`{Label.CURATION}`) " + _DESCRIBED
BY_KEY: LiteralString = (
    f"UNWIND $wanted AS w MATCH (n) WHERE {_LABEL.format(v='n')} = w[0] "
    f"AND n[$keys[w[0]]] = w[1] " + _DESCRIBED
)
# The borders curation records name (`AAA-BBB`), live or retracted.
CURATED_BORDERS: LiteralString = (
    f"MATCH (c:`{Label.CURATION}` {{subjectLabel: $subject}}) "
    "WITH DISTINCT split(c.subjectKey, '-') AS pair "
    f"MATCH (a:`{Label.COUNTRY}` {{iso3: pair[0]}})"
    f"-[r:`{Rel.BORDERS}`|`{RETRACTED_BORDER}`]-(b:`{Label.COUNTRY}` {{iso3: pair[1]}}) "
    "RETURN pair, type(r) AS type, properties(r) AS props ORDER BY pair"
)
LOADED: LiteralString = f"MATCH (d:`{Label.DATASET}`) RETURN count(d) AS n"


def _rows(driver: Driver, database: str, query: LiteralString, **params: Any) -> Any:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [record.data() for record in records]


def curated(driver: Driver, database: str, keys: Mapping[str, str]) -> list[Node]:
    """Every node a (:Curation)-[:WROTE]-> reaches (the loader's rule for curated)."""
    return list(_rows(driver, database, CURATED, keys=dict(keys)))


def curations(driver: Driver, database: str, keys: Mapping[str, str]) -> list[Node]:
    """Every curation record, with what it WROTE and CITES."""
    return list(_rows(driver, database, CURATIONS, keys=dict(keys)))


def by_key(
    driver: Driver,
    database: str,
    wanted: list[tuple[str, str]],
    keys: Mapping[str, str],
) -> list[Node]:
    """The nodes named (label, key), described as `curated` describes them."""
    found = _rows(
        driver, database, BY_KEY, wanted=[list(w) for w in wanted], keys=dict(keys)
    )
    return list(found)


def curated_borders(driver: Driver, database: str, subject: str) -> list[Node]:
    """Each border a curation record names (subjectLabel `subject`): its pair,
    BORDERS or RETRACTED_BORDER, and its properties."""
    return list(_rows(driver, database, CURATED_BORDERS, subject=subject))


def loaded(driver: Driver, database: str) -> bool:
    """Whether the seeds were ever loaded here (the Dataset node exists)."""
    rows = _rows(driver, database, LOADED)
    return bool(rows[0]["n"])
