"""Relay ids: their text, their encoding, and which types' ids carry a date."""

from __future__ import annotations

import datetime as dt

import pytest

from execution import ids
from graph.errors import BadUserInput
from model.identity import dated_types, node_types
from model.nodes import MODEL
from model.vocabulary import Link, Model, NodeType, Prop, out

TYPES = {"Country": True, "Claim": False}


def test_an_id_is_unpadded_base64url_of_its_text_and_decodes_back() -> None:
    global_id = ids.encode("Country:FIN@2020-01-01")
    assert global_id == "Q291bnRyeTpGSU5AMjAyMC0wMS0wMQ"
    assert ids.decode(global_id, TYPES, "id") == {
        "type": "Country",
        "key": "FIN",
        "asOf": dt.date(2020, 1, 1),
    }
    claim = ids.encode("Claim:ccm:x-y.z")
    assert "=" not in claim
    assert ids.decode(claim, TYPES, "id") == {
        "type": "Claim",
        "key": "ccm:x-y.z",
        "asOf": None,
    }


@pytest.mark.parametrize(
    "text",
    [
        "Nation:FIN@2020-01-01",
        "Country:FIN",
        "Claim:k@2020-01-01",
        "Country:FIN@2020-02-30",
        "Country:@2020-01-01",
        "FIN",
    ],
)
def test_an_id_of_no_type_or_with_the_wrong_date_is_bad_user_input(text: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        ids.decode(ids.encode(text), TYPES, "ids")
    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "argument": "ids"}


@pytest.mark.parametrize("bad", ["", "not base64!", "Q" * 513, "_w", 42, None])
def test_text_that_is_no_base64url_id_is_bad_user_input(bad: object) -> None:
    with pytest.raises(BadUserInput):
        ids.decode(bad, TYPES, "id")


def test_every_keyed_type_is_a_node_but_source_whose_id_is_its_handle() -> None:
    assert {t.name for t in MODEL.types} - {t.name for t in node_types(MODEL)} == {
        "Source"
    }


def test_only_claims_sources_and_curations_have_undated_ids_in_the_model() -> None:
    undated = {t.name for t in MODEL.types} - dated_types(MODEL)
    assert undated == {"Claim", "Source", "Curation"}


def _type(name: str, *links: tuple[str, str, tuple[str, ...]], **kw: str) -> NodeType:
    fields: dict[str, Prop | Link] = {"key": Prop("Key.")}
    for field, target, args in links:
        fields[field] = Link(target, field, (out("REL"),), args=args)
    return NodeType(name, name, "key", name, dict(fields), **kw)  # type: ignore[arg-type]


def test_a_link_to_a_dated_type_dates_its_source_and_a_plain_one_does_not() -> None:
    model = Model(
        (
            _type("Plain"),
            _type("Dated", ("plain", "Plain", ("asOf",))),
            _type("Parent", ("dated", "Dated", ())),
            _type("Grand", ("parent", "Parent", ())),
            _type("Sibling", ("plain", "Plain", ())),
            _type("Made", begins="madeOn"),
            _type("Maker", ("made", "Made", ())),
        )
    )
    assert dated_types(model) == {"Dated", "Parent", "Grand", "Maker"}
