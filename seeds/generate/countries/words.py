"""Word and letter lists the name rules use: formal words of national languages,
the scripts with optional marks, the Latin letters NFKD leaves whole.
"""

from __future__ import annotations

from typing import Final

# Words of formal names in Latin-script national languages ("Lietuvos Respublika").
NATIVE_FORMAL_WORDS: Final = (
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


# Scripts whose combining marks are optional (stress marks, vowel points, harakat).
POINTED_SCRIPTS: Final = ("CYRILLIC", "HEBREW", "ARABIC")
# Latin letters that NFKD does not decompose, with their ASCII spelling.
ASCII_EXTRA: Final[dict[str, str]] = {
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "\u0131": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "œ": "oe", "Œ": "OE", "\u02bb": "'", "\u02bc": "'", "\u2018": "'", "\u2019": "'",
}  # fmt: skip
