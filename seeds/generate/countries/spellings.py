"""How a name is written: its script, whether it is formal, its unpointed and
ASCII forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from seeds.generate.countries.words import (
    ASCII_EXTRA,
    NATIVE_FORMAL_WORDS,
    POINTED_SCRIPTS,
)

# English words that mark a formal English name ("Republic of Lithuania").
ENGLISH_FORMAL = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|Union|"
    r"Sultanate|Grand Duchy|Confederation|Emirates|Federated|Co-operative|"
    r"Plurinational|Bolivarian|Oriental|Hashemite|Socialist|Independent|Federal)\b"
)
# A short name that is itself formal ("Czech Republic", "Solomon Islands").
FORMAL_SHORT_NAME = re.compile(rf"{ENGLISH_FORMAL.pattern}|\bIslands\b")
# Formal words of Latin-script national languages ("Lietuvos Respublika").
NATIVE_FORMAL = re.compile(
    r"\b(" + "|".join(map(re.escape, NATIVE_FORMAL_WORDS)) + r")\b", re.IGNORECASE
)
# Invisible direction marks found in some Arabic-script names.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]")
# words.ASCII_EXTRA as a str.translate table.
_ASCII_EXTRA: Final = str.maketrans(ASCII_EXTRA)


def clean(text: str) -> str:
    """Strip whitespace and invisible direction marks."""
    return _BIDI_MARKS.sub("", text).strip()


def _letter_scripts(text: str) -> set[str]:
    """First word of the Unicode name of every letter ("LATIN", "CYRILLIC", ...)."""
    return {
        unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in text if ch.isalpha()
    }


def is_latin(text: str) -> bool:
    return _letter_scripts(text) <= {"LATIN"}


def unpointed(text: str) -> str:
    """Drop optional marks (stress, vowel points, harakat) from Cyrillic, Hebrew or
    Arabic-script text. Works on the composed (NFC) form, so letters such as "й" or
    "إ" stay whole; only free-standing combining marks go."""
    scripts = _letter_scripts(text)
    if not scripts or not scripts <= set(POINTED_SCRIPTS):
        return text
    composed = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in composed if unicodedata.category(ch) != "Mn")


def ascii_fold(text: str) -> str | None:
    """ASCII spelling of a Latin-script name, or None if it is not Latin script."""
    if not is_latin(text):
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.isascii() else None


def dedupe(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Keep first occurrences, dropping empties and anything in `exclude`."""
    seen = {x.casefold() for x in exclude}
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
