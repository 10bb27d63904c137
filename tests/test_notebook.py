"""The notebook API and the example notebook in docs/, executed so that it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import frontlines

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_example_notebook_runs(tmp_path: Path) -> None:
    notebook = nbformat.read(DOCS / "notebook.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o["data"].get("text/html", "") for o in outputs if o.output_type == "execute_result"]
    assert any("<iframe srcdoc=" in h and "Control on" in h for h in shown)  # the snapshot shows itself
    assert any("Saraqib" in h and "<table" in h for h in shown)


def test_the_api_is_lazy_and_timeline_is_both(tmp_path: Path) -> None:
    import subprocess

    code = "import sys, frontlines; print('geopandas' in sys.modules, 'folium' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        == "False False\n"
    )
    from frontlines.timeline import build_timeline

    assert callable(frontlines.timeline) and frontlines.timeline.build_timeline is build_timeline


def test_maps_save_and_show(seeds_dir: Path, tmp_path: Path) -> None:
    events = frontlines.extract(seeds_dir)
    snapshot = frontlines.snapshot(events, "2020-02-27", tiles="none")
    saved = snapshot.save(tmp_path / "snapshot.html")
    assert saved.read_text(encoding="utf-8") == snapshot.html and "&lt;" in snapshot._repr_html_()
    assert frontlines.timeline(events, tiles="none").html.count("<html") == 1
    frame = frontlines.state_on(events, "2020-02-27")
    assert (
        frame.crs.to_epsg() == 4326 and frame.set_index("place_id").loc["C3916", "controller"] == "opposition"
    )
