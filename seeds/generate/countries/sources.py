"""Source ids the country and border records cite (defined in
seeds/data/sources/geo.yaml).
"""

from __future__ import annotations

from typing import Final

SRC_DATASET: Final = "countryinfo-1-0-1"
SRC_UN_MEMBERS: Final = "un-library-unmembers"
SRC_UN_OBSERVERS: Final = "un-library-observers"
SRC_UN_LIST: Final = "wiki2-un-member-states"
SRC_NEWSWEEK_RUSSIA: Final = "newsweek-alliansfriheten-russia-border"
SRC_BELARUS_BORDERS: Final = "barrysborderpoints-belarus"
SRC_KALININGRAD: Final = "wapo-wabnews-kaliningrad"
SRC_KUWAIT_BORDERS: Final = "kuwait-egov-geography"
SRC_CHAD_BORDERS: Final = "worldatlas-chad-borders"
SRC_INDIA_SRI_LANKA: Final = "state-dept-lis-77-india-sri-lanka"
SRC_INDIA_MARITIME: Final = "idsa-1999-india-maritime-boundaries"
