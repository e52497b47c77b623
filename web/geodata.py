"""Generate ``web/geo/countries.geojson``, the explorer's country shapes.

Run from the repository root (``make geo``)::

    npm ci --prefix web && python -m web.geodata

Shapes come from the ``countryinfo`` package (a dev dependency; Natural Earth
1:110m outlines). It has none for 35 of the graph's states (Hungary, Serbia,
Myanmar, Montenegro, most island states), so those are taken from the
``world-countries`` npm package (pinned in web/package-lock.json, ODbL), which is
more detailed and is therefore simplified harder. Coordinates are rounded to 0.01°
so the file stays small; it is committed, so the API never needs either package.

Each feature's ``id`` is the ISO alpha-3 code that ``Country.iso3`` uses;
``properties.state`` is false for territories the graph has no record for (Greenland,
Taiwan, Western Sahara …), which the page draws without a treaty status.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, Final

import yaml
from countryinfo import CountryInfo

ROOT: Final = Path(__file__).resolve().parents[1]
OUT_FILE: Final = ROOT / "web" / "geo" / "countries.geojson"
COUNTRIES_YAML: Final = ROOT / "seeds" / "data" / "countries.yaml"
WORLD_COUNTRIES: Final = ROOT / "web" / "node_modules" / "world-countries" / "data"

# Degrees: Douglas-Peucker tolerance per source (the npm outlines are ~10x denser).
TOLERANCE: Final = {"countryinfo": 0.02, "world-countries": 0.08}
DECIMALS: Final = 2
# Antarctica is cut: the map stops at 60°S and no treaty record concerns it.
DROPPED: Final = frozenset({"ATA"})

Point = tuple[float, float]
Ring = list[Point]


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = first, 0.0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(raw: list[list[float]], tolerance: float) -> list[list[float]] | None:
    points: Ring = [(float(x), float(y)) for x, y, *_ in raw]
    # A closed ring's first and last points coincide; split it so DP has a chord.
    half = len(points) // 2
    simple = simplify(points[: half + 1], tolerance)[:-1] + simplify(
        points[half:], tolerance
    )
    rounded: list[list[float]] = []
    for x, y in simple:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) < 4:
        return None
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry {geometry['type']}")


def simplified(geometries: list[dict[str, Any]], tolerance: float) -> dict[str, Any]:
    """One MultiPolygon from the source geometries; tiny islands collapse and go,
    but a state whose every ring collapses keeps its largest at full detail."""
    polygons: list[list[list[list[float]]]] = []
    largest: tuple[int, list[list[float]]] | None = None
    for geometry in geometries:
        for polygon in _polygons(geometry):
            outer = _ring(polygon[0], tolerance)
            if largest is None or len(polygon[0]) > largest[0]:
                largest = (len(polygon[0]), polygon[0])
            if outer is None:
                continue
            holes = [h for h in (_ring(r, tolerance) for r in polygon[1:]) if h]
            polygons.append([outer, *holes])
    if not polygons and largest is not None:
        ring = _ring(largest[1], 0.0)
        polygons = [[ring]] if ring else []
    return {"type": "MultiPolygon", "coordinates": polygons}


def countryinfo_shapes() -> dict[str, list[dict[str, Any]]]:
    """Geometries by ISO alpha-3, from every countryinfo record (it has duplicates)."""
    shapes: dict[str, list[dict[str, Any]]] = {}
    for record in CountryInfo.all().values():
        for feature in (record.get("geoJSON") or {}).get("features", []):
            iso3 = str(feature.get("id") or "")
            if len(iso3) == 3 and iso3 not in shapes:
                shapes[iso3] = [feature["geometry"]]
    return shapes


def world_countries_shape(iso3: str) -> list[dict[str, Any]] | None:
    path = WORLD_COUNTRIES / f"{iso3.lower()}.geo.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return [feature["geometry"] for feature in data["features"]]


def build() -> tuple[dict[str, Any], list[str]]:
    states = {
        str(c["iso3"]): str(c["name"])
        for c in yaml.safe_load(COUNTRIES_YAML.read_text(encoding="utf-8"))
    }
    primary = countryinfo_shapes()
    if not WORLD_COUNTRIES.is_dir():
        raise SystemExit(f"{WORLD_COUNTRIES} is missing: run `npm ci --prefix web`")
    features: list[dict[str, Any]] = []
    log: list[str] = []
    for iso3 in sorted(set(states) | set(primary)):
        if iso3 in DROPPED:
            continue
        source = "countryinfo"
        geometries = primary.get(iso3)
        if geometries is None:
            source = "world-countries"
            geometries = world_countries_shape(iso3)
            log.append(f"{iso3}: from world-countries")
        if geometries is None:
            raise SystemExit(f"no shape for state {iso3} in either source")
        geometry = simplified(geometries, TOLERANCE[source])
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {
                    "name": states.get(iso3) or _countryinfo_name(iso3),
                    "state": iso3 in states,
                    "source": source,
                },
                "geometry": geometry,
            }
        )
    collection = {
        "type": "FeatureCollection",
        "attribution": (
            "Outlines: countryinfo 1.0.1 (Natural Earth, public domain); "
            "world-countries 5.1.0 (ODbL) for states countryinfo lacks."
        ),
        "features": features,
    }
    return collection, log


def _countryinfo_name(iso3: str) -> str:
    for record in CountryInfo.all().values():
        if (record.get("ISO") or {}).get("alpha3") == iso3:
            return str(record.get("name") or iso3).title()
    return iso3


def main() -> None:
    collection, log = build()
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    OUT_FILE.write_text(text + "\n", encoding="utf-8")
    out = sys.stdout
    count = len(collection["features"])
    out.write(f"{OUT_FILE.relative_to(ROOT)}: {count} features, {len(text)} bytes\n")
    for line in log:
        out.write(f"  {line}\n")


if __name__ == "__main__":
    main()
