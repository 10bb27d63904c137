"""The fast scan gives the reference's hits on a generated news-like corpus, from a fresh or a cached index.

Every speed-up of the scan keeps this: same spans, surfaces, places, match kinds and word counts as the
regex tokeniser, so mentions and events stay byte-identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

from frontlines.gazetteer import NameIndex, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth


def test_scan_equals_the_reference_on_a_generated_corpus(tmp_path: Path) -> None:
    gazetteer = load_gazetteer()
    fresh = NameIndex(gazetteer)
    NameIndex.cached(gazetteer, tmp_path)
    cached = NameIndex.cached(gazetteer, tmp_path)
    texts = synth.corpus_texts(60, seed=3)
    hits = 0
    for text in texts:
        reference = fresh.scan_by_regex(text)
        assert fresh.scan(text) == reference
        assert cached.scan(text) == reference
        hits += len(reference)
    assert hits > 60 * 10  # the corpus is dense in names: the comparison is not vacuous
