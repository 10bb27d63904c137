"""Speed work never changes what is extracted: the events files of the seeds and of a synthetic corpus
are pinned by their SHA-256.

A change to the rules that alters them on purpose updates the digests here, and its commit says why
and what changed (``make eval`` before and after). A speed change must leave them as they are.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from frontlines.events import write_events
from frontlines.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth

#: SHA-256 of the events.csv that ``extract`` gives for the seeds (13 events).
SEEDS_DIGEST = "fc2f17ca2e4b7215018fceb052bde26cd86357aa9d314a5792e9c5f7f6fad512"
#: ... and for the 200 synthetic articles of seed 11 (1,290 events, 78 of them flagged ``far_namesake``: the
#: generator puts villages of anywhere beside each other), with one job and with two.
SYNTHETIC_DIGEST = "e346d890d0b5773376e5816c3f04f09ec787cecf5d037a9103a7e4826b22580e"


def _digest(corpus: Path, out: Path, jobs: int = 1) -> str:
    write_events(extract(corpus, jobs=jobs).events, out)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def test_the_seeds_give_the_pinned_events(tmp_path: Path, seeds_dir: Path) -> None:
    assert _digest(seeds_dir, tmp_path / "events.csv") == SEEDS_DIGEST


def test_a_synthetic_corpus_gives_the_pinned_events_with_one_job_and_two(tmp_path: Path) -> None:
    corpus = synth.write_corpus(tmp_path / "corpus", 200, seed=11)
    assert _digest(corpus, tmp_path / "one.csv") == SYNTHETIC_DIGEST
    assert _digest(corpus, tmp_path / "two.csv", jobs=2) == SYNTHETIC_DIGEST


def _compiled_digest(python: Path, corpus: Path, out: Path, *options: str) -> str:
    frontlines = str(python.with_name("frontlines"))
    subprocess.run(
        [frontlines, "extract", str(corpus), "--out", str(out), *options], check=True, capture_output=True
    )
    return hashlib.sha256(out.read_bytes()).hexdigest()


def test_the_compiled_build_compiles_the_hot_modules(compiled_python: Path) -> None:
    code = "import frontlines.events.extract as m, frontlines.mentions as n; print(m.__file__, n.__file__)"
    files = subprocess.run([str(compiled_python), "-c", code], check=True, capture_output=True, text=True)
    assert all(Path(f).suffix == ".so" for f in files.stdout.split())


def test_the_compiled_build_gives_the_pinned_events(
    tmp_path: Path, seeds_dir: Path, compiled_python: Path
) -> None:
    corpus = synth.write_corpus(tmp_path / "corpus", 200, seed=11)
    assert _compiled_digest(compiled_python, seeds_dir, tmp_path / "seeds.csv") == SEEDS_DIGEST
    assert _compiled_digest(compiled_python, corpus, tmp_path / "one.csv") == SYNTHETIC_DIGEST
    assert _compiled_digest(compiled_python, corpus, tmp_path / "two.csv", "--jobs", "2") == SYNTHETIC_DIGEST
