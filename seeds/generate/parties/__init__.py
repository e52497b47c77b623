"""Generate the treaty and treaty-party seed files from the research tables.

Run from the repository root (re-runnable; it overwrites its own outputs only)::

    python -m seeds.generate.parties [RESEARCH_DIR] [--out seeds/data]

It reads ``apmbc-parties.csv`` and ``ccm-parties.csv`` from RESEARCH_DIR (default
``../shared/research``) and writes, under ``--out``:

- ``treaty_events.yaml``: one record per (treaty, country, kind);
- ``treaties.yaml``: the Ottawa Convention (``ottawa``) and the CCM (``ccm``);
- ``sources/parties.yaml``: every source those records cite, except ids that another
  ``sources/*.yaml`` file already defines for the same url (those are reused, so a
  url is never listed twice) and ``seed-article`` (defined in
  ``sources/events2025.yaml``);
- ``claims/parties.yaml``: the competing values where sources disagree.

Everything that is not in the CSVs is a commented constant, with its source, in a
table module that holds only data:

- ``urls``: the source urls; ``hosts``: publisher, kind and id prefix by host;
  ``source_meta``: hand-set ids, titles and notes of single urls;
- ``facts``: dates read in a source, per state; ``fixes``: replaced dates, dropped
  citations, the seed article's events, extra notes; ``extra_events``: events that
  are not CSV rows; ``conflicts``: competing dates;
- ``eif_rules``: each treaty's Art. 17 rule; ``treaties`` and ``treaty_claims``;
  ``kinds`` and ``files``: event kinds, the files read and written.

The code: ``shapes`` (the tables' record types), ``rows`` (reading the CSVs),
``events`` and ``passes`` (building the events), ``eif_rule`` and
``entry_into_force`` (Art. 17), ``source_ids``, ``records`` (treaties and claims),
``writing``, ``report`` and ``cli``.

Values computed by a rule (an entry-into-force date from a deposit date) carry
``derived`` and cite the source of the rule. Re-run after ``sources/events2025.yaml``
changes, so that shared urls keep a single id.
"""
