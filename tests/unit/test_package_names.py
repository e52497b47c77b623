"""Our top-level packages must not be shadowed by (or shadow) PyPI packages."""

import importlib
import importlib.metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["schema", "resolvers", "graph", "seeds"])
def test_package_is_ours_and_no_distribution_provides_it(name: str) -> None:
    providers = importlib.metadata.packages_distributions().get(name, [])
    assert set(providers) <= {"treatygraph"}, providers
    module = importlib.import_module(name)
    assert Path(module.__file__ or "").resolve().is_relative_to(REPO)
