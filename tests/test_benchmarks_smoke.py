"""The benchmark inputs are deterministic and ``benchmarks/run.py`` prints its documented format.

No timing is asserted here: speed figures come from ``make bench``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth

#: ``name  value unit  (baseline/floor: value unit, ratio x.xx)  [target ...: PASS|MISS]``
FIGURE = re.compile(
    r"^(?P<name>\S.*?)\s{2,}(?P<value>-?[\d.]+(?:e-?\d+)?) (?P<unit>\S+)\s+"
    r"\((?:baseline/floor: none|[^:()]+: -?[\d.]+(?:e-?\d+)? \S+(?:, ratio [\d.]+)?)\)"
    r"(?:  target .+: (?:PASS|MISS))?$"
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_a_byte_identical_corpus(tmp_path):
    pool = synth.place_pool()
    a = _files(synth.write_corpus(tmp_path / "a", 25, seed=5, pool=pool))
    b = _files(synth.write_corpus(tmp_path / "b", 25, seed=5, pool=pool))
    assert a == b and len(a) == 26 and "manifest.csv" in a
    assert a != _files(synth.write_corpus(tmp_path / "c", 25, seed=6, pool=pool))
    sizes = [len(v) for k, v in a.items() if k.endswith(".txt")]
    assert min(sizes) > 1500 and max(sizes) < 4500
    assert a["manifest.csv"].decode().splitlines()[0] == "file,outlet,headline,published,url"
    texts = synth.corpus_texts(25, seed=5, pool=pool)
    assert [t.encode() for t in texts] == [a[f"{i:06d}.txt"] for i in range(25)]


def test_run_quick_scan_prints_figures_in_the_documented_format():
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "scan"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    figures = [line for line in out.stdout.splitlines() if line and not line.startswith("#")]
    assert figures, out.stdout
    for line in figures:
        assert FIGURE.match(line), line
    assert any(line.startswith("scan ") and "floor lower+count" in line for line in figures)
