"""Generate ``seeds/data/countries.yaml`` and ``seeds/data/borders.yaml``.

Run from the repository root::

    python -m seeds.generate.countries

Machine-read facts (ISO codes, names, native names, alternative spellings, region,
subregion and land borders) come from the ``countryinfo`` package (pinned in
pyproject.toml). Everything decided by hand -- which states exist for this graph,
their UN status, the names we display and the fixes to the package's data -- is a
commented constant below, so a re-run is deterministic and every deviation from the
dataset is visible in one place. Source ids refer to ``seeds/data/sources/geo.yaml``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, cast

import yaml
from countryinfo import CountryInfo

DATA_DIR: Final = Path(__file__).resolve().parents[1] / "data"
COUNTRIES_FILE: Final = DATA_DIR / "countries.yaml"
BORDERS_FILE: Final = DATA_DIR / "borders.yaml"

# --------------------------------------------------------------------------------------
# Sources (ids in seeds/data/sources/geo.yaml)
# --------------------------------------------------------------------------------------
SRC_DATASET: Final = "countryinfo-1-0-1"
SRC_UN_MEMBERS: Final = "un-library-unmembers"
SRC_UN_OBSERVERS: Final = "un-library-observers"
SRC_UN_LIST: Final = "wiki2-un-member-states"
SRC_NEWSWEEK_RUSSIA: Final = "newsweek-alliansfriheten-russia-border"
SRC_BELARUS_BORDERS: Final = "barrysborderpoints-belarus"
SRC_KALININGRAD: Final = "wapo-wabnews-kaliningrad"
SRC_KUWAIT_BORDERS: Final = "kuwait-egov-geography"
SRC_CHAD_BORDERS: Final = "worldatlas-chad-borders"

# --------------------------------------------------------------------------------------
# Hand-curated: the states that can appear in a treaty record, and their UN status.
# 193 UN member states (research.un.org: "There are currently 193 UN Member States"),
# ISO 3166-1 alpha-3 codes in alphabetical order of the English short name.
# --------------------------------------------------------------------------------------
UN_MEMBERS: Final[tuple[str, ...]] = (
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE",
    "BHS", "BHR", "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH",
    "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF",
    "TCD", "CHL", "CHN", "COL", "COM", "COG", "CRI", "CIV", "HRV", "CUB", "CYP",
    "CZE", "PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ",
    "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO", "DEU",
    "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL",
    "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ",
    "KEN", "KIR", "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE",
    "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS",
    "MEX", "FSM", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL",
    "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN",
    "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "MDA", "ROU", "RUS",
    "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC",
    "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN",
    "SUR", "SWE", "CHE", "SYR", "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN",
    "TUR", "TKM", "TUV", "UGA", "UKR", "ARE", "GBR", "TZA", "USA", "URY", "UZB",
    "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
)  # fmt: skip
# The two non-member observer states of the General Assembly (research.un.org).
UN_OBSERVERS: Final[tuple[str, ...]] = ("VAT", "PSE")
# Not UN members, but parties to the Ottawa Convention (and the CCM) in their own name.
NON_MEMBER_STATES: Final[tuple[str, ...]] = ("COK", "NIU")

# --------------------------------------------------------------------------------------
# Hand-curated: display names. `name` is what analysts type and what the research
# tables (apmbc-parties.csv, ccm-parties.csv) use in `state_name`; countryinfo's own
# name is then kept as an alias. States not listed keep countryinfo's name.
# --------------------------------------------------------------------------------------
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

# --------------------------------------------------------------------------------------
# Manual fixes to countryinfo's data (each one explained).
# --------------------------------------------------------------------------------------
# The formal English name is picked from countryinfo's altSpellings (see
# `_official_name`); these override the pick.
OFFICIAL_NAME_OVERRIDES: Final[dict[str, str | None]] = {
    # altSpellings splits "Nation of Brunei, the Abode of Peace" at the comma; the
    # package's other formal spelling is used instead.
    "BRN": "Brunei Darussalam",
    # The package's only formal spelling, "Republic of Macedonia", is the pre-2019
    # name (the state is "North Macedonia" in the research tables); left empty.
    "MKD": None,
}
# countryinfo records that share a state's ISO code but describe a part of it.
IGNORED_RECORDS: Final[frozenset[str]] = frozenset({"Wales"})  # GBR
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

# --------------------------------------------------------------------------------------
# Borders: fixes, required pairs and extra corroboration.
# --------------------------------------------------------------------------------------
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

# --------------------------------------------------------------------------------------
# Name classification helpers.
# --------------------------------------------------------------------------------------
# English words that mark a formal English name ("Republic of Lithuania").
_ENGLISH_FORMAL = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|Union|"
    r"Sultanate|Grand Duchy|Confederation|Emirates|Federated|Co-operative|"
    r"Plurinational|Bolivarian|Oriental|Hashemite|Socialist|Independent|Federal)\b"
)
# A short name that is itself formal ("Czech Republic", "Solomon Islands").
_FORMAL_SHORT_NAME = re.compile(rf"{_ENGLISH_FORMAL.pattern}|\bIslands\b")
# Words of formal names in Latin-script national languages ("Lietuvos Respublika").
_NATIVE_FORMAL_WORDS: Final = (
    "Respublika", "Republika", "République", "República", "Republica", "Repúblika",
    "Repubblica", "Repubblika", "Republiek", "Republik", "Republiken",
    "Rzeczpospolita", "Bundesrepublik", "Königreich", "Koninkrijk", "Royaume",
    "Reino", "Kongeriket", "Konungariket", "Kongeriget", "Fürstentum", "Principat",
    "Principauté", "Grand-Duché", "Großherzogtum", "Groussherzogtum", "Vabariik",
    "tasavalta", "Lýðveldið", "Estados", "Estado", "Stato", "Jamhuri",
    "Jamhuuriyadda", "Dawlat", "Mamlakat", "Mamlakah", "Salṭanat", "Sathalanalat",
    "Ratcha", "Muso", "Umbuso", "Matanitu", "Beluu", "Ripablik", "Ripublik",
    "Repiblik", "Repoblikan'i", "Udzima", "Poblacht", "Cumhuriyeti",
    "Respublikas\u0131", "Respublikasi", "Respublikasy", "Respubl\u00efkas\u0131",
    "Gaṇarājya", "Ganrajya", "Tetã", "Lefatshe", "Aolepān", "Ribaberiki", "Stet",
    "Malo", "Jumhūriyyat", "Jumhūrīyat", "Jumhūriyyah", "Jumhūrīyah", "Jomhuri-ye",
    "Gônôprôjatôntri", "Loktāntrik", "Pyidaunzu", "Medīnat", "Islāmī", "Çumhuriyi",
    "Ittiḥād", "Dhivehi", "Cộng", "Union des",
)  # fmt: skip
_NATIVE_FORMAL = re.compile(
    r"\b(" + "|".join(map(re.escape, _NATIVE_FORMAL_WORDS)) + r")\b", re.IGNORECASE
)
# Invisible direction marks found in some Arabic-script names.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]")
# Scripts whose combining marks are optional (stress marks, vowel points, harakat).
_POINTED_SCRIPTS: Final = ("CYRILLIC", "HEBREW", "ARABIC")
# Latin letters that NFKD does not decompose.
_ASCII_EXTRA: Final = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D",
     "ł": "l", "Ł": "L", "\u0131": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
     "œ": "oe", "Œ": "OE", "\u02bb": "'", "\u02bc": "'", "\u2018": "'", "\u2019": "'"}
)  # fmt: skip


def _clean(text: str) -> str:
    """Strip whitespace and invisible direction marks."""
    return _BIDI_MARKS.sub("", text).strip()


def _letter_scripts(text: str) -> set[str]:
    """First word of the Unicode name of every letter ("LATIN", "CYRILLIC", ...)."""
    return {
        unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in text if ch.isalpha()
    }


def _is_latin(text: str) -> bool:
    return _letter_scripts(text) <= {"LATIN"}


def _unpointed(text: str) -> str:
    """Drop optional marks (stress, vowel points, harakat) from Cyrillic, Hebrew or
    Arabic-script text. Works on the composed (NFC) form, so letters such as "й" or
    "إ" stay whole; only free-standing combining marks go."""
    scripts = _letter_scripts(text)
    if not scripts or not scripts <= set(_POINTED_SCRIPTS):
        return text
    composed = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in composed if unicodedata.category(ch) != "Mn")


def _ascii_fold(text: str) -> str | None:
    """ASCII spelling of a Latin-script name, or None if it is not Latin script."""
    if not _is_latin(text):
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.isascii() else None


def _dedupe(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Keep first occurrences, dropping empties and anything in `exclude`."""
    seen = {x.casefold() for x in exclude}
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --------------------------------------------------------------------------------------
# Reading countryinfo.
# --------------------------------------------------------------------------------------
Record = dict[str, Any]


