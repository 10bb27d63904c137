"""Deterministic synthetic inputs for the benchmarks: a news-like corpus, an enlarged gazetteer, events.

Everything here is generated from a seeded ``random.Random`` and sorted inputs, so the same seed
gives byte-identical files. The templates are written for the benchmarks (no real article text):
control changes in active, passive and reversed forms, observations, non-events (intentions,
shelling, diplomacy, casualties, quotes) and plenty of distractor text. Places come from the
shipped gazetteer (populated places, weighted towards Idlib, Aleppo and Hama), spelled the
canonical way, as an alternate gazetteer name or as a generated transliteration variant.

    python benchmarks/synth.py OUT_DIR [--articles N] [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from frontlines.gazetteer import default_directory, load_gazetteer
from frontlines.gazetteer.load import Gazetteer
from frontlines.models import DateRange, Event, EventSource, Place

#: Governorate weights for drawing places (OCHA admin1 names as in places.csv).
ADMIN_WEIGHTS = {"Idleb": 8.0, "Aleppo": 4.0, "Hama": 4.0}
OUTLETS = (
    ("Levant Wire", "levantwire.example"),
    ("Orontes Daily", "orontes-daily.example"),
    ("North Syria Monitor", "nsmonitor.example"),
    ("Euphrates Post", "euphratespost.example"),
    ("Middle East Desk", "medesk.example"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
START = date(2019, 4, 1)
SPAN_DAYS = 540

# -- sides ----------------------------------------------------------------------------------------
GOV = ("government forces", "regime forces", "the Syrian army", "pro-government troops", "Assad's forces",
       "the army and allied militias")  # fmt: skip
REB = ("rebels", "opposition fighters", "rebel factions", "insurgents", "the armed opposition",
       "Turkish-backed rebels", "jihadist fighters", "HTS militants")  # fmt: skip
SIDE_ADJ_GOV = ("government-held", "regime-held", "army-controlled")
SIDE_ADJ_REB = ("rebel-held", "opposition-held", "insurgent-held", "HTS-controlled")
KIND_WORD = ("town", "village", "town", "village", "city", "hamlet", "strategic town", "hilltop village")
RELATIVE = ("on {weekday}", "early on {weekday}", "late on {weekday}", "three weeks ago", "last week",
            "two days ago", "on {day} {month}", "earlier this month", "overnight", "at dawn on {weekday}",
            "last month", "in {month}", "yesterday")  # fmt: skip

# -- control-change sentences ({g} gainer, {l} loser, {p} place, {k} kind word, {w} when) ---------
CHANGES = (
    "{G} recaptured the {k} of {p} {w}, according to a statement carried by state media.",
    "{G} seized {p} {w} after days of heavy clashes with {l}.",
    "{P} fell to {g} {w}, activists on the ground said.",
    "{G} took full control of {p} {w}, a war monitor reported.",
    "The {k} of {p} was captured by {g} {w}.",
    "{G} entered {p} {w} following the withdrawal of {l} from the area.",
    "{L} withdrew from {p} {w}, leaving the {k} to {g}.",
    "{P}, which {l} had held for years, was retaken by {g} {w}.",
    "By {weekday} evening {g} had driven {l} out of {p} and the nearby hamlet of {q}.",
    "Local sources said {p} changed hands {w}, with {g} raising their flag over the main square.",
    "{G} stormed {p} {w} and pushed on towards {q}.",
    "In a counterattack {w}, {g} regained {p}, which they had lost to {l} days earlier.",
)
OBSERVATIONS = (
    "Residents fled the {adj} {k} of {p} as the front line moved closer.",
    "The {adj} village of {p} lies a few kilometres north of {q}.",
    "Aid convoys have not reached the {adj} town of {p} since the start of the month.",
    "{P}, still under the control of {g}, is home to several thousand displaced families.",
)
NON_EVENTS = (
    "{G} are preparing to advance on {p}, a military source told reporters, without giving a timeline.",
    "Russian warplanes struck the outskirts of {p} and {q} {w}, killing at least {n} civilians.",
    "Artillery shelling hit a market in {p}, the civil defence said.",
    "Turkish-backed factions massed near {p} but did not move on the {k}.",
    "Talks in Ankara and Moscow on a ceasefire for the area around {p} ended without agreement.",
    '"We will return to {p} soon," a commander of {g} said in a video posted online.',
    "The United Nations warned that an offensive on {p} could displace tens of thousands more people.",
    "At least {n} fighters were killed in clashes on the edge of {p}, according to a monitoring group.",
    "{G} threatened to storm {p} if {l} did not hand over their heavy weapons.",
    "A drone attack targeted a checkpoint between {p} and {q}, with no casualties reported.",
    "Residents of {p} said they heard explosions through the night but could not confirm who fired.",
    "Diplomats said the fate of {p} would be discussed at the next round of talks in Geneva.",
)
DISTRACTORS = (
    "Temperatures dropped below freezing across the region, and aid groups appealed for blankets and fuel.",
    "The price of bread has doubled since the summer as the local currency lost more than half its value.",
    "Officials from several European governments called for an immediate pause in the fighting.",
    "The ministry of health said hospitals in the area were running short of medicine and generators.",
    "Satellite images reviewed by analysts showed new earthworks along the main supply road.",
    "Schools in the province have been closed for weeks, and many families now live in tents.",
    "Humanitarian agencies estimate that nearly a million people have been displaced since December.",
    "Fuel shortages have forced bakeries to cut their opening hours, residents said.",
    "The central bank announced new measures to support the currency, which traded at a record low.",
    "Heavy rain turned several camps into mud, and aid workers said drainage was urgently needed.",
    "Analysts said the latest moves reflected a wider struggle for influence between regional powers.",
    "The foreign ministry issued a statement condemning what it called interference in internal affairs.",
    "Mobile phone coverage was cut in several districts for most of the day.",
    "Farmers said the wheat harvest would be the smallest in a decade because of the fighting and drought.",
    "A spokesman declined to comment on the reports when contacted by telephone.",
    "Electricity returned for only a few hours a day in most neighbourhoods, residents said.",
)
BOILERPLATE = (
    "Follow us on Twitter and Facebook for the latest updates.",
    "Subscribe to our newsletter to receive the top stories every morning.",
    "Reporting by our correspondents; editing by the news desk.",
    "Copyright the publisher. All rights reserved.",
    "Read more: the latest coverage of the conflict.",
)
HEADLINES = (
    "{G} take {p} as offensive widens",
    "Fighting rages around {p}",
    "{P} changes hands again amid heavy clashes",
    "Thousands flee as front line nears {p}",
    "Ceasefire talks stall as battle for {p} continues",
    "Air strikes hit {p} and {q}",
)


# -- places and spellings -------------------------------------------------------------------------
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' -]*$")


@dataclass
class PlacePool:
    """Populated places with coordinates, their Latin spellings and drawing weights (sorted by id)."""

    places: list[Place]
    spellings: dict[str, list[str]]
    weights: list[float]

    def draw(self, rng: random.Random) -> Place:
        return rng.choices(self.places, weights=self.weights, k=1)[0]


def place_pool(gazetteer: Gazetteer | None = None) -> PlacePool:
    """The populated places of a gazetteer (default: the shipped one) with their Latin names."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    names: dict[str, list[str]] = defaultdict(list)
    for entry in gaz.names:
        if _LATIN.match(entry.name) and entry.name not in names[entry.place_id]:
            names[entry.place_id].append(entry.name)
    places = sorted(
        (p for p in gaz.places.values() if p.kind == "populated_place" and p.lat is not None),
        key=lambda p: p.id,
    )
    places = [p for p in places if _LATIN.match(p.name)]
    weights = [ADMIN_WEIGHTS.get(p.admin1, 1.0) for p in places]
    return PlacePool(places, {p.id: sorted(set(names[p.id]) | {p.name}) for p in places}, weights)


