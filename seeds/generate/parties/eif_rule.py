"""The Art. 17 entry-into-force rule: an early instrument takes effect with the
treaty, a later one on the first day of the sixth month after its deposit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def first_of_sixth_month(deposit: dt.date) -> dt.date:
    """First day of the sixth month after the month of deposit."""
    months = deposit.year * 12 + deposit.month - 1 + 6
    return dt.date(months // 12, months % 12 + 1, 1)


@dataclass(frozen=True)
class EifRule:
    treaty_in_force: dt.date  # the treaty's own entry into force
    trigger_deposit: dt.date  # the instrument that triggered it (40th / 30th)
    rule_17_1: str
    rule_17_2: str
    sources_17_1: tuple[str, ...]
    sources_17_2: tuple[str, ...]

    def apply(self, deposit: dt.date) -> tuple[dt.date, str, tuple[str, ...]]:
        if deposit <= self.trigger_deposit:
            return self.treaty_in_force, self.rule_17_1, self.sources_17_1
        date = max(self.treaty_in_force, first_of_sixth_month(deposit))
        return date, self.rule_17_2, self.sources_17_2
