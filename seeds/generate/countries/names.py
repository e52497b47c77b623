"""Display names, and the fixes to countryinfo's names, native names and
spellings (each one explained).
"""

from __future__ import annotations

from typing import Final

# Hand-curated: display names. `name` is what analysts type and what the research
# tables (apmbc-parties.csv, ccm-parties.csv) use in `state_name`; countryinfo's own
# name is then kept as an alias. States not listed keep countryinfo's name.
NAME_OVERRIDES: Final[dict[str, str]] = {
    "BHS": "Bahamas",  # countryinfo: "The Bahamas"
    "CIV": "Cote d'Ivoire",  # countryinfo: "Ivory Coast"
    "CPV": "Cabo Verde",  # countryinfo: "Cape Verde"
    "FSM": "Micronesia",  # countryinfo: "Federated States of Micronesia"
    "GMB": "Gambia",  # countryinfo: "The Gambia"
    "MKD": "North Macedonia",  # countryinfo: "Republic of Macedonia" (pre-2019 name)
    "PSE": "Palestine",  # countryinfo: "Palestine, State of"
    "STP": "Sao Tome and Principe",  # countryinfo: "São Tomé and Príncipe"
    "SWZ": "Eswatini",  # countryinfo: "Swaziland" (pre-2018 name)
    "TLS": "Timor-Leste",  # countryinfo: "East Timor"
    "TUR": "Turkiye",  # countryinfo: "Turkey"
    "VAT": "Holy See",  # countryinfo: "Holy See (Vatican City State)"
}


# The formal English name is picked from countryinfo's altSpellings (see
# `_official_name` in country.py); these override the pick.
OFFICIAL_NAME_OVERRIDES: Final[dict[str, str | None]] = {
    # altSpellings splits "Nation of Brunei, the Abode of Peace" at the comma; the
    # package's other formal spelling is used instead.
    "BRN": "Brunei Darussalam",
    # The package's only formal spelling, "Republic of Macedonia", is the pre-2019
    # name (the state is "North Macedonia" in the research tables); left empty.
    "MKD": None,
}


# nativeName strings that run several scripts together with spaces (no "/"
# separator), split by hand, and other nativeName values replaced by hand. Myanmar: the package's myanmar.json nativeName is cut off
# mid-word, so only the duplicate burma.json record's "Myanma" is kept.
NATIVE_NAME_PARTS: Final[dict[str, tuple[str, ...]]] = {
    "COM": ("Comores", "Komori", "جزر القمر"),
    "ERI": ("ኤርትራ", "إرتريا"),
    "MMR": ("Myanma",),
    "MNG": ("Монгол улс", "ᠮᠤᠩᠭᠤᠯ ᠤᠯᠤᠰ"),
    "SOM": ("Soomaaliya", "الصومال"),
    # nativeName "Swaziland" is the pre-2018 English name (kept as an alias); the
    # native forms come from altSpellings ("Umbuso waseSwatini").
    "SWZ": (),
    "TCD": ("Tchad", "تشاد"),
}
# Native names the package spells without their diacritics; the package's ASCII form
# is kept as an alias.
NATIVE_NAME_FIXES: Final[dict[str, dict[str, str]]] = {
    "HUN": {"Magyarorszag": "Magyarország"},
}
# altSpellings entries that are fragments, demonyms or phonetic transcriptions rather
# than names anyone types.
ALIAS_DROP: Final[frozenset[str]] = frozenset(
    {
        "the Abode of Peace",  # BRN: second half of a name split at its comma
        "Nation of Brunei",  # BRN: first half of the same split
        "\u0281\u025bpublika de an'\u0261\u0254la",  # AGO: IPA transcription
        "Montenegrin",  # MNE: demonym
        "Togolese",  # TGO: demonym
        "Thai",  # THA: demonym / fragment
        "Prathet",  # THA: fragment ("country")
        "Mexicanos",  # MEX: fragment of "Estados Unidos Mexicanos"
        "Portuguesa",  # PRT: fragment of "República Portuguesa"
    }
)
# Abbreviations analysts use that the package lacks.
ALIAS_EXTRA: Final[dict[str, tuple[str, ...]]] = {
    "KOR": ("ROK",),
    "PRK": ("DPRK",),
    "VAT": ("Vatican", "Vatican City"),
}
# ISO alpha-3 codes that are also the everyday abbreviation (other codes are fields
# of their own and are not repeated as aliases).
CODE_ALIASES: Final[frozenset[str]] = frozenset({"USA"})
