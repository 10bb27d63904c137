"""One job's CPU time per article, stage by stage: reading, mentions, event rules, merge.

    python benchmarks/stages.py [--articles 2000] [--passes 2]

The corpus is ``synth.py``'s (seed 11), the warm-up 200 other articles (seed 12), as in ``make bench``;
each pass runs every stage over all articles before the next stage, so that each figure is one stage
alone. The first pass is what a long run sees; later passes reuse the resolver's memos of the same
articles and read lower.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

from frontlines.corpus import plan_corpus
from frontlines.events import extract_events, merge_events
from frontlines.events.highways import highway_routes
from frontlines.mentions import find_mentions
from frontlines.models import Article
from frontlines.pipeline import extract, make_resolver
from frontlines.schema import MAX_ARTICLE_BYTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="frontlines-stages-") as tmp:
        corpus = synth.write_corpus(Path(tmp) / "corpus", args.articles, seed=11)
        resolver = make_resolver()
        extract(synth.write_corpus(Path(tmp) / "warmup", 200, seed=12), resolver=resolver)
        routes = highway_routes(resolver.gazetteer.places.values())
        sources, _ = plan_corpus(corpus, MAX_ARTICLE_BYTES)
        gc.freeze()  # the gazetteer and the warmed caches, as ``extract`` does
        for number in range(1, args.passes + 1):
            t = time.process_time()
            articles = [a for a in (source.read() for source in sources) if isinstance(a, Article)]
            reading, t = time.process_time() - t, time.process_time()
            found = [find_mentions(a, resolver, suggest=False) for a in articles]
            mentions, t = time.process_time() - t, time.process_time()
            reports = [
                e for a, m in zip(articles, found, strict=True) for e in extract_events(a, m, highways=routes)
            ]
            rules, t = time.process_time() - t, time.process_time()
            events = merge_events(reports)
            merge = time.process_time() - t
            ms = {k: v / len(articles) * 1e3 for k, v in
                  {"reading": reading, "mentions": mentions, "event rules": rules, "merge": merge}.items()}  # fmt: skip
            print(f"pass {number}: " + ", ".join(f"{k} {v:.3f}" for k, v in ms.items())
                  + f" ms/article; all {sum(ms.values()):.3f}; {len(reports)} reports, {len(events)} events")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
