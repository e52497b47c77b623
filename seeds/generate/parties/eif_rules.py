"""Each treaty's Art. 17 rule: the dates that fix it and the sources that state it."""

from __future__ import annotations

import datetime as dt
from typing import Final

from seeds.generate.parties.eif_rule import EifRule
from seeds.generate.parties.urls import (
    ACA_CCM_2010,
    CCM_ISU_EIF,
    ICBL_VANUATU_CCM,
    UN_MINEBAN,
    UNODA_JOINING,
    UNTC_CCM,
)

EIF_RULES: Final = {
    # UNODA joining page (facts.md §1.1): "shall enter into force for that State on the
    # first day of the sixth month after the date on which that State has deposited";
    # UN page: Burkina Faso was the 40th, September 1998 (deposit 16 Sep 1998 in the
    # CSV), "triggering entry into force six months later - on 1 March 1999".
    "ottawa": EifRule(
        treaty_in_force=dt.date(1999, 3, 1),
        trigger_deposit=dt.date(1998, 9, 16),
        rule_17_1=(
            "APMBC Art. 17(1): an instrument deposited up to the 40th (Burkina Faso, "
            "16 September 1998) takes effect with the Convention on 1999-03-01"
        ),
        rule_17_2=(
            "APMBC Art. 17(2): in force for the State on the first day of the sixth "
            "month after the month in which it deposited its instrument (never "
            "earlier than 1999-03-01)"
        ),
        sources_17_1=(UN_MINEBAN, UNODA_JOINING),
        sources_17_2=(UNODA_JOINING,),
    ),
    # ACA (found via search): the CCM "enters into force on the first day of the sixth
    # month after the month in which the 30th instrument of ratification has been
    # deposited"; the 30th came on 16 Feb 2010 (facts.md §4.1, CMC). The English text
    # of CCM Art. 17(2) was not retrieved: the same first-day-of-the-sixth-month rule
    # is applied to later deposits and checked against every state-level date in the
    # CSV (see entry_into_force.check_rule); ICBL's Vanuatu item is one such example.
    "ccm": EifRule(
        treaty_in_force=dt.date(2010, 8, 1),
        trigger_deposit=dt.date(2010, 2, 16),
        rule_17_1=(
            "CCM Art. 17(1): an instrument deposited up to the 30th (16 February "
            "2010) takes effect with the Convention on 2010-08-01"
        ),
        rule_17_2=(
            "CCM Art. 17(2) as applied: in force for the State on the first day of "
            "the sixth month after the month in which it deposited its instrument "
            "(English text of Art. 17(2) not retrieved; rule checked against the "
            "state-level dates in the research table)"
        ),
        sources_17_1=(ACA_CCM_2010, CCM_ISU_EIF, UNTC_CCM),
        sources_17_2=(ACA_CCM_2010, ICBL_VANUATU_CCM),
    ),
}
