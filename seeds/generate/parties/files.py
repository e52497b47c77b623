"""The research CSVs per treaty, the sources file written, and the source id
another file defines.
"""

from __future__ import annotations

from typing import Final

CSV_FILES: Final = {"ottawa": "apmbc-parties.csv", "ccm": "ccm-parties.csv"}
SEED_ARTICLE: Final = "seed-article"  # defined in sources/events2025.yaml
OWN_SOURCES_FILE: Final = "parties.yaml"
