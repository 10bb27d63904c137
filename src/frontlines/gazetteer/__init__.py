"""The gazetteer: load curated place data, normalise names, index them, resolve mentions."""

from frontlines.gazetteer.geography import Choice
from frontlines.gazetteer.index import NameHit, NameIndex
from frontlines.gazetteer.load import Gazetteer, default_directory, load_gazetteer
from frontlines.gazetteer.normalise import fold, name_key, skeleton
from frontlines.gazetteer.resolve import Resolver

__all__ = [
    "Choice", "Gazetteer", "NameHit", "NameIndex", "Resolver", "default_directory", "fold", "load_gazetteer",
    "name_key", "skeleton",
]  # fmt: skip
