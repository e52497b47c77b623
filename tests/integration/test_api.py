"""The GraphQL API over HTTP against the seeded Neo4j."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

HERO = """
query NatoStatesBorderingRussiaThatRecommendedWithdrawal {
  countries(
    where: {
      memberships: { some: { organization: { code: { eq: "NATO" } } } }
      borders: { some: { iso3: { eq: "RUS" } } }
      recommendations: { some: { action: { eq: WITHDRAW }, treaty: { slug: { eq: "ottawa" } } } }
    }
    sort: [{ name: ASC }]
  ) {
    totalCount
    nodes { iso3 name recommendations { date authors { name } sources { url } } }
  }
}
"""

BALTIC_PARTIES = """
{ treaty(slug: "ottawa") {
    before: parties(asOf: "2025-12-26", where: { iso3: { in: ["EST", "LVA", "LTU"] } }) { totalCount }
    after:  parties(asOf: "2025-12-27", where: { iso3: { in: ["EST", "LVA", "LTU"] } }) { totalCount }
} }
"""


def data(body: dict[str, Any]) -> Any:
    assert "errors" not in body, body.get("errors")
    return body["data"]


def names(conn: dict[str, Any]) -> list[str]:
    return [n["name"] for n in conn["nodes"]]


def test_hero_query_answers_the_four_states_with_sources(gql: Any) -> None:
    result = data(gql(HERO))["countries"]
    assert result["totalCount"] == 4
    assert names(result) == ["Estonia", "Latvia", "Lithuania", "Poland"]
    for country in result["nodes"]:
        joint = [r for r in country["recommendations"] if r["date"] == "2025-03-18"]
        assert len(joint) == 1
        assert len(joint[0]["authors"]) == 4
        assert joint[0]["sources"], "the recommendation carries its sources"


def test_baltic_states_stop_being_parties_on_2025_12_27(gql: Any) -> None:
    treaty = data(gql(BALTIC_PARTIES))["treaty"]
    assert treaty["before"]["totalCount"] == 3
    assert treaty["after"]["totalCount"] == 0


def test_unknown_key_returns_null(gql: Any) -> None:
    assert data(
        gql('{ country(iso3: "XXX") { name } treaty(slug: "nope") { name } }')
    ) == {
        "country": None,
        "treaty": None,
    }


def test_as_of_defaults_to_the_pinned_date(gql: Any) -> None:
    body = gql(
        '{ treaty(slug: "ottawa") { parties { totalCount } } dataset { asOfDefault } }'
    )
    assert data(body)["treaty"]["parties"]["totalCount"] == 161
    assert data(body)["dataset"]["asOfDefault"] == "2026-11-28"
    assert body["extensions"]["treatygraph"]["asOfDefault"] == "2026-11-28"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2003-10-31", "CONSENTED"),
        ("2003-11-01", "PARTY"),
        ("2025-06-27", "WITHDRAWAL_PENDING"),
        ("2025-12-26", "WITHDRAWAL_PENDING"),
        ("2025-12-27", "WITHDRAWN"),
    ],
)
def test_treaty_status_boundaries(gql: Any, day: str, status: str) -> None:
    body = gql(
        'query($d: Date) { country(iso3: "LTU") { treatyStatus(treaty: "ottawa", asOf: $d) '
        "{ status asOf } } }",
        {"d": day},
    )
    assert data(body)["country"]["treatyStatus"] == {"status": status, "asOf": day}


def test_membership_as_of_boundary_sweden(gql: Any) -> None:
    query = 'query($d: Date) { organization(code: "NATO") { members(asOf: $d) { totalCount } } }'
    assert (
        data(gql(query, {"d": "2024-03-06"}))["organization"]["members"]["totalCount"]
        == 31
    )
    assert (
        data(gql(query, {"d": "2024-03-07"}))["organization"]["members"]["totalCount"]
        == 32
    )


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"iso3": {"eq": "LTU"}}, ["Lithuania"]),
        ({"iso3": {"in": ["LTU", "LVA"]}}, ["Latvia", "Lithuania"]),
        ({"name": {"startsWith": "Lith"}}, ["Lithuania"]),
        ({"name": {"endsWith": "huania"}}, ["Lithuania"]),
        ({"name": {"contains": "ithuan"}}, ["Lithuania"]),
        ({"name": {"eq": "lithuania", "ignoreCase": True}}, ["Lithuania"]),
        ({"name": {"gte": "Zam"}}, ["Zambia", "Zimbabwe"]),
        ({"name": {"gt": "Zambia"}}, ["Zimbabwe"]),
        ({"name": {"lt": "Alb"}}, ["Afghanistan"]),
        ({"name": {"lte": "Albania"}}, ["Afghanistan", "Albania"]),
        ({"nativeNames": {"includes": "Lietuva"}}, ["Lithuania"]),
    ],
)
def test_scalar_operators(gql: Any, where: dict[str, Any], expected: list[str]) -> None:
    body = gql(
        "query($w: CountryWhere) { countries(where: $w, sort: [{name: ASC}]) { nodes { name } } }",
        {"w": where},
    )
    assert names(data(body)["countries"]) == expected


def test_literal_and_variable_filters_give_the_same_answer(gql: Any) -> None:
    literal = gql(
        '{ countries(where: {iso3: {in: ["EST", "FIN"]}}) { nodes { iso3 } } }'
    )
    variable = gql(
        "query($c: [String!]) { countries(where: {iso3: {in: $c}}) { nodes { iso3 } } }",
        {"c": ["EST", "FIN"]},
    )
    assert data(literal) == data(variable)


@pytest.mark.parametrize(
    ("quantifier", "expected"),
    [
        ("some", {"FIN", "EST", "LVA", "LTU", "POL", "NOR"}),
        ("none", set()),
        ("single", {"LVA", "POL"}),
    ],
)
def test_relationship_quantifiers(
    gql: Any, quantifier: str, expected: set[str]
) -> None:
    query = "query($w: CountryWhere) { countries(where: $w, first: 200) { nodes { iso3 } } }"
    nato_bordering_russia = {
        "memberships": {"some": {"organization": {"code": {"eq": "NATO"}}}},
        "borders": {"some": {"iso3": {"eq": "RUS"}}},
    }
    inner = {"borders": {quantifier: {"iso3": {"in": ["RUS", "SWE"]}}}}
    if quantifier == "single":
        inner = {"borders": {"single": {"iso3": {"in": ["FIN", "SWE", "RUS", "LVA"]}}}}
    where = {"AND": [nato_bordering_russia, inner]}
    found = {n["iso3"] for n in data(gql(query, {"w": where}))["countries"]["nodes"]}
    assert found == expected


def test_all_quantifier_and_count_filter(gql: Any) -> None:
    query = "query($w: CountryWhere) { countries(where: $w, first: 200) { nodes { iso3 } } }"
    island = {"borders": {"count": {"eq": 0}}, "iso3": {"in": ["ISL", "NOR", "JPN"]}}
    assert {
        n["iso3"] for n in data(gql(query, {"w": island}))["countries"]["nodes"]
    } == {
        "ISL",
        "JPN",
    }
    # "all" holds vacuously for islands and requires every neighbour to match otherwise.
    baltic = {
        "iso3": {"in": ["EST", "LVA", "ISL"]},
        "borders": {
            "all": {"memberships": {"some": {"organization": {"code": {"eq": "NATO"}}}}}
        },
    }
    assert {
        n["iso3"] for n in data(gql(query, {"w": baltic}))["countries"]["nodes"]
    } == {"ISL"}


def test_and_or_not_nest(gql: Any) -> None:
    where = {
        "OR": [
            {"AND": [{"iso3": {"startsWith": "L"}}, {"NOT": {"iso3": {"eq": "LBN"}}}]},
            {"NOT": {"OR": [{"iso3": {"gte": "B"}}]}},
        ],
        "NOT": {"name": {"contains": "Libya"}},
    }
    body = gql(
        "query($w: CountryWhere) { countries(where: $w, sort: [{iso3: ASC}], first: 200) "
        "{ nodes { iso3 } } }",
        {"w": where},
    )
    got = [n["iso3"] for n in data(body)["countries"]["nodes"]]
    assert "LBN" not in got
    assert "LBY" not in got
    assert "LTU" in got
    assert "AFG" in got
    assert all(c.startswith("L") or c < "B" for c in got)


def test_sort_by_field_of_related_node(gql: Any) -> None:
    body = gql(
        '{ timeline(from: "2025-06-27", to: "2025-06-27", '
        "sort: [{country: {name: DESC}}]) { nodes { key country { name } } } }"
    )
    countries = [n["country"]["name"] for n in data(body)["timeline"]["nodes"]]
    assert countries == sorted(countries, reverse=True)
    assert {"Estonia", "Latvia", "Lithuania"} <= set(countries)


def test_timeline_filters_by_treaty_country_and_kind(gql: Any) -> None:
    body = gql(
        '{ timeline(from: "2025-01-01", to: "2025-12-31", treaty: "ottawa", '
        "kinds: [WITHDRAWAL_DEPOSITED]) { totalCount nodes { date country { iso3 } } } }"
    )
    timeline = data(body)["timeline"]
    assert [n["country"]["iso3"] for n in timeline["nodes"]][-2:] == ["FIN", "POL"]
    assert timeline["totalCount"] == 5
    dates = [n["date"] for n in timeline["nodes"]]
    assert dates == sorted(dates)


def test_forward_and_backward_keyset_pages_survive_a_concurrent_insert(
    gql: Any, db: Driver
) -> None:
    page = "query($a: String) { countries(first: 5, after: $a, sort: [{name: ASC}]) { edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }"
    first = data(gql(page))["countries"]
    assert first["pageInfo"] == {
        **first["pageInfo"],
        "hasNextPage": True,
        "hasPreviousPage": False,
    }
    db.execute_query("CREATE (:Country {iso3: 'AAA', iso2: 'A0', name: 'Aardvarkia'})")
    try:
        second = data(gql(page, {"a": first["pageInfo"]["endCursor"]}))["countries"]
        expected_next = data(
            gql(
                '{{ countries(where: {{name: {{gt: "{}"}}}}, first: 5, sort: [{{name: ASC}}]) '
                "{{ nodes {{ name }} }} }}".format(first["edges"][-1]["node"]["name"])
            )
        )["countries"]["nodes"]
        assert [e["node"]["name"] for e in second["edges"]] == [
            n["name"] for n in expected_next
        ]
        assert second["pageInfo"]["hasPreviousPage"] is True
        back = data(
            gql(
                "query($b: String) { countries(last: 5, before: $b, sort: [{name: ASC}]) "
                "{ edges { node { name } } pageInfo { hasNextPage hasPreviousPage } } }",
                {"b": second["edges"][0]["cursor"]},
            )
        )["countries"]
        assert [e["node"]["name"] for e in back["edges"]] == [
            e["node"]["name"] for e in first["edges"]
        ]
        assert back["pageInfo"]["hasNextPage"] is True
        assert back["pageInfo"]["hasPreviousPage"] is True  # Aardvarkia is now before
    finally:
        db.execute_query("MATCH (c:Country {iso3: 'AAA'}) DETACH DELETE c")


def test_cursor_from_another_sort_is_rejected(gql: Any) -> None:
    cursor = data(gql("{ countries(first: 1) { pageInfo { endCursor } } }"))[
        "countries"
    ]["pageInfo"]["endCursor"]
    body = gql(
        "query($a: String) { countries(first: 1, after: $a, sort: [{region: DESC}]) "
        "{ nodes { name } } }",
        {"a": cursor},
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "after",
    }


def test_page_size_above_maximum_is_limit_exceeded_naming_argument_and_max(
    gql: Any,
) -> None:
    body = gql("{ countries(first: 100000) { totalCount } }")
    assert body["errors"][0]["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "pageSize",
        "argument": "first",
        "max": 200,
    }


def test_negative_page_size_is_bad_user_input(gql: Any) -> None:
    body = gql("{ countries(last: -1) { totalCount } }")
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "last",
    }


def test_sources_and_claims_on_nested_facts(gql: Any) -> None:
    body = gql(
        '{ country(iso3: "LVA") { votes { date votesFor sources { url publisher } '
        "claims { property value status sources { url } } } } }"
    )
    votes = data(body)["country"]["votes"]
    saeima = next(v for v in votes if v["date"] == "2025-04-16")
    assert saeima["votesFor"] == 66
    assert saeima["sources"]
    claimed = {
        (c["value"], c["status"]) for c in saeima["claims"] if c["property"] == "for"
    }
    assert claimed == {("66", "KEPT"), ("68", "ALTERNATIVE")}
    assert all(c["sources"] for c in saeima["claims"])


def test_search_ignores_case_and_diacritics(gql: Any) -> None:
    hits = data(
        gql(
            '{ search(text: "sakaliene") { score node { __typename ... on Person { name } } } }'
        )
    )["search"]
    assert hits[0]["node"] == {"__typename": "Person", "name": "Dovilė Šakalienė"}
    native = data(
        gql(
            '{ search(text: "Lietuva", types: [COUNTRY]) { node { ... on Country { iso3 } } } }'
        )
    )
    assert native["search"][0]["node"] == {"iso3": "LTU"}


class CountingDriver:
    """Wraps the AsyncDriver and counts the statements sent through its sessions."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.statements = 0

    def session(self, **kwargs: Any) -> CountingSession:
        return CountingSession(self, self.driver.session(**kwargs))

    @property
    def execute_query_bookmark_manager(self) -> Any:
        return self.driver.execute_query_bookmark_manager


