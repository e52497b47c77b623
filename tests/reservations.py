"""A fixture model: the real types plus `Reservation`, and seed files for it.

Proves that a type declared once in a model is validated and loaded with no other
edit: no seeds/ table, no loader code, no Cypher names it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from model.names import Rel
from model.nodes import MODEL
from model.vocabulary import Link, Model, NodeType, Prop, Root, Seeds, into, out
from seeds.validate import DATA_DIR

RESERVATION = NodeType(
    "Reservation",
    "Reservation",
    "key",
    "A state's reservation to a treaty.",
    {
        "key": Prop(
            "Stable handle.", nullable=False, required=True, pattern=r"res-[a-z0-9-]+"
        ),
        "text": Prop("What it reserves.", sortable=False),
        "madeOn": Prop("When it was made.", "date"),
        "note": Prop("Remarks.", filterable=False, sortable=False),
        "treaty": Link(
            "Treaty",
            "The treaty it is made to.",
            (out("RESERVES"),),
            many=False,
            seed="treaty",
            required=True,
        ),
        "sources": Link("Source", "Where it was read.", (out(Rel.CITES),)),
        "claims": Link("Claim", "Claims about it.", (into(Rel.ABOUT),)),
    },
    root=Root("reservations", "Reservations.", "reservation", "One by key."),
    seeds=Seeds("reservations"),
    claim_kind="reservation",
)

FIXTURE_MODEL = Model((*MODEL.types, RESERVATION))

GOOD = """\
- key: res-ccm-one
  treaty: ccm
  text: "Article 21 does not bind us."
  made_on: 2010-08-01
  sources: [seed-article]
- key: res-ottawa-two
  treaty: ottawa
  made_on: null
  note: Date unknown.
  sources: [seed-article]
"""


def fixture_data(root: Path, reservations: str = GOOD) -> Path:
    """`root/seeds/data`: the real sources, countries and treaties, and
    reservations.yaml holding `reservations`."""
    data = root / "seeds" / "data"
    data.mkdir(parents=True)
    shutil.copytree(DATA_DIR / "sources", data / "sources")
    for name in ("countries.yaml", "treaties.yaml"):
        shutil.copy(DATA_DIR / name, data / name)
    (data / "reservations.yaml").write_text(reservations, encoding="utf-8")
    return data
