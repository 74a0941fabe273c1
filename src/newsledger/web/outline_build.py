"""Build the offline world outline the UI draws event maps on.

Source: Natural Earth 1:110m admin-0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as shipped in the
``naturalearth_lowres`` shapefile of geopandas 0.14 (``pip download
geopandas==0.14.4 --no-deps`` and unzip). Reproduce with::

    python -m newsledger.web.outline_build path/to/naturalearth_lowres.shp

The output (``static/world-110m.json``) is a list of countries, each
``{"iso": ISO3, "name": ..., "rings": [[[lon, lat], ...], ...]}`` with
coordinates rounded to :data:`DECIMALS` and near-duplicate points dropped, so
it stays well under 1 MB. No shapefile library is needed: the two formats are
read with ``struct`` here.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

# 0.1 degree (~11 km) is finer than one pixel of a 900 px world map and of the
# zoomed story maps (a country-scale view spans ~10 degrees over ~900 px);
# it keeps the file at ~200 KB.
DECIMALS = 1

OUT = Path(__file__).parent / "static" / "world-110m.json"


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        at, row = 1, {}
        for name, length in fields:
            row[name] = rec[at : at + length].decode("utf-8", "replace").strip()
            at += length
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts])) + [n_points]
        at = 44 + 4 * n_parts
        pts = struct.unpack(f"<{2 * n_points}d", content[at : at + 16 * n_points])
        shapes.append(
            [[(pts[2 * j], pts[2 * j + 1]) for j in range(parts[k], parts[k + 1])] for k in range(n_parts)]
        )
    return shapes


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        p = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 4 else []


def build(shp: Path, out: Path = OUT) -> int:
    names = read_dbf(shp.with_suffix(".dbf"))
    countries = []
    for row, rings in zip(names, read_polygons(shp)):
        kept = [r for r in (simplify(ring) for ring in rings) if r]
        if kept:
            countries.append({"iso": row.get("iso_a3", ""), "name": row.get("name", ""), "rings": kept})
    out.write_text(json.dumps(countries, separators=(",", ":")), encoding="utf-8")
    return out.stat().st_size


if __name__ == "__main__":
    print(f"wrote {OUT} ({build(Path(sys.argv[1]))} bytes)")