class CountingSession:
    """One session of a CountingDriver: every `run` is one Cypher statement."""

    def __init__(self, owner: CountingDriver, session: Any) -> None:
        self.owner = owner
        self.session = session

    async def __aenter__(self) -> CountingSession:
        await self.session.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        return await self.session.__aexit__(*exc)

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        self.owner.statements += 1
        return await self.session.run(*args, **kwargs)


DEEP = """
{
  a: countries(where: {iso3: {in: ["LTU", "POL"]}}) {
    totalCount
    edges { cursor node {
      name
      memberships { organization { code members(first: 2) { totalCount nodes { name
        treatyEvents { kind treaty { name parties(first: 1) { totalCount } } sources { url } }
      } } } }
      votes { chamber { name country { name borders { name } } } claims { value } }
    } }
  }
  b: treaty(slug: "ottawa") { events(first: 3) { nodes { country { landBorders { neighbor { name } sources { url } } } } } }
}
"""


async def test_one_cypher_statement_per_root_field_at_depth_six(
    settings: Any, seeded: Any
) -> None:
    from execution.context import Context
    from execution.statistics import Statistics
    from graph.driver import open_driver
    from schema.root import build_schema

    schema = build_schema(settings)

    driver = open_driver(settings)
    try:
        counting = CountingDriver(driver)
        # Read outside the counted driver: the statistics the app's lifespan reads.
        stats = Statistics(driver, settings.neo4j_database)
        await stats.refresh()
        context = Context(driver=counting, settings=settings, statistics=stats)  # type: ignore[arg-type]
        result = await schema.execute(DEEP, context_value=context)
        assert result.errors is None, result.errors
        assert counting.statements == 2
        lithuania = result.data["a"]["edges"][0]["node"]  # type: ignore[index]
        assert lithuania["memberships"]
    finally:
        await driver.close()


