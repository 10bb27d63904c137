"""The tables a name index is made of, and their on-disk cache.

The cache holds plain arrays (numpy's ``.npz``, read without pickle: loading it runs no code), keyed
by the gazetteer's names, the index layout and the library version, and checked field by field on
load; ``NameIndex.cached`` rebuilds a cache that fails any check.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from array import array
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import numpy as np

from frontlines.atomic import atomic_open
from frontlines.errors import FrontlinesError
from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import LooseSignature, article_split, loose_signature, name_key


class Table:
    """String keys to sorted place ids, held flat (a row per key, its ids in one shared list), so that
    it is built, written as arrays and read back without a set per key."""

    __slots__ = ("_rows", "names", "offsets", "values")

    def __init__(self, keys: list[str] | str, offsets: array[int], values: list[str]):
        self.names = keys
        self.offsets = offsets
        self.values = values
        self._rows: dict[str, int] | None = None

    @classmethod
    def of(cls, mapping: dict[str, set[str]]) -> Table:
        """The table of a key -> ids mapping, keys and ids sorted."""
        keys = sorted(mapping)
        values: list[str] = []
        offsets = array("i", [0])
        for key in keys:
            values.extend(sorted(mapping[key]))
            offsets.append(len(values))
        return cls(keys, offsets, values)

    def get(self, key: str) -> tuple[str, ...]:
        """The ids of a key, sorted (empty for an unknown key)."""
        if self._rows is None:
            self._rows = dict(zip(self.names, range(len(self.names))))
        row = self._rows.get(key)
        return () if row is None else self.row(row)

    def row(self, row: int) -> tuple[str, ...]:
        """The ids of the key in one row."""
        return tuple(self.values[self.offsets[row] : self.offsets[row + 1]])


class Tables(NamedTuple):
    """What an index is made of: built from a gazetteer's names, or read back from the cache."""

    tokens: list[str]  # token keys, in automaton-character order
    patterns: Table  # automaton patterns (token-character strings) -> place ids
    by_fold: Table
    by_key: Table
    by_skeleton: Table
    # each name of the gazetteer, in its order: name key, SPLIT and the key of its article_split form if
    # it has one, the loose signature's fields if it has one, separated by FIELD, ended by NUL (``NameForm``)
    name_forms: str

    def arrays(self, meta: dict[str, object]) -> dict[str, np.ndarray]:
        """The tables as plain arrays for the cache: UTF-8 text, and int32 offsets and id numbers."""
        tables = {
            "pattern": self.patterns,
            "fold": self.by_fold,
            "key": self.by_key,
            "skeleton": self.by_skeleton,
        }
        ids = sorted(set().union(*(t.values for t in tables.values())))
        number = {place_id: i for i, place_id in enumerate(ids)}
        arrays = {
            "meta": text_array([json.dumps(meta, sort_keys=True)]),
            "ids": text_array(ids),
            "tokens": text_array(self.tokens),
            "name_forms": np.frombuffer(self.name_forms.encode("utf-8", "surrogatepass"), dtype=np.uint8),
        }
        for name, table in tables.items():
            arrays[f"{name}_keys"] = text_array(table.names)
            arrays[f"{name}_offsets"] = np.frombuffer(table.offsets, dtype=np.int32)
            arrays[f"{name}_values"] = np.fromiter(
                map(number.__getitem__, table.values), np.int32, len(table.values)
            )
        return arrays


#: Separates the fields of one name's forms (keys and skeletons are folded letters: none holds it).
FIELD = "\x1f"
#: Comes before the key of a name's ``article_split`` form, when it has one.
SPLIT = "\x1e"
#: What the ``name_forms`` of a cache must look like: a key, the split form's key if any, and a whole
#: signature if any. Possessive: the backtracking state of a plain ``*`` over 300k names took 109 MiB.
NAME_FORMS_RE = re.compile(
    "(?:[^\0\x1e\x1f]*+(?:\x1e[^\0\x1e\x1f]++)?+"
    "(?:\x1f[^\0\x1e\x1f]++\x1f[0-9]++\x1f[^\0\x1e\x1f]\x1f1?+)?+\0)*+"
)


class NameForm(NamedTuple):
    """What the look-ups of unknown spellings index of one gazetteer name (``NameIndex.name_forms``)."""

    key: str  # its ``name_key``
    split_key: str  # the ``name_key`` of its ``article_split`` form; empty when it has none
    signature: LooseSignature | None  # its ``loose_signature``


def name_forms_of(gazetteer: Gazetteer) -> str:
    """The ``name_forms`` of a gazetteer's names as one string (see ``Tables``)."""
    forms = []
    for entry in gazetteer.names:
        split = article_split(entry.name)
        split_key = name_key(split) if split else ""
        fields = [name_key(entry.name) + (SPLIT + split_key if split_key else "")]
        signature = loose_signature(entry.name)
        if signature is not None:
            skel, words, initial, nisba = signature
            fields += [skel, str(words), initial, "1" if nisba else ""]
        forms.append(FIELD.join(fields) + "\0")
    return "".join(forms)


def parse_name_forms(text: str) -> list[NameForm]:
    """The forms of each name of a ``name_forms`` string."""
    forms: list[NameForm] = []
    for form in text.split("\0")[:-1]:
        keys, *signature = form.split(FIELD)
        key, _, split_key = keys.partition(SPLIT)
        if signature:
            skel, words, initial, nisba = signature
            forms.append(NameForm(key, split_key, (skel, int(words), initial, nisba == "1")))
        else:
            forms.append(NameForm(key, split_key, None))
    return forms