_SWAPS = (("e", "i"), ("i", "e"), ("q", "k"), ("k", "q"), ("ou", "u"), ("u", "ou"), ("ee", "i"),
          ("ay", "ei"), ("ei", "ay"), ("a", "aa"))  # fmt: skip


def transliterate(name: str, rng: random.Random) -> str:
    """A plausible other spelling: vowel and q/k swaps, doubled letters, article and apostrophe changes."""
    words = name.split(" ")
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low.startswith(("al-", "el-", "as-", "ash-", "ad-", "an-", "ar-", "at-", "az-")):
            head, rest = word.split("-", 1)
            r = rng.random()
            word = (
                rest if r < 0.3 else (("el-" if head.lower() == "al" else "al-") + rest if r < 0.6 else word)
            )
        elif i > 0 and rng.random() < 0.15:
            word = "al-" + word
        for a, b in _SWAPS:
            if a in word[1:] and rng.random() < 0.3:
                j = word.index(a, 1)
                word = word[:j] + b + word[j + len(a) :]
        if len(word) > 4 and rng.random() < 0.2:  # double a consonant, or undo a double
            j = rng.randrange(1, len(word) - 1)
            if word[j].isalpha() and word[j] not in "aeiou":
                word = word[:j] + word[j] + word[j:]
        if "'" in word and rng.random() < 0.5:
            word = word.replace("'", rng.choice(("", "’")))
        out.append(word)
    spelled = " ".join(out)
    return spelled[:1].upper() + spelled[1:]