def _records_by_iso3() -> dict[str, list[Record]]:
    """All countryinfo records grouped by ISO alpha-3 (the package has duplicates)."""
    grouped: dict[str, list[Record]] = {}
    for raw in CountryInfo.all().values():
        record = cast(Record, dict(raw))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        if iso3 and record.get("name") not in IGNORED_RECORDS:
            grouped.setdefault(str(iso3), []).append(record)
    return grouped


def _primary(iso3: str, records: list[Record]) -> Record:
    """The most complete record; ties go to the one CountryInfo(iso3) resolves to."""
    resolved = CountryInfo(iso3).name()

    def score(record: Record) -> tuple[bool, bool, bool, bool]:
        return (
            record.get("borders") is not None,
            bool(record.get("region")),
            bool(record.get("nativeName")),
            record.get("name") == resolved,
        )

    return max(records, key=score)


def _native_names(iso3: str, records: list[Record]) -> list[str]:
    if iso3 in NATIVE_NAME_PARTS:
        parts: list[str] = list(NATIVE_NAME_PARTS[iso3])
    else:
        parts = []
        for record in records:
            native = _clean(str(record.get("nativeName") or ""))
            parts.extend(_clean(p) for p in re.split(r"\s+[/-]\s+|/", native))
    fixes = NATIVE_NAME_FIXES.get(iso3, {})
    fixed = [fixes.get(p, p) for p in parts]
    # The unpointed form first (what people type), the package's pointed form kept.
    return _dedupe(x for p in fixed for x in (_unpointed(p), p))


