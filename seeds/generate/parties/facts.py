"""Dates read in a source, per state and event: each must agree with the CSV,
or is added where the CSV has none.
"""

from __future__ import annotations

from typing import Final

from seeds.generate.parties.shapes import Fact
from seeds.generate.parties.urls import (
    BUDRYS_NEWSZOP,
    CMC_2009_IRQ,
    DZU_POL,
    GAMEREACTOR_FIN,
    HRW_2002_UPDATE,
    HRW_BALTIC_MIRROR,
    ICBL_BALTIC,
    ICBL_FIN_EFFECTIVE,
    ICBL_POL_EFFECTIVE,
    ICBL_POL_NOTIFIED,
    LM_1999_LTU,
    LM_2000_BHS,
    LM_2000_LTU,
    LM_2000_MYS,
    LM_2004_FJI,
    LM_2004_WSM,
    LM_2005_VUT,
    LM_2011_KIR,
    LM_2011_NRU,
    LM_2011_PNG,
    LM_2020_AGO,
    LM_2020_ARG,
    LM_2022_SLB,
    LM_2022_VUT,
    LM_2023_AUS,
    LM_2023_BGD,
    MAG_2025_12_27,
    PACLII_APMBC,
    PH_13MSP_LTU,
    REPORTAZ_LVA,
    TOLERANCE_FIN,
    TREND_EST,
)

