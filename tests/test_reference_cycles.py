"""An article's objects are freed as soon as it is done: extraction builds no reference cycles.

A cycle (in mypyc's build, two nested functions that call each other share an environment object that
holds both) keeps the whole article alive (its context, sentences, mentions, items) until the cyclic
collector runs; the collector then walks and frees it, which cost the compiled build about 0.3 s of
CPU per 2,000 benchmark articles.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Extracts the corpus twice (the first run loads and warms everything that lives for the run) and prints
#: how many objects the second run left to the cyclic collector.
_COUNT_GARBAGE = """
import gc, sys
from pathlib import Path
from frontlines.pipeline import extract, make_resolver
resolver = make_resolver()
extract(Path(sys.argv[1]), resolver=resolver)
gc.collect()
gc.freeze()
gc.set_debug(gc.DEBUG_SAVEALL)
extract(Path(sys.argv[1]), resolver=resolver)
gc.collect()
print(len(gc.garbage), sorted({type(o).__qualname__ for o in gc.garbage}))
"""


def _garbage(python: Path, corpus: Path) -> str:
    run = subprocess.run(
        [str(python), "-c", _COUNT_GARBAGE, str(corpus)], check=True, capture_output=True, text=True
    )
    return run.stdout.strip()


def test_extraction_leaves_no_cyclic_garbage(seeds_dir: Path, compiled_python: Path) -> None:
    assert _garbage(compiled_python, seeds_dir) == "0 []"


def test_extraction_leaves_no_cyclic_garbage_in_the_interpreted_build(seeds_dir: Path) -> None:
    assert _garbage(Path(sys.executable), seeds_dir) == "0 []"
