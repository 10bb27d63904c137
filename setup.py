"""The compiled parts of frontlines; everything else is in pyproject.toml.

- ``frontlines.gazetteer._scan``: the name index's scan in C (Python's own C API only).
- The extraction's hot modules compiled by mypyc from their own type-checked source: the same code,
  the same output (``make test`` checks byte-identity on the seeds and a synthetic corpus), about a
  fifth less CPU per article (``make bench`` measures both builds).

``FRONTLINES_COMPILE`` chooses: ``1`` compiles the hot modules, ``0`` leaves them pure Python, unset
compiles them for a wheel or a plain install but not for an editable one (``make install``), where an
edited ``.py`` must take effect at once instead of hiding behind a stale compiled module.
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup

#: Modules compiled by mypyc: the per-article work of extraction (mentions, rules, dates) and the
#: values it builds. Input, output and rendering stay Python: they spend their time in libraries.
HOT_MODULES = [
    "src/frontlines/models.py",
    "src/frontlines/mentions/__init__.py",
    "src/frontlines/mentions/context.py",
    "src/frontlines/corpus/sentences.py",
    *(
        f"src/frontlines/{package}/{module}.py"
        for package, modules in {
            "literals": ["gate", "regex", "requirements"],
            "dates": ["expressions", "ranges", "reading"],
            "gazetteer": [
                "normalise", "tables", "index", "nearby", "parts", "geography", "bearings", "ranking", "lookups",
                "resolve",
            ],
            "events": [
                "actors", "allies", "anaphors", "clusters", "consensus", "cues", "dating", "discourse", "explain",
                "extract", "highways", "items", "lists", "locatives", "merge", "namesakes", "places", "reports",
                "sentence", "sides", "triggers", "undated",
            ],
        }.items()
        for module in modules
    ),
]  # fmt: skip

#: setup.py also runs to read metadata; only these commands build extensions.
BUILD_COMMANDS = {"bdist_wheel", "build", "build_ext", "editable_wheel", "install"}


def _compile_hot_modules() -> bool:
    if not BUILD_COMMANDS & set(sys.argv):
        return False
    choice = os.environ.get("FRONTLINES_COMPILE", "")
    if choice not in ("", "0", "1"):
        raise SystemExit(f"FRONTLINES_COMPILE must be 0 or 1 (or unset), not {choice!r}")
    return choice == "1" or (choice == "" and "editable_wheel" not in sys.argv)


def _extensions() -> list[Extension]:
    scan = Extension(
        "frontlines.gazetteer._scan", ["src/frontlines/gazetteer/_scan.c"], extra_compile_args=["-O2"]
    )
    if not _compile_hot_modules():
        return [scan]
    from mypyc.build import mypycify

    return [scan, *mypycify(HOT_MODULES, opt_level="3")]


setup(ext_modules=_extensions())
