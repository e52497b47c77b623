"""Generate ``seeds/data/countries.yaml`` and ``seeds/data/borders.yaml``.

Run from the repository root::

    python -m seeds.generate.countries

Machine-read facts (ISO codes, names, native names, alternative spellings, region,
subregion and land borders) come from the ``countryinfo`` package (pinned in
pyproject.toml). Everything decided by hand -- which states exist for this graph,
their UN status, the names we display and the fixes to the package's data -- is a
commented constant in a table module that holds only data (``states``, ``names``,
``border_fixes``; ``sources`` and ``words``), so a re-run is deterministic and every
deviation from the dataset is visible in one place. Source ids refer to
``seeds/data/sources/geo.yaml``.

The code: ``dataset`` (reading countryinfo), ``spellings`` (scripts, formal names,
ASCII folds), ``country`` (one country record), ``borders`` (the border pairs),
``writing`` and ``cli``.
"""
