"""Start-up stays light: `--help` imports no library of the pipeline; `resolve`, `extract` to CSV no map stack.

Speed itself is measured by `make bench` (frontlines --help); this checks the imports that decide it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_PROBE = r"""
import sys
from frontlines.cli import app
try:
    app(sys.argv[1:], prog_name="frontlines")
except SystemExit:
    pass
print("\nloaded:", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in {"geopandas", "pandas", "folium", "playwright",
      "shapely", "numpy", "geopy", "rapidfuzz", "ahocorasick_rs", "dask", "branca"} or m == "frontlines.pipeline")))
"""


def _heavy_imports(*args: str, cache: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True, cwd=ROOT,
        env={"FRONTLINES_CACHE": cache, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    loaded = out.stdout.rsplit("\nloaded:", 1)[1].split()
    return {m.split(".")[0] if m != "frontlines.pipeline" else m for m in loaded}


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["gazetteer", "--help"]])
def test_help_imports_nothing_heavy(args: list[str], tmp_path) -> None:
    assert _heavy_imports(*args, cache=str(tmp_path)) == set()


def test_resolve_imports_no_map_or_frame_library(tmp_path) -> None:
    loaded = _heavy_imports("resolve", "Saraqeb", "--json", cache=str(tmp_path))
    assert "frontlines.pipeline" in loaded  # the probe sees what the command really ran
    assert not loaded & {"geopandas", "pandas", "folium", "playwright", "branca", "dask"}


def test_extract_to_csv_imports_no_map_or_frame_library(tmp_path, seeds_dir) -> None:
    out = tmp_path / "events.csv"
    loaded = _heavy_imports("extract", str(seeds_dir), "--out", str(out), cache=str(tmp_path / "cache"))
    assert "frontlines.pipeline" in loaded and out.stat().st_size > 0
    assert not loaded & {"geopandas", "pandas", "folium", "playwright", "branca", "dask"}
