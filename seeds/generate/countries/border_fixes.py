"""Border fixes: pairs dropped or added by hand, pairs that must exist, and the
extra sources and notes of the borders the treaty analysis turns on.
"""

from __future__ import annotations

from typing import Final

from seeds.generate.countries.sources import (
    SRC_BELARUS_BORDERS,
    SRC_CHAD_BORDERS,
    SRC_INDIA_MARITIME,
    SRC_INDIA_SRI_LANKA,
    SRC_KALININGRAD,
    SRC_KUWAIT_BORDERS,
    SRC_NEWSWEEK_RUSSIA,
)

# Pairs dropped although one record lists them, with the reason.
BORDER_DROPS: Final[dict[tuple[str, str], str]] = {
    ("BTN", "MMR"): (
        "listed only in countryinfo's myanmar.json; Bhutan's record and the package's "
        "own duplicate record for the same code (burma.json) do not list it"
    ),
    # Kuwait's record lists IRN and omits IRQ (Iraq's record lists KWT).
    ("IRN", "KWT"): (
        "listed only in Kuwait's record; Kuwait's government portal names Iraq and "
        "Saudi Arabia as its land neighbours (source kuwait-egov-geography)"
    ),
    # Both records list each other, but the two states meet only at sea.
    ("IND", "LKA"): (
        "entirely maritime: the 1974 and 1976 agreements delimit a boundary in the "
        "Palk Strait, the Gulf of Mannar and the Bay of Bengal (source "
        f"{SRC_INDIA_SRI_LANKA}); India's land borders are with six states, Sri Lanka "
        f"not among them (source {SRC_INDIA_MARITIME})"
    ),
    # Chad's record lists SSD and omits SDN (Sudan's record lists TCD).
    ("SSD", "TCD"): (
        "listed only in Chad's record; WorldAtlas names Chad's six neighbours, "
        "without South Sudan (source worldatlas-chad-borders)"
    ),
}
# Pairs that must exist (NATO/EU members on Russia's and Belarus's land borders,
# research facts.md section 5.2); the generator stops if the dataset loses one.
REQUIRED_BORDERS: Final[tuple[tuple[str, str], ...]] = (
    ("NOR", "RUS"),
    ("FIN", "RUS"),
    ("EST", "RUS"),
    ("LVA", "RUS"),
    ("LTU", "RUS"),
    ("POL", "RUS"),
    ("BLR", "LVA"),
    ("BLR", "LTU"),
    ("BLR", "POL"),
)
# Pairs missing from the dataset, added by hand: {pair: (note, sources)}. None is
# needed with countryinfo 1.0.1 (it lists all REQUIRED_BORDERS on both sides).
BORDER_ADDITIONS: Final[dict[tuple[str, str], tuple[str, tuple[str, ...]]]] = {}
# Sources beyond the dataset for the borders the treaty analysis turns on.
BORDER_EXTRA_SOURCES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("NOR", "RUS"): (SRC_NEWSWEEK_RUSSIA,),
    ("FIN", "RUS"): (SRC_NEWSWEEK_RUSSIA,),
    ("EST", "RUS"): (SRC_NEWSWEEK_RUSSIA,),
    ("LVA", "RUS"): (SRC_NEWSWEEK_RUSSIA,),
    ("LTU", "RUS"): (SRC_NEWSWEEK_RUSSIA, SRC_KALININGRAD),
    ("POL", "RUS"): (SRC_NEWSWEEK_RUSSIA, SRC_KALININGRAD),
    ("BLR", "LVA"): (SRC_BELARUS_BORDERS,),
    ("BLR", "LTU"): (SRC_BELARUS_BORDERS,),
    ("BLR", "POL"): (SRC_BELARUS_BORDERS,),
    # The sources behind two BORDER_DROPS also name the true neighbours.
    ("IRQ", "KWT"): (SRC_KUWAIT_BORDERS,),
    ("KWT", "SAU"): (SRC_KUWAIT_BORDERS,),
    ("CMR", "TCD"): (SRC_CHAD_BORDERS,),
    ("CAF", "TCD"): (SRC_CHAD_BORDERS,),
    ("LBY", "TCD"): (SRC_CHAD_BORDERS,),
    ("NER", "TCD"): (SRC_CHAD_BORDERS,),
    ("NGA", "TCD"): (SRC_CHAD_BORDERS,),
    ("SDN", "TCD"): (SRC_CHAD_BORDERS,),
}
BORDER_NOTES: Final[dict[tuple[str, str], str]] = {
    ("LTU", "RUS"): "Through Russia's Kaliningrad Oblast exclave.",
    ("POL", "RUS"): "Through Russia's Kaliningrad Oblast exclave.",
}