FACTS: Final[tuple[Fact, ...]] = (
    # -- the 15 Ottawa entry-into-force dates missing from the CSV: found in Landmine
    #    Monitor profiles via search (11); Bahamas, Cook Islands, Niue and Tuvalu
    #    were not found and are derived by Art. 17 (see eif_rules.py).
    Fact(
        "ottawa",
        "AGO",
        LM_2020_AGO,
        {
            "signature": "1997-12-04",
            "ratification": "2002-07-05",
            "entry_into_force": "2003-01-01",
        },
        "The Republic of Angola signed the Mine Ban Treaty on 4 December 1997 and ratified on 5 July 2002, becoming a State Party on 1 January 2003.",
    ),
    Fact(
        "ottawa",
        "AGO",
        HRW_2002_UPDATE,
        {"ratification": "2002-07-05"},
        "Angola ratified the 1997 Mine Ban Treaty on July 5",
    ),
    Fact(
        "ottawa",
        "ARG",
        LM_2020_ARG,
        {
            "signature": "1997-12-04",
            "ratification": "1999-09-14",
            "entry_into_force": "2000-03-01",
        },
        "Argentina signed the Mine Ban Treaty on 4 December 1997 and ratified it on 14 September 1999, becoming a State Party on 1 March 2000.",
    ),
    Fact(
        "ottawa",
        "AUS",
        LM_2023_AUS,
        {
            "signature": "1997-12-03",
            "ratification": "1999-01-14",
            "entry_into_force": "1999-07-01",
        },
        "The Commonwealth of Australia signed the Mine Ban Treaty on 3 December 1997 and ratified it on 14 January 1999, becoming a State Party on 1 July 1999.",
    ),
    Fact(
        "ottawa",
        "BGD",
        LM_2023_BGD,
        {
            "signature": "1998-05-07",
            "ratification": "2000-09-06",
            "entry_into_force": "2001-03-01",
        },
        "The People\u2019s Republic of Bangladesh signed the Mine Ban Treaty on 7 May 1998, ratified on 6 September 2000, and became a State Party on 1 March 2001.",
    ),
    Fact(
        "ottawa",
        "BHS",
        LM_2000_BHS,
        {"signature": "1997-12-03", "ratification": "1998-07-31"},
        "The Bahamas signed the Mine Ban Treaty on 3 December 1997 and ratified on 31 July 1998.",
    ),
    Fact(
        "ottawa",
        "FJI",
        LM_2004_FJI,
        {
            "signature": "1997-12-03",
            "ratification": "1998-06-10",
            "entry_into_force": "1999-03-01",
        },
        "The Republic of the Fiji Islands signed the Mine Ban Treaty on 3 December 1997, ratified on 10 June 1998, and the treaty entered into force on 1 March 1999.",
    ),
    Fact(
        "ottawa",
        "KIR",
        LM_2011_KIR,
        {"accession": "2000-09-07", "entry_into_force": "2001-03-01"},
        "The Republic of Kiribati acceded to the Mine Ban Treaty on 7 September 2000, becoming a State Party on 1 March 2001.",
    ),
    Fact(
        "ottawa",
        "NRU",
        LM_2011_NRU,
        {"accession": "2000-08-07", "entry_into_force": "2001-02-01"},
        "The Republic of Nauru acceded to the Mine Ban Treaty on 7 August 2000, becoming a State Party on 1 February 2001.",
    ),
    Fact(
        "ottawa",
        "PNG",
        LM_2011_PNG,
        {"accession": "2004-06-28", "entry_into_force": "2004-12-01"},
        "Papua New Guinea acceded to the Mine Ban Treaty on 28 June 2004, becoming a State Party on 1 December 2004.",
    ),
    Fact(
        "ottawa",
        "WSM",
        LM_2004_WSM,
        {
            "signature": "1997-12-03",
            "ratification": "1998-07-23",
            "entry_into_force": "1999-03-01",
        },
        "The Independent State of Samoa signed the Mine Ban Treaty on 3 December 1997, ratified on 23 July 1998, and the treaty entered into force on 1 March 1999.",
    ),
    Fact(
        "ottawa",
        "SLB",
        LM_2022_SLB,
        {
            "signature": "1997-12-04",
            "ratification": "1999-01-26",
            "entry_into_force": "1999-07-01",
        },
        "The Solomon Islands signed the Mine Ban Treaty on 4 December 1997 and ratified it on 26 January 1999, becoming a State Party on 1 July 1999.",
    ),
    Fact(
        "ottawa",
        "VUT",
        LM_2022_VUT,
        {
            "signature": "1997-12-04",
            "ratification": "2005-09-16",
            "entry_into_force": "2006-03-01",
        },
        "The Republic of Vanuatu signed the Mine Ban Treaty on 4 December 1997 and ratified it on 16 September 2005, becoming a State Party on 1 March 2006.",
    ),
    Fact(
        "ottawa",
        "VUT",
        LM_2005_VUT,
        {
            "signature": "1997-12-04",
            "ratification": "2005-09-16",
            "entry_into_force": "2006-03-01",
        },
        "The instrument of ratification was deposited with the UN on 16 September 2005. ... The treaty will enter into force for Vanuatu on 1 March 2006.",
    ),
    # -- other confirmations read while checking the conflicts (conflicts.py).
    Fact(
        "ottawa", "MHL", PACLII_APMBC, {"signature": "1997-12-04"}
    ),  # "Marshall Islands 4 Dec 1997"
    Fact(
        "ottawa",
        "LTU",
        LM_1999_LTU,
        {"signature": "1999-02-26"},
        "On 26 February 1999, the Lithuanian Ambassador to the United Nations, Mr. Justys, signed the Mine Ban Treaty in New York.",
    ),
    Fact(
        "ottawa", "LTU", LM_2000_LTU, {"signature": "1999-02-26"}
    ),  # "On signing the Mine Ban Treaty (MBT) on 26 February 1999"
    Fact(
        "ottawa",
        "MYS",
        LM_2000_MYS,
        {
            "signature": "1997-12-03",
            "ratification": "1999-04-22",
            "entry_into_force": "1999-10-01",
        },
    ),
    Fact(
        "ottawa", "FIN", TOLERANCE_FIN, {"entry_into_force": "2012-07-01"}
    ),  # CSV note: "EIF 1 July 2012 per tolerance.ca"
    Fact(
        "ccm", "IRQ", CMC_2009_IRQ, {"signature": "2009-11-12"}
    ),  # "On 12 November 2009, Iraq signed the Convention"
    # -- 2025 withdrawals (facts.md §2): the CSV dates must match these sources.
    Fact("ottawa", "LTU", BUDRYS_NEWSZOP, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "LTU", HRW_BALTIC_MIRROR, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "LTU", ICBL_BALTIC, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "LTU", ICBL_FIN_EFFECTIVE, {"withdrawal_effective": "2025-12-27"}),
    Fact("ottawa", "LTU", MAG_2025_12_27, {"withdrawal_effective": "2025-12-27"}),
    Fact(
        "ottawa",
        "LVA",
        REPORTAZ_LVA,
        {"withdrawal_deposited": "2025-06-27", "withdrawal_effective": "2025-12-27"},
    ),
    Fact("ottawa", "LVA", HRW_BALTIC_MIRROR, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "LVA", ICBL_BALTIC, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "LVA", ICBL_FIN_EFFECTIVE, {"withdrawal_effective": "2025-12-27"}),
    Fact("ottawa", "LVA", MAG_2025_12_27, {"withdrawal_effective": "2025-12-27"}),
    Fact("ottawa", "EST", TREND_EST, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "EST", HRW_BALTIC_MIRROR, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "EST", ICBL_BALTIC, {"withdrawal_deposited": "2025-06-27"}),
    Fact("ottawa", "EST", ICBL_FIN_EFFECTIVE, {"withdrawal_effective": "2025-12-27"}),
    Fact("ottawa", "EST", MAG_2025_12_27, {"withdrawal_effective": "2025-12-27"}),
    Fact("ottawa", "FIN", GAMEREACTOR_FIN, {"withdrawal_deposited": "2025-07-10"}),
    Fact("ottawa", "FIN", ICBL_FIN_EFFECTIVE, {"withdrawal_effective": "2026-01-10"}),
    Fact("ottawa", "POL", DZU_POL, {"withdrawal_deposited": "2025-08-20"}),
    Fact("ottawa", "POL", ICBL_POL_NOTIFIED, {"withdrawal_deposited": "2025-08-20"}),
    Fact("ottawa", "POL", ICBL_POL_EFFECTIVE, {"withdrawal_effective": "2026-02-20"}),
    # Lithuania's CCM withdrawal took effect on 6 March 2025 (13MSP President, §4.2).
    Fact("ccm", "LTU", PH_13MSP_LTU, {"withdrawal_effective": "2025-03-06"}),
)
