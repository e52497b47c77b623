"""The CSV export's pure parts: cell text, formula quoting, columns, comment lines."""

from __future__ import annotations

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from httpapi.export import cell_text, columns, csv_text, filename, safe_cell


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        ("Lithuania", "Lithuania"),
        ("", ""),
    ],
)
def test_only_cells_a_spreadsheet_would_run_get_an_apostrophe(
    text: str, safe: str
) -> None:
    assert safe_cell(text) == safe


def test_cells_write_null_empty_booleans_lowercase_and_join_lists() -> None:
    assert [cell_text(v) for v in (None, True, 3, ["EU", None, "NATO"])] == [
        "",
        "true",
        "3",
        "EU; ; NATO",
    ]


def test_columns_follow_the_selection_through_fragments_and_aliases() -> None:
    document = parse(
        "{ a { code: iso3 ...F ... on Country { status { state since } } iso3 } }"
        " fragment F on Country { name status { note } }"
    )
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    (field,) = operation.selection_set.selections
    inner = field.selection_set  # type: ignore[attr-defined]  # a FieldNode here
    assert [".".join(c) for c in columns([inner], fragments)] == [
        "code",
        "name",
        "status.note",
        "status.state",
        "status.since",
        "iso3",
    ]


def test_a_comment_never_spans_two_lines() -> None:
    assert (
        csv_text(["query: {\n  a\n}"], [["a"], ["1"]]) == "# query: { a }\r\na\r\n1\r\n"
    )


def test_the_file_name_keeps_only_safe_characters() -> None:
    assert filename("treaty.parties", "2025-12-27") == "treaty-parties-2025-12-27.csv"
    assert filename('../x"y', "2025-01-01") == "x-y-2025-01-01.csv"