def test_debug_header_returns_cypher_and_parameters(gql: Any) -> None:
    body = gql('{ country(iso3: "LTU") { name } }', headers={"X-Debug": "1"})
    trace = body["extensions"]["treatygraph"]
    assert trace["cypherStatements"] == 1
    assert "MATCH" in trace["cypher"][0]["cypher"]
    assert "LTU" in trace["cypher"][0]["params"].values()
    assert trace["datasetVersion"]


def test_compiled_plans_are_cached_by_shape(gql: Any) -> None:
    from execution import plans

    gql('{ country(iso3: "EST") { name } }')
    size = plans.cache_size()
    gql('{ country(iso3: "FIN") { name } }')
    assert plans.cache_size() == size


INJECTIONS = [
    "'",
    '"',
    "`",
    "\\",
    "}) MATCH (n) DETACH DELETE n //",
    "' OR 1=1 //",
    "x` RETURN 1 //",
    "LTU\u0000",
    "Lïthuañia\u202e",
    "$p0",
    "*" * 5000,
    "AND OR NOT ~ ^ :",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_never_reach_cypher_syntax(
    gql: Any, db: Driver, text: str
) -> None:
    before = db.execute_query("MATCH (n) RETURN count(n) AS n")[0][0]["n"]
    queries = [
        ("query($t: String!) { country(iso3: $t) { name } }", "country"),
        ("query($t: String!) { treaty(slug: $t) { name } }", "treaty"),
        ("query($t: String!) { search(text: $t) { score } }", "search"),
        (
            "query($t: String!) { countries(where: {name: {contains: $t}}) { totalCount } }",
            "countries",
        ),
        (
            'query($t: String!) { country(iso3: "LTU") { treatyStatus(treaty: $t) { status } } }',
            "country",
        ),
        ("query($t: String) { countries(after: $t) { totalCount } }", "countries"),
    ]
    for query, _field in queries:
        body = gql(query, {"t": text})
        for error in body.get("errors", []):
            assert error["extensions"]["code"] in {"BAD_USER_INPUT"}, error
            assert "Cypher" not in error["message"]
            assert "Syntax" not in error["message"]
    after = db.execute_query("MATCH (n) RETURN count(n) AS n")[0][0]["n"]
    assert after == before


def test_bad_date_is_bad_user_input(gql: Any) -> None:
    body = gql(
        '{ treaty(slug: "ottawa") { parties(asOf: "2025-13-45") { totalCount } } }'
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "asOf",
    }


def test_bad_literal_inside_a_filter_names_its_input_path(gql: Any) -> None:
    body = gql('{ events(where: { date: { lt: "soon" } }) { totalCount } }')
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "where.date.lt",
    }


