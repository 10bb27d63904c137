"""The look-ups of unknown spellings (``NearbySpellings``, ``PartNames``) and their on-disk cache.

Both are built from every name's forms and the places' kinds and coordinates: 0.2-0.3 s for the shipped
gazetteer, which the first article of each run paid before a pool of workers could fork. The cache
keeps what they are built from as plain arrays (numpy's ``.npz``, read without pickle), and the
neighbourhood of every place that may be an anchor (cut once when the cache is written, where each
process cut those its articles needed, about 20 us each), beside the name index and keyed by it and by
the places; a cache that fails any check is rebuilt with one warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import warnings
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from frontlines.atomic import atomic_open
from frontlines.errors import FrontlinesError, FrontlinesWarning
from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.nearby import LETTERS, NearbySpellings
from frontlines.gazetteer.normalise import LooseSignature
from frontlines.gazetteer.parts import PartNames
from frontlines.gazetteer.tables import NameForm, cache_root, strings, text_array

#: Bumped whenever what the look-ups are built from changes, so that old caches are not reused.
LOOKUPS_VERSION = 2
_TEXT_FIELDS = frozenset({"meta", "ids", "keys", "skeletons", "initials", "endings", "anchors"})
_INT_FIELDS = frozenset(
    {
        "entries",
        "signature_places",
        "words",
        "nisba",
        "part_places",
        "offsets",
        "values",
        "near_offsets",
        "near_entries",
    }
)


def cached_lookups(
    gazetteer: Gazetteer,
    forms: Callable[[], Sequence[NameForm]],
    index_key: str | None,
    cache_dir: Path | None = None,
) -> tuple[NearbySpellings, PartNames]:
    """The look-ups of a gazetteer, read from the cache when a valid one is there, else built from its
    names' ``forms`` (and cached when the index is: ``index_key`` names its cache, None for none)."""
    root = cache_dir if cache_dir is not None else cache_root()
    if root is None or index_key is None:
        return _built(gazetteer, forms)
    meta = {"format": "frontlines-lookups", "version": LOOKUPS_VERSION, "index": index_key,
            "places": places_digest(gazetteer)}  # fmt: skip
    path = root / f"lookups-{hashlib.sha256(json.dumps(meta).encode()).hexdigest()[:24]}.npz"
    if os.path.lexists(path):
        try:
            return _read(path, meta, gazetteer)
        except Exception as exc:  # noqa: BLE001 - the bytes are untrusted: any failure means a rebuild
            reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
            warnings.warn(f"{path}: unusable look-up cache ({reason}); rebuilding it", FrontlinesWarning,
                          stacklevel=2)  # fmt: skip
    nearby, parts = _built(gazetteer, forms)
    _write(path, nearby, parts, meta)
    return nearby, parts


def places_digest(gazetteer: Gazetteer) -> str:
    """A digest of what the look-ups read of each place besides its names: kind, coordinates, outside."""
    rows = "".join(
        [f"{p.id}\t{p.kind}\t{p.lat!r}\t{p.lon!r}\t{p.outside:d}\n" for p in gazetteer.places.values()]
    )
    return hashlib.sha256(rows.encode("utf-8", "surrogatepass")).hexdigest()


def _built(
    gazetteer: Gazetteer, forms: Callable[[], Sequence[NameForm]]
) -> tuple[NearbySpellings, PartNames]:
    return NearbySpellings.from_forms(gazetteer, forms()), PartNames(gazetteer, forms)


