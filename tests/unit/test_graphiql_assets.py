"""The committed GraphiQL files are exactly the ones Strawberry's page pins."""

from __future__ import annotations

import json

from httpapi.graphiql import graphiql_html
from httpapi.graphiql_assets import (
    ASSET_DIR,
    ASSET_PATH,
    PACKAGE_DIR,
    assets,
    integrity,
)


def test_every_file_the_page_loads_is_committed_with_the_pages_hash() -> None:
    for path, pinned in assets().items():
        file = ASSET_DIR / path
        assert file.is_file(), f"{path} is missing: run `make graphiql`"
        assert integrity(file.read_bytes()) == pinned, f"{path}: run `make graphiql`"


def test_package_files_pin_exactly_the_versions_the_page_loads() -> None:
    package = json.loads((PACKAGE_DIR / "package.json").read_text())
    lock = json.loads((PACKAGE_DIR / "package-lock.json").read_text())["packages"]
    loaded = {}
    for path in assets():
        match = ASSET_PATH.fullmatch(path)
        assert match is not None
        loaded[match[1]] = match[2]
    assert package["devDependencies"] == loaded
    assert lock[""]["devDependencies"] == loaded
    for name, version in loaded.items():
        assert lock[f"node_modules/{name}"]["version"] == version, name


def test_the_assets_directory_holds_only_the_pages_files_and_their_licences() -> None:
    committed = {
        file.relative_to(ASSET_DIR).as_posix()
        for file in ASSET_DIR.rglob("*")
        if file.is_file() and file.name != "LICENSE"
    }
    assert committed == set(assets())


def test_the_page_references_the_files_on_its_own_origin() -> None:
    html = graphiql_html()
    assert "unpkg.com" not in html
    for path, pinned in assets().items():
        assert f'"/graphiql/assets/{path}"\n      integrity="{pinned}"' in html