CACHE_FORMAT = "frontlines-name-index"
#: The arrays of a cache file: UTF-8 text (strings each ended by NUL) or int32.
_TEXT_FIELDS = frozenset(
    {"meta", "ids", "tokens", "name_forms"} | {f"{t}_keys" for t in ("pattern", "fold", "key", "skeleton")}
)
_INT_FIELDS = frozenset(
    f"{t}_{part}" for t in ("pattern", "fold", "key", "skeleton") for part in ("offsets", "values")
)


def cache_meta(gazetteer: Gazetteer, version: int) -> dict[str, object]:
    """What a cache must have been built from: the gazetteer's names, this index layout and library."""
    names = "".join([f"{entry.place_id}\t{entry.name}\n" for entry in gazetteer.names])
    digest = hashlib.sha256(names.encode("utf-8", "surrogatepass"))
    try:
        library = metadata.version("frontlines")
    except metadata.PackageNotFoundError:
        library = "unknown"
    return {"format": CACHE_FORMAT, "index_version": version, "library": library,
            "gazetteer": digest.hexdigest(), "names": len(gazetteer.names)}  # fmt: skip


def text_array(strings: Iterable[str]) -> np.ndarray:
    """Strings as one array of UTF-8 bytes, each string ended by NUL (which no string may hold)."""
    strings = list(strings)
    text = "".join(f"{s}\0" for s in strings)
    if text.count("\0") != len(strings):
        raise ValueError("a string holds NUL")
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def strings(data: np.ndarray) -> list[str]:
    """The strings of a ``text_array``."""
    strings = data.tobytes().decode("utf-8", "surrogatepass").split("\0")
    if strings.pop() != "":
        raise ValueError("text field not NUL-terminated")
    return strings


def _read_table(arrays: dict[str, np.ndarray], name: str, ids: list[str]) -> Table:
    """One table from its three arrays, after checking that they fit together.

    The patterns' keys stay one NUL-separated string (split when the automaton is built: a million
    small strings cost memory that look-ups alone never need)."""
    if name == "pattern":
        joined = arrays["pattern_keys"].tobytes().decode("utf-8", "surrogatepass")
        if joined[:1] == "\0" or "\0\0" in joined or joined[-1:] not in ("", "\0"):
            raise ValueError("empty or unterminated pattern")
        keys: list[str] | str = joined
        count = joined.count("\0")
    else:
        keys = strings(arrays[f"{name}_keys"])
        count = len(keys)
        if len(set(keys)) != count:
            raise ValueError(f"{name} keys repeat")
    offsets, values = arrays[f"{name}_offsets"], arrays[f"{name}_values"]
    if len(offsets) != count + 1 or offsets[0] != 0 or offsets[-1] != len(values):
        raise ValueError(f"{name} offsets do not match its keys")
    if (np.diff(offsets) <= 0).any() or len(values) and not (0 <= values.min() <= values.max() < len(ids)):
        raise ValueError(f"{name} offsets or values out of range")
    return Table(keys, array("i", offsets.tobytes()), [ids[i] for i in values.tolist()])


def read_cache(path: Path, meta: dict[str, object]) -> Tables:
    """The tables of a cache file, checked field by field; raises on anything unexpected.

    ``np.load`` with ``allow_pickle=False`` reads only plain arrays: no code runs, whatever the bytes.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # no link, no waiting on a FIFO
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError("not a regular file")
        with np.load(handle, allow_pickle=False) as data:
            if set(data.files) != _TEXT_FIELDS | _INT_FIELDS:
                raise ValueError("unexpected fields")
            arrays = {name: data[name] for name in data.files}
    for name, values in arrays.items():
        dtype = np.uint8 if name in _TEXT_FIELDS else np.int32
        if values.dtype != dtype or values.ndim != 1:
            raise ValueError(f"field {name} is not a flat {np.dtype(dtype).name} array")
    if json.loads(strings(arrays["meta"])[0]) != meta:
        raise ValueError("built from other names or by another version")
    ids = strings(arrays["ids"])
    name_forms = arrays["name_forms"].tobytes().decode("utf-8", "surrogatepass")
    if name_forms.count("\0") != meta["names"] or not NAME_FORMS_RE.fullmatch(name_forms):
        raise ValueError("name forms do not match the names")
    patterns, by_fold, by_key, by_skeleton = (
        _read_table(arrays, name, ids) for name in ("pattern", "fold", "key", "skeleton")
    )
    tables = Tables(strings(arrays["tokens"]), patterns, by_fold, by_key, by_skeleton, name_forms)
    if len(tables.tokens) != len(set(tables.tokens)):
        raise ValueError("repeated token")
    return tables


def cache_root() -> Path | None:
    """``$FRONTLINES_CACHE`` (none when it is empty), else ``$XDG_CACHE_HOME/frontlines`` or ``~/.cache/frontlines``."""
    configured = os.environ.get("FRONTLINES_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "frontlines"


def write_cache(path: Path, tables: Tables, meta: dict[str, object]) -> None:
    """Write ``tables`` to ``path`` atomically, never into a link or a FIFO; an unwritable place is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(path) or stat.S_ISREG(os.lstat(path).st_mode):
            with atomic_open(path, "wb") as handle:
                # numpy's stub types **kwds as if a key could be its allow_pickle flag; ours are names
                np.savez(handle, **tables.arrays(meta))  # type: ignore[arg-type]
    except (OSError, FrontlinesError):
        pass