def _write(path: Path, nearby: NearbySpellings, parts: PartNames, meta: dict[str, object]) -> None:
    """The look-ups' tables as plain arrays, written atomically; an unwritable place is ignored."""
    place_ids, keys, signatures, counts = nearby.tables()
    anchors, near_offsets, near_entries = nearby.neighbourhoods()
    part_places, endings = parts.tables()
    ids = sorted(set(place_ids) | set(part_places))
    number = {place_id: i for i, place_id in enumerate(ids)}
    values = [k for places in endings.values() for k in places]
    arrays = {
        "meta": text_array([json.dumps(meta, sort_keys=True)]),
        "ids": text_array(ids),
        "entries": np.array([number[place_id] for place_id in place_ids], dtype=np.int32),
        "keys": text_array(keys),
        "counts": counts.reshape(-1),
        "signature_places": np.array([number[place_id] for _, place_id in signatures], dtype=np.int32),
        "skeletons": text_array(s[0] for s, _ in signatures),
        "words": np.array([s[1] for s, _ in signatures], dtype=np.int32),
        "initials": text_array(s[2] for s, _ in signatures),
        "nisba": np.array([s[3] for s, _ in signatures], dtype=np.int32),
        "part_places": np.array([number[place_id] for place_id in part_places], dtype=np.int32),
        "endings": text_array(" ".join(ending) for ending in endings),
        "offsets": np.cumsum([0, *map(len, endings.values())], dtype=np.int32),
        "values": np.array(values, dtype=np.int32),
        "anchors": text_array(anchors),
        "near_offsets": near_offsets.astype(np.int32),
        "near_entries": near_entries.astype(np.int32),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(path) or stat.S_ISREG(os.lstat(path).st_mode):
            with atomic_open(path, "wb") as handle:
                np.savez(handle, **arrays)  # type: ignore[arg-type]  # numpy's stub: see tables.write_cache
    except (OSError, FrontlinesError):
        pass


def _read(path: Path, meta: dict[str, object], gazetteer: Gazetteer) -> tuple[NearbySpellings, PartNames]:
    """The look-ups from a cache file, checked field by field; raises on anything unexpected."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # no link, no waiting on a FIFO
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError("not a regular file")
        with np.load(handle, allow_pickle=False) as data:
            if set(data.files) != _TEXT_FIELDS | _INT_FIELDS | {"counts"}:
                raise ValueError("unexpected fields")
            arrays = {name: data[name] for name in data.files}
    for name, values in arrays.items():
        dtype = np.uint8 if name in _TEXT_FIELDS else np.int8 if name == "counts" else np.int32
        if values.dtype != dtype or values.ndim != 1:
            raise ValueError(f"field {name} is not a flat {np.dtype(dtype).name} array")
    if json.loads(strings(arrays["meta"])[0]) != meta:
        raise ValueError("built from other names or places, or by another version")
    ids = strings(arrays["ids"])
    if any(place_id not in gazetteer.places for place_id in ids):
        raise ValueError("a place the gazetteer lacks")
    number = [
        *arrays["entries"].tolist(),
        *arrays["signature_places"].tolist(),
        *arrays["part_places"].tolist(),
    ]
    if number and not 0 <= min(number) <= max(number) < len(ids):
        raise ValueError("place numbers out of range")
    keys = strings(arrays["keys"])
    place_ids = [ids[k] for k in arrays["entries"].tolist()]
    counts = arrays["counts"]
    if len(place_ids) != len(keys) or len(counts) != len(keys) * LETTERS:
        raise ValueError("entries, keys and letter counts do not match")
    fields = (strings(arrays["skeletons"]), arrays["words"].tolist(), strings(arrays["initials"]),
              arrays["nisba"].tolist(), arrays["signature_places"].tolist())  # fmt: skip
    if len({len(field) for field in fields}) != 1:
        raise ValueError("signature fields of different lengths")
    skeletons, words, initials, nisbas, _ = fields
    if any(len(initial) != 1 for initial in initials) or any(len(skeleton) < 3 for skeleton in skeletons) \
            or (words and min(words) < 1) or not set(nisbas) <= {0, 1}:  # fmt: skip
        raise ValueError("signatures out of shape")  # as loose_signature makes them
    signatures: list[tuple[LooseSignature, str]] = [
        ((skeleton, words, initial, bool(nisba)), ids[k])
        for skeleton, words, initial, nisba, k in zip(*fields)
    ]
    endings_text = strings(arrays["endings"])
    offsets, values = arrays["offsets"].tolist(), arrays["values"].tolist()
    places = [ids[k] for k in arrays["part_places"].tolist()]
    if len(offsets) != len(endings_text) + 1 or offsets[0] != 0 or offsets[-1] != len(values) \
            or any(b <= a for a, b in pairwise(offsets)) \
            or values and not 0 <= min(values) <= max(values) < len(places):  # fmt: skip
        raise ValueError("endings do not match their places")
    endings = {
        tuple(ending.split(" ")): values[offsets[k] : offsets[k + 1]] for k, ending in enumerate(endings_text)
    }
    nearby = NearbySpellings(gazetteer, place_ids, keys, signatures, counts.reshape(len(keys), LETTERS))
    anchors, near_offsets, near_entries = (
        strings(arrays["anchors"]),
        arrays["near_offsets"],
        arrays["near_entries"],
    )
    if len(near_offsets) != len(anchors) + 1 or near_offsets[0] != 0 or near_offsets[-1] != len(near_entries) \
            or (np.diff(near_offsets) < 0).any() or any(place_id not in gazetteer.places for place_id in anchors) \
            or len(near_entries) and not 0 <= near_entries.min() <= near_entries.max() < len(keys):  # fmt: skip
        raise ValueError("neighbourhoods do not match their anchors and entries")
    nearby.with_neighbourhoods(anchors, near_offsets, near_entries)
    return nearby, PartNames.of(gazetteer, places, endings)
