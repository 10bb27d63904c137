"""``make eval``: score event extraction on the development sets and print one table per set.

Usage: ``python scripts/eval.py [--shared DIR] [--details] [--only-ids IDS]``. ``DIR`` (default
``../shared``) holds ``devset`` and ``devset2``; ``eval/`` is scored too when its article texts are
present (``eval/texts``, git-ignored). ``--details`` lists every missed gold change and every false
positive. ``--only-ids e43-e62,n15-n20`` scores those ``eval/`` articles alone (ids or ranges of one
prefix) and skips the two devsets: the way to take a first look at a new batch of annotations.
The figures are development scores: the rules must not be tuned to these articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import eval_corpus
import eval_devset
import eval_devset2
from eval_common import SetScore, print_details, print_table

from frontlines.gazetteer import Resolver, load_gazetteer


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--details", action="store_true", help="list misses and false positives")
    parser.add_argument("--only-ids", default="", help="score only these eval/ ids, e.g. e43-e62,n15-n20")
    args = parser.parse_args(argv)
    only = eval_corpus.parse_ids(args.only_ids) if args.only_ids else None
    resolver = Resolver(load_gazetteer())
    scores: list[SetScore] = []
    for folder, module in () if only else (("devset", eval_devset), ("devset2", eval_devset2)):
        path = args.shared / folder
        if not path.is_dir():
            print(f"== {folder}: not found at {path}, skipped")
            continue
        scores.append(module.score(path, resolver))
    own = Path(__file__).resolve().parents[1] / "eval"
    listed = eval_corpus.article_ids(own, only)
    missing = eval_corpus.missing_texts(own, only)
    if len(missing) == len(listed):
        print(f"== eval/: SKIPPED, no article text in {own / 'texts'} (not in git: see eval/README.md)")
    else:
        if missing:
            print(f"== eval/: {len(missing)} of {len(listed)} article texts missing from {own / 'texts'}, scored "
                  f"without them and their gold rows: {', '.join(missing)}")  # fmt: skip
        present = frozenset(listed) - frozenset(missing)
        if missing:
            scores.append(eval_corpus.score(own, resolver, present, why="texts present"))
        else:
            scores.append(eval_corpus.score(own, resolver, only))
    print_table(scores)
    if args.details:
        print_details(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