def spell(place: Place, pool: PlacePool, rng: random.Random) -> str:
    """How an article spells a place: canonical (half), an alternate name, or a generated variant."""
    r = rng.random()
    if r < 0.5:
        name = place.name
    elif r < 0.75:
        name = rng.choice(pool.spellings[place.id])
    else:
        name = transliterate(place.name, rng)
    return name if name != name.lower() else " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


# -- articles -------------------------------------------------------------------------------------
def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _when(rng: random.Random, day: date) -> str:
    return rng.choice(RELATIVE).format(weekday=rng.choice(WEEKDAYS), day=day.day, month=MONTHS[day.month - 1])


def _fill(template: str, rng: random.Random, pool: PlacePool, day: date, focus: list[Place]) -> str:
    gov_first = rng.random() < 0.55
    g, l = (rng.choice(GOV), rng.choice(REB)) if gov_first else (rng.choice(REB), rng.choice(GOV))
    p = spell(rng.choice(focus) if rng.random() < 0.7 else pool.draw(rng), pool, rng)
    q = spell(pool.draw(rng), pool, rng)
    adj = rng.choice(SIDE_ADJ_GOV if rng.random() < 0.5 else SIDE_ADJ_REB)
    return template.format(
        g=g, G=_cap(g), l=l, L=_cap(l), p=p, P=_cap(p), q=q, k=rng.choice(KIND_WORD), w=_when(rng, day),
        weekday=rng.choice(WEEKDAYS), adj=adj, n=rng.randint(2, 40),
    )  # fmt: skip


def _dateline(day: date, rng: random.Random) -> str:
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year} at {hour}:{minute:02d} {rng.choice(('am', 'pm'))}"


def article(rng: random.Random, pool: PlacePool, day: date) -> tuple[str, str]:
    """(headline, text) of one article of about 2–4 KB."""
    focus = [pool.draw(rng) for _ in range(rng.randint(2, 5))]
    headline = _cap(_fill(rng.choice(HEADLINES), rng, pool, day, focus))
    lines = [headline, ""]
    if rng.random() < 0.7:
        lines += [_dateline(day, rng), ""]
    target = rng.randint(2000, 3900)
    size = sum(len(x) + 1 for x in lines)
    while True:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            r = rng.random()
            table = (
                CHANGES if r < 0.25 else OBSERVATIONS if r < 0.35 else NON_EVENTS if r < 0.6 else DISTRACTORS
            )
            sentences.append(_fill(rng.choice(table), rng, pool, day, focus))
        paragraph = " ".join(sentences)
        if size + len(paragraph) + 2 > target and size > 1800:
            break
        lines += [paragraph, ""]
        size += len(paragraph) + 2
    lines.append(rng.choice(BOILERPLATE))
    return headline, "\n".join(lines) + "\n"


