"""Publisher, kind and id prefix of a source, by the host (and path) of its url.

The first entry whose ``match`` the url contains wins, so narrower entries come
before broader ones (``un.org`` last).
"""

from __future__ import annotations

from typing import Final

from seeds.generate.parties.shapes import Host

HOSTS: Final[tuple[Host, ...]] = (
    Host("the-monitor.org", "Landmine Monitor", "ngo", "lm"),
    Host("treaties.un.org", "UN Treaty Collection", "depositary", "untc"),
    Host("disarmament.un.org", "UNODA", "official", "unoda"),
    Host("disarmament.unoda.org", "UNODA", "official", "unoda"),
    Host("un.org/disarmament", "UNODA", "official", "unoda"),
    Host(
        "legal.un.org",
        "UN Audiovisual Library of International Law",
        "reference",
        "un-avl",
    ),
    Host("un-ilibrary.org", "UNODA (UN iLibrary)", "official", "unoda"),
    Host("officielebekendmakingen.nl", "Dutch Tractatenblad", "official", "trb"),
    Host("icblcmc.org", "ICBL", "ngo", "icbl"),
    Host("icbl.org", "ICBL", "ngo", "icbl"),
    Host("stopclustermunitions.org", "Cluster Munition Coalition", "ngo", "cmc"),
    Host(
        "clusterconvention.org",
        "CCM Implementation Support Unit",
        "official",
        "ccm-isu",
    ),
    Host(
        "apminebanconvention.org",
        "APMBC Implementation Support Unit",
        "official",
        "apmbc-isu",
    ),
    Host("hrw.org", "Human Rights Watch", "ngo", "hrw"),
    Host(
        "paclii.org",
        "PacLII (Pacific Islands Treaty Series)",
        "dataset",
        "paclii",
        "medium: regional treaty-status table, last updated by PacLII 5/5/2006",
    ),
    Host(
        "github.com/ikethepike/mondiale",
        "mondiale (GitHub dataset derived from the UN Treaty Collection)",
        "dataset",
        "mondiale",
        "medium: third-party dataset derived from UN Treaty Collection data; gives "
        "membership and joining years only",
    ),
    Host(
        "nhrclb.org",
        "National Human Rights Commission of Lebanon",
        "official",
        "nhrclb",
    ),
    Host("adaderana.lk", "Ada Derana", "news", "adaderana"),
    Host(
        "genevapm.dfa.gov.ph",
        "Permanent Mission of the Philippines, Geneva",
        "official",
        "genevapm-ph",
    ),
    Host(
        "news-pravda.com",
        "Pravda network",
        "aggregator",
        "pravda",
        "low: Pravda-network aggregator",
    ),
    Host(
        "blogspot.com",
        "Blogspot blog",
        "aggregator",
        "blog",
        "low: personal blog reproducing a CMC list",
    ),
    Host("matangitonga.to", "Matangi Tonga", "news", "matangi-tonga"),
    Host("delfi.lt", "Delfi", "news", "delfi"),
    Host("tolerance.ca", "Tolerance.ca", "news", "tolerance"),
    Host("report.az", "Report.az", "news", "reportaz"),
    Host("armscontrol.org", "Arms Control Association", "ngo", "aca"),
    Host("nzdl.org", "ICRC (via New Zealand Digital Library)", "reference", "icrc"),
    Host(
        "droit-bilingue.ch",
        "droit-bilingue.ch (Swiss Classified Compilation)",
        "treaty-text",
        "sr",
    ),
    Host("gamereactor.eu", "Gamereactor", "news", "gamereactor"),
    Host("infor.pl", "Dziennik Ustaw (via infor.pl)", "official", "dzu"),
    Host("maginternational.org", "MAG (Mines Advisory Group)", "ngo", "mag"),
    Host("newszop.com", "Free Press Journal (via newszop)", "aggregator", "newszop"),
    Host(
        "feedman.me",
        "feedman.me",
        "aggregator",
        "feedman",
        "mirror of a Human Rights Watch release",
    ),
    Host(
        "oszar.com",
        "Trend (via proxy mirror)",
        "news",
        "trend",
        "proxy mirror of en.trend.az",
    ),
    Host("dma.gov.iq", "Directorate of Mine Action, Iraq", "official", "iraq-dma"),
    Host("un.org", "United Nations", "official", "un"),
)