def test_bad_variable_value_names_the_variable(gql: Any) -> None:
    body = gql(
        'query($day: Date) { treaty(slug: "ottawa") { parties(asOf: $day) { totalCount } } }',
        {"day": "tomorrow"},
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "variable": "day",
    }


def test_sort_element_with_two_fields_is_rejected(gql: Any) -> None:
    body = gql("{ countries(sort: [{ name: ASC, iso3: DESC }]) { totalCount } }")
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "sort",
    }


def test_unknown_field_is_a_validation_error(gql: Any) -> None:
    body = gql("{ countries { nope } }")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_syntax_error_is_coded(gql: Any) -> None:
    body = gql("{ countries { ")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_membership_active_follows_as_of(gql: Any) -> None:
    query = (
        'query($d: Date) { country(iso3: "GBR") { membershipHistory(where: '
        "{active: {eq: true}}) { key active } } }"
    )
    before = data(
        gql(query.replace("country(", "country(asOf: $d, "), {"d": "2020-01-31"})
    )
    after = data(
        gql(query.replace("country(", "country(asOf: $d, "), {"d": "2020-02-01"})
    )
    assert {m["key"] for m in before["country"]["membershipHistory"]} == {
        "EU:GBR",
        "NATO:GBR",
    }
    assert {m["key"] for m in after["country"]["membershipHistory"]} == {"NATO:GBR"}