def _official_name(iso3: str, name: str, alt: list[str]) -> str | None:
    """The formal English name: an altSpelling built on English formal words, the
    one containing the display name first ("Kingdom of Eswatini", not "Kingdom of
    Swaziland"); else the display name if it is formal itself; else None."""
    if iso3 in OFFICIAL_NAME_OVERRIDES:
        return OFFICIAL_NAME_OVERRIDES[iso3]
    formal = [
        s
        for s in alt
        if "," not in s
        and _is_latin(s)
        and _ENGLISH_FORMAL.search(s)
        and not _NATIVE_FORMAL.search(s)
    ]
    if formal:
        key = name.casefold()
        return next((s for s in formal if key in s.casefold()), formal[0])
    if _FORMAL_SHORT_NAME.search(name):
        return name
    return None


def _status(iso3: str) -> str:
    if iso3 in UN_OBSERVERS:
        return "observer"
    if iso3 in NON_MEMBER_STATES:
        return "non-member"
    return "member"


def _status_sources(iso3: str) -> list[str]:
    if iso3 in UN_OBSERVERS:
        return [SRC_UN_OBSERVERS]
    if iso3 in NON_MEMBER_STATES:
        return [SRC_UN_LIST]
    return [SRC_UN_MEMBERS, SRC_UN_LIST]


def build_country(iso3: str, records: list[Record]) -> Record:
    primary = _primary(iso3, records)
    iso2 = str(primary["ISO"]["alpha2"])
    package_name = str(primary["name"])
    name = NAME_OVERRIDES.get(iso3, package_name)
    notes: list[str] = []

    alt = _dedupe(
        _clean(str(s))
        for record in records
        for s in (record.get("altSpellings") or [])
        if _clean(str(s)) not in ALIAS_DROP
    )
    native = _native_names(iso3, records)
    official = _official_name(iso3, name, alt)

    native_extra: list[str] = []
    aliases: list[str] = []
    for spelling in alt:
        if spelling in (iso2, iso3) and spelling not in CODE_ALIASES:
            continue
        if not _is_latin(spelling) or _NATIVE_FORMAL.search(spelling):
            native_extra.append(spelling)
        else:
            aliases.append(spelling)
    native = _dedupe([*native, *native_extra])

    other_names = [str(r["name"]) for r in records if str(r["name"]) != name]
    aliases = [*other_names, *aliases, *ALIAS_EXTRA.get(iso3, ())]
    folds = [
        f
        for f in (
            _ascii_fold(x) for x in [name, *([official] if official else []), *native]
        )
        if f
    ]
    # The formal name is repeated among the aliases: lookups match name + aliases.
    formal = [official] if official and official != name else []
    aliases = _dedupe([*formal, *aliases, *folds], exclude=[name, *native])

    if name != package_name:
        notes.append(f"countryinfo names it {package_name!r}.")
    if iso3 in OFFICIAL_NAME_OVERRIDES:
        notes.append("official_name set by hand (see seeds/generate/countries.py).")
    elif official is None:
        notes.append("countryinfo gives no formal English name.")
    if iso3 in NATIVE_NAME_PARTS or iso3 in NATIVE_NAME_FIXES:
        notes.append(
            "native_names corrected by hand (see seeds/generate/countries.py)."
        )
    if len(records) > 1:
        notes.append(
            f"countryinfo has {len(records)} records for {iso3} "
            f"({', '.join(sorted(str(r['name']) for r in records))}); "
            f"fields from {package_name!r}, spellings merged."
        )

    return {
        "iso3": iso3,
        "iso2": iso2,
        "name": name,
        "official_name": official,
        "native_names": native,
        "aliases": aliases,
        "region": primary.get("region") or None,
        "subregion": primary.get("subregion") or None,
        "un_status": _status(iso3),
        "sources": [SRC_DATASET, *_status_sources(iso3)],
        "note": " ".join(notes) or None,
    }


