"""Events that are not rows (or columns) of the research CSVs."""

from __future__ import annotations

from typing import Final

from seeds.generate.parties.shapes import Extra
from seeds.generate.parties.urls import (
    CMC_2009_IRQ,
    HRW_UKR,
    ICBL_UKR,
    NHRC_LEBANON,
    PRAVDA_LTU_CCM_FALL,
)

# Events that are not rows (or columns) of the CSVs.
EXTRA_EVENTS: Final[tuple[Extra, ...]] = (
    # HRW 24 Jul 2025 (facts.md §2.6): "On July 18, Ukraine formally informed the
    # United Nations that it has suspended its operation of the 1997 Mine Ban Treaty";
    # ICBL 25 Jul 2025: "Ukraine's Depository Notification ... announcing the
    # suspension of its obligations".
    Extra(
        "ottawa",
        "UKR",
        "suspension_notified",
        "2025-07-18",
        (HRW_UKR, ICBL_UKR),
        "Ukraine notified the UN Secretary-General of a 'suspension' of the Convention "
        "(its law cites Art. 62 of the Vienna Convention on the Law of Treaties), not a "
        "withdrawal under Art. 20. Whether and when it could take effect is contested: "
        "Art. 20(3) defers a withdrawal while the State is engaged in an armed conflict. "
        "No withdrawal_effective is recorded, so Ukraine still counts as a party.",
    ),
    # parties-README.md / CSV note: "Decree No. 2281 of 12 Jan 2026 approved accession
    # (NHRC-CPT) ... deposit date not retrieved".
    Extra(
        "ottawa",
        "LBN",
        "domestic_approval",
        "2026-01-12",
        (NHRC_LEBANON,),
        "Accession approved by Decree No. 2281 of 12 January 2026 (NHRC-CPT). HRW "
        "(relayed by Jurist/afbytes, no url kept) wrote 'Lebanon has acceded'; the "
        "UNTC-derived mondiale dataset lists 2026. No deposit date was found, so no "
        "accession or entry-into-force event is recorded and Lebanon is not counted "
        "as a party.",
    ),
    # facts.md §4.2: "in the fall, the authorities notified the UN ... the six-month
    # countdown began, ending on March 6, 2025."
    Extra(
        "ccm",
        "LTU",
        "withdrawal_deposited",
        None,
        (PRAVDA_LTU_CCM_FALL,),
        "Date not found. A Pravda-network report (citing LRT) says the authorities "
        "notified the UN 'in the fall' of 2024; six months before the 6 March 2025 "
        "effect would be about 6 September 2024, but no source gives that date.",
    ),
    # CMC 13 Nov 2009: "Signed by 103 nations, including Lebanon and Tunisia"; the CSV
    # records Lebanon's ratification (2010-11-05) but no signature date.
    Extra(
        "ccm",
        "LBN",
        "signature",
        None,
        (CMC_2009_IRQ,),
        "Signature date not found. Lebanon ratified (rather than acceded), and the "
        "CMC wrote on 13 November 2009 that the Convention was 'Signed by 103 nations, "
        "including Lebanon'.",
    ),
)
