"""The Ottawa Convention and the CCM as written to treaties.yaml (facts.md §1.1,
§1.3, §4.1), with the urls they cite.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from seeds.generate.parties.urls import (
    ACA_CCM_2010,
    ACA_MINEBAN,
    BI_PL_TUSK,
    CCM_ISU_EIF,
    CCM_ISU_HOME,
    CMC_SAMOA_2010,
    CMC_TREATY_STATUS,
    DZU_POL,
    HRW_UKR,
    ICBL_VANUATU_CCM,
    ICRC_EXPLAINED,
    LM_CCM_ISSUE,
    LM_FAQ_JOIN,
    LM_MBT_ISSUE,
    PRAVDA_LTU_CCM_FALL,
    SR_APMBC_ART20,
    SR_CCM_ART20,
    UN_MINEBAN,
    UNODA_JOINING,
    UNTC_CCM,
)

TREATIES: Final[tuple[dict[str, Any], ...]] = (
    {
        "slug": "ottawa",
        "name": "Ottawa Convention",
        "short_name": "APMBC",
        "aliases": [
            "APMBC",
            "Mine Ban Treaty",
            "Ottawa Treaty",
            "Anti-Personnel Mine Ban Convention",
            "Mine Ban Convention",
            "Anti-Personnel Landmines Convention",
        ],
        "full_title": (
            "Convention on the Prohibition of the Use, Stockpiling, Production and "
            "Transfer of Anti-Personnel Mines and on their Destruction"
        ),
        "adopted_on": dt.date(1997, 9, 18),
        "adopted_at": "Oslo",
        "opened_for_signature_on": dt.date(1997, 12, 3),
        "entry_into_force_on": dt.date(1999, 3, 1),
        "depositary": "Secretary-General of the United Nations",
        "signatory_count": 133,
        "entry_into_force_rule": (
            "Art. 17(1): the Convention entered into force on the first day of the "
            "sixth month after the month in which the 40th instrument of ratification, "
            "acceptance, approval or accession was deposited (Burkina Faso, September "
            "1998; in force 1 March 1999). Art. 17(2): for a State depositing later, on "
            "the first day of the sixth month after the date of its deposit."
        ),
        "withdrawal_notice_months": 6,
        "withdrawal_rule": (
            "Art. 20: a State Party gives notice of withdrawal to the UN "
            "Secretary-General (the depositary), the other States Parties and the UN "
            "Security Council, with a full explanation of the reasons (Art. 20(2)). "
            "The withdrawal takes effect six months after the depositary receives the "
            "instrument; if at the end of that period the withdrawing State is engaged "
            "in an armed conflict, it does not take effect before the end of the "
            "conflict (Art. 20(3))."
        ),
        "obligations": (
            "Bans the use, stockpiling, production and transfer of anti-personnel "
            "mines. States Parties must destroy their stockpiles within four years of "
            "entry into force for them (Art. 4), clear mined areas under their "
            "jurisdiction or control within ten years (Art. 5), assist mine victims "
            "(Art. 6) and report annually (Art. 7)."
        ),
        "urls": (
            UN_MINEBAN,
            UNODA_JOINING,
            ACA_MINEBAN,
            LM_FAQ_JOIN,
            ICRC_EXPLAINED,
            HRW_UKR,
            SR_APMBC_ART20,
            DZU_POL,
            LM_MBT_ISSUE,
        ),
        "note": (
            "Concluded at Oslo on 18 September 1997; opened for signature at Ottawa on "
            "3-4 December 1997 (122 States signed there) and then at UN Headquarters "
            "in New York until entry into force; now closed for signature. "
            "Reservations are not allowed. The English text of Art. 20(3) was not "
            "retrieved: the withdrawal rule is taken from the ICRC's 1998 explainer, "
            "HRW's paraphrase and the German text (Swiss SR 0.515.092, Art. 20); "
            "Art. 20(2) from the Polish government statement (Dz.U. 2025 poz. 1514). "
            "Obligations as summarised by Landmine Monitor."
        ),
    },
    {
        "slug": "ccm",
        "name": "Convention on Cluster Munitions",
        "short_name": "CCM",
        "aliases": [
            "CCM",
            "Cluster Munitions Convention",
            "Dublin Convention",
            "cluster bomb ban treaty",
        ],
        "full_title": "Convention on Cluster Munitions",
        "adopted_on": dt.date(2008, 5, 30),
        "adopted_at": "Dublin",
        "opened_for_signature_on": dt.date(2008, 12, 3),
        "entry_into_force_on": dt.date(2010, 8, 1),
        "depositary": "Secretary-General of the United Nations",
        "signatory_count": 108,
        "entry_into_force_rule": (
            "Art. 17(1): the Convention entered into force on the first day of the "
            "sixth month after the month in which the 30th instrument of ratification "
            "was deposited (16 February 2010; in force 1 August 2010). For a State "
            "depositing later, the first day of the sixth month after its deposit "
            "(Art. 17(2); its English text was not retrieved, e.g. Vanuatu deposited "
            "5 September 2025 and is bound from 1 March 2026)."
        ),
        "withdrawal_notice_months": 6,
        "withdrawal_rule": (
            "Art. 20: a withdrawal takes effect six months after the depositary (the "
            "UN Secretary-General) receives the instrument of withdrawal, with a "
            "proviso for a withdrawing State engaged in an armed conflict. The English "
            "text of Art. 20 was not retrieved; the French text (Swiss SR 0.515.093): "
            "'Le retrait ne prend effet que six mois après réception de l'instrument de "
            "retrait par le Dépositaire.'"
        ),
        "obligations": (
            "Bans the use, production, stockpiling and transfer of cluster munitions; "
            "requires destruction of stockpiles within eight years, clearance of "
            "contaminated land within ten years, and assistance to victims."
        ),
        "urls": (
            LM_CCM_ISSUE,
            CMC_TREATY_STATUS,
            CCM_ISU_EIF,
            CCM_ISU_HOME,
            UNTC_CCM,
            ACA_CCM_2010,
            ICBL_VANUATU_CCM,
            SR_CCM_ART20,
            PRAVDA_LTU_CCM_FALL,
            CMC_SAMOA_2010,
            BI_PL_TUSK,
        ),
        "note": (
            "Adopted in Dublin by 107 states on 30 May 2008; opened for signature in "
            "Oslo on 3 December 2008 (94 states signed that day), then at UN "
            "Headquarters in New York until entry into force. The signatory count is "
            "the UN Treaty Collection's ('Signatories108Parties112'). SR 0.515.093 is "
            "believed, not confirmed, to be the CCM. Lithuania's withdrawal (notified "
            "'in the fall' of 2024, effective 6 March 2025) is the first from the CCM. "
            "Obligations as summarised by the Cluster Munition Coalition (2010). The "
            "alias 'Dublin Convention' follows Polish usage ('konwencja dublińska', "
            "Business Insider Polska quoting Donald Tusk); 'cluster bomb ban treaty' "
            "is the CMC's."
        ),
    },
)
