"""The API reference's cross-references resolve (``make docs`` builds it with pdoc; see scripts/build_docs.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_docs.py"


def _build_docs():  # the script is not part of the package
    spec = importlib.util.spec_from_file_location("build_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_docstring_reference_resolves() -> None:
    assert _build_docs().broken_references() == []


def test_a_broken_reference_is_reported(tmp_path: Path, monkeypatch) -> None:
    build_docs = _build_docs()
    import frontlines.schema

    monkeypatch.setattr(frontlines.schema, "__doc__", "See :func:`no_such_function` and :class:`PlaceKind`.")
    assert build_docs.broken_references() == ["frontlines.schema: no_such_function"]
