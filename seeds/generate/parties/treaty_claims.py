"""Claims about the treaties themselves, where sources disagree or a kept value
needs its quote.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from seeds.generate.parties.files import SEED_ARTICLE
from seeds.generate.parties.shapes import TreatyClaim
from seeds.generate.parties.urls import (
    ACA_MINEBAN,
    UN_AVL_APMBC,
    UN_MINEBAN,
    UNODA_JOINING,
    UNODA_OP34,
    UNTC_CCM,
)

TREATY_CLAIMS: Final[tuple[TreatyClaim, ...]] = (
    TreatyClaim(
        "ottawa-signatory-count-kept",
        "ottawa",
        "signatory_count",
        133,
        "kept",
        (UNODA_JOINING, UN_MINEBAN),
        (),
        "UNODA: 'The Convention was signed by a total of 133 States. Please note that the Convention is now closed for signature.'",
    ),
    TreatyClaim(
        "ottawa-signatory-count-seed-article",
        "ottawa",
        "signatory_count",
        164,
        "disputed",
        (),
        (SEED_ARTICLE,),
        "The seed article says the Convention 'was signed by 164 countries in 1997'. 164 is the later number of States Parties (e.g. ICBL, UNODA Occasional Paper 34); 122 States signed in Ottawa in December 1997 and 133 in total (UNODA).",
    ),
    TreatyClaim(
        "ottawa-signed-in-ottawa-count-kept",
        "ottawa",
        "signed_in_ottawa_count",
        122,
        "kept",
        (UNODA_JOINING, UN_MINEBAN),
        (),
        "UNODA: '122 States took advantage of this possibility and signed the Convention in Ottawa.'",
    ),
    TreatyClaim(
        "ottawa-entry-into-force-on-kept",
        "ottawa",
        "entry_into_force_on",
        dt.date(1999, 3, 1),
        "kept",
        (UNODA_JOINING, UN_MINEBAN, ACA_MINEBAN),
        (),
        None,
    ),
    TreatyClaim(
        "ottawa-entry-into-force-on-un-avl",
        "ottawa",
        "entry_into_force_on",
        "1 March 2009",
        "disputed",
        (UN_AVL_APMBC,),
        (),
        "UN Audiovisual Library: 'The Convention entered into force on 1 March 2009' - an evident typo; every other source says 1999.",
    ),
    TreatyClaim(
        "ottawa-fortieth-ratification-kept",
        "ottawa",
        "fortieth_ratification",
        "September 1998 (Burkina Faso)",
        "kept",
        (UN_MINEBAN,),
        (),
        "UN: 'In September the following year, Burkina Faso became the 40th country to ratify the agreement, triggering entry into force six months later - on 1 March 1999.' (Deposit 16 September 1998 per Landmine Monitor.)",
    ),
    TreatyClaim(
        "ottawa-fortieth-ratification-op34",
        "ottawa",
        "fortieth_ratification",
        "1 March 1999 (Burkina Faso)",
        "disputed",
        (UNODA_OP34,),
        (),
        "UNODA Occasional Paper 34: 'On 1 March 1999, Burkina Faso became the fortieth State to ratify' - conflates the 40th ratification with entry into force.",
    ),
    TreatyClaim(
        "ccm-signatory-count-kept",
        "ccm",
        "signatory_count",
        108,
        "kept",
        (UNTC_CCM,),
        (),
        "UN Treaty Collection status page: 'Signatories108Parties112'.",
    ),
)
