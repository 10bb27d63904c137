"""The speed figures of frontlines (``make bench``). See benchmarks/README.md for what each one means.

    python benchmarks/run.py [--quick] [--only scan,extract,load,map] [--compiled PYTHON]

Every figure is printed on one line, with the floor or baseline it is compared with (measured in
the same run) and, where there is one, its target:

    name  value unit  (baseline/floor: value unit, ratio x.xx)  target ...: PASS|MISS

Targets are reported, never asserted. Inputs are synthetic (benchmarks/synth.py), seeded.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth

FIGURES = ("startup", "scan", "extract", "dask", "load", "map")
NAME_WIDTH = 56
#: Groups run a second time in the compiled build when ``--compiled`` names its python.
COMPILED_FIGURES = ("extract",)
#: The build a group runs in ("" for the pure Python one); its figures' names end with it.
BUILD = os.environ.get("FRONTLINES_BENCH_BUILD", "")


def line(name: str, value: float, unit: str, ref: str = "", ref_value: float | None = None, ref_unit: str = "",
         ratio: float | None = None, target: str = "", ok: bool | None = None) -> None:  # fmt: skip
    """Print one figure in the documented format."""
    ref_text = (
        f"{ref}: {_num(ref_value)} {ref_unit}" if ref and ref_value is not None else "baseline/floor: none"
    )
    ratio_text = f", ratio {ratio:.2f}" if ratio is not None else ""
    name = f"{name} [{BUILD}]" if BUILD else name
    text = f"{name:<{NAME_WIDTH}} {_num(value):>9} {unit:<10} ({ref_text}{ratio_text})"
    if target:
        text += f"  target {target}: {'PASS' if ok else 'MISS'}"
    print(text, flush=True)


def note(text: str) -> None:
    print(f"# {text}", flush=True)


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def best_of(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of ``repeat`` runs, in seconds (wall time unless another clock is given)."""
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs in CPU seconds of this process (user + system): figures of one
    process that other jobs on a shared machine disturb far less than its wall time."""
    return best_of(fn, repeat, time.process_time)


# -- 0. start-up ----------------------------------------------------------------------------------
def _child_run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_startup(quick: bool, work: Path) -> None:
    exe = str(Path(sys.executable).with_name("frontlines"))
    env = {**os.environ, "FRONTLINES_CACHE": str(work / "cache")}
    repeat = 3 if quick else 7
    floor = [_child_run([sys.executable, "-c", "pass"]) for _ in range(repeat)]
    helps = [_child_run([exe, "--help"]) for _ in range(repeat)]
    _child_run([exe, "resolve", "Saraqeb"], env)  # builds the index cache once
    resolves = [_child_run([exe, "resolve", "Saraqeb"], env) for _ in range(repeat)]
    note(f"startup: best of {repeat} runs each; CPU is user + system time of the child")
    wall, cpu = min(w for w, _ in helps), min(c for _, c in helps)
    line(
        "startup: frontlines --help (wall)",
        wall,
        "s",
        "python -c pass",
        min(w for w, _ in floor),
        "s",
        wall / min(w for w, _ in floor),
        "< 0.3 s",
        wall < 0.3,
    )
    line("startup: frontlines --help (CPU)", cpu, "s", "python -c pass", min(c for _, c in floor), "s")
    line(
        "startup: frontlines resolve NAME, cached",
        min(w for w, _ in resolves),
        "s",
        "--help",
        wall,
        "s",
        min(w for w, _ in resolves) / wall,
    )


# -- 1. place-mention scan --------------------------------------------------------------------------
def _regex_rate(names: list[str], texts: list[str]) -> tuple[float, float, int]:
    """(MB/s, compile seconds, sample size) of one compiled alternation of every name."""
    t = time.perf_counter()
    alternation = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    compile_s = time.perf_counter() - t
    elapsed = best_cpu(lambda: [sum(1 for _ in alternation.finditer(x.lower())) for x in texts], 1)
    return sum(map(len, texts)) / elapsed / 1e6, compile_s, len(texts)


def bench_scan(quick: bool, work: Path) -> None:
    from frontlines.gazetteer import load_gazetteer
    from frontlines.gazetteer.index import NameIndex
    from frontlines.gazetteer.patterns import build_tables

    n = 200 if quick else 2000
    texts = synth.corpus_texts(n)
    megabytes = sum(map(len, texts)) / 1e6
    note(
        f"scan: {n} synthetic articles, {megabytes:.2f} MB (mean {1e6 * megabytes / n / 1000:.1f} KB), one core;"
        " CPU time of this process, floor included"
    )
    floor_s = best_cpu(lambda: [x.lower().count(" ") for x in texts], 5)
    floor = megabytes / floor_s
    big_target = 60_000 if quick else 300_000
    for label, directory, need in (("shipped", None, 0.30), ("enlarged", work / "gazetteer-big", 0.20)):
        if directory is not None:
            synth.enlarged_gazetteer(directory, target_names=big_target)
        gazetteer = load_gazetteer(directory)
        tables = build_tables(gazetteer)
        index = NameIndex(gazetteer, tables)
        size = f"{len(gazetteer.names) / 1000:.0f}k names"
        note(f"scan: {label} gazetteer: {len(gazetteer.names)} names, {index.name_count} automaton patterns")
        [index.scan(x) for x in texts]  # warm the token caches like a long run would
        warm = best_cpu(lambda index=index: [index.scan_records(x) for x in texts], 1 if quick else 3)
        rate = megabytes / warm
        line(
            f"scan {size} MB/s (hits as arrays)",
            rate,
            "MB/s",
            "floor lower+count",
            floor,
            "MB/s",
            rate / floor,
            f">= {need:.2f} x floor",
            rate / floor >= need,
        )
        line(
            f"scan {size} articles/s",
            n / warm,
            "art/s",
            "floor lower+count",
            n / floor_s,
            "art/s",
            floor_s / warm,
        )
        objects_s = best_cpu(lambda index=index: [index.scan(x) for x in texts], 1 if quick else 3)
        line(
            f"scan {size} MB/s (hits as NameHit objects)",
            megabytes / objects_s,
            "MB/s",
            "floor lower+count",
            floor,
            "MB/s",
            megabytes / objects_s / floor,
        )
        if label == "shipped":
            _scan_options(index, tables.patterns.names, texts, megabytes, floor, size, quick)
        names = sorted(
            {e.name.lower() for e in gazetteer.names if e.name.strip()}, key=lambda s: (-len(s), s)
        )
        sample = texts[: (10 if quick else 40) if len(names) < 100_000 else 2]
        regex_rate, compile_s, k = _regex_rate(names, sample)
        line(
            f"scan {size} vs regex alternation",
            rate,
            "MB/s",
            f"regex, {k}-article sample",
            regex_rate,
            "MB/s",
            rate / regex_rate,
        )
        note(f"scan: regex of {len(names)} names compiled in {compile_s:.1f} s (not counted)")


def _scan_options(
    index, patterns: list[str], texts: list[str], megabytes: float, floor: float, size: str, quick: bool
) -> None:
    """The other ways of getting hits, on the same texts: the reference (regex tokens, then the
    Aho-Corasick automaton of ahocorasick_rs), its two halves apart, and hyperscan (when installed)
    over the same token streams. The native scan does both halves in one C pass."""
    from frontlines.gazetteer.patterns import TOKEN_RE

    repeat = 1 if quick else 2
    streams = []
    token_chars = index._token_chars

    def mapping() -> None:
        streams.clear()
        for text in texts:
            streams.append("".join(map(token_chars.__getitem__, TOKEN_RE.findall(text))))

    map_s = best_cpu(mapping, repeat)
    line(
        f"scan {size} option: regex tokens -> token stream",
        megabytes / map_s,
        "MB/s",
        "floor lower+count",
        floor,
        "MB/s",
        megabytes / map_s / floor,
    )
    index._find("")  # the automaton is built on the first call: not counted
    pass_s = best_cpu(lambda: [index._find(x) for x in streams], repeat)
    line(
        f"scan {size} option: ahocorasick_rs pass only",
        megabytes / pass_s,
        "MB/s",
        "floor lower+count",
        floor,
        "MB/s",
        megabytes / pass_s / floor,
    )
    regex_s = best_cpu(lambda: [index.scan_by_regex(x) for x in texts], repeat)
    line(
        f"scan {size} option: regex tokeniser (reference)",
        megabytes / regex_s,
        "MB/s",
        "floor lower+count",
        floor,
        "MB/s",
        megabytes / regex_s / floor,
    )
    if quick:
        return
    try:
        import hyperscan
    except ImportError:
        note("scan: hyperscan not installed (pip install hyperscan): its option is not measured")
        return
    encoded_patterns = [p.encode() for p in patterns]
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    t = time.perf_counter()
    database.compile(expressions=encoded_patterns, ids=list(range(len(patterns))), elements=len(patterns),
                     flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(patterns))  # fmt: skip
    compile_s = time.perf_counter() - t
    encoded = [x.encode() for x in streams]
    found: list[tuple[int, int, int]] = []

    def on_match(pattern: int, start: int, end: int, _flags: int, _context: object) -> None:
        found.append((pattern, start, end))

    hs_s = best_cpu(lambda: [database.scan(x, match_event_handler=on_match) for x in encoded], repeat)
    line(
        f"scan {size} option: hyperscan pass only",
        megabytes / hs_s,
        "MB/s",
        "automaton pass",
        megabytes / pass_s,
        "MB/s",
        pass_s / hs_s,
    )
    note(
        f"scan: hyperscan compiled {len(patterns)} patterns in {compile_s:.1f} s; it reports every overlapping"
        f" match ({len(found) / repeat / len(texts):.1f} an article, through a Python callback each), not the"
        " leftmost-longest ones the index needs"
    )


# -- 2. end-to-end extraction ---------------------------------------------------------------------
def timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    """(result, wall seconds, CPU seconds) of ``fn()``; the CPU of this process and of the children it
    waited for (pool workers, cluster workers), user + system. CPU time hardly depends on what else
    the machine runs, wall time does. The garbage the earlier runs left is collected first, untimed:
    a full collection it sets off would walk the whole heap inside ``fn`` (0.2-0.6 s after an extract)."""
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, wall, cpu + after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def bench_extract(quick: bool, work: Path) -> None:
    from frontlines.pipeline import Extraction, extract, make_resolver

    n = 200 if quick else 2000
    corpus = synth.write_corpus(work / "corpus", n, seed=11)
    warmup = synth.write_corpus(work / "warmup", 50 if quick else 200, seed=12)
    note(
        f"extract: {n} synthetic articles in {corpus}; gazetteer load excluded for jobs=1, pool start included for jobs=2"
    )
    resolver = make_resolver()  # writes the index cache
    # the same for the pool alone: loaded from the cache, as the cold jobs=2 run below does first
    resolver2, load_wall, _ = timed(make_resolver)
    for warmed in (resolver, resolver2):
        extract(warmup, resolver=warmed)  # warm caches (token classes, choices) as a long run would
    one, wall1, cpu1 = timed(lambda: extract(corpus, resolver=resolver, jobs=1))
    two, wall2, cpu2 = timed(lambda: extract(corpus, jobs=2))
    pool, wall2w, cpu2w = timed(lambda: extract(corpus, resolver=resolver2, jobs=2))
    assert isinstance(one, Extraction) and isinstance(two, Extraction) and isinstance(pool, Extraction)
    rate1, rate2 = one.articles / wall1, two.articles / wall2
    note(
        f"extract: {one.articles} articles, {one.reports} reports, {len(one.events)} merged events"
        f" (jobs=2: {len(two.events)} events, same: {[e.id for e in one.events] == [e.id for e in two.events]})"
    )
    line("extract jobs=1", rate1, "art/s", "", None)
    line(
        "extract jobs=2",
        rate2,
        "art/s",
        "jobs=1",
        rate1,
        "art/s",
        rate2 / rate1,
        ">= 2000 art/s and >= 1.7x",
        rate2 >= 2000 and rate2 / rate1 >= 1.7,
    )
    note(
        f"extract CPU (this process + workers): jobs=1 {cpu1:.2f} s, jobs=2 {cpu2:.2f} s; the machine gave jobs=1"
        f" {cpu1 / wall1:.0%} of a core and jobs=2 {cpu2 / wall2 / 2:.0%} of two (what else runs slows the wall figures)"
    )
    line("extract jobs=1, per CPU second", one.articles / cpu1, "art/s", "", None)
    _compare_builds(work, one.articles / cpu1)
    line(
        "extract jobs=2, per CPU second",
        two.articles / cpu2,
        "art/s",
        "jobs=1",
        one.articles / cpu1,
        "art/s",
        cpu1 / cpu2 * two.articles / one.articles,
    )
    line(
        "extract jobs=2, on 2 idle cores (from CPU)",
        2 * two.articles / cpu2,
        "art/s",
        "jobs=1",
        one.articles / cpu1,
        "art/s",
        2 * cpu1 / cpu2 * two.articles / one.articles,
        ">= 2000 art/s",
        2 * two.articles / cpu2 >= 2000,
    )
    note(
        f"extract jobs=2 with a resolver loaded and warmed as for jobs=1: the pool alone, its start counted but not the"
        f" gazetteer load from the index cache ({load_wall:.2f} s) nor the first article's warm-up; CPU {cpu2w:.2f} s"
    )
    line("extract jobs=2, warm resolver", pool.articles / wall2w, "art/s", "jobs=1", rate1, "art/s",
         pool.articles / wall2w / rate1)  # fmt: skip
    line("extract jobs=2, warm resolver, from CPU", 2 * pool.articles / cpu2w, "art/s", "jobs=1",
         one.articles / cpu1, "art/s", 2 * cpu1 / cpu2w * pool.articles / one.articles)  # fmt: skip
    # what a user waits for: start-up, gazetteer load from the index cache, extraction, the CSV, the summary
    out = work / "cli-events.csv"
    cli_wall, cli_cpu = _child_run([str(Path(sys.executable).with_name("frontlines")), "extract", str(corpus),
                                    "--jobs", "2", "--out", str(out)])  # fmt: skip
    same = out.read_bytes() == _csv_bytes(two.events, work / "library-events.csv")
    note(f"extract CLI: frontlines extract --jobs 2 took {cli_wall:.2f} s ({cli_cpu:.2f} s CPU) for {n} articles,"
         f" CSV same as the library's: {same}; 100,000 articles at this rate: {1e5 * cli_wall / n / 60:.1f} min")  # fmt: skip
    line("extract CLI jobs=2, end to end", n / cli_wall, "art/s", "library jobs=2", rate2, "art/s",
         n / cli_wall / rate2)  # fmt: skip


def _compare_builds(work: Path, cpu_rate: float) -> None:
    """The pure build's run records its rate; the compiled build's run sets its own against it."""
    record = work / "extract-pure.json"
    if not BUILD:
        record.write_text(json.dumps({"cpu_rate": cpu_rate}))
    elif record.exists():
        pure = json.loads(record.read_text())["cpu_rate"]
        line("extract jobs=1, per CPU second, vs pure", cpu_rate, "art/s", "pure Python", pure, "art/s",
             cpu_rate / pure)  # fmt: skip


def _csv_bytes(events: list, path: Path) -> bytes:
    from frontlines.events import write_events

    write_events(events, path)
    return path.read_bytes()


def bench_dask(quick: bool, work: Path) -> None:
    from frontlines.pipeline import Extraction, extract

    try:
        import distributed  # noqa: F401
    except ImportError:
        note("dask: skipped (pip install 'frontlines[dask]')")
        return
    n = 200 if quick else 2000
    corpus = work / "corpus"
    if not (corpus / "manifest.csv").is_file():
        synth.write_corpus(corpus, n, seed=11)
    note(
        f"dask: {n} synthetic articles; LocalCluster start (2 workers, 1 thread each) counted, as is the pool start"
    )
    local, local_wall, local_cpu = timed(lambda: extract(corpus, jobs=2))
    cluster, dask_wall, dask_cpu = timed(lambda: extract(corpus, jobs=2, engine="dask"))
    assert isinstance(local, Extraction) and isinstance(cluster, Extraction)
    local_rate, dask_rate = local.articles / local_wall, cluster.articles / dask_wall
    same = _csv_bytes(local.events, work / "local.csv") == _csv_bytes(cluster.events, work / "dask.csv")
    note(f"dask: events.csv byte-identical to --jobs 2: {same}")
    line(
        "extract dask LocalCluster, 2 workers",
        dask_rate,
        "art/s",
        "--jobs 2",
        local_rate,
        "art/s",
        dask_rate / local_rate,
        "byte-identical output",
        same,
    )
    line(
        "extract dask LocalCluster, per CPU second",
        cluster.articles / dask_cpu,
        "art/s",
        "--jobs 2",
        local.articles / local_cpu,
        "art/s",
        local_cpu / dask_cpu * cluster.articles / local.articles,
    )


# -- 3. cold gazetteer load -----------------------------------------------------------------------
_COLD = """
import json, sys, time
from pathlib import Path
def rss(field):  # MiB, from /proc (ru_maxrss survives exec and would report the parent's peak)
    for row in open("/proc/self/status"):
        if row.startswith(field):
            return int(row.split()[1]) / 1024