def write_corpus(out_dir: Path | str, n: int, seed: int = 1, pool: PlacePool | None = None) -> Path:
    """Write ``n`` articles and a manifest.csv to ``out_dir``; the same seed gives the same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pool = pool if pool is not None else place_pool()
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        headline, text = article(rng, pool, day)
        outlet, domain = rng.choice(OUTLETS)
        name = f"{i:06d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        rows.append([name, outlet, headline, day.isoformat(), f"https://{domain}/news/{seed}-{i}"])
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "outlet", "headline", "published", "url"])
        writer.writerows(rows)
    return out


def corpus_texts(n: int, seed: int = 1, pool: PlacePool | None = None) -> list[str]:
    """The texts ``write_corpus`` would write, in memory."""
    pool = pool if pool is not None else place_pool()
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        texts.append(article(rng, pool, day)[1])
        rng.choice(OUTLETS)  # keep the draw sequence of write_corpus
    return texts


# -- an enlarged gazetteer ------------------------------------------------------------------------
_QUALIFIERS = ("al-Sharqi", "al-Gharbi", "al-Shamali", "al-Janubi", "al-Kabir", "al-Saghir", "Tahtani",
               "Fawqani", "al-Jadida", "al-Qadima", "Wastani", "al-Fawqa")  # fmt: skip
_PREFIXES = ("Tal", "Kafr", "Khirbet", "Ain", "Mazraat", "Jisr", "Bir", "Arab", "Qasr", "Umm", "Tell",
             "Deir", "Mughr", "Rasm", "Hamidiyat")  # fmt: skip
_DRIFT = (("a", "e"), ("kh", "h"), ("sh", "s"), ("t", "d"), ("b", "p"), ("j", "g"), ("z", "dh"),
          ("s", "ss"), ("r", "l"), ("aa", "a"))  # fmt: skip


def _variant(name: str, rng: random.Random) -> str:
    """A generated spelling: transliteration noise, sound drift (new keys), qualifiers and prefixes."""
    spelled = transliterate(name, rng)
    if rng.random() < 0.6:
        a, b = rng.choice(_DRIFT)
        if a in spelled[1:]:
            j = spelled.index(a, 1)
            spelled = spelled[:j] + b + spelled[j + len(a) :]
    r = rng.random()
    if r < 0.35:
        spelled = f"{spelled} {rng.choice(_QUALIFIERS)}"
    elif r < 0.7:
        spelled = f"{rng.choice(_PREFIXES)} {spelled}"
    return spelled


def enlarged_gazetteer(out_dir: Path | str, target_names: int = 300_000, seed: int = 7) -> Path:
    """Copy the shipped gazetteer to ``out_dir`` and grow names.csv to about ``target_names`` rows.

    The added rows are generated spellings of populated places (``source`` = ``synthetic``), drawn
    deterministically; names that already exist for the place are skipped.
    """
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(Path(str(default_directory())).resolve(), out)
    names_path = out / "names.csv"
    with names_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    seen = {(r[0], r[1].lower()) for r in rows[1:]}
    pool = place_pool(load_gazetteer(out))
    rng = random.Random(seed)
    added: list[list[str]] = []
    need = target_names - (len(rows) - 1)
    while len(added) < need:
        place = rng.choice(pool.places)
        name = _variant(rng.choice(pool.spellings[place.id]), rng)
        key = (place.id, name.lower())
        if key not in seen:
            seen.add(key)
            added.append([place.id, name, "en", "synthetic"])
    with names_path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(added)
    return out


# -- events for the map figures ------------------------------------------------------------------
#: Evidence sentences are assembled from parts (lead-in, core, detail) with numbers and a second place,
#: so that they are about 100–200 characters and not trivially compressible.
EVIDENCE_LEADS = ("", "According to residents reached by phone, ", "A monitoring group said ", "Local sources said ",
                  "State media reported that ", "Activists posted footage suggesting ", "Officials confirmed ",
                  "In a statement on Telegram, a spokesman said ", "Witnesses told reporters ")  # fmt: skip
EVIDENCE_CORES = (
    "{g} had taken {p} {w}",
    "{l} pulled out of {p} {w} and {g} moved in within hours",
    "{p} was now under the control of {g}",
    "{g} entered the {k} of {p} {w} after {n} hours of clashes",
    "{p} fell to {g} {w}, the {o}th village to change hands since {m}",
    "the {k} of {p}, about {n} km from {q}, was retaken by {g} {w}",
    "{g} captured {p} and the hills overlooking {q}",
)
EVIDENCE_TAILS = ("", ", though sporadic clashes continued on its outskirts", ", with at least {n} fighters killed",
                  " as thousands of residents fled north towards {q}", ", a claim {l} denied",
                  " following heavy air strikes on {q}", ", raising their flag over the main square")  # fmt: skip
_SIDES = ("government", "opposition", "hts", "sdf", "turkey")


def synthetic_events(n: int, seed: int = 3, pool: PlacePool | None = None) -> list[Event]:
    """``n`` control events at real places (about one place in six of the pool), over 540 days."""
    pool = pool if pool is not None else place_pool()
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(pool.places)), k=min(len(pool.places), max(50, min(n // 8, 7700)))))
    places = [pool.places[i] for i in chosen]
    events = []
    for i in range(n):
        place = rng.choice(places)
        gainer, loser = rng.sample(_SIDES, 2)
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        lo = day - timedelta(days=rng.choice((0, 0, 1, 3, 7)))
        kind = rng.choice(("capture", "capture", "recapture", "withdrawal", "observation"))
        sources = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            outlet, domain = rng.choice(OUTLETS)
            other = rng.choice(places).name
            text = (rng.choice(EVIDENCE_LEADS) + rng.choice(EVIDENCE_CORES) + rng.choice(EVIDENCE_TAILS) + ".").format(
                g=gainer + " forces", l=loser + " fighters", p=place.name, q=other, k=rng.choice(KIND_WORD),
                w=_when(rng, day), n=rng.randint(2, 90), o=rng.randint(4, 60), m=MONTHS[rng.randrange(12)],
            )  # fmt: skip
            text = _cap(text)
            sources.append(EventSource(f"a{rng.randrange(10**6)}", outlet, text,
                                       f"https://{domain}/news/{rng.randrange(10**6)}", day + timedelta(days=1)))  # fmt: skip
        dates = DateRange(
            lo, day, day, "day" if lo == day else "week", rng.choice(("on Monday", "last week", ""))
        )
        events.append(Event(f"ev{i:06d}", place, gainer, "" if kind == "observation" else loser, kind, dates,
                            tuple(sources)))  # fmt: skip
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