def build_borders(
    states: dict[str, list[Record]], names: dict[str, str]
) -> tuple[list[Record], list[str]]:
    """Unordered land-border pairs between states, plus a log of what was left out."""
    listed_by: dict[tuple[str, str], set[str]] = {}
    log: list[str] = []
    for iso3, records in sorted(states.items()):
        for record in records:
            for code in record.get("borders") or []:
                other = str(code)
                if other not in states:
                    log.append(f"{iso3}: border code {other!r} is not a state here")
                    continue
                pair = (min(iso3, other), max(iso3, other))
                listed_by.setdefault(pair, set()).add(iso3)

    for pair, reason in BORDER_DROPS.items():
        if listed_by.pop(pair, None) is not None:
            log.append(f"{pair[0]}-{pair[1]}: dropped, {reason}")

    out: list[Record] = []
    for pair in sorted({*listed_by, *BORDER_ADDITIONS}):
        a, b = pair
        notes: list[str] = []
        sources = [SRC_DATASET]
        if pair in BORDER_ADDITIONS:
            note, extra = BORDER_ADDITIONS[pair]
            notes.append(note)
            sources = list(extra)
        else:
            sides = listed_by[pair]
            if len(sides) == 1:
                (side,) = sides
                other = b if side == a else a
                notes.append(
                    f"Asymmetric in countryinfo: listed in {names[side]}'s borders "
                    f"but not in {names[other]}'s; kept because one side lists it."
                )
                if pair in BORDER_EXTRA_SOURCES:
                    named_by = ", ".join(BORDER_EXTRA_SOURCES[pair])
                    notes.append(f"Also named by source {named_by}.")
                log.append(f"{a}-{b}: asymmetric (only {side} lists it)")
        if pair in BORDER_NOTES:
            notes.insert(0, BORDER_NOTES[pair])
        sources += [s for s in BORDER_EXTRA_SOURCES.get(pair, ()) if s not in sources]
        out.append(
            {
                "between": [a, b],
                "note": " ".join(notes) or None,
                "sources": sources,
            }
        )

    present = {tuple(r["between"]) for r in out}
    missing = [p for p in REQUIRED_BORDERS if p not in present]
    if missing:
        raise SystemExit(f"required borders missing from the data: {missing}")
    return out, log


# --------------------------------------------------------------------------------------
# YAML output.
# --------------------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Block style, but `between: [A, B]` pairs on one line."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    flow = len(data) == 2 and all(isinstance(x, str) and len(x) == 3 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)

_HEADER: Final = (
    "# Generated by `python -m seeds.generate.countries` from the countryinfo package;\n"
    "# edit seeds/generate/countries.py, not this file.\n"
)


def _write(path: Path, records: list[Record]) -> None:
    text = yaml.dump(
        records,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    path.write_text(_HEADER + text, encoding="utf-8")


def main() -> None:
    grouped = _records_by_iso3()
    wanted = [*UN_MEMBERS, *UN_OBSERVERS, *NON_MEMBER_STATES]
    if len(set(wanted)) != len(wanted):
        raise SystemExit("duplicate ISO code in the curated state lists")
    missing = [c for c in wanted if c not in grouped]
    if missing:
        raise SystemExit(f"countryinfo has no record for {missing}")

    states = {iso3: grouped[iso3] for iso3 in wanted}
    countries = [build_country(iso3, states[iso3]) for iso3 in sorted(states)]
    names = {c["iso3"]: c["name"] for c in countries}
    borders, log = build_borders(states, names)

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _write(COUNTRIES_FILE, countries)
    _write(BORDERS_FILE, borders)
    out = sys.stdout
    out.write(f"{COUNTRIES_FILE.relative_to(Path.cwd())}: {len(countries)} records\n")
    out.write(f"{BORDERS_FILE.relative_to(Path.cwd())}: {len(borders)} records\n")
    for line in log:
        out.write(f"  {line}\n")


if __name__ == "__main__":
    main()