def test_enum_filter_in_operator(gql: Any) -> None:
    body = gql(
        "{ events(where: { kind: { in: [WITHDRAWAL_DEPOSITED, WITHDRAWAL_EFFECTIVE] },"
        ' treaty: { slug: { eq: "ottawa" } }, date: { lt: "2026-01-01" } },'
        " sort: [{ date: ASC }], first: 50) { nodes { kind country { iso3 } } } }"
    )
    nodes = data(body)["events"]["nodes"]
    assert {n["kind"] for n in nodes} == {
        "WITHDRAWAL_DEPOSITED",
        "WITHDRAWAL_EFFECTIVE",
    }
    assert {n["country"]["iso3"] for n in nodes} >= {"EST", "LVA", "LTU"}


def _plan_operators(plan: Any) -> list[str]:
    ops = [plan.get("operatorType", "")]
    for child in plan.get("children", []):
        ops.extend(_plan_operators(child))
    return ops


def test_hero_query_starts_from_the_border_country_not_every_country(
    gql: Any, db: Driver
) -> None:
    """The quantifier on a key (borders: some iso3 = RUS) anchors the match at RUS."""
    body = gql(HERO, headers={"X-Debug": "1"})
    [trace] = body["extensions"]["treatygraph"]["cypher"]
    with db.session() as session:
        plan = session.run("EXPLAIN " + trace["cypher"], trace["params"]).consume().plan
    operators = _plan_operators(plan)
    assert not [op for op in operators if op.startswith("NodeByLabelScan")], operators
    assert any(op.startswith("NodeUniqueIndexSeek") for op in operators)
    assert body["data"]["countries"]["totalCount"] == 4