clock = time.process_time  # CPU time (user + system) of this process: the machine may be shared
t0 = clock()
import frontlines.gazetteer as g
from frontlines.gazetteer.index import NameIndex
from frontlines.gazetteer.resolve import Resolver
t1 = clock(); rss0 = rss("VmRSS:")
gaz = g.load_gazetteer(sys.argv[1] or None)
t2 = clock()
index = NameIndex.cached(gaz, Path(sys.argv[2]))
Resolver(gaz, index)
t3 = clock(); peak_ready = rss("VmHWM:")
index.scan("Rebels took Saraqeb.")
t4 = clock()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "index": t3 - t2, "scan": t4 - t3, "names": len(gaz.names),
                  "rss0": rss0, "ready": peak_ready, "rss": rss("VmHWM:")}))
"""


def bench_load(quick: bool, work: Path) -> None:
    big = work / "gazetteer-big"
    if not (big / "names.csv").is_file():
        synth.enlarged_gazetteer(big, target_names=60_000 if quick else 300_000)
    note(
        "load: a fresh process each; 'first run' builds the index and writes its cache, 'cold start' is a new"
        " process that reads it (gazetteer load + index ready for look-ups); the scanner's trie is built at the first scan;"
        " times are CPU time of the child (imports from the interpreter's start)"
    )
    for label, directory, target_s in (("shipped", "", 1.0), ("enlarged", str(big), 3.0)):
        cache = work / f"cold-cache-{label}"
        runs = []
        for _ in range(2 if quick else 3):  # the first run builds the cache; the others read it
            out = subprocess.run([sys.executable, "-c", _COLD, directory, str(cache)], capture_output=True, text=True,
                                 check=True)  # fmt: skip
            runs.append(json.loads(out.stdout))
        first, cold = runs[0], min(runs[1:], key=lambda r: r["load"] + r["index"])
        size = f"{first['names'] / 1000:.0f}k names"
        line(
            f"first run {size}: index build + cache write",
            first["index"],
            "s",
            "load_gazetteer",
            first["load"],
            "s",
            first["index"] / first["load"],
        )
        line(
            f"first run {size}: peak RSS",
            first["rss"],
            "MiB",
            "RSS after imports",
            first["rss0"],
            "MiB",
            first["rss"] / first["rss0"],
        )
        start = cold["load"] + cold["index"]
        line(
            f"cold start {size}: gazetteer + cached index",
            start,
            "s",
            "python + imports",
            cold["import"],
            "s",
            start / cold["import"],
            f"< {target_s:.0f} s",
            start < target_s,
        )
        line(
            f"cold start {size}: of which index from cache",
            cold["index"],
            "s",
            "first run's build",
            first["index"],
            "s",
            cold["index"] / first["index"],
        )
        big_target = label == "enlarged" and not quick
        line(
            f"cold start {size}: peak RSS",
            cold["ready"],
            "MiB",
            "RSS after imports",
            cold["rss0"],
            "MiB",
            cold["ready"] / cold["rss0"],
            "< 400 MiB" if big_target else "",
            cold["ready"] < 400,
        )
        line(
            f"cold start {size}: first scan (trie build)",
            cold["scan"],
            "s",
            "cold start",
            start,
            "s",
            cold["scan"] / start,
        )
        line(
            f"cold start {size}: peak RSS after first scan",
            cold["rss"],
            "MiB",
            "RSS after imports",
            cold["rss0"],
            "MiB",
            cold["rss"] / cold["rss0"],
        )


# -- 4. maps ----------------------------------------------------------------------------------------
def bench_map(quick: bool, work: Path) -> None:
    from frontlines.render import render_snapshot, render_timeline
    from frontlines.timeline import build_timeline

    pool = synth.place_pool()
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    biggest = None
    for n in sizes:
        events = synth.synthetic_events(n, pool=pool)
        t = time.perf_counter()
        timeline = build_timeline(events)
        timeline_s = time.perf_counter() - t
        places = len({e.place.id for e in events})
        day = sorted(timeline.change_dates())[len(timeline.change_dates()) // 2]
        snap = work / f"snapshot-{n}.html"
        snap_s = best_of(
            lambda timeline=timeline, day=day, snap=snap: render_snapshot(
                timeline, day, snap, tiles="none", self_contained=True
            ),
            1,
        )
        page = work / f"timeline-{n}.html"
        page_s = best_of(
            lambda timeline=timeline, page=page: render_timeline(
                timeline, page, tiles="none", self_contained=True
            ),
            1,
        )
        k = f"{n // 1000}k"
        note(f"map: {n} events at {places} places; build_timeline {timeline_s:.2f} s (not counted below)")
        line(
            f"map {k} events: snapshot build",
            snap_s,
            "s",
            "build_timeline",
            timeline_s,
            "s",
            snap_s / timeline_s,
        )
        line(f"map {k} events: snapshot size", snap.stat().st_size / 1e6, "MB", "", None)
        big = n >= 100_000
        line(
            f"map {k} events: timeline build",
            page_s,
            "s",
            "build_timeline",
            timeline_s,
            "s",
            page_s / timeline_s,
            "< 3 s" if big else "",
            page_s < 3,
        )
        mb = page.stat().st_size / 1e6
        line(
            f"map {k} events: timeline size",
            mb,
            "MB",
            "snapshot",
            snap.stat().st_size / 1e6,
            "MB",
            mb / (snap.stat().st_size / 1e6),
            "< 10 MB" if big else "",
            mb < 10,
        )
        biggest = (n, page)
    if biggest is not None:
        _bench_browser(*biggest, strict=not quick)


_STEP_JS = """
async (days) => {
  const f = window.frontlines, renderers = [];
  f.map.eachLayer(l => { if (l instanceof L.Canvas) renderers.push(l); });
  Object.values(f.map._layers).forEach(l => { if (l._renderer && !renderers.includes(l._renderer)) renderers.push(l._renderer); });
  const flush = () => renderers.forEach(r => { if (r._redrawRequest) { L.Util.cancelAnimFrame(r._redrawRequest); r._redrawRequest = null; r._redraw(); } });
  const d0 = f.data.days[0], d1 = f.data.days[1], mid = Math.floor((d0 + d1) / 2);
  f.setDay(mid - 1); flush();
  let js = 0, total = 0;
  for (let k = 0; k < days; k++) {
    const t0 = performance.now();
    f.setDay(mid + k);
    const t1 = performance.now();
    flush();
    const t2 = performance.now();
    js += t1 - t0; total += t2 - t0;
  }
  return [js / days, total / days];
}
"""


def _bench_browser(n: int, page_path: Path, strict: bool) -> None:
    sys.path.insert(0, str(HERE.parent / "tests"))
    try:
        from browser_helpers import PageWatch, browser, chromium_available
    except ImportError:
        note("browser figures skipped: tests/browser_helpers.py not found")
        return
    if not chromium_available():
        note("browser figures skipped: needs playwright and /usr/bin/chromium")
        return
    k = f"{n // 1000}k"
    with browser() as b:
        loads = []
        for _ in range(3):
            watch = PageWatch(b, offline=True)
            t = time.perf_counter()
            watch.open(page_path)
            loads.append(time.perf_counter() - t)
            steps = watch.page.evaluate(_STEP_JS, 30)
            errors = list(watch.errors)
            watch.close()
        if errors:
            note(f"browser errors: {errors[:3]}")
        first = min(loads)
        line(
            f"map {k} events: first frame (chromium)",
            first,
            "s",
            "",
            None,
            "",
            None,
            "< 1.5 s" if strict else "",
            first < 1.5,
        )
        line(f"map {k} events: slider step, JS only", steps[0], "ms", "", None)
        line(
            f"map {k} events: slider step + repaint",
            steps[1],
            "ms",
            "JS only",
            steps[0],
            "ms",
            steps[1] / steps[0] if steps[0] else None,
            "< 50 ms" if strict else "",
            steps[1] < 50,
        )


#: What each figure group runs.
RUNNERS: dict[str, Callable[[bool, Path], None]] = {
    "startup": bench_startup,
    "scan": bench_scan,
    "extract": bench_extract,
    "dask": bench_dask,
    "load": bench_load,
    "map": bench_map,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="frontlines speed figures")
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument(
        "--only", default=",".join(FIGURES), help=f"comma-separated subset of {','.join(FIGURES)}"
    )
    parser.add_argument("--compiled", type=Path, help="the python of a compiled build (make compiled): runs"
                        f" {', '.join(COMPILED_FIGURES)} again there")  # fmt: skip
    parser.add_argument("--group-in", type=Path, help=argparse.SUPPRESS)  # a child: one group in this folder
    args = parser.parse_args(argv)
    chosen = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = sorted(set(chosen) - set(FIGURES))
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(unknown)} (choose from {', '.join(FIGURES)})")
    if args.group_in is not None:
        for name in chosen:
            RUNNERS[name](args.quick, args.group_in)
        return 0
    note(
        f"frontlines benchmarks{' (quick)' if args.quick else ''}: python {sys.version.split()[0]},"
        f" {os.cpu_count()} cores; each group in a fresh process"
    )
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontlines-bench-") as tmp:
        work = Path(tmp)
        os.environ["FRONTLINES_CACHE"] = str(work / "cache")  # each run starts with an empty index cache
        for name in FIGURES:
            if name in chosen:
                # A fresh process per group: what one group leaves in memory (the 300k-name gazetteer, the
                # 291k-name regex that ``re`` keeps in its cache) made the next group's forked workers
                # slower (the extraction with 2 jobs after the scan: 417 art/s, alone 511).
                child = [__file__, "--only", name, "--group-in", str(work)] + ["--quick"] * args.quick
                subprocess.run([sys.executable, *child], check=True)
                if args.compiled is not None and name in COMPILED_FIGURES:
                    env = {**os.environ, "FRONTLINES_BENCH_BUILD": "compiled"}
                    subprocess.run([str(args.compiled), *child], check=True, env=env)
    note(f"total {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
