"""Competing values for a state's event date, kept side by side in
claims/parties.yaml.
"""

from __future__ import annotations

from typing import Final

from seeds.generate.parties.shapes import Alt, Conflict
from seeds.generate.parties.urls import (
    CMM_2016_STATUS,
    DELFI_2025_03_18,
    IRAQ_DMA_CCM,
    ISU_GBR,
    LM_1999_GRC,
    LM_2000_LUX,
    LM_2003_LTU,
    LM_2011_ARG,
    LM_2023_LTU,
    LM_2023_MYS,
    MATANGI_TONGA,
    PACLII_APMBC,
    TOLERANCE_FIN,
)

CONFLICTS: Final[tuple[Conflict, ...]] = (
    # parties-README "Known conflicts between sources":
    Conflict(
        "ottawa",
        "GBR",
        "signature",
        (
            Alt(
                "1997-12-04",
                "alternative",
                (ISU_GBR,),
                "APMBC Implementation Support Unit page says the United Kingdom signed on 4 December 1997.",
            ),
        ),
        "UNODA's depositary record: 'Signature on deposit with UN — 3 December 1997'.",
    ),
    Conflict(
        "ottawa",
        "TON",
        "accession",
        (
            Alt(
                "2025-06-26",
                "alternative",
                (MATANGI_TONGA,),
                "Matangi Tonga: 'Tonga's accession was deposited earlier this year on 26 June'.",
            ),
        ),
        "ICBL: 'Tonga's instrument of accession, deposited on 25 June 2025'.",
    ),
    Conflict(
        "ottawa",
        "LTU",
        "ratification",
        (
            Alt(
                "2004",
                "alternative",
                (DELFI_2025_03_18,),
                "Delfi (18 Mar 2025) says Lithuania joined the Ottawa Treaty in 2004; Landmine Monitor: ratified 12 May 2003, State Party 1 November 2003.",
            ),
        ),
    ),
    Conflict(
        "ottawa",
        "LUX",
        "signature",
        (
            Alt(
                "1997-12-03",
                "alternative",
                (LM_2000_LUX,),
                "Landmine Monitor 2000: 'Luxembourg signed the Mine Ban Treaty (MBT) on 3 December 1997'; LM 1999, 2003, 2004 and 2021 say 4 December 1997.",
            ),
        ),
    ),
    Conflict(
        "ottawa",
        "MYS",
        "entry_into_force",
        (
            Alt(
                "1 October 2009",
                "disputed",
                (LM_2023_MYS,),
                "Later Landmine Monitor profiles say 'becoming a State Party on 1 October 2009', an evident typo for 1999: the instrument was deposited on 22 April 1999 and LM 2000 says the treaty 'thus entered into force for Malaysia on 1 October 1999'.",
            ),
        ),
    ),
    Conflict(
        "ccm",
        "BDI",
        "ratification",
        (
            Alt(
                "25 Dec 09",
                "disputed",
                (CMM_2016_STATUS,),
                "Cluster Munition Monitor 2016 list prints '25 Dec 09'; the UN depositary gives 25 Sep 2009 (evident typo).",
            ),
        ),
    ),
    Conflict(
        "ccm",
        "IRQ",
        "signature",
        (
            Alt(
                "11/13/2009",
                "alternative",
                (IRAQ_DMA_CCM,),
                "Iraq's Directorate of Mine Action: 'Iraq signed the agreement on 11/13/2009'. Landmine Monitor and the CMC (13 Nov 2009) say 12 November 2009.",
            ),
        ),
    ),
    Conflict(
        "ccm",
        "IRQ",
        "ratification",
        (
            Alt(
                "May 15, 2013",
                "alternative",
                (IRAQ_DMA_CCM,),
                "Iraq's Directorate of Mine Action: 'Iraq joined the agreement on May 15, 2013'. Landmine Monitor: ratified (deposited) 14 May 2013.",
            ),
        ),
    ),
    # facts.md §2.4:
    Conflict(
        "ottawa",
        "FIN",
        "accession",
        (
            Alt(
                "9 January 2009",
                "disputed",
                (TOLERANCE_FIN,),
                "tolerance.ca prints '9 January 2009', an evident typo: ICBL (2012) says Finland deposited on 9 January 2012, and the same page dates entry into force to 1 July 2012.",
            ),
        ),
    ),
    # CSV note (Greece): "Landmine Monitor 1999 says signed 4 Dec 1997 (conflict)".
    Conflict(
        "ottawa",
        "GRC",
        "signature",
        (
            Alt(
                "4 December 1997",
                "alternative",
                (LM_1999_GRC,),
                "Landmine Monitor 1999 (and 2000): 'Greece signed the Mine Ban Treaty on 4 December 1997'; later profiles say 3 December 1997.",
            ),
        ),
    ),
    # Found while checking the CSV (search): the CSV's Lithuanian signature date is
    # cited to LM 2023, which gives 22 February; LM 1999/2000 give 26 February.
    Conflict(
        "ottawa",
        "LTU",
        "signature",
        (
            Alt(
                "22 February 1999",
                "alternative",
                (LM_2023_LTU, LM_2003_LTU),
                "Landmine Monitor 2003-2023 profiles: 'signed the Mine Ban Treaty on 22 February 1999'. LM 1999 and LM 2000 (written at the time) say 26 February 1999, signed in New York by Ambassador Justys.",
            ),
        ),
        "26 February 1999 per LM 1999 and LM 2000 (the research table's value).",
    ),
    Conflict(
        "ottawa",
        "VUT",
        "ratification",
        (
            Alt(
                "2005-09-06",
                "alternative",
                (PACLII_APMBC,),
                "PacLII's Pacific treaty-status table gives '6 Sep 2005' (the research table's value); Landmine Monitor 2005 says the instrument 'was deposited with the UN on 16 September 2005'.",
            ),
        ),
    ),
    Conflict(
        "ottawa",
        "ARG",
        "ratification",
        (
            Alt(
                "14 December 1999",
                "disputed",
                (LM_2011_ARG,),
                "A 2011 Landmine Monitor profile says 'ratified it on 14 December 1999'; LM 2004, LM 2020 and the Dutch Tractatenblad list give 14 September 1999.",
            ),
        ),
    ),
    Conflict(
        "ottawa",
        "ARG",
        "entry_into_force",
        (
            Alt(
                "1 June 2000",
                "disputed",
                (LM_2011_ARG,),
                "The same 2011 profile says 'becoming a State Party on 1 June 2000', consistent with its 14 December date; LM 2004 and LM 2020 say 1 March 2000.",
            ),
        ),
    ),
)
