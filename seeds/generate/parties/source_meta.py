"""Hand-set fields for the urls that need them (id, title, date, reliability, note).

Any other url gets its host's fields and an id made from its path.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from seeds.generate.parties.shapes import Meta
from seeds.generate.parties.urls import (
    ACA_CCM_2010,
    ACA_MINEBAN,
    CCM_ISU_EIF,
    CCM_ISU_HOME,
    CMC_2009_IRQ,
    CMC_SAMOA_2010,
    CMC_TREATY_STATUS,
    CMM_2016_STATUS,
    DELFI_2025_03_18,
    HRW_2002_UPDATE,
    HRW_UKR,
    ICBL_BALTIC,
    ICBL_POL_EFFECTIVE,
    ICBL_POL_NOTIFIED,
    ICBL_UKR,
    ICRC_EXPLAINED,
    IRAQ_DMA_CCM,
    ISU_GBR,
    LM_1999_GRC,
    LM_1999_LTU,
    LM_2000_BHS,
    LM_2000_LTU,
    LM_2000_LUX,
    LM_2000_MYS,
    LM_2003_LTU,
    LM_2004_FJI,
    LM_2004_WSM,
    LM_2005_VUT,
    LM_2011_ARG,
    LM_2011_KIR,
    LM_2011_NRU,
    LM_2011_PNG,
    LM_2020_AGO,
    LM_2020_ARG,
    LM_2022_SLB,
    LM_2022_VUT,
    LM_2023_AUS,
    LM_2023_BGD,
    LM_2023_MYS,
    LM_CCM_ISSUE,
    LM_FAQ_JOIN,
    LM_MBT_ISSUE,
    MATANGI_TONGA,
    NHRC_LEBANON,
    PACLII_APMBC,
    PRAVDA_LTU_CCM_FALL,
    SR_APMBC_ART20,
    SR_CCM_ART20,
    TOLERANCE_FIN,
    UN_AVL_APMBC,
    UN_MINEBAN,
    UNODA_GBR,
    UNODA_JOINING,
    UNODA_OP34,
    UNTC_CCM,
)

FOUND = "Found via search (stored-pages corpus)."
SOURCE_META: Final[dict[str, Meta]] = {
    UNODA_JOINING: Meta(
        "unoda-joining-mine-ban-convention", "Joining the Mine Ban Convention"
    ),
    UN_MINEBAN: Meta(
        "un-mineban-convention", "The Anti-Personnel Landmines Convention"
    ),
    ACA_MINEBAN: Meta("aca-treaties-mineban"),
    ICRC_EXPLAINED: Meta(
        "icrc-1998-ottawa-treaty-explained",
        "Banning Anti-Personnel Mines \u2013 The Ottawa Treaty Explained",
        reliability="explainer published by the ICRC in 1998 (section 2.7 on withdrawal)",
    ),
    SR_APMBC_ART20: Meta(
        "sr-0-515-092-art-20",
        reliability="German treaty text; the title is not visible in the excerpt, SR "
        "0.515.092 is believed (unconfirmed) to be the APMBC",
    ),
    UN_AVL_APMBC: Meta(
        "un-avl-apmbc",
        reliability="gives entry into force as 1 March 2009, an evident typo",
    ),
    UNODA_OP34: Meta("unoda-occasional-paper-34"),
    LM_FAQ_JOIN: Meta("lm-faq-join-mine-ban-treaty", note=FOUND),
    LM_MBT_ISSUE: Meta("lm-issues-mine-ban-treaty", note=FOUND),
    LM_CCM_ISSUE: Meta("lm-issues-ccm"),
    CMC_TREATY_STATUS: Meta("cmc-treaty-status"),
    CCM_ISU_EIF: Meta("ccm-isu-12th-anniversary-eif"),
    CCM_ISU_HOME: Meta(
        "ccm-isu-home",
        note="Home page item welcoming Vanuatu as the 112th State Party (dated 8 Sept 2025 per facts.md).",
    ),
    UNTC_CCM: Meta(
        "untc-ccm-status", "Convention on Cluster Munitions (MTDSG chapter XXVI-6)"
    ),
    ACA_CCM_2010: Meta(
        "aca-2010-03-ccm-eif", "Cluster Convention Set to Enter Into Force", note=FOUND
    ),
    CMC_SAMOA_2010: Meta(
        "cmc-2010-04-29-samoa",
        "Samoa ratifies cluster bomb ban treaty",
        dt.date(2010, 4, 29),
        note=FOUND,
    ),
    SR_CCM_ART20: Meta(
        "sr-0-515-093-art-20",
        reliability="French treaty text; the title is not visible in the excerpt, SR "
        "0.515.093 is believed (unconfirmed) to be the CCM",
    ),
    PRAVDA_LTU_CCM_FALL: Meta("pravda-2025-03-06-ltu-ccm-fall"),
    HRW_UKR: Meta("hrw-2025-07-24-ukraine", published_on=dt.date(2025, 7, 24)),
    ICBL_UKR: Meta("icbl-2025-07-25-ukraine", published_on=dt.date(2025, 7, 25)),
    ICBL_BALTIC: Meta("icbl-2025-07-01-baltic", published_on=dt.date(2025, 7, 1)),
    ICBL_POL_NOTIFIED: Meta(
        "icbl-2025-08-27-poland", published_on=dt.date(2025, 8, 27)
    ),
    ICBL_POL_EFFECTIVE: Meta(
        "icbl-2026-02-20-poland", published_on=dt.date(2026, 2, 20)
    ),
    MATANGI_TONGA: Meta("matangi-tonga-2025-12-09", published_on=dt.date(2025, 12, 9)),
    DELFI_2025_03_18: Meta("delfi-2025-03-18-joint", published_on=dt.date(2025, 3, 18)),
    TOLERANCE_FIN: Meta(
        "tolerance-ca-finland",
        reliability="low: prints 9 January 2009 for Finland's 2012 accession",
    ),
    ISU_GBR: Meta(
        "apmbc-isu-united-kingdom",
        note="The research note names this page without scheme ('apminebanconvention.org/en/"
        "membership/united-kingdom'); the url is completed on the pattern of the other "
        "ISU membership pages.",
    ),
    CMM_2016_STATUS: Meta(
        "cmm-2016-status-of-the-convention",
        note="Taken to be the 'Cluster Munition Monitor 2016 list' named in the research "
        "note on Burundi (the note gives no url).",
    ),
    PACLII_APMBC: Meta("paclii-apmbc-status", "Status report: Land Mines Convention"),
    NHRC_LEBANON: Meta("nhrclb-lebanon-accession-decree"),
    UNODA_GBR: Meta(
        "unoda-gbr-apmbc-ratification",
        "United Kingdom of Great Britain and Northern Ireland: Ratification of "
        "Anti-Personnel Mine Ban Convention",
    ),
    LM_2020_AGO: Meta(note=FOUND),
    HRW_2002_UPDATE: Meta(
        "hrw-2002-08-01-landmines-update",
        "Landmines Update",
        dt.date(2002, 8, 1),
        note=FOUND,
    ),
    LM_2020_ARG: Meta(note=FOUND),
    LM_2011_ARG: Meta(note=FOUND + " Last updated 30 October 2011."),
    LM_2023_AUS: Meta(note=FOUND),
    LM_2023_BGD: Meta(note=FOUND),
    LM_2000_BHS: Meta(title="BAHAMAS, Landmine Monitor Report 2000", note=FOUND),
    LM_2004_FJI: Meta(title="Fiji, Landmine Monitor Report 2004", note=FOUND),
    LM_2011_KIR: Meta(note=FOUND + " Kiribati profile, last updated 28 October 2011."),
    LM_2011_NRU: Meta(note=FOUND + " Nauru profile, last updated 28 October 2011."),
    LM_2011_PNG: Meta(
        note=FOUND + " Papua New Guinea profile, last updated 28 October 2011."
    ),
    LM_2004_WSM: Meta(title="Samoa, Landmine Monitor Report 2004", note=FOUND),
    LM_2022_SLB: Meta(note=FOUND),
    LM_2022_VUT: Meta(note=FOUND),
    LM_2005_VUT: Meta(title="VANUATU, Landmine Monitor Report 2005", note=FOUND),
    LM_1999_LTU: Meta(title="LITHUANIA, Landmine Monitor Report 1999", note=FOUND),
    LM_2000_LTU: Meta(title="LITHUANIA, Landmine Monitor Report 2000", note=FOUND),
    LM_2003_LTU: Meta(title="Lithuania, Landmine Monitor Report 2003", note=FOUND),
    LM_2000_LUX: Meta(title="LUXEMBOURG, Landmine Monitor Report 2000", note=FOUND),
    LM_2023_MYS: Meta(note=FOUND),
    LM_2000_MYS: Meta(title="MALAYSIA, Landmine Monitor Report 2000", note=FOUND),
    LM_1999_GRC: Meta(title="GREECE, Landmine Monitor Report 1999", note=FOUND),
    IRAQ_DMA_CCM: Meta("iraq-dma-ccm", note=FOUND),
    CMC_2009_IRQ: Meta(
        "cmc-2009-11-13-iraq-signs",
        "Iraq signs cluster munition ban treaty",
        dt.date(2009, 11, 13),
        note=FOUND,
    ),
}
