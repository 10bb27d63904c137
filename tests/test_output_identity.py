"""Speed work never changes what is extracted: the events files of the seeds and of a synthetic corpus
are pinned by their SHA-256.

A change to the rules that alters them on purpose updates the digests here, and its commit says why
and what changed (``make eval`` before and after). A speed change must leave them as they are.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from frontlines.events import write_events
from frontlines.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth

#: SHA-256 of the events.csv that ``extract`` gives for the seeds (12 events).
SEEDS_DIGEST = "2e0068aaccbbfb31d2ac94eeefb9aeb21deb70378a4ec134a1ed30d81f57fb06"
#: ... and for the 200 synthetic articles of seed 11 (1,291 events), with one job and with two.
SYNTHETIC_DIGEST = "a870524b3809e9434bb8646a009456a32b641b4d96b36fc6e6f5ee571a6c73d3"


def _digest(corpus: Path, out: Path, jobs: int = 1) -> str:
    write_events(extract(corpus, jobs=jobs).events, out)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def test_the_seeds_give_the_pinned_events(tmp_path: Path, seeds_dir: Path) -> None:
    assert _digest(seeds_dir, tmp_path / "events.csv") == SEEDS_DIGEST


def test_a_synthetic_corpus_gives_the_pinned_events_with_one_job_and_two(tmp_path: Path) -> None:
    corpus = synth.write_corpus(tmp_path / "corpus", 200, seed=11)
    assert _digest(corpus, tmp_path / "one.csv") == SYNTHETIC_DIGEST
    assert _digest(corpus, tmp_path / "two.csv", jobs=2) == SYNTHETIC_DIGEST
