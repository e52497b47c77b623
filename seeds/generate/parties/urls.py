"""Source urls the curated tables cite.

All were read in ../shared/research/facts.md (beside the repository) unless marked
"found via search": those were read in the stored-pages corpus while writing this
generator.
"""

from __future__ import annotations

from typing import Final

UNODA_JOINING: Final = "https://disarmament.unoda.org/anti-personnel-landmines-convention/joining-the-mine-ban-convention"
UN_MINEBAN: Final = "http://www.un.org/disarmament/convarms/landmines/mineban/"
ACA_MINEBAN: Final = "http://www.armscontrol.org/treaties/mineban"
ICRC_EXPLAINED: Final = "https://www.nzdl.org/cgi-bin/library?e=d-00000-00---off-0aedl--00-0----0-10-0---0---0direct-10---4-------0-1l--11-en-50---20-help---00-0-1-00-0-0-11-1-0utfZz-8-00&a=d&c=aedl&cl=CL2.2.6&d=HASHe3388f99ca8a6e2a103f87.4.8"
SR_APMBC_ART20: Final = "https://droit-bilingue.ch/de-it/0.5/0.51/0.515.092-20-23.html"
UN_AVL_APMBC: Final = "http://legal.un.org/avl/ha/cpusptam/cpusptam.html"
UNODA_OP34: Final = (
    "https://www.un-ilibrary.org/disarmament/unoda-occasional-papers-no-34_e0cb5613-en"
)
LM_FAQ_JOIN: Final = "http://www.the-monitor.org/en-gb/the-issues/faqs/mine-ban-treaty/how-does-a-country-join-the-mine-ban-treaty.aspx"
LM_MBT_ISSUE: Final = (
    "http://archives.the-monitor.org/index.php/LM/The-Issues/Mine-Ban-Treaty"
)
LM_CCM_ISSUE: Final = "http://archives.the-monitor.org/index.php/LM/The-Issues/Convention-on-Cluster-Munitions"
CMC_TREATY_STATUS: Final = "http://www.stopclustermunitions.org/treatystatus/"
CCM_ISU_EIF: Final = "https://www.clusterconvention.org/events/12th-anniversary-of-entry-into-force-of-the-convention/"
CCM_ISU_HOME: Final = "https://clusterconvention.org"
UNTC_CCM: Final = "http://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-6.en.xml"
ACA_CCM_2010: Final = (
    "https://www.armscontrol.org/act/2010-03/cluster-convention-set-enter-into-force"
)
CMC_SAMOA_2010: Final = "http://stopclustermunitions.org/en-gb/media/news/2010/samoa-ratifies-cluster-bomb-ban-treaty.aspx"
SR_CCM_ART20: Final = "https://droit-bilingue.ch/fr-it/0.5/0.51/0.515.093-20-23.html"
ICBL_VANUATU_CCM: Final = "https://icblcmc.org/our-impact/vanuatu-becomes-the-112th-state-party-to-the-convention-on-cluster-munitions"
PRAVDA_LTU_CCM_FALL: Final = (
    "https://lithuania.news-pravda.com/en/world/2025/03/06/7354.html"
)
PH_13MSP_LTU: Final = "https://genevapm.dfa.gov.ph/philippine-mission-s-press-releases/1148-philippines-regrets-lithuanian-departure-from-cluster-munitions-treaty"
HRW_UKR: Final = (
    "https://www.hrw.org/news/2025/07/24/ukraine-suspends-vital-mine-ban-treaty"
)
ICBL_UKR: Final = "https://icblcmc.org/our-impact/icbl-statement-on-ukraines-attempt-to-withdraw-from-the-mine-ban-treaty"
ICBL_BALTIC: Final = "https://www.icblcmc.org/our-impact/nobel-peace-prize-winner-denounces-baltic-countries-official-announcement-of-withdrawal-from-life-saving-landmine-ban-treaty"
HRW_BALTIC_MIRROR: Final = "https://feedman.me/posts/zdC29"
BUDRYS_NEWSZOP: Final = "https://9014.read.newszop.com/english-news/publisher-freepressjournal/top-news/lithuania,-latvia--estonia-officially-submit-withdrawal-notices-from-ottawa-convention-to-united-nations/articleshow/14504820d2692c41b094f93b331b8d0ebcc72054"
ICBL_FIN_EFFECTIVE: Final = "https://icblcmc.org/our-impact/icbl-statement-on-finlands-withdrawal-from-the-mine-ban-treaty"
MAG_2025_12_27: Final = "https://www.maginternational.org/whats-happening/mag-statement-official-withdrawal-ottawa-treaty"
REPORTAZ_LVA: Final = "https://report.az/en/other-countries/latvia-withdraws-from-convention-banning-anti-personnel-mines"
TREND_EST: Final = "https://i656eo7472656e64o617az.oszar.com/baltics/4063500.html"
GAMEREACTOR_FIN: Final = "https://www.gamereactor.eu/finland-informs-un-about-exit-from-landmine-ban-treaty-1571813/"
DZU_POL: Final = "https://www.infor.pl/akt-prawny/DZU.2025.308.0001514,oswiadczenie-rzadowe-o-utracie-mocy-obowiazujacej-w-stosunku-do-rzeczypospolitej-polskiej-konwencji-o-zakazie-uzycia-skladowania-produkcji-i-przekazywania-min-przeciwpiechotnych-oraz-o-ich-zniszczeniu.html"
ICBL_POL_NOTIFIED: Final = "https://icblcmc.org/our-impact/civilians-will-pay-the-heavy-price-of-polands-withdrawal-from-the-mine-ban-treaty-warns-nobel-peace-prize-laureate"
ICBL_POL_EFFECTIVE: Final = "https://icblcmc.org/our-impact/polands-withdrawal-from-the-mine-ban-treaty-takes-legal-effect-nobel-peace-prize-laureate-urges-do-not-produce-do-not-use"
MATANGI_TONGA: Final = "https://matangitonga.to/2025/12/09/tonga-becomes-166th-state-party-anti-personnel-mine-ban-convention"
DELFI_2025_03_18: Final = "https://www.delfi.lt/en/politics/baltics-poland-announce-plans-to-leave-mine-ban-treaty-120094655"
TOLERANCE_FIN: Final = "https://www.tolerance.ca/Article.aspx?ID=137876&L=en"
NHRC_LEBANON: Final = "https://nhrclb.org/en?p=4309"
# Business Insider Polska (facts.md §4.3): Tusk, "być może z konwencji dublińskiej".
BI_PL_TUSK: Final = "https://businessinsider.com.pl/wiadomosci/premier-zapowiada-wazny-ruch-polski-chodzi-o-dwie-konwencje-dot-uzycia-broni/5myk25b"
DUTCH_TRB: Final = "https://zoek.officielebekendmakingen.nl/trb-2003-112.html"
PACLII_APMBC: Final = "http://www.paclii.org/pits/en/status_pages/1997-8.html"
UNODA_GBR: Final = "http://disarmament.un.org/treaties/a/mine_ban/unitedkingdomofgreatbritainandnorthernireland/rat/un"
# The research note names the ISU page only as "apminebanconvention.org/en/membership/
# united-kingdom"; scheme, "www." and trailing slash follow the other ISU urls in
# apmbc-parties.csv (e.g. https://www.apminebanconvention.org/en/membership/france/).
ISU_GBR: Final = "https://www.apminebanconvention.org/en/membership/united-kingdom/"
CMM_2016_STATUS: Final = "https://archives2.the-monitor.org/en-gb/reports/2016/cluster-munition-monitor-2016/status-of-the-convention.aspx"
# Found via search (stored-pages corpus):
LM_2020_AGO: Final = (
    "http://www.the-monitor.org/en-gb/reports/2020/angola/mine-ban-policy.aspx"
)
HRW_2002_UPDATE: Final = "https://www.hrw.org/news/2002/08/01/landmines-update"
LM_2020_ARG: Final = (
    "http://www.the-monitor.org/en-gb/reports/2020/argentina/mine-ban-policy.aspx"
)
LM_2011_ARG: Final = (
    "http://archives.the-monitor.org/index.php/cp/display/region_profiles/theme/3239"
)
LM_2023_AUS: Final = (
    "https://www.the-monitor.org/en-gb/reports/2023/australia/mine-ban-policy.aspx"
)
LM_2023_BGD: Final = (
    "https://the-monitor.org/en-gb/reports/2023/bangladesh/mine-ban-policy.aspx"
)
LM_2000_BHS: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2000/bahamas.html"
LM_2004_FJI: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2004/fiji.html"
LM_2011_KIR: Final = (
    "http://archives.the-monitor.org/custom/index.php/region_profiles/print_profile/917"
)
LM_2011_NRU: Final = (
    "http://archives.the-monitor.org/custom/index.php/region_profiles/print_profile/951"
)
LM_2011_PNG: Final = (
    "http://archives.the-monitor.org/custom/index.php/region_profiles/print_profile/965"
)
LM_2004_WSM: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2004/samoa.html"
LM_2022_SLB: Final = "https://www.the-monitor.org//en-gb/reports/2022/solomon-islands/mine-ban-policy.aspx"
LM_2022_VUT: Final = (
    "https://archives2.the-monitor.org/en-gb/reports/2022/vanuatu/mine-ban-policy.aspx"
)
LM_2005_VUT: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2005/vanuatu.html"
LM_1999_LTU: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/1999/lithuania.html"
LM_2000_LTU: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2000/lithuania.html"
LM_2023_LTU: Final = (
    "https://www.the-monitor.org/en-gb/reports/2023/lithuania/mine-ban-policy.aspx"
)
LM_2003_LTU: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2003/lithuania.html"
LM_2000_LUX: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2000/luxembourg.html"
LM_2023_MYS: Final = (
    "https://www.the-monitor.org/en-gb/reports/2023/malaysia/mine-ban-policy.aspx"
)
LM_2000_MYS: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/2000/malaysia.html"
LM_1999_GRC: Final = "http://archives.the-monitor.org/index.php/publications/display?url=lm/1999/greece.html"
IRAQ_DMA_CCM: Final = "https://dma.gov.iq/en-US/Pages/Details/15"
CMC_2009_IRQ: Final = "https://www.stopclustermunitions.org/en-gb/media/news/2009/iraq-signs-cluster-munition-ban-treaty.aspx"
